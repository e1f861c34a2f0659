from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "website.stories"
    label = "stories"
    verbose_name = "Verhalen"

    def ready(self):
        from . import signals  # noqa: F401
