"""Stories of people in poverty: published stories, and the private submissions behind them.

Privacy by design: a submission keeps only what the story needs; contact details live in a
separate table that is never shown publicly and is deleted after the retention period; the
writer can withdraw everything with a private link.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.search import index

from website.core.blocks import body_blocks
from website.core.languages import language_in_dutch
from website.core.models import BasePage, ImageWithAltMixin
from website.core.private_links import TOKEN_ROUTE
from website.themes.models import themes_field, themes_panel

CONSENT_VERSION = "2026-11"
CONSENT_WEBSITE = _("Mijn verhaal mag op deze website staan, na bewerking door de redactie.")
CONSENT_LETTERS = _("Mijn verhaal mag zonder mijn naam gebruikt worden in brieven aan politici.")
# In a small town a first name and the town together identify someone: the town is published
# only when the writer asks for it.
SHOW_PLACE = _("Zet mijn woonplaats bij mijn verhaal.")


class StoryIndexPage(RoutablePageMixin, BasePage):
    """'Wat mensen overkomt': the stories, newest first, and the form to share one."""

    invitation = models.TextField(
        "Uitnodiging",
        blank=True,
        help_text="Staat boven de knop 'Deel je verhaal'.",
    )
    per_page = 12
    sample_routes = {"story-form": "deel-je-verhaal/"}  # core.samples: screenshots, HTML checker

    content_panels = [*BasePage.content_panels, FieldPanel("invitation")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["stories.StoryPage"]
    max_count = 1

    class Meta:
        verbose_name = "Overzicht verhalen"
        verbose_name_plural = "Overzichten verhalen"

    @path("")
    def index_view(self, request):
        stories = (
            StoryPage.objects.live()
            .public()
            .child_of(self.items_from())
            .select_related("image")
            .prefetch_related("image__renditions")
            .order_by("-date", "-pk")
        )
        listing = Paginator(stories, self.per_page).get_page(request.GET.get("pagina") or 1)
        return self.render(request, context_overrides={"listing": listing})

    @path("deel-je-verhaal/", name="share")
    def share_view(self, request):
        from .views import share_story  # noqa: PLC0415 - the views import these models

        return share_story(request, self)

    @path("deel-je-verhaal/bedankt/", name="share_done")
    def share_done_view(self, request):
        return self.render(
            request,
            template="stories/share_done.html",
            context_overrides={"breadcrumb_here": _("Verhaal verstuurd")},
        )

    @path("intrekken/klaar/", name="withdraw_done")
    def withdraw_done_view(self, request):
        from .views import withdraw_done  # noqa: PLC0415 - the views import these models

        return withdraw_done(request, self)

    @re_path(rf"^intrekken/{TOKEN_ROUTE}/$", name="withdraw")
    def withdraw_view(self, request, token):
        from .views import withdraw_story  # noqa: PLC0415 - the views import these models

        return withdraw_story(request, self, token)

    def share_url(self):
        return self.url + self.reverse_subpage("share")


class StoryPage(ImageWithAltMixin, BasePage):
    date = models.DateField("Datum", default=timezone.localdate)  # today, unless changed
    shown_name = models.CharField(
        "Naam bij het verhaal",
        max_length=60,
        default="anoniem",
        help_text="Voornaam, schuilnaam of 'anoniem'. Controleer of niemand herkenbaar is.",
    )
    place = models.CharField(
        "Gemeente",
        max_length=80,
        blank=True,
        help_text="Staat bij het verhaal. Alleen invullen als de schrijver daarvoor koos.",
    )
    body = StreamField(body_blocks(), blank=True, verbose_name="Verhaal")
    themes = themes_field()

    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("shown_name"), FieldPanel("place")]),
        *ImageWithAltMixin.image_panels,
        FieldPanel("body"),
        themes_panel(),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Verhaal"
        verbose_name_plural = "Verhalen"

    @property
    def search_date(self):
        return self.date

    @property
    def is_anonymous(self):
        return self.shown_name.strip().lower() in ("", "anoniem")

    @property
    def byline(self):
        """Who tells it, as the story page shows it: "Verteld door Jan, Zwolle"; without a
        name "Anoniem verteld, Zwolle". The cards say the same."""
        place = f", {self.place}" if self.place else ""
        if self.is_anonymous:
            return f"Anoniem verteld{place}"
        return f"Verteld door {self.shown_name}{place}"


def draft_title(shown_name, story):
    """The title a story sent in starts with, told apart from others in the admin's lists
    by its first words: "Verhaal van Marieke: Ik ben moeder van drie…", "Anoniem verhaal:
    Sinds mijn man ziek werd…". Editors give it its own title before publishing."""
    opening = Truncator(" ".join((story or "").split())).words(6, truncate="…")
    named = shown_name.strip() and shown_name.strip().lower() != "anoniem"
    who = f"Verhaal van {shown_name.strip()}" if named else "Anoniem verhaal"
    return f"{who}: {opening}" if opening else who


class StorySubmission(models.Model):
    """What someone sent in through 'Deel je verhaal'. Never shown publicly as such: editors
    turn it into a StoryPage (a draft in moderation) and may anonymise it."""

    class NameChoice(models.TextChoices):
        FIRST_NAME = "voornaam", _("Mijn voornaam")
        PSEUDONYM = "schuilnaam", _("Een schuilnaam")
        ANONYMOUS = "anoniem", _("Geen naam (anoniem)")

    story = models.TextField("Verhaal", max_length=10000)
    name_choice = models.CharField("Naam bij het verhaal", max_length=12, choices=NameChoice)
    shown_name = models.CharField("Getoonde naam", max_length=60, blank=True)
    place = models.CharField("Gemeente", max_length=80, blank=True)
    show_place = models.BooleanField("Gemeente bij het verhaal zetten", default=False)
    consent_website = models.BooleanField("Toestemming website")
    consent_letters = models.BooleanField("Toestemming brieven aan politici")
    consent_version = models.CharField("Versie toestemmingstekst", max_length=20)
    consented_at = models.DateTimeField("Toestemming gegeven op")
    token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    # The link in the "your story is online" mail (the first mail's link keeps working).
    notice_token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    published_notice_at = models.DateTimeField(
        "Schrijver gemaild over plaatsing op", null=True, blank=True, editable=False
    )
    page = models.OneToOneField(
        StoryPage,
        verbose_name="Verhaalpagina",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submission",
    )
    created_at = models.DateTimeField("Ontvangen op", auto_now_add=True)
    opened_at = models.DateTimeField("Geopend", null=True, blank=True, editable=False)
    # The language of the form the writer used: their mails are written in it, and the
    # editors are told which language the story came in.
    language = models.CharField(
        "Taal", max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    class Meta:
        verbose_name = "ingestuurd verhaal"
        verbose_name_plural = "ingestuurde verhalen"
        ordering = ["-created_at"]

    def __str__(self):
        received = timezone.localtime(self.created_at)
        return f"{draft_title(self.shown_name, self.story)} ({received:%d-%m-%Y})"

    def language_name(self):
        """The language the story came in, named in Dutch ("Engels")."""
        return language_in_dutch(self.language)

    @property
    def state(self):
        """For the editors: where the story stands."""
        if self.page_id is None:
            return "Pagina verwijderd"
        if self.page.live:
            return "Op de website"
        return "Gelezen, wacht op beoordeling" if self.opened_at else "Nieuw"

    def contact_details(self):
        """For the editors: the e-mail address and phone number, or that none were given
        (both are optional, so many stories have no contact details)."""
        contact = getattr(self, "contact", None)  # the one-to-one is missing without details
        details = [contact.email, contact.phone] if contact else []
        return " · ".join(d for d in details if d) or "Niet opgegeven"

    contact_details.short_description = "Contactgegevens"


class StoryContact(models.Model):
    """Contact details for the editors only, kept apart from the story."""

    submission = models.OneToOneField(
        StorySubmission, on_delete=models.CASCADE, related_name="contact"
    )
    email = models.EmailField("E-mailadres", blank=True)
    phone = models.CharField("Telefoon", max_length=30, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "contactgegevens bij een verhaal"
        verbose_name_plural = "contactgegevens bij verhalen"

    def __str__(self):
        return ", ".join(part for part in [self.email, self.phone] if part)
