"""Menus never lead to an empty list: a listing page type (`hide_when_empty = True` on the
model, e.g. the overview of local initiatives or the news) drops out of the main menu and
of section menus while it has no live child pages, and comes back with the first one."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.db.models.functions import Substr
from wagtail.models import Page, get_page_models

from .models import private_pages_q


def listing_content_type_ids():
    """Content type ids of the page types that hide themselves when empty (cached by
    Django's content type cache: no query after the first)."""
    models = [m for m in get_page_models() if getattr(m, "hide_when_empty", False)]
    return {ContentType.objects.get_for_model(m).pk for m in models}


def without_empty_listings(pages):
    """`pages` (a list or queryset of Wagtail pages) without the listing pages that have no
    live child page. One query per depth among the listing pages (a menu: one), none when
    `pages` holds no listing page."""
    pages = list(pages)
    listing_ids = listing_content_type_ids()
    listings = [p for p in pages if p.content_type_id in listing_ids]
    filled = set()
    for depth in {p.depth for p in listings}:
        parents = [p for p in listings if p.depth == depth]
        prefix_length = len(parents[0].path)
        in_parents = Q()
        for parent in parents:
            in_parents |= Q(path__startswith=parent.path)
        filled |= set(
            Page.objects.live()
            .filter(in_parents, depth=depth + 1)
            .annotate(parent_path=Substr("path", 1, prefix_length))
            .values_list("parent_path", flat=True)
            .distinct()
        )
    return [p for p in pages if p.content_type_id not in listing_ids or p.path in filled]


def site_sections(root):
    """The site's structure for people (the HTML counterpart of sitemap.xml): [(section,
    [sub-pages])] for the live, public children of `root` (in the menu or not, such as the
    privacy statement) and their children that are in menus; empty listings left out. Three
    queries plus those of `without_empty_listings`, however large the site."""
    private = private_pages_q()  # once for both lists
    sections = without_empty_listings(root.get_children().live().exclude(private).specific())
    below = without_empty_listings(
        Page.objects.live()
        .exclude(private)
        .in_menu()
        .descendant_of(root)
        .filter(depth=root.depth + 2)
        .order_by("path")
    )
    return [
        (section, [p for p in below if p.path.startswith(section.path)]) for section in sections
    ]
