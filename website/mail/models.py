"""The outbox: every mail the site sends, stored before it is sent."""

from django.db import models


class OutgoingEmail(models.Model):
    """Every e-mail the site sends is stored here first and sent by a background task,
    so a mail server that is down delays a message but never loses it."""

    class Status(models.TextChoices):
        PENDING = "pending", "Wacht op verzending"
        SENDING = "sending", "Wordt verzonden"
        SENT = "sent", "Verzonden"
        FAILED = "failed", "Mislukt"

    from_email = models.CharField("Van", max_length=255, blank=True)
    to = models.JSONField("Aan")
    cc = models.JSONField("Cc", default=list, blank=True)
    bcc = models.JSONField("Bcc", default=list, blank=True)
    reply_to = models.JSONField("Antwoord naar", default=list, blank=True)
    subject = models.CharField("Onderwerp", max_length=255)
    body = models.TextField("Tekst")
    html_body = models.TextField("HTML-versie", blank=True)
    # [{filename, mimetype, content_base64}]
    attachments = models.JSONField("Bijlagen", default=list, blank=True)
    # Extra mail headers ({name: value}), e.g. List-Unsubscribe on a newsletter.
    headers = models.JSONField("Extra kopregels", default=dict, blank=True)
    status = models.CharField("Status", max_length=10, choices=Status, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField("Pogingen", default=0)
    last_error = models.TextField("Technische foutmelding", blank=True)
    created_at = models.DateTimeField("Aangemaakt", auto_now_add=True)
    next_attempt_at = models.DateTimeField("Volgende poging", null=True, blank=True)
    sent_at = models.DateTimeField("Verzonden", null=True, blank=True)
    # What the mail is about (a sign-up, a story, a contact message, a page), set when it
    # is stored: erasing that thing erases its mails, and nothing is found by searching text.
    regarding_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.SET_NULL
    )
    regarding_id = models.CharField(max_length=64, blank=True)

    wagtail_reference_index_ignore = True  # a mail is not content that uses other content

    class Meta:
        # Made by the core app; the table kept its name when the model moved here.
        db_table = "core_outgoingemail"
        verbose_name = "uitgaande e-mail"
        verbose_name_plural = "uitgaande e-mails"
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["regarding_type", "regarding_id"]),
        ]

    def __str__(self):
        return self.subject

    @property
    def problem(self):
        """What went wrong, in words an editor can act on ("" when nothing did); the
        technical message stays in `last_error`."""
        if not self.last_error:
            return ""
        kind = self.last_error.split(":", 1)[0]
        return DELIVERY_PROBLEMS.get(kind, "Versturen lukte niet.")

    problem.fget.short_description = "Probleem"


# What a delivery error means for an editor, by the exception's class name.
UNREACHABLE = "De mailserver was niet bereikbaar."
DELIVERY_PROBLEMS = {
    "SMTPRecipientsRefused": "De mailserver weigert het adres van de ontvanger. Klopt het?",
    "SMTPSenderRefused": "De mailserver weigert het afzenderadres van de site.",
    "SMTPAuthenticationError": "De site mag niet inloggen op de mailserver: controleer "
    "de instellingen van de server.",
    "SMTPDataError": "De mailserver weigert deze e-mail.",
    "ConnectionRefusedError": UNREACHABLE,
    "SMTPConnectError": UNREACHABLE,
    "SMTPServerDisconnected": UNREACHABLE,
    "TimeoutError": UNREACHABLE,
    "gaierror": UNREACHABLE,
    "OSError": UNREACHABLE,
}
