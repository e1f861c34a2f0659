"""The newsletter: who receives it (subscribers with double opt-in, and the addresses that
left, only as a hash) and the newsletters themselves (pages under an archive page)."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from wagtail.admin.forms.pages import CopyForm
from wagtail.admin.panels import CommentPanel, FieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import PagePermissionTester

from website.core.email_addresses import canonical_email
from website.core.feeds import FeedRoutesMixin
from website.core.models import BasePage

from .blocks import newsletter_blocks

# The text a subscriber agrees to (templates/newsletter/includes/consent.html); a new text
# gets a new version, so each subscription says which one was shown.
CONSENT_VERSION = "2026-12-2"


def address_hash(email):
    """How a suppression is stored: an HMAC-SHA-256 (hex) of the canonical address
    (core.email_addresses) with the SECRET_KEY, so the list cannot be read back by hashing
    guessed addresses. A new SECRET_KEY forgets the list (old suppressions no longer match)."""
    return salted_hmac(
        "newsletter.suppression", canonical_email(email), algorithm="sha256"
    ).hexdigest()


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


class WithoutWorkflow:
    """A workflow's last approval publishes ("Goedkeuren en publiceren"), which would make a
    newsletter look sent: newsletters (and new ones, made under their archive page) are
    reviewed with "Stuur een test naar mij" instead. Wagtail asks `has_workflow` of the
    parent when a page is created and `get_workflow` when it is submitted."""

    @property
    def has_workflow(self):
        return False

    def get_workflow(self):
        return None


class NewsletterIndexPage(WithoutWorkflow, FeedRoutesMixin, BasePage):
    """ "Nieuwsbrieven": every newsletter that was sent, newest first, with RSS and Atom.
    Nothing about who received them."""

    hide_when_empty = True
    per_page = 12
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["newsletter.NewsletterPage"]

    class Meta:
        verbose_name = "Overzicht nieuwsbrieven"
        verbose_name_plural = "Overzichten nieuwsbrieven"

    def newsletters(self):
        return (
            NewsletterPage.objects.live()
            .public()
            .child_of(self.items_from())
            .filter(sent_at__isnull=False)
            .order_by("-sent_at", "-pk")
        )

    def feed_items(self):
        return self.newsletters()

    @path("")
    def index_view(self, request):
        listing = Paginator(self.newsletters(), self.per_page).get_page(
            request.GET.get("pagina") or 1
        )
        return self.render(request, context_overrides={"listing": listing})


class NewsletterPermissionTester(PagePermissionTester):
    """Nobody publishes an unsent newsletter by hand: it goes public by being sent (sending.
    start_sending), so a "LIVE" newsletter always is a sent one. `can_send` is what
    publishing would have allowed. Wagtail asks `can_publish` for the publish button (edit
    view), the bulk "Publiceren" and publishing a revision, so this one answer covers them.
    A sent newsletter that was taken offline ("Publicatie intrekken") may be published
    again: it was sent, and its web version shows what was sent."""

    def can_publish(self):
        return getattr(self.page, "sent_at", None) is not None and super().can_publish()

    def can_set_view_restrictions(self):
        return super().can_publish()

    def can_submit_for_moderation(self):
        return False

    def can_send(self):
        return super().can_publish()


class NewsletterCopyForm(CopyForm):
    """Wagtail's copy dialog for a newsletter: a copy is a new, unsent draft (`copy`), so
    the dialog offers neither "Publiceer gekopieerde pagina" nor an alias (a copy kept in
    step with a sent newsletter), and says what the copy will be."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("publish_copies", None)
        self.fields.pop("alias", None)
        self.fields["new_title"].help_text = (
            "De kopie wordt een nieuwe nieuwsbrief: een concept dat nog niet is verzonden. "
            "Verzend hem als hij klaar is."
        )


class NewsletterPage(WithoutWorkflow, BasePage):
    """One newsletter: an introduction, free text and lists pulled in from the site. Its
    web version is public once it has been sent; the preview shows the mail as HTML and as
    plain text."""

    body = StreamField(newsletter_blocks(), blank=True, verbose_name="Inhoud")
    sent_at = models.DateTimeField("Verstuurd op", null=True, editable=False)
    # What was sent, as it was (the "newest" lists change afterwards): the web version shows
    # this once sent. mailing.sections() shape.
    sent_sections = models.JSONField(null=True, editable=False)

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    copy_form_class = NewsletterCopyForm
    # No schedule ("Stel schema in"): a newsletter goes out with "Verzenden…", and a
    # scheduled publication would show "Ingepland" for something that is never sent.
    settings_panels = [CommentPanel()]
    parent_page_types = ["newsletter.NewsletterIndexPage"]
    subpage_types = []
    preview_modes = [("", "Webversie"), ("mail", "E-mail"), ("text", "E-mail als platte tekst")]
    # A copy is a new newsletter: not sent.
    # A copy is a new, unsent newsletter: not "Voor het eerst gepubliceerd" on its status.
    exclude_fields_in_copy = [
        "sent_at",
        "sent_sections",
        "first_published_at",
        "last_published_at",
        "live_revision",
    ]

    class Meta:
        verbose_name = "Nieuwsbrief"
        verbose_name_plural = "Nieuwsbrieven"

    @property
    def date(self):
        """When it was sent (feeds and lists date items by it)."""
        return timezone.localdate(self.sent_at) if self.sent_at else None

    def permissions_for_user(self, user):
        return NewsletterPermissionTester(user, self)

    def save(self, *args, **kwargs):
        # Live means sent: a newsletter made in code (add_child makes pages live) or
        # published by any other way than sending stays a draft until it is sent.
        if self.sent_at is None:
            self.live = False
        return super().save(*args, **kwargs)

    def copy(self, *args, **kwargs):
        # A copy is a new, unsent newsletter, so never a live one ("Publiceer kopieën").
        return super().copy(*args, **{**kwargs, "keep_live": False})

    def serve(self, request, *args, **kwargs):
        # Public once sent: until then only the editors' preview shows it.
        if not self.sent_at:
            raise Http404("Deze nieuwsbrief is nog niet verstuurd")
        return super().serve(request, *args, **kwargs)

    @classmethod
    def get_indexed_objects(cls):
        # Site search finds a newsletter once it has been sent, not before (even if someone
        # published it by another way than "Verzenden").
        return super().get_indexed_objects().filter(sent_at__isnull=False)

    def get_sitemap_urls(self, request=None):
        return super().get_sitemap_urls(request) if self.sent_at else []

    def with_content_json(self, content):
        """A version of the page (a draft, an older version brought back) never changes
        whether and when it was sent, nor what was sent: that is a fact, not content."""
        page = super().with_content_json(content)
        page.sent_at = self.sent_at
        page.sent_sections = self.sent_sections
        return page

    def get_context(self, request, *args, **kwargs):
        from .mailing import sections  # noqa: PLC0415 - mailing imports these models

        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.sent_sections or sections(self, self.get_site())
        context["hide_footer_signup"] = True  # it links to the sign-up page itself
        return context

    def serve_preview(self, request, mode_name):
        from .mailing import render_mail  # noqa: PLC0415 - mailing imports these models

        if mode_name in ("mail", "text"):
            mail = render_mail(self, self.get_site(), unsubscribe_url="#afmelden")
            if mode_name == "text":
                return HttpResponse(mail.text, content_type="text/plain; charset=utf-8")
            response = HttpResponse(mail.html)
            # A mail has its styles inline (mail programs drop style sheets): let the
            # preview show them, inside the admin's frame.
            response._csp_config = settings.SECURE_CSP | {
                "style-src": ["'unsafe-inline'"],
                "frame-ancestors": ["'self'"],
            }
            return response
        return super().serve_preview(request, mode_name)


class Delivery(models.Model):
    """One newsletter for one subscriber: made for every confirmed subscriber when sending
    starts (never twice: unique), marked when its mail is put in the outbox (in the same
    transaction, so a crash can neither lose nor double it). Erased with the subscriber."""

    newsletter = models.ForeignKey(
        NewsletterPage, on_delete=models.CASCADE, related_name="deliveries"
    )
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="+")
    queued_at = models.DateTimeField("In de verzendrij gezet", null=True)
    email = models.ForeignKey(
        "mail.OutgoingEmail", null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "verzending"
        verbose_name_plural = "verzendingen"
        constraints = [
            models.UniqueConstraint(
                fields=["newsletter", "subscriber"], name="one_delivery_per_subscriber"
            )
        ]

    def __str__(self):
        return f"{self.newsletter} aan abonnee {self.subscriber_id}"
