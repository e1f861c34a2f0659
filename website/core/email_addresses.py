"""E-mail addresses as mailboxes: which ones mail can reach, and one form of each for storing,
matching and erasing. Every public form, the admin's invitations and the privacy tools use
this, so "Müller.example" and "xn--mller-kva.example" are one subscriber, and erasing one
erases both.

Why refuse some: Django's EmailValidator matches with `re.IGNORECASE`, which lets "İ"
(U+0130), "ſ" (U+017F) and the Kelvin sign (U+212A) pass as i, s and k (django/django#6377).
Lower-cased, "İ" becomes "i" plus a combining dot, a different domain; in the local part a
non-ASCII letter needs SMTPUTF8, which the mail path does not use, and became an RFC 2047
encoded-word inside the address (§5 forbids it). The mail could never arrive while the
visitor was told to look for it, so such an address is refused with the form's own message,
as "zoë@…" already was."""

import contextlib
import unicodedata

import idna
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

MAX_LOCAL_PART = 64  # RFC 5321 §4.5.3.1.1: longer is refused by mail servers


def is_deliverable(address):
    """False for an address (str, as a form cleaned it) with `undeliverable_letters`, a
    local part over MAX_LOCAL_PART characters, a domain without a dot (Django's validator
    lets "localhost" through; no mail from the internet reaches it) or a domain that is no
    valid internationalised domain name (IDNA 2008, UTS #46 mapping)."""
    local, _, domain = address.rpartition("@")
    if undeliverable_letters(address) or len(local) > MAX_LOCAL_PART or "." not in domain:
        return False
    try:
        idna.encode(domain, uts46=True)
    except idna.IDNAError:
        return False
    return True


def undeliverable_letters(address):
    """True when the local part is not ASCII, or the domain has a letter that changes into
    ASCII or into more than one letter when case is folded ("İ", "ſ", "K" U+212A, "ß")."""
    local, _, domain = address.rpartition("@")
    if not local.isascii():
        return True
    for character in domain:
        if not character.isascii():
            folded = unicodedata.normalize("NFKC", character).casefold()
            if len(folded) != 1 or folded.isascii():
                return True
    return False


def canonical_email(address):
    """The one form of `address` (str → str) that is stored, compared and erased: trimmed,
    NFC, lower case, the domain in ASCII (punycode: "müller.example" →
    "xn--mller-kva.example"). An address that cannot be encoded (old data) is only lower-cased."""
    address = unicodedata.normalize("NFC", address.strip()).lower()
    local, at, domain = address.rpartition("@")
    if not at:
        return address
    try:
        return f"{local}@{idna.encode(domain, uts46=True).decode('ascii')}"
    except idna.IDNAError:
        return address


def email_variants(address):
    """Every form in which `address` may have been stored before addresses were made
    canonical: canonical, lower-cased as typed, and with the domain in Unicode."""
    canonical = canonical_email(address)
    local, _, domain = canonical.rpartition("@")
    variants = {canonical, address.strip().lower()}
    with contextlib.suppress(idna.IDNAError):
        variants.add(f"{local}@{idna.decode(domain)}")
    return variants


def readable_email(address):
    """`address` as people write it, for showing: the domain in Unicode again
    ("jan@xn--mller-kva.example" → "jan@müller.example"); unchanged when it cannot be
    decoded."""
    local, at, domain = address.rpartition("@")
    if not at or "xn--" not in domain:
        return address
    try:
        return f"{local}@{idna.decode(domain)}"
    except idna.IDNAError:
        return address


def email_q(field, address):
    """A Q matching `field` (a model's address field) in any of `email_variants`,
    ignoring case."""
    query = Q()
    for variant in email_variants(address):
        query |= Q(**{f"{field}__iexact": variant})
    return query


class EmailAddressField(forms.EmailField):
    """An address field for what visitors type: invisible format characters a phone or a
    pasted line carries (right-to-left marks, zero-width spaces) dropped, an address no mail
    can reach refused with the field's own "invalid" message, the canonical form returned."""

    default_error_messages = {
        "invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl."),
        # Before Django's own check, which calls "zoë@…" no address at all: the person
        # typed their address, with a letter mail cannot carry (caps lock on a Turkish
        # keyboard gives "İ").
        "undeliverable": _(
            "In dit e-mailadres staat een letter die e-mail niet kan bezorgen, zoals İ, ſ, ß "
            "of een letter met een accent vóór de @. Typ het met de gewone letters a tot z, "
            "zoals naam@voorbeeld.nl."
        ),
    }

    def to_python(self, value):
        value = "".join(c for c in value or "" if unicodedata.category(c) != "Cf")
        return unicodedata.normalize("NFC", super().to_python(value))

    def validate(self, value):
        super().validate(value)
        if value and value.count("@") == 1 and undeliverable_letters(value):
            raise ValidationError(self.error_messages["undeliverable"], code="undeliverable")

    def run_validators(self, value):
        super().run_validators(value)
        if value and not is_deliverable(value):
            raise ValidationError(self.error_messages["invalid"], code="invalid")

    def clean(self, value):
        value = super().clean(value)
        return canonical_email(value) if value else value
