from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ContributorsConfig(AppConfig):
    """Roles (Beheerder, Redactie, Bijdrager) and contributors: people of a member
    organisation who add events, local initiatives and news for the editors to check."""

    name = "website.contributors"
    label = "contributors"
    verbose_name = "Bijdragers"
    default_auto_field = "django.db.models.BigAutoField"
    seed_steps = {470: "website.contributors.seed.contributor_sections"}

    def ready(self):
        from . import moderation, signals  # noqa: F401, PLC0415 - connect when models are ready
        from .roles import give_administrators_everything  # noqa: PLC0415 - models ready

        # After every app's permissions are made (each app sends post_migrate), so a model
        # added later is the Beheerder's too.
        post_migrate.connect(give_administrators_everything, dispatch_uid="administrators")
