"""System checks for what a deploy must not go without."""

from django.core import checks
from django.db import DatabaseError


@checks.register(checks.Tags.compatibility, deploy=True)
def editors_address_check(app_configs=None, **kwargs):
    """A warning (so `check --deploy --fail-level WARNING` fails) while contact messages,
    stories and sign-ups would reach no editor: no site has an editors' address and
    MANAGERS is empty. Silent before the database is migrated."""
    from .recipients import notification_address_missing  # noqa: PLC0415 - models must be ready

    try:
        missing = notification_address_missing()
    except DatabaseError:
        return []
    if not missing:
        return []
    return [
        checks.Warning(
            "No e-mail address for the editors: new contact messages, stories and sign-ups "
            "reach nobody.",
            hint="Run `manage.py ensure_admin` with EDITORS_EMAIL (or ADMIN_EMAIL) set, or fill "
            "in 'E-mailadres van de redactie' under Instellingen > Gegevens van de organisatie.",
            id="website.W001",
        )
    ]
