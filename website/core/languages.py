"""The site's languages (settings.LANGUAGES): which translations a page has, and where the
language switch in the header leads. Dutch, the original, is at the root; the others under
`/en/`, `/ar/`, … (`website.urls`, `core.middleware.PathLocaleMiddleware`). Translations
themselves are wagtail-localize's (docs/languages.md)."""

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import get_language, get_language_bidi, get_language_info
from wagtail.models import Locale, Page

from website.caching.content_cache import remember

# The flag on a .po entry made by a machine, until a native speaker has checked it
# ("Instellingen > Vertalingen" lists them; website.pages.translations).
MACHINE_MADE_FLAG = "machine-translated"

# Open Graph names a language with its main country (og:locale).
OPEN_GRAPH_LOCALES = {
    "nl": "nl_NL",
    "en": "en_GB",
    "ar": "ar_AR",
    "tr": "tr_TR",
    "pl": "pl_PL",
    "uk": "uk_UA",
}


def language_of(page):
    """The language code of `page` (its locale's), from the content cache: no query."""
    codes = remember(
        "locale-codes", lambda: dict(Locale.objects.values_list("id", "language_code"))
    )
    return codes.get(page.locale_id, settings.LANGUAGE_CODE)


def language_codes():
    """The site's language codes, Dutch first: ["nl", "en", "ar", …]."""
    return [code for code, _name in settings.LANGUAGES]


def language_name(code):
    """The language `code` named in itself ("English", "العربية"), as settings.LANGUAGES
    names it."""
    return dict(settings.LANGUAGES)[code]


def language_in_dutch(code):
    """The language `code` named in the original language, for the editors ("Engels")."""
    with translation.override(settings.LANGUAGE_CODE):
        # str() now: the lazy name would be read later, in whatever language is active then.
        return str(get_language_info(code)["name_translated"])


def text_direction(code=None):
    """ "rtl" for a right-to-left language (Arabic), else "ltr"; the active one by default."""
    if code is None:
        return "rtl" if get_language_bidi() else "ltr"
    return "rtl" if get_language_info(code)["bidi"] else "ltr"


def page_translations(page, request):
    """{language code: relative URL} of `page` and its live, public translations, in the
    order of settings.LANGUAGES. From the content cache: one query per page and change."""

    def build():
        pages = (
            Page.objects.filter(translation_key=page.translation_key, live=True)
            .public()
            .select_related("locale")
        )
        urls = {p.locale.language_code: p.get_url(request) for p in pages}
        return {code: urls[code] for code in language_codes() if urls.get(code)}

    return remember("translations", build, page.translation_key)


def home_pages(request, site):
    """{language code: relative URL} of the site's home page in each language it has."""
    return page_translations(site.root_page, request)


def language_links(request, page, site, route=True):
    """The language switch: one dict per language with `code`, `name` (in itself), `dir`,
    `url`, `current` (the language shown) and `translated` (False when the link leads to
    that language's home page because `page` has no translation in it). Views without a
    page (search, the newsletter sign-up) lead to the same view in the other language."""
    current = get_language()
    if page is not None and site is not None:
        translations = page_translations(page, request)
        homes = home_pages(request, site)
        route = route_below(request, translations.get(current)) if route else ""
    else:
        translations, homes, route = None, {}, ""
    links = []
    for code in language_codes():
        if translations is None:
            url, translated = translate_url(request.get_full_path(), code), True
        elif code in translations:
            url, translated = translations[code] + route, True
        elif code in homes:
            url, translated = homes[code], False
        else:
            continue  # this language has no pages at all yet
        links.append(
            {
                "code": code,
                "name": language_name(code),
                "dir": text_direction(code),
                "url": url,
                "current": code == current,
                "translated": translated,
            }
        )
    return links


def route_below(request, page_url):
    """The part of the requested path below the page's own URL: "deel-je-verhaal/" on a
    page's route (the story form), "" on the page itself. Routes are the same in every
    language, so the switch leads to the same form in the other language."""
    if not page_url or "://" in page_url or not request.path.startswith(page_url):
        return ""
    return request.path[len(page_url) :]


def alternate_links(request, page, site):
    """[(hreflang, absolute URL)] for `<link rel="alternate">` and the sitemap: each live
    translation of `page`, and "x-default" for the Dutch original. Empty when there is
    only one language version."""
    if page is None or site is None:
        return []
    translations = page_translations(page, request)
    if len(translations) < 2:
        return []
    route = route_below(request, translations.get(get_language()))
    links = [(code, absolute(site, url + route)) for code, url in translations.items()]
    if settings.LANGUAGE_CODE in translations:
        original = translations[settings.LANGUAGE_CODE] + route
        links.append(("x-default", absolute(site, original)))
    return links


def absolute(site, url):
    """`url` (Wagtail's relative URL, or an absolute one for a page of another site) as an
    absolute URL."""
    return url if "://" in url else site.root_url + url
