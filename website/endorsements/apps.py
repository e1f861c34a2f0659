from django.apps import AppConfig


class EndorsementsConfig(AppConfig):
    """ "Ik steun dit": people and organisations endorse a manifesto or campaign page, each
    confirmed by e-mail (double opt-in), counted in public and, when they choose so and the
    editors have looked at it, named in public."""

    name = "website.endorsements"
    label = "endorsements"
    verbose_name = "Steunbetuigingen"
    personal_data = "website.endorsements.personal_data"
