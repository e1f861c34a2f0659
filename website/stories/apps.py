from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "website.stories"
    label = "stories"
    verbose_name = "Verhalen"
    seed_steps = {430: "website.stories.seed.stories"}
    personal_data = "website.stories.personal_data"

    def ready(self):
        from . import signals  # noqa: F401, PLC0415 - connect when the models are ready
