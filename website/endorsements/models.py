"""Endorsements ("Ik steun dit") of a page, and the mixin that gives a page type them.

An endorsement is stored waiting until its address confirms it (the link in a mail: double
opt-in, as the newsletter's), then counted. Its name is shown only when the person chose so
and an editor approved it (moderation: a name is words of a visitor's own on the site).
One endorsement per address and page. The count and the names on the page are at most the
page caches' time late (`caching.page_memory`, 30 s, plus the proxy's 8 s): endorsements are
internal to the content cache, so a crowd endorsing does not make every page new.
"""

from django.core.paginator import Paginator
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path, re_path

from website.core.private_links import TOKEN_ROUTE

NAMES_ON_PAGE = 20
NAMES_PER_LIST_PAGE = 100


class Endorsement(models.Model):
    class Status(models.TextChoices):
        WAITING = "wacht", "Wacht op bevestiging"
        CONFIRMED = "bevestigd", "Bevestigd"

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Pagina",
        on_delete=models.CASCADE,
        related_name="endorsements",
    )
    name = models.CharField("Naam", max_length=120)
    organisation = models.CharField("Organisatie", max_length=120, blank=True)
    place = models.CharField("Woonplaats", max_length=80, blank=True)
    email = models.EmailField("E-mailadres", max_length=254)
    show_name = models.BooleanField("Naam tonen", default=True)
    approved = models.BooleanField(
        "Goedgekeurd", default=False, help_text="De redactie heeft de naam bekeken."
    )
    status = models.CharField("Stand", max_length=10, choices=Status, default=Status.WAITING)
    confirm_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    withdraw_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField("Ingevuld op", auto_now_add=True)
    confirmation_sent_at = models.DateTimeField("Bevestigingsmail verstuurd", null=True)
    confirmed_at = models.DateTimeField("Bevestigd op", null=True, blank=True)

    class Meta:
        verbose_name = "steunbetuiging"
        verbose_name_plural = "steunbetuigingen"
        ordering = ["-confirmed_at", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["page", "email"], name="one_endorsement_per_address")
        ]
        indexes = [models.Index(fields=["page", "status", "approved", "show_name"])]

    def __str__(self):
        return self.name

    @property
    def state(self):
        """For the editors: "Wacht op bevestiging" or "Bevestigd"."""
        return self.get_status_display()

    state.fget.short_description = "Stand"

    @property
    def page_title(self):
        """What is endorsed, by its title (for the export)."""
        return self.page.title

    page_title.fget.short_description = "Steunt"

    @property
    def shown_name(self):
        """The name for a list handed over: only where the person allowed it."""
        return self.name if self.show_name else "(naam niet getoond)"

    shown_name.fget.short_description = "Naam"

    @property
    def is_shown(self):
        return self.status == self.Status.CONFIRMED and self.show_name and self.approved

    @property
    def public_line(self):
        """ "Naam (Organisatie, Plaats)" as the list shows it."""
        extra = ", ".join(part for part in [self.organisation, self.place] if part)
        return f"{self.name} ({extra})" if extra else self.name


def shown_endorsements(page):
    """The endorsements of `page` whose names are public, newest first."""
    return Endorsement.objects.filter(
        page=page, status=Endorsement.Status.CONFIRMED, show_name=True, approved=True
    ).only("name", "organisation", "place")


class EndorsableMixin(models.Model):
    """A page type that may collect endorsements (with `RoutablePageMixin`): the field
    "Steunbetuigingen verzamelen", the part on the page (count, names, the button) and the
    routes `steun/` (the form), `steun/verstuurd/`, `steun/bevestigen/<token>/`,
    `steun/intrekken/<token>/` and `steun/namen/` (every shown name, by pages)."""

    endorsements_open = models.BooleanField(
        "Steunbetuigingen verzamelen",
        default=False,
        help_text="Bezoekers kunnen dan zeggen 'Ik steun dit'. Het staat pas op de pagina "
        "als de pagina tekst heeft.",
    )

    endorsement_panels = [
        MultiFieldPanel(
            [FieldPanel("endorsements_open")],
            heading="Steun",
            help_text="Wie steunt, bevestigt dat per e-mail. Namen staan pas op de pagina "
            "als de redactie ze heeft bekeken (menu Steunbetuigingen).",
        )
    ]

    class Meta:
        abstract = True

    def takes_endorsements(self):
        """Collecting, and something to endorse: a page without text gets no empty corner."""
        return self.endorsements_open and bool(getattr(self, "body", None))

    def endorsement_summary(self):
        """{"count": confirmed endorsements, "names": the newest shown ones (at most
        NAMES_ON_PAGE), "more": whether there are more} for the page, or None when it does
        not collect them. Two queries."""
        if not self.takes_endorsements():
            return None
        original = self.original()
        confirmed = Endorsement.objects.filter(
            page=original, status=Endorsement.Status.CONFIRMED
        ).count()
        names = list(shown_endorsements(original)[: NAMES_ON_PAGE + 1])
        return {
            "count": confirmed,
            "names": names[:NAMES_ON_PAGE],
            "more": len(names) > NAMES_ON_PAGE,
        }

    @path("steun/", name="endorse")
    def endorse_view(self, request):
        from .views import endorse  # noqa: PLC0415 - the views import these models

        return endorse(request, self)

    @path("steun/verstuurd/", name="endorse_sent")
    def endorse_sent_view(self, request):
        if not self.takes_endorsements():
            return redirect(self.url)
        return TemplateResponse(request, "endorsements/sent.html", self.get_context(request))

    @re_path(rf"^steun/bevestigen/{TOKEN_ROUTE}/$", name="endorse_confirm")
    def endorse_confirm_view(self, request, token):
        from .views import confirm  # noqa: PLC0415

        return confirm(request, self, token)

    @path("steun/bevestigd/", name="endorse_confirmed")
    def endorse_confirmed_view(self, request):
        from .views import confirmed  # noqa: PLC0415

        return confirmed(request, self)

    @re_path(rf"^steun/intrekken/{TOKEN_ROUTE}/$", name="endorse_withdraw")
    def endorse_withdraw_view(self, request, token):
        from .views import withdraw  # noqa: PLC0415

        return withdraw(request, self, token)

    @path("steun/ingetrokken/", name="endorse_withdrawn")
    def endorse_withdrawn_view(self, request):
        from .views import withdrawn  # noqa: PLC0415

        return withdrawn(request, self)

    @path("steun/namen/", name="endorse_names")
    def endorse_names_view(self, request):
        summary = self.endorsement_summary()
        if summary is None:
            return redirect(self.url)
        paginator = Paginator(shown_endorsements(self.original()), NAMES_PER_LIST_PAGE)
        names = paginator.get_page(request.GET.get("pagina"))
        context = self.get_context(request) | {"summary": summary, "listing": names}
        return TemplateResponse(request, "endorsements/names.html", context)
