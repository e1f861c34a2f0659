from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "website.initiatives"
    label = "initiatives"
    verbose_name = "Lokale aanpak"
    seed_steps = {440: "website.initiatives.seed.initiatives"}
