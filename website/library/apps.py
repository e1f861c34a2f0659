from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "website.library"
    label = "library"
    verbose_name = "Documenten"
    seed_steps = {420: "website.library.seed.library"}
