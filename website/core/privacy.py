"""AVG/GDPR tools: what the site holds about an e-mail address (art. 15), erasing it
(art. 17), and deleting data past its retention period. Each app that keeps personal data
names a provider module on its AppConfig (`personal_data`, see `website.core.registry`) with
`NAME`, `export(email) -> list[dict]`, `erase(email) -> int` and `expire(before) -> int`."""

from .models import OutgoingEmail
from .registry import personal_data_providers as providers


def export_personal_data(email):
    email = email.strip().lower()
    return {provider.NAME: provider.export(email) for provider in providers()}


def erase_personal_data(email):
    email = email.strip().lower()
    return {provider.NAME: provider.erase(email) for provider in providers()}


def expire_personal_data(before, sent_mail_before):
    result = {provider.NAME: provider.expire(before) for provider in providers()}
    # Sent and failed mail after a month; mail still waiting after the full retention
    # period (the mail server never came back).
    old_mail = OutgoingEmail.objects.filter(
        status__in=[OutgoingEmail.Status.SENT, OutgoingEmail.Status.FAILED],
        created_at__lt=sent_mail_before,
    )
    stuck_mail = OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.PENDING, created_at__lt=before
    )
    result["outbox"] = old_mail.delete()[0] + stuck_mail.delete()[0]
    return result
