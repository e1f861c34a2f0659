from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "website.stories"
    label = "stories"
    verbose_name = "Verhalen"
