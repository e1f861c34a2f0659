"""The "Formulier" page: a form editors build themselves (Wagtail's form builder) with the
shared form protection, an optional closing time and maximum number of answers, a
confirmation mail to the sender, a notice to the editors, and a retention period after
which the daily privacy task erases its answers."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractFormField, AbstractFormSubmission, FormMixin
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from website.core.addresses import site_address
from website.core.form_pages import FIELD_TYPES, ProtectedFormPageMixin
from website.core.languages import language_in_dutch
from website.core.models import BasePage
from website.core.protection import HONEYPOT_FIELD
from website.mail.outbox import queue_templated_email
from website.mail.recipients import editor_recipients


class FormField(TranslatableMixin, AbstractFormField):
    """A field of a "Formulier" page. Translatable like the contact form's: the stored name
    stays the Dutch one, so every language's answers have the same columns."""

    page = ParentalKey("FormPage", on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField("Soort veld", max_length=16, choices=FIELD_TYPES)
    choices = models.TextField(
        "Keuzes",
        blank=True,
        help_text="Alleen bij een keuzelijst, rondjes of vinkjes: zet elke keuze op een "
        "eigen regel.",
    )
    override_translatable_fields = [SynchronizedField("clean_name")]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        ordering = ["sort_order"]
        verbose_name = "veld"
        verbose_name_plural = "velden"


class FormAnswer(AbstractFormSubmission):
    """One person's answers to a "Formulier" page, with the address they gave (canonical),
    for their confirmation mail and for finding their answers when they ask."""

    sender_email = models.EmailField("E-mailadres", blank=True, db_index=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = "antwoord"
        verbose_name_plural = "antwoorden"
        ordering = ["-submit_time"]


class FormPage(ProtectedFormPageMixin, RoutablePageMixin, FormMixin, BasePage):
    thank_you_text = models.TextField(
        "Tekst na het versturen", default="Bedankt! We hebben je antwoorden ontvangen."
    )
    send_confirmation = models.BooleanField(
        "Stuur de invuller een bevestiging",
        default=False,
        help_text="Alleen als het formulier een veld 'E-mailadres' heeft. De bevestiging "
        "bevat de tekst hieronder en een kopie van de antwoorden.",
    )
    confirmation_text = models.TextField(
        "Tekst van de bevestiging",
        blank=True,
        default="Bedankt voor het invullen. Hieronder staan je antwoorden.",
    )
    closes_at = models.DateTimeField(
        "Sluit op",
        null=True,
        blank=True,
        help_text="Leeg: het formulier blijft open. Na dit moment kan niemand het meer invullen.",
    )
    max_answers = models.PositiveIntegerField(
        "Maximaal aantal antwoorden",
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="Leeg: geen maximum. Bijvoorbeeld het aantal plaatsen bij een activiteit.",
    )
    retention_days = models.PositiveSmallIntegerField(
        "Antwoorden bewaren (dagen)",
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
        help_text="Daarna worden de antwoorden vanzelf gewist. Dit staat ook op het formulier.",
    )
    to_address = models.CharField(
        "Meldingen naar",
        max_length=255,
        blank=True,
        help_text="Meestal leeg laten: meldingen gaan dan naar het e-mailadres van de redactie. "
        "Meer adressen: scheid ze met komma's.",
    )

    content_panels = [
        *BasePage.content_panels,
        HelpPanel(
            "De antwoorden staan in het menu onder Formulieren. Daar kun je ze ook "
            "downloaden als CSV of Excel."
        ),
        InlinePanel("form_fields", label="veld", heading="Velden van het formulier"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [FieldPanel("send_confirmation"), FieldPanel("confirmation_text")],
            heading="Bevestiging aan de invuller",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("closes_at"), FieldPanel("max_answers")]),
                FieldPanel("retention_days"),
                FieldPanel("to_address"),
            ],
            heading="Sluiten, bewaren en meldingen",
        ),
    ]
    subpage_types = []
    landing_page_template = "participation/form_page_landing.html"
    search_kind = "Formulier"
    search_kind_plural = "Formulieren"

    class Meta:
        verbose_name = "Formulier"
        verbose_name_plural = "Formulieren"

    def get_submission_class(self):
        return FormAnswer

    def get_submissions_list_view_class(self):
        from .admin_views import FormAnswersListView  # noqa: PLC0415 - the view imports this

        return FormAnswersListView

    def clean(self):
        super().clean()
        if self.send_confirmation and not self.confirmation_text.strip():
            raise ValidationError({"confirmation_text": "Schrijf de tekst van de bevestiging."})

    def answer_count(self):
        return FormAnswer.objects.filter(page=self.original()).count()

    def closed_reason(self):
        """Why the form takes no answers (for the visitor), or None while it does."""
        original = self.original()
        if original.closes_at and original.closes_at <= timezone.now():
            return _("Dit formulier is gesloten. Je kunt het niet meer invullen.")
        if original.max_answers and original.answer_count() >= original.max_answers:
            return _("Dit formulier is vol: het maximale aantal antwoorden is bereikt.")
        return None

    def limits_text(self):
        """What the visitor should know before starting: until when the form is open and
        how many answers it still takes ("" when neither is set)."""
        original = self.original()
        parts = []
        if original.closes_at:
            moment = date_format(timezone.localtime(original.closes_at), "j F Y H:i")
            parts.append(
                _("Je kunt dit formulier invullen tot %(moment)s uur.") % {"moment": moment}
            )
        if original.max_answers:
            left = max(original.max_answers - original.answer_count(), 0)
            parts.append(
                ngettext(
                    "Er is nog plaats voor %(left)d antwoord.",
                    "Er is nog plaats voor %(left)d antwoorden.",
                    left,
                )
                % {"left": left}
            )
        return " ".join(parts)

    def retention_text(self):
        """The retention period as the form tells it ("We wissen je antwoorden na 90 dagen.")."""
        days = self.original().retention_days
        return ngettext(
            "We wissen je antwoorden na %(days)d dag.",
            "We wissen je antwoorden na %(days)d dagen.",
            days,
        ) % {"days": days}

    def process_form_submission(self, form):
        """Store the answer (unless the form closed meanwhile: then None), then queue the
        notice to the editors and, when asked for, the confirmation to the sender.
        Answers of a translated form are stored with the Dutch original, in one list."""
        original = self.original()
        form.cleaned_data.pop(HONEYPOT_FIELD, None)
        with transaction.atomic():
            # One at a time per form, so the last places are not given twice.
            type(original).objects.select_for_update().filter(pk=original.pk).first()
            if self.closed_reason():
                return None
            sender = self.sender_address(form.cleaned_data)
            answer = FormAnswer.objects.create(
                form_data=form.cleaned_data, page=original, sender_email=sender
            )
        self.tell_editors(answer, form, original)
        if self.send_confirmation and sender:
            queue_templated_email(
                [sender],
                "participation/mail/form_confirmation",
                {"page": self, "answers": self.answers_text(form)},
                regarding=answer,
            )
        return answer

    def tell_editors(self, answer, form, original):
        recipients = editor_recipients(self.get_site(), own=original.to_address)
        if not recipients:
            return
        admin_path = reverse("wagtailforms:list_submissions", args=[original.pk])
        with translation.override(settings.LANGUAGE_CODE):  # the editors read Dutch
            queue_templated_email(
                recipients,
                "participation/mail/form_answer",
                {
                    "page": original,
                    "answers": self.answers_text(form, original),
                    "admin_url": site_address(self.get_site(), admin_path),
                    "language": (
                        "" if original is self else language_in_dutch(self.locale.language_code)
                    ),
                },
                regarding=answer,
            )

    def field_types(self):
        """{stored name: field type} of this form's fields."""
        return dict(self.original().form_fields.values_list("clean_name", "field_type"))

    def answers_expire_before(self, now=None):
        """The submit time before which this form's answers are erased."""
        return (now or timezone.now()) - timedelta(days=self.retention_days)
