"""What happened at the admin's door: sign-ins, failures, refusals, unlock links."""

from django.conf import settings
from django.db import models


class SignInEvent(models.Model):
    """One attempt or event at the admin's login, kept `SIGN_IN_RECORD_DAYS` days: it counts
    failures for the lockout (website.accounts.lockout) and shows Beheerders who tried."""

    class Kind(models.TextChoices):
        SUCCEEDED = "succeeded", "ingelogd"
        FAILED = "failed", "verkeerd wachtwoord"
        REFUSED = "refused", "geweigerd: te veel pogingen"
        UNLOCK_SENT = "unlock_sent", "link om in te loggen gemaild"
        UNLOCKED = "unlocked", "ingelogd mogelijk gemaakt met de gemailde link"
        RESET_REQUESTED = "reset_requested", "nieuw wachtwoord aangevraagd"
        RESET_REFUSED = "reset_refused", "nieuw wachtwoord geweigerd: te vaak gevraagd"
        SECOND_FACTOR_FAILED = "second_factor_failed", "verkeerde code (tweestapsverificatie)"

    kind = models.CharField("wat", max_length=24, choices=Kind.choices)
    at = models.DateTimeField("wanneer", auto_now_add=True, db_index=True)
    # As typed (trimmed, lower case): failures count for a name whether or not it exists.
    username = models.CharField("gebruikersnaam", max_length=254, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="account",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The client's address block (an IPv6 /64), as core.protection counts it.
    address = models.CharField("internetadres", max_length=64, blank=True)
    browser = models.CharField("browser", max_length=200, blank=True)

    class Meta:
        verbose_name = "inlogpoging"
        verbose_name_plural = "inlogpogingen"
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["username", "kind", "at"]),
            models.Index(fields=["address", "kind", "at"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.username}"

    @property
    def browser_label(self):
        """ "Firefox op Windows": the browser as a person names it."""
        from .notices import browser_name  # noqa: PLC0415 - notices imports models

        return browser_name(self.browser)


class UnlockLink(models.Model):
    """A one-time link, mailed to an account's own address when the account is locked, that
    lets that person's browser in before the lock ends (lockout.use_unlock_link)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "link om in te loggen"
        verbose_name_plural = "links om in te loggen"

    def __str__(self):
        return f"Link om in te loggen voor {self.user}"
