from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    """Ways to take part: forms editors build themselves ("Formulier" pages), with their
    answers kept only as long as each form says."""

    name = "website.participation"
    label = "participation"
    verbose_name = "Meedoen"
    seed_steps = {495: "website.participation.seed.example_form"}
    personal_data = "website.participation.personal_data"
