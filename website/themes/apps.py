from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "website.themes"
    label = "themes"
    verbose_name = "Thema's"
    seed_steps = {
        400: "website.themes.seed.themes",
        500: "website.themes.seed.theme_tags",
    }
