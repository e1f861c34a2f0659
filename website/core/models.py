"""Content foundation: the base page type every app builds on and the site settings. The
media models are in `media.py` (imported here: they are this app's models)."""

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import get_language
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Locale, Orderable, Page, PageManager, PageViewRestriction, Site
from wagtail.query import PageQuerySet
from wagtail.rich_text import get_text_for_indexing
from wagtail.search import index

from website.caching.content_cache import fragment_key, remember

from .admin_forms import AdminModelForm, AdminPageForm
from .languages import language_in_dutch
from .media import CustomDocument, CustomImage, CustomRendition, ReadableTitleMixin  # noqa: F401 - models of this app

# --- Pages -------------------------------------------------------------------


def restricted_paths():
    """Tree paths of the pages with a view restriction (password, login, groups), from the
    content cache: Wagtail queries them for every `.public()` list and every page served."""
    return remember(
        "restricted-paths",
        lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )


def private_pages_q(prefix=""):
    """A Q matching the pages at or below a restricted page, as Wagtail's `private_q()`
    (`prefix` "page__" for a relation to pages); matching nothing when none is."""
    q = Q()
    for path in restricted_paths():
        q |= Q(**{f"{prefix}path__startswith": path})
    return q or Q(**{f"{prefix}pk__in": []})


class SitePageQuerySet(PageQuerySet):
    """Wagtail's page queries; `.public()` without a query for the restrictions."""

    def private_q(self):
        return private_pages_q()


class BasePage(Page):
    """Fields and behaviour every public page shares: an introduction used as teaser and
    as fallback meta description, share links and a print button."""

    introduction = models.TextField(
        "Inleiding",
        blank=True,
        max_length=600,
        help_text="Eén of twee zinnen. Staat bovenaan en in overzichten en zoekmachines.",
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    base_form_class = AdminPageForm
    objects = PageManager.from_queryset(SitePageQuerySet)()

    show_share_links = True

    class Meta:
        abstract = True

    def route(self, request, path_components):
        """Wagtail's routing, with every page on the requested path fetched at once (one
        query plus one per page type) instead of two queries for every level."""
        if not path_components or request is None:
            return super().route(request, path_components)
        child = pages_on_route(request, self, path_components)[
            f"{self.url_path}{path_components[0]}/"
        ]
        if child is None:
            raise Http404
        child._cached_parent_obj = self  # as Wagtail does: no query for the parent
        return child.route(request, path_components[1:])

    @property
    def localized(self):
        """This page in the active language, or this page where it has no live translation
        (Wagtail's `localized`, which costs two queries; Wagtail asks it of the home page on
        every request). From the content cache, per language."""
        if self.locale_id == active_locale_id():
            return self
        return remember("localized", lambda: Page.localized.fget(self), self.pk)

    def original(self):
        """This page in the original language (settings.LANGUAGE_CODE), or itself where it
        is the original or has none."""
        if self.locale_id == original_locale_id():
            return self
        return self.get_translation_or_none(original_locale_id()) or self

    def items_from(self):
        """The page whose children a list page shows: itself, or, for a translation without
        live children of its own yet, the same page in the original language, so a
        visitor sees its items (marked as in that language) rather than an empty list.
        From the content cache."""
        if self.locale_id == original_locale_id():
            return self

        def build():
            return self if self.get_children().live().exists() else self.original()

        return remember("items-from", build, self.pk)

    def get_view_restrictions(self):
        """Wagtail asks on every request (two queries). Pages with a restriction on them or
        above them are few and known (content cache); for the others there is none."""
        if self.alias_of_id is None and not self.path.startswith(tuple(restricted_paths())):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def get_meta_description(self):
        """search description, else introduction, else the body's first text, else ''."""
        text = self.search_description or self.introduction or self.first_body_text()
        return Truncator(" ".join(text.split())).chars(160)

    def first_body_text(self):
        for block in getattr(self, "body", None) or []:
            if block.block_type == "paragraph":
                # Plain text, entities decoded: the template escapes it once ("'t Hart",
                # not "&#x27;t Hart" in search results and link previews).
                return get_text_for_indexing(block.value.source)
        return ""


def original_locale_id():
    """The id of the Locale of the original language (settings.LANGUAGE_CODE), or None."""

    def build():
        locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
        return locale.pk if locale else None

    return remember("original-locale-id", build)


def active_locale_id():
    """The id of the Locale of the active language (None when there is none), from the
    content cache."""

    def build():
        locale = Locale.objects.filter(language_code=get_language()).first()
        return locale.pk if locale else None

    return remember("locale-id", build)


def pages_on_route(request, page, path_components):
    """{url_path: specific page or None} for every page from `page` down along
    `path_components`, fetched once per request, from the content cache: a page object
    changes only with content, and a query costs 1–2 ms of CPU where the whole page
    should cost ten."""
    known = request.__dict__.setdefault("_pages_on_route", {})
    paths, path = [], page.url_path
    for component in path_components:
        path = f"{path}{component}/"
        paths.append(path)
    missing = [path for path in paths if path not in known]
    if missing:
        known.update(remember("route", lambda: pages_at(missing), *missing))
    return known


def pages_at(url_paths):
    """{url_path: specific page or None} for `url_paths` (Wagtail's url_path, with the
    site root's slug), in one query plus one per page type."""
    found = {p.url_path: p for p in Page.objects.filter(url_path__in=url_paths).specific()}
    return {path: found.get(path) for path in url_paths}


def specific_pages(pages):
    """The specific pages for `pages` (base Page objects), in the same order, from the
    content cache: a list of mixed types (search results) costs no query per type once
    each page has been shown."""
    pages = list(pages)
    found = {}
    missing = []
    store = {page.pk: fragment_key("page", page.pk) for page in pages}
    cached = caches["content"].get_many(list(store.values()))
    for page in pages:
        if store[page.pk] in cached:
            found[page.pk] = cached[store[page.pk]]
        else:
            missing.append(page.pk)
    if missing:
        fetched = {p.pk: p for p in Page.objects.filter(pk__in=missing).specific()}
        caches["content"].set_many({store[pk]: page for pk, page in fetched.items()})
        found.update(fetched)
    return [found.get(page.pk, page) for page in pages]


def page_kind(page):
    """What a page is, for visitors: "Kamerbrief", "Boekbespreking", "Verhaal", … A page's
    own `search_kind` wins; a page found through a parent model (a book review found as an
    article) is named after its own type (content types are cached: no query)."""
    specific_class = getattr(page, "specific_class", None) or type(page)
    if specific_class is not type(page):
        return str(specific_class._meta.verbose_name)
    return str(getattr(page, "search_kind", None) or page._meta.verbose_name)


class ImageWithAltMixin(models.Model):
    """A lead image with the description (alt text) it must have, and a caption."""

    image = models.ForeignKey(
        CustomImage,
        verbose_name="Afbeelding",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        "Beschrijving van de afbeelding",
        max_length=250,
        blank=True,
        help_text="Wat staat erop? Verplicht als er een afbeelding is.",
    )
    image_caption = models.CharField("Onderschrift", max_length=250, blank=True)

    image_panels = [
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt"), FieldPanel("image_caption")],
            heading="Afbeelding",
        )
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt.strip():
            raise ValidationError({"image_alt": "Beschrijf wat er op de afbeelding staat."})


# --- Site settings -----------------------------------------------------------


class SiteSettingsForm(AdminModelForm):
    """The settings form: each other language's name at most once."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("name_translations")
        if formset is not None:
            seen = set()
            for form in formset.forms:
                language = form.cleaned_data.get("language") if form.is_valid() else None
                if not language or form.cleaned_data.get("DELETE"):
                    continue
                if language in seen:
                    form.add_error("language", "Deze taal staat er al. Vul elke taal één keer in.")
                seen.add(language)
        return cleaned


@register_setting(icon="site")
class SiteSettings(ClusterableModel, BaseSiteSetting):
    base_form_class = SiteSettingsForm

    organisation_name = models.CharField("Naam van de organisatie", max_length=200)
    short_name = models.CharField("Korte naam", max_length=80, blank=True)
    tagline = models.CharField("Kernzin", max_length=200, blank=True)
    logo = models.ForeignKey(
        CustomImage,
        verbose_name="Logo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    postal_address = models.TextField(
        "Postadres", blank=True, help_text="Elke regel van het adres op een eigen regel."
    )
    email = models.EmailField(
        "E-mailadres", blank=True, help_text="Staat op de website, voor bezoekers."
    )
    security_email = models.EmailField(
        "E-mailadres voor beveiligingsmeldingen",
        blank=True,
        help_text="Wie een zwakke plek in de website vindt, meldt die hier "
        "(/.well-known/security.txt). Leeg: het e-mailadres hierboven.",
    )
    notification_email = models.EmailField(
        "E-mailadres van de redactie",
        blank=True,
        help_text="Hier komen nieuwe contactberichten, verhalen en aanmeldingen binnen. "
        "Bezoekers zien dit adres niet.",
    )
    retention_months = models.PositiveSmallIntegerField(
        "Bewaartermijn (maanden)",
        default=12,
        help_text="Berichten via het contactformulier en contactgegevens bij verhalen worden "
        "na zoveel maanden automatisch gewist.",
    )
    privacy_page = models.ForeignKey(
        Page,
        verbose_name="Privacyverklaring",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        Page,
        verbose_name="Toegankelijkheidsverklaring",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("short_name"),
                FieldPanel("tagline"),
                FieldPanel("logo"),
            ],
            heading="Organisatie",
        ),
        MultiFieldPanel(
            [FieldPanel("postal_address"), FieldPanel("email"), FieldPanel("security_email")],
            heading="Contact",
        ),
        FieldPanel("notification_email"),
        FieldPanel("retention_months"),
        InlinePanel(
            "name_translations",
            label="Naam en kernzin in een andere taal",
            heading="In andere talen",
            help_text="Leeg laten kan: dan staat de Nederlandse naam er.",
        ),
        InlinePanel("social_accounts", label="Volg ons op sociale media"),
        InlinePanel("related_campaigns", label="Verwante campagnes"),
        MultiFieldPanel(
            [FieldPanel("privacy_page"), FieldPanel("accessibility_page")],
            heading="Pagina's in de voettekst",
        ),
    ]

    class Meta:
        verbose_name = "gegevens van de organisatie"

    def __str__(self):
        return self.organisation_name

    @classmethod
    def for_request(cls, request):
        """The settings of the request's site, from the content cache (core.content_cache)
        on public pages: every page shows them. The admin edits what it reads itself."""
        if request.path.startswith(settings.NEVER_CACHE_PATH_PREFIXES):
            return super().for_request(request)
        attr_name = cls.get_cache_attr_name()
        site = Site.find_for_request(request)
        if site is None or hasattr(request, attr_name):
            return super().for_request(request)
        instance = remember("site-settings", lambda: cls.for_site(site), site.pk)
        instance._request = request  # Wagtail's: page links in the settings use it
        setattr(request, attr_name, instance)
        return instance

    @cached_property
    def display_name(self):
        return self.short_name or self.organisation_name

    def in_language(self, code):
        """This organisation's name, short name and tagline in the language `code`, each
        the Dutch one where no translation was given, with `translated` telling whether
        any was (then the header drops its lang="nl"). From the content cache."""

        def build():
            found = self.name_translations.filter(language=code).first()
            names = {
                field: (getattr(found, field, "") or getattr(self, field))
                for field in ("organisation_name", "short_name", "tagline")
            }
            return names | {"translated": found is not None}

        if code == settings.LANGUAGE_CODE:
            return {
                "organisation_name": self.organisation_name,
                "short_name": self.short_name,
                "tagline": self.tagline,
                "translated": True,
            }
        return remember("site-names", build, self.pk, code)

    @classmethod
    def network_name(cls, site):
        """str: the name mails and the admin give the network on `site`: the settings'
        short or full name, else Wagtail's site name ("" when neither is set)."""
        return cls.for_site(site).display_name or site.site_name

    @cached_property
    def address_lines(self):
        return [line.strip() for line in self.postal_address.splitlines() if line.strip()]


# The site's languages other than the original, named in Dutch for the editors.
OTHER_LANGUAGE_CHOICES = [
    (code, language_in_dutch(code))
    for code, _name in settings.LANGUAGES
    if code != settings.LANGUAGE_CODE
]


class SiteNameTranslation(Orderable):
    """The organisation's name, short name and tagline in one of the site's other
    languages, shown in the header of that language's pages."""

    settings = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="name_translations")
    language = models.CharField("Taal", max_length=10, choices=OTHER_LANGUAGE_CHOICES)
    organisation_name = models.CharField("Naam van de organisatie", max_length=200, blank=True)
    short_name = models.CharField("Korte naam", max_length=80, blank=True)
    tagline = models.CharField("Kernzin", max_length=200, blank=True)

    panels = [
        FieldPanel("language"),
        FieldPanel("organisation_name"),
        FieldPanel("short_name"),
        FieldPanel("tagline"),
    ]

    class Meta(Orderable.Meta):
        # One per language is checked by the settings form (SiteSettingsForm): a database
        # constraint would refuse replacing a language's row in one save (the admin saves
        # the new rows before it deletes the old ones).
        verbose_name = "naam in een andere taal"
        verbose_name_plural = "namen in andere talen"

    def __str__(self):
        return f"{self.organisation_name} ({self.language})"


class SocialMediaAccount(Orderable):
    PLATFORMS = [
        ("bluesky", "Bluesky"),
        ("facebook", "Facebook"),
        ("instagram", "Instagram"),
        ("linkedin", "LinkedIn"),
        ("mastodon", "Mastodon"),
        ("x", "X (Twitter)"),
        ("youtube", "YouTube"),
        ("other", "Anders"),
    ]
    settings = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="social_accounts")
    platform = models.CharField("Platform", max_length=20, choices=PLATFORMS)
    url = models.URLField("Adres van het account")
    label = models.CharField(
        "Naam", max_length=80, blank=True, help_text="Alleen nodig bij 'Anders'."
    )

    panels = [FieldPanel("platform"), FieldPanel("url"), FieldPanel("label")]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.label or self.get_platform_display()


class RelatedCampaign(Orderable):
    settings = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="related_campaigns")
    name = models.CharField("Naam", max_length=120)
    logo = models.ForeignKey(
        CustomImage,
        verbose_name="Logo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.URLField("Website", blank=True)

    panels = [FieldPanel("name"), FieldPanel("logo"), FieldPanel("url")]

    def __str__(self):
        return self.name
