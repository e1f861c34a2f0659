from django.apps import AppConfig


class SeedConfig(AppConfig):
    """Loading the seed content (`manage.py load_seed`): the parser of the old site's text,
    the context each app's steps use, and the record of what was made."""

    name = "website.seed"
    label = "seed"
    verbose_name = "Startinhoud"
    seed_steps = {
        110: "website.seed.steps.site_address",
        120: "website.seed.steps.site_settings",
    }
