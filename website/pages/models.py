"""The site's general pages: the home page (the network in one view, schema.org
Organization data), standard pages, and the contact page.

The contact page is Wagtail's form builder (editors choose the fields) with the shared form
protection. Each submission is stored first; the mail to the editors goes through the outbox
(Django's mail API → OutboxBackend → task), so a mail server that is down delays the message
but the visitor still gets the thank-you page."""

from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.forms.models import AbstractFormField, EmailFormMixin, FormMixin
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Site
from wagtail.search import index

from website.core.blocks import body_blocks
from website.core.email import queue_email
from website.core.models import BasePage, SiteSettings
from website.core.protection import HONEYPOT_FIELD, ProtectedForm, protected_form_response
from website.core.recipients import editor_recipients
from website.core.seo import organisation_data
from website.core.templatetags.core_tags import ld_json
from website.library.blocks import PublicationListBlock
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
        site_settings = SiteSettings.for_request(request)
        logo_url = None
        if site_settings.logo:
            rendition = site_settings.logo.get_rendition("height-256")
            logo_url = request.build_absolute_uri(rendition.url)
        members = MemberOrganisation.objects.only("name", "website")
        context["organisation_json_ld"] = ld_json(
            organisation_data(site_settings, self.get_full_url(request), logo_url, members)
        )
        context["latest"] = latest_work(self.get_site() or Site.find_for_request(request))
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


class ContactFormBase(ProtectedForm):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        self.user = kwargs.pop("user", None)
        self.page = kwargs.pop("page", None)
        super().__init__(*args, **kwargs)


# Browsers fill these in for the visitor (WCAG 1.3.5) when the field says what it asks for.
AUTOCOMPLETE_BY_LABEL = [
    ("e-mail", "email"),
    ("telefoon", "tel"),
    ("organisatie", "organization"),
    ("woonplaats", "address-level2"),
    ("naam", "name"),
]


def autocomplete_for(label):
    """The HTML autocomplete token for a field labelled `label` ("Je naam" → "name"), or
    None when the label asks for nothing a browser knows."""
    label = label.lower()
    return next((token for word, token in AUTOCOMPLETE_BY_LABEL if word in label), None)


class ProtectedFormBuilder(FormBuilder):
    def get_form_class(self):
        return type("ContactForm", (ContactFormBase,), self.formfields)

    def create_singleline_field(self, field, options):
        form_field = super().create_singleline_field(field, options)
        if token := autocomplete_for(field.label):
            form_field.widget.attrs["autocomplete"] = token
        return form_field

    def create_email_field(self, field, options):
        form_field = super().create_email_field(field, options)
        form_field.widget.attrs["autocomplete"] = "email"
        return form_field


class ContactFormField(AbstractFormField):
    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")

    class Meta(AbstractFormField.Meta):
        db_table = "core_contactformfield"


class ContactPage(RoutablePageMixin, EmailFormMixin, FormMixin, BasePage):
    form_builder = ProtectedFormBuilder
    thank_you_text = models.TextField(
        "Tekst na het versturen", default="Bedankt voor je bericht. We reageren zo snel mogelijk."
    )

    content_panels = [
        *BasePage.content_panels,
        FormSubmissionsPanel(),
        InlinePanel("form_fields", label="Velden van het formulier"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
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

    def process_form_submission(self, form):
        """Store the submission (without the honeypot), then queue the mail to the editors:
        the page's own address(es), or else the editors' address from the site settings."""
        form.cleaned_data.pop(HONEYPOT_FIELD, None)
        submission = self.get_submission_class().objects.create(
            form_data=form.cleaned_data, page=self
        )
        recipients = [a.strip() for a in self.to_address.split(",") if a.strip()]
        recipients = recipients or editor_recipients(self.get_site())
        if recipients:
            queue_email(
                recipients, self.subject or f"Bericht via {self.title}", self.render_email(form)
            )
        return submission

    @path("")
    def form_view(self, request):
        def render_form(form):
            context = self.get_context(request) | {"form": form}
            return TemplateResponse(request, self.get_template(request), context)

        def on_valid(form):
            self.process_form_submission(form)  # stored, then the mail queued
            return redirect(self.url + self.reverse_subpage("thanks"))

        return protected_form_response(
            request,
            scope="contact",
            make_form=lambda *data: self.get_form(*data, page=self, user=request.user),
            render_form=render_form,
            on_valid=on_valid,
        )

    @path("bedankt/", name="thanks")
    def thanks_view(self, request):
        """After a successful POST (a redirect, so reloading sends nothing twice)."""
        return TemplateResponse(request, self.landing_page_template, self.get_context(request))

    def serve_preview(self, request, mode_name):
        """Wagtail's two preview modes of a form page: the form, and the thank-you page."""
        if mode_name == "landing":
            return self.thanks_view(request)
        return super().serve_preview(request, mode_name)
