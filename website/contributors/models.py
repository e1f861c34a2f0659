"""A contributor: a person of a member organisation with an account in the admin."""

from django.conf import settings
from django.db import models


class Contributor(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="Account",
        on_delete=models.CASCADE,
        related_name="contributor",
    )
    organisation = models.ForeignKey(
        "network.MemberOrganisation",
        verbose_name="Organisatie",
        on_delete=models.CASCADE,
        related_name="contributors",
        help_text="De bijdrager voegt alleen namens deze organisatie iets toe.",
    )
    invited_at = models.DateTimeField("Uitgenodigd op", auto_now_add=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Uitgenodigd door",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_at = models.DateTimeField("Wachtwoord gekozen op", null=True, blank=True)

    class Meta:
        ordering = ["organisation__name", "user__first_name", "user__last_name"]
        verbose_name = "bijdrager"
        verbose_name_plural = "bijdragers"

    def __str__(self):
        return f"{self.name} ({self.organisation})"

    @property
    def name(self):
        return self.user.get_full_name() or self.user.email

    name.fget.short_description = "Naam"

    @property
    def email(self):
        return self.user.email

    email.fget.short_description = "E-mailadres"

    @property
    def invited_by_name(self):
        inviter = self.invited_by
        return (inviter.get_full_name() or inviter.get_username()) if inviter else ""

    invited_by_name.fget.short_description = "Uitgenodigd door"
