"""Site search (/zoeken/): every page type, and the text inside documents via the pages
that publish them."""

import re

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import get_language
from wagtail.models import Page, Site, get_page_models

from website.core.languages import language_of, text_direction
from website.core.models import page_kind, private_pages_q, specific_pages
from website.text import clean_text, fold

from .kinds import kind_label
from .snippets import snippet, stem

MAX_QUERY_CHARS = 200
PER_PAGE = 10
# Nobody pages through more: "Meer dan 500 resultaten" asks for other words instead.
MAX_RESULTS = 500


def clean_query(raw):
    """Cap the length and drop control characters (null bytes included; core.text)."""
    text = clean_text(raw[: MAX_QUERY_CHARS * 2], single_line=True)
    return " ".join(text.split())[:MAX_QUERY_CHARS]


# A possessive or plural "'s" ("Anna's", "thema's") and the one letter of "zo'n" or "'t":
# split off at the apostrophe, they would each have to be on the page too.
APOSTROPHE_ENDINGS = re.compile(r"(?<=\w)['’`´]\w\b|\B['’`´]t\b|(?<=\w)['’`´](?!\w)")


def search_words(query):
    """Only words reach the search backend: quotes, brackets and operators (AND, OR, NOT,
    NEAR, *, -) mean nothing to our visitors and would be syntax errors for the backend.
    The query is folded first (website.text.fold), as the index is: an accent typed as a
    separate mark, a zero-width space or a soft hyphen pasted inside a word would otherwise
    split it. A lone letter left over is dropped when other words remain."""
    words = re.findall(r"\w+", APOSTROPHE_ENDINGS.sub("", fold(query)).lower())
    longer = [word for word in words if len(word) > 1]
    return " ".join(longer or words)[:MAX_QUERY_CHARS]


def searchable_kinds():
    """Page types visitors can filter on, by URL slug: {slug: (label, model)}."""
    kinds = {}
    for model in get_page_models():
        if model is Page or model.max_count == 1 or getattr(model, "hide_when_empty", False):
            continue  # home and overview pages: not useful as a filter
        label = getattr(model, "search_kind_plural", None) or model._meta.verbose_name_plural
        kinds[model._meta.model_name] = (kind_label(str(label).capitalize()), model)
    return dict(sorted(kinds.items(), key=lambda item: item[1][0]))


def search(request):
    query = clean_query(request.GET.get("q", ""))
    kinds = searchable_kinds()
    kind = request.GET.get("soort", "")
    kind = kind if kind in kinds else ""
    listing = None
    more_than = False
    if query:
        pages = (
            Page.objects.live()
            .exclude(private_pages_q())
            .filter(in_language_trees(Site.find_for_request(request)))
            .only("id", "content_type")  # the ten shown are made specific afterwards
        )
        if kind:
            pages = pages.type(kinds[kind][1])
        words = search_words(query)
        results = found(pages, words)
        stemmed = " ".join(stem(word) for word in words.split())
        if not settings.USING_POSTGRES and stemmed != words and not results:
            # No hit for "voedselbanken"? Try "voedselbank" where the database has no Dutch
            # stemmer (SQLite); PostgreSQL's `dutch` configuration stems both sides itself,
            # and a second search there would double the cost of every search without a hit.
            results = found(pages, stemmed)
        more_than = len(results) > MAX_RESULTS
        listing = Paginator(results[:MAX_RESULTS], PER_PAGE).get_page(
            request.GET.get("pagina") or 1
        )
        listing.object_list = [
            {
                "page": page,
                "kind": kind_label(page_kind(page)),
                "date": result_date(page),
                "snippet": snippet(page, query),
                # A Dutch page found from /en/zoeken/ is marked Dutch (lang, dir).
                "language": language_of(page),
                "direction": text_direction(language_of(page)),
            }
            for page in specific_pages(listing.object_list)
        ]

    context = {
        "language": get_language(),
        "query": query,
        "kind": kind,
        "kinds": [(slug, label) for slug, (label, _) in kinds.items()],
        "listing": listing,
        "more_than": MAX_RESULTS if listing and more_than else None,
    }
    return render(request, "search/search.html", context)


def in_language_trees(site):
    """A Q for the pages of `site` in the original language and, on a translated search page
    (/en/zoeken/), in the visitor's language too: an English visitor finds the English pages
    and the Dutch ones (most of the site), a Dutch visitor never the translations."""
    if site is None:
        return Q(pk__in=[])
    root = site.root_page.specific
    roots = {root.path, root.localized.path}
    in_trees = Q()
    for path in roots:
        in_trees |= Q(path__startswith=path)
    return in_trees


def found(pages, words):
    """The pages matching `words`, best first, at most MAX_RESULTS + 1 (base Page objects).

    One query: the count, the page of ten and the pages' types all come from this list (the
    ten shown are made specific from the content cache), instead of a count query and a
    results query, each of which cost Django more to build (the rank expression grows with
    every word's other forms) than PostgreSQL to run; a crowd's all-different searches go
    this way past every cache."""
    if not words:
        return []
    return list(pages.search(words)[: MAX_RESULTS + 1])


def result_date(page):
    """The date a page is about (a letter's, an event's), or None: a page without one (an
    overview, "Wie zijn wij?") gets no date, not the day it happened to be published."""
    return getattr(page, "search_date", None)
