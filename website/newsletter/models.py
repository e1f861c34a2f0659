"""Who receives the newsletter: subscribers with double opt-in, and the addresses that
left (only as a hash)."""

import hashlib

from django.db import models
from django.utils import timezone

# The text a subscriber agrees to (templates/newsletter/includes/consent.html); a new text
# gets a new version, so each subscription says which one was shown.
CONSENT_VERSION = "2026-12"


def address_hash(email):
    """SHA-256 hex digest of a normalised address: how a suppression is stored."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


class Subscriber(models.Model):
    """One address. "Wacht op bevestiging" until the person clicks the link in the
    confirmation mail; "uitgenodigd" after an import (a confirmation mail went out, nobody is
    subscribed by being imported); only "aangemeld" addresses receive newsletters."""

    class Status(models.TextChoices):
        PENDING = "wacht", "Wacht op bevestiging"
        INVITED = "uitgenodigd", "Uitgenodigd"
        CONFIRMED = "aangemeld", "Aangemeld"

    email = models.EmailField("E-mailadres", unique=True)
    name = models.CharField("Naam", max_length=100, blank=True)
    status = models.CharField(
        "Status", max_length=12, choices=Status.choices, default=Status.PENDING
    )
    confirm_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    consent_version = models.CharField("Versie toestemmingstekst", max_length=20, blank=True)
    consented_at = models.DateTimeField("Toestemming gegeven op", null=True, blank=True)
    created_at = models.DateTimeField("Toegevoegd op", default=timezone.now)
    confirmation_sent_at = models.DateTimeField("Bevestigingsmail gestuurd op", null=True)

    class Meta:
        verbose_name = "abonnee"
        verbose_name_plural = "abonnees"
        ordering = ["-created_at"]

    def __str__(self):
        return self.email


class Suppression(models.Model):
    """An address that unsubscribed, as a hash only: an import cannot put it back; the
    person can, by subscribing again and confirming."""

    email_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "afgemeld adres"
        verbose_name_plural = "afgemelde adressen"

    def __str__(self):
        return f"Afgemeld op {self.created_at:%d-%m-%Y}"
