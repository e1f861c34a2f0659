from django.apps import AppConfig


class WritingConfig(AppConfig):
    """Help for editors: to write plain Dutch (schrijfhulp) and accessible pages (the content
    checker's own rules), and the guide to their tasks ("Handleiding voor de redactie")."""

    name = "website.writing"
    label = "writing"
    verbose_name = "Schrijfhulp"
    default_auto_field = "django.db.models.BigAutoField"
    seed_steps = {130: "website.writing.seed.jargon", 135: "website.writing.seed.guide"}
