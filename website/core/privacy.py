"""AVG/GDPR tools: what the site holds about an e-mail address (art. 15), erasing it
(art. 17), and deleting data past its retention period. Each app that keeps personal data
names a provider module on its AppConfig (`personal_data`, see `website.core.registry`) with
`NAME`, `export(email) -> list[dict]`, `erase(email) -> int` and `expire(before) -> int`."""

from .email_addresses import canonical_email
from .registry import personal_data_providers as providers


def export_personal_data(email):
    email = canonical_email(email)
    return {provider.NAME: provider.export(email) for provider in providers()}


def erase_personal_data(email):
    email = canonical_email(email)
    return {provider.NAME: provider.erase(email) for provider in providers()}


def expire_personal_data(before):
    """{provider name: rows deleted} for what each app keeps longer than `before` (an aware
    datetime: the retention period of the site settings). An app with a shorter period of
    its own (the outbox) applies that too."""
    return {provider.NAME: provider.expire(before) for provider in providers()}
