from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "website.themes"
    label = "themes"
    verbose_name = "Thema's"
