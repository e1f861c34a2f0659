from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Editors' accounts that can't be guessed or taken over: logins counted and locked,
    a second factor (TOTP, django-otp), notices by mail, and the record of sign-ins."""

    name = "website.accounts"
    label = "accounts"
    verbose_name = "Accounts"
    default_auto_field = "django.db.models.BigAutoField"
    personal_data = "website.accounts.personal_data"

    def ready(self):
        from . import signals  # noqa: F401, PLC0415 - connect when models are ready
