"""The site's general pages: the home page (the network in one view, schema.org
Organization data), standard pages, and the contact page.

The contact page is Wagtail's form builder (editors choose the fields) with the shared form
protection. Each submission is stored first; the mail to the editors goes through the outbox
(Django's mail API → OutboxBackend → task), so a mail server that is down delays the message
but the visitor still gets the thank-you page."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.forms.models import (
    AbstractFormField,
    AbstractFormSubmission,
    EmailFormMixin,
    FormMixin,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import StreamField
from wagtail.models import Site, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from website.agenda.models import shown_in_language
from website.caching.content_cache import remember
from website.core.addresses import site_address
from website.core.blocks import body_blocks
from website.core.form_pages import ProtectedFormPageMixin, editors_label
from website.core.languages import language_in_dutch
from website.core.models import BasePage, SiteSettings
from website.core.protection import HONEYPOT_FIELD
from website.core.seo import organisation_data
from website.core.templatetags.core_tags import ld_json
from website.library.blocks import PublicationListBlock
from website.mail.outbox import queue_templated_email
from website.mail.recipients import editor_recipients
from website.network.blocks import ChairmanshipBlock
from website.network.models import MemberOrganisation

from .home import latest_work


class HomePage(BasePage):
    body = StreamField(body_blocks(("chairmanship", ChairmanshipBlock())), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        db_table = "core_homepage"  # made by the core app before this app existed
        verbose_name = "Startpagina"
        verbose_name_plural = "Startpagina's"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = Site.find_for_request(request)
        site_settings = SiteSettings.for_request(request)

        def organisation_json_ld():
            # A 512×512 square made from the logo (Google asks for at least 112×112).
            logo_url = site_address(site, reverse("square_logo"))
            members = MemberOrganisation.objects.only("name", "website")
            home_url = self.get_full_url(request)
            return ld_json(organisation_data(site_settings, home_url, logo_url, members))

        # Both are the same for every visitor until content changes, or (the dates) the day.
        context["organisation_json_ld"] = remember(
            "home-organisation", organisation_json_ld, self.pk
        )

        def latest():
            # The next dates with their events' translations in this page's language.
            work = latest_work(site)
            shown_in_language(work.upcoming_dates, self.locale_id)
            return work

        context["latest"] = remember("home-latest", latest, site.pk, timezone.localdate())
        context["hide_footer_signup"] = True  # the page has its own newsletter form
        return context


class StandardPage(BasePage):
    body = StreamField(
        body_blocks(
            ("chairmanship", ChairmanshipBlock()), ("publication_list", PublicationListBlock())
        ),
        blank=True,
    )

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    sample_every_page = True  # core.samples: about, privacy, accessibility differ most
    search_kind = "Pagina"  # what visitors see in search results and its filter
    search_kind_plural = "Overige pagina's"

    class Meta:
        db_table = "core_standardpage"
        verbose_name = "Standaardpagina"
        verbose_name_plural = "Standaardpagina's"


# --- Contact ---------------------------------------------------------------------


class ContactFormField(TranslatableMixin, AbstractFormField):
    """A field of the contact form. Translatable, so a translated contact page asks in its
    own language (wagtail-localize translates label, help text and choices); the stored
    name stays the Dutch one, so every language's messages have the same fields."""

    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")
    override_translatable_fields = [SynchronizedField("clean_name")]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        db_table = "core_contactformfield"
        ordering = ["sort_order"]


class ContactMessage(AbstractFormSubmission):
    """A message sent through the contact form: Wagtail's form submission plus what the
    editors' inbox needs (opened, handled) and the sender's address as typed, for the
    Reply-To of the notice and for finding it exactly when someone asks what we hold."""

    sender_email = models.EmailField("E-mailadres afzender", blank=True, db_index=True)
    opened_at = models.DateTimeField("Geopend", null=True, blank=True)
    handled_at = models.DateTimeField("Afgehandeld", null=True, blank=True)

    wagtail_reference_index_ignore = True  # a message is not content that uses the page

    class Meta:
        verbose_name = "contactbericht"
        verbose_name_plural = "contactberichten"
        ordering = ["-submit_time"]

    def __str__(self):
        return f"Bericht van {self.sender_name or self.sender_email or 'iemand'}"

    @property
    def state(self):
        """For the editors: "Nieuw", "Gelezen" or "Afgehandeld"."""
        if self.handled_at:
            return "Afgehandeld"
        return "Gelezen" if self.opened_at else "Nieuw"

    @property
    def sender_name(self):
        return next(
            (str(v) for k, v in self.form_data.items() if "naam" in k and isinstance(v, str)), ""
        )

    def labelled_data(self):
        """[(label, value)] in the order of the form's fields, labelled as the editors read
        them ("Naam", not the visitor's "Je naam"); fields removed from the form since keep
        their stored name."""
        labels = {field.clean_name: field.label for field in self.page.specific.form_fields.all()}
        return [
            (editors_label(labels.get(key, key.replace("_", " "))), value)
            for key, value in self.form_data.items()
        ]

    @property
    def reply_subject(self):
        return f"Re: {self.page.specific.subject or 'je bericht'}"


class ContactPage(ProtectedFormPageMixin, RoutablePageMixin, EmailFormMixin, FormMixin, BasePage):
    form_scope = "contact"
    thank_you_text = models.TextField(
        "Tekst na het versturen", default="Bedankt voor je bericht. We reageren zo snel mogelijk."
    )

    content_panels = [
        *BasePage.content_panels,
        HelpPanel(
            "Wat bezoekers via dit formulier sturen, staat in het menu onder Contactberichten."
        ),
        InlinePanel("form_fields", label="Velden van het formulier"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("from_address"),
                        FieldPanel(
                            "to_address",
                            help_text="Meestal leeg laten: berichten gaan dan naar het "
                            "e-mailadres van de redactie (Instellingen > Gegevens van de "
                            "organisatie). Meer adressen: scheid ze met komma's.",
                        ),
                    ]
                ),
                FieldPanel("subject"),
            ],
            heading="E-mail aan de redactie",
        ),
    ]
    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count = 1
    landing_page_template = "pages/contact_page_landing.html"

    class Meta:
        db_table = "core_contactpage"
        verbose_name = "Contactpagina"
        verbose_name_plural = "Contactpagina's"

    def get_submission_class(self):
        return ContactMessage

    def process_form_submission(self, form):
        """Store the message (without the honeypot), then queue the mail to the editors:
        the page's own address(es), or else the editors' address from the site settings.
        The sender's address, when valid, becomes the mail's Reply-To."""
        form.cleaned_data.pop(HONEYPOT_FIELD, None)
        sender = self.sender_address(form.cleaned_data)
        message = ContactMessage.objects.create(
            form_data=form.cleaned_data, page=self, sender_email=sender
        )
        recipients = editor_recipients(self.get_site(), own=self.to_address)
        if recipients:
            admin_path = reverse("contactberichten:inspect", args=[message.pk])
            original = self.original()
            with translation.override(settings.LANGUAGE_CODE):  # the editors read Dutch
                queue_templated_email(
                    recipients,
                    "pages/mail/contact_message",
                    {
                        "page": original,
                        "fields": self.answers_text(form, original),
                        "admin_url": site_address(self.get_site(), admin_path),
                        "language": (
                            "" if original is self else language_in_dutch(self.locale.language_code)
                        ),
                    },
                    regarding=message,
                    reply_to=[sender] if sender else [],
                )
        return message
