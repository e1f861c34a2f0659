"""Every address of the old Joomla site keeps working.

Two parts, both answered with 301:

- The addresses the old site's menus gave (`/over-ons/wie-zijn-wij`, a category's blog
  `/publicaties` and its articles `/publicaties/12-brief-aan-kamer`) are stored as Wagtail
  redirects at import (`record_old_addresses`): editors see them under Instellingen >
  Doorverwijzingen, change them and add more there (also from a CSV file).
- What no list can hold is worked out per request by `old_address_target`, asked by
  `JoomlaAddressesMiddleware` for a request that would be a 404: non-SEF addresses
  (`index.php?option=com_content&view=article&id=12&catid=9&Itemid=105`, whatever `catid`,
  `Itemid` or other parameters they carry: Wagtail's redirects match the whole query string),
  the same paths with `index.php/` before them, `.html` after them or a print query, an
  article's id-prefixed alias under any menu, and files below `/images/`.

Only what the old site showed to everyone and still has a live page (or a file) leads
anywhere: a trashed, unpublished or unknown article stays a 404, never the home page.
"""

import re
from urllib.parse import unquote

from django.db.models import Q
from django.http import Http404
from django.urls import Resolver404, resolve
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site
from wagtail.views import serve as wagtail_serve

from .models import ImportedItem
from .source import leading_number, query_of

SUFFIX = re.compile(r"\.html?$", re.IGNORECASE)
ID_ALIAS = re.compile(r"(\d+)(?:[-:]([\w-]*))?")


def record_old_addresses(site, categories, articles, menu_items):
    """Wagtail redirects for the addresses the old site's menus gave to imported, public
    content (an editor's own redirect for the same address is left alone). Returns how many
    were made or brought up to date."""
    pages = _live_pages("article")
    sections = _live_pages("category")
    by_category = {}
    for article in articles:
        if article.public and article.id in pages:
            by_category.setdefault(article.catid, []).append(article)
    count = 0
    for item in menu_items:
        if item.home:
            # The old home page's own link (index.php?Itemid=101) leads to the new one.
            count += _redirect(site, f"/index.php?Itemid={item.id}", site.root_page)
            continue
        if not item.path:
            continue
        if item.view == "article" and item.target_id in pages:
            count += _redirect(site, f"/{item.path}", pages[item.target_id])
            # Joomla's own links name a menu item alone too: index.php?Itemid=105.
            count += _redirect(site, f"/index.php?Itemid={item.id}", pages[item.target_id])
        elif item.view == "category" and item.target_id in sections:
            count += _redirect(site, f"/{item.path}", sections[item.target_id])
            count += _redirect(site, f"/index.php?Itemid={item.id}", sections[item.target_id])
            for category_id in _with_subcategories(categories, item.target_id):
                for article in by_category.get(category_id, []):
                    page = pages[article.id]
                    if not article.alias:
                        continue  # Joomla always gives one; an empty one gives no address
                    count += _redirect(site, f"/{item.path}/{article.id}-{article.alias}", page)
                    count += _redirect(site, f"/{item.path}/{article.alias}", page)
    return count


def _with_subcategories(categories, category_id):
    wanted = {category_id}
    for category in categories.values():  # in tree order: parents before children
        if category.parent_id in wanted:
            wanted.add(category.id)
    return wanted


def _redirect(site, path, page):
    old_path = Redirect.normalise_path(path)
    if old_path.rstrip("/") == (page.url_path[len(site.root_page.url_path) - 1 :]).rstrip("/"):
        return 0  # the page lives at the old address itself: no redirect (it would loop)
    existing = Redirect.objects.filter(site=site, old_path=old_path).first()
    if existing is not None:
        if existing.redirect_page_id == page.pk:
            return 0
        if not _made_by_import(existing):
            return 0  # an editor's own redirect wins
        existing.redirect_page = page
        existing.save()
        return 1
    Redirect.objects.create(site=site, old_path=old_path, redirect_page=page, is_permanent=True)
    return 1


def _made_by_import(redirect):
    return ImportedItem.objects.filter(page_id=redirect.redirect_page_id).exists()


def _live_pages(kind):
    """{Joomla id: live page} for imported items of `kind` the old site showed publicly."""
    items = ImportedItem.objects.filter(kind=kind, public=True, page__live=True).select_related(
        "page"
    )
    return {item.joomla_id: item.page for item in items}


def is_non_sef(path, query_string):
    """Whether the address is one of Joomla's own for its content (`/index.php?option=
    com_content&…`, or a menu item alone, `?Itemid=105`; at `/` too, where the home page
    would answer), which no page of this site answers."""
    if path not in ("/", "/index.php"):
        return False
    query = query_of("?" + query_string)
    return query.get("option") == "com_content" or _menu_item_only(query) is not None


def _menu_item_only(query):
    """The menu item number of a query that names one and no component (`Itemid=105`)."""
    if "option" in query:
        return None
    return leading_number(query.get("itemid", ""))


def looks_like_joomla(path):
    """Whether `path` has a shape only Joomla gave (an id-prefixed alias, `index.php/`, a
    `.html` suffix, the `images/` folder)."""
    path = unquote(path)
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return bool(
        path.lower().startswith(("/index.php", "/images/", "/component/"))
        or SUFFIX.search(last)
        or ID_ALIAS.fullmatch(last)
    )


def is_gone(request):
    """Whether the request's path, which nothing answers, names what the old site had
    (`looks_like_joomla`, or the alias of an imported article or category that is not public
    now) and nothing answers at the same address with a slash either (a new page
    "2024-begroting", a route "/agenda/archief/2014/" or an admin view do)."""
    path = request.path_info
    last = SUFFIX.sub("", unquote(path).rstrip("/").rsplit("/", 1)[-1])
    if not (looks_like_joomla(path) or ImportedItem.objects.filter(alias=last).exists()):
        return False
    return path.endswith("/") or not _answers_with_slash(request, path + "/")


def same_address_here(request):
    """For an old address that only Joomla's decoration sets apart from one of this site
    (`/index.php/contact`, `/contact.html`, where the page kept its path): that address
    ("/contact/"), when something answers it; else None."""
    path = unquote(request.path_info)
    bare = path[len("/index.php") :] if path.lower().startswith("/index.php/") else path
    bare = SUFFIX.sub("", bare.rstrip("/"))
    if not bare or bare == path.rstrip("/") or not _answers_with_slash(request, bare + "/"):
        return None
    return bare + "/"


def _answers_with_slash(request, slashed):
    """Whether a view answers `slashed`: Django's URL patterns, and for Wagtail's page
    serving, the page tree with every page's routes (as `wagtail.views.serve` finds them)."""
    try:
        match = resolve(slashed)
    except Resolver404:
        return False
    if match.func is not wagtail_serve:
        return True
    site = Site.find_for_request(request)
    path = match.args[0] if match.args else match.kwargs.get("path", "")  # Wagtail's re_path
    components = [part for part in path.split("/") if part]
    try:
        return site is not None and bool(
            site.root_page.localized.specific.route(request, components)
        )
    except Http404:
        return False


def old_address_target(site, path, query_string):
    """The address (site-relative URL) an old Joomla address now leads to, or None.

    `path` is the request's path ("/index.php/publicaties/12-brief.html"), `query_string`
    its raw query ("option=com_content&view=article&id=12&Itemid=5")."""
    query = query_of("?" + query_string)
    if query.get("option") == "com_content":
        return _non_sef_target(site, query)
    if path in ("/", "/index.php") and (item := _menu_item_only(query)) is not None:
        # The import stored each menu item's redirect as /index.php?Itemid=N.
        return _stored_target(site, f"/index.php?Itemid={item}")
    rest = unquote(path)
    if rest.lower().startswith("/index.php"):
        rest = rest[len("/index.php") :] or "/"
        if rest == "/" and not query:
            return site.root_page.url  # the old home page
    parts = rest.strip("/").split("/")
    if [part.lower() for part in parts[:2]] == ["component", "content"]:
        return _component_target(site, parts[2:], query)
    rest = SUFFIX.sub("", rest.rstrip("/")) or "/"
    if rest.lower().startswith("/images/"):
        return _file_target(rest.lstrip("/"))
    if rest != path.rstrip("/") and (stored := _stored_target(site, rest)):
        return stored
    segments = [segment for segment in rest.split("/") if segment]
    if not segments:
        return None
    return _segment_target(site, segments)


def _stored_target(site, old_path):
    """The link of the stored redirect for `old_path` (Wagtail's, the import's), or None."""
    stored = Redirect.get_for_site(site).filter(old_path=Redirect.normalise_path(old_path)).first()
    return stored.link if stored is not None and stored.link else None


def _component_target(site, parts, query):
    """`/component/content/…`: the view in the path or the query (`article/12-alias`,
    `category/27-park-blog`, `article?id=12`, `?view=article&id=12`)."""
    view = query.get("view") or (parts[0] if parts else "")
    if query.get("id"):
        return _non_sef_target(site, {"view": view, "id": query["id"]})
    match = ID_ALIAS.fullmatch(parts[-1]) if len(parts) > 1 else None
    if match is None or view not in ("article", "category"):
        return None
    return _page_url(site, view, int(match.group(1)))


def _non_sef_target(site, query):
    view = query.get("view", "")
    number = leading_number(query.get("id", ""))
    if view == "featured":
        return site.root_page.url
    if view == "article" and number:
        return _page_url(site, "article", number)
    if view in ("category", "categories") and number:
        return _page_url(site, "category", number)
    return None


def _segment_target(site, segments):
    """The last segment as an id-prefixed alias ("12-brief-aan-kamer") of an article, else
    of a category; else as a bare alias (Joomla's router without ids) of one imported
    article, the segment before it telling apart articles of the same alias in different
    categories; else of one category."""
    segment = segments[-1]
    match = ID_ALIAS.fullmatch(segment)
    if match:
        number, alias = int(match.group(1)), match.group(2) or ""
        found = [item for kind in ("article", "category") if (item := _item(kind, number))]
        # The number and the alias together first: article 64 and category 64 both exist.
        named = [item for item in found if alias and item.alias == alias]
        if named:
            return _live_url(site, named[0])
        # Joomla's router goes by an article's number (its alias may have changed since).
        article = next((item for item in found if item.kind == "article"), None)
        if article is not None:
            return _live_url(site, article)
        category = next((item for item in found if not alias), None)
        return _live_url(site, category) if category is not None else None
    items = list(ImportedItem.objects.filter(kind="article", alias=segment).select_related("page"))
    if len(items) > 1 and len(segments) > 1:
        sections = ImportedItem.objects.filter(kind="category", alias=segments[-2])
        parent_paths = set(
            Page.objects.filter(pk__in=sections.values("page_id")).values_list("path", flat=True)
        )
        items = [i for i in items if i.page and i.page.path[: -Page.steplen] in parent_paths]
    if len(items) == 1:
        return _live_url(site, items[0])
    if not items:
        categories = list(ImportedItem.objects.filter(kind="category", alias=segment)[:2])
        if len(categories) == 1:
            return _live_url(site, categories[0])
    return None


def _item(kind, number):
    return ImportedItem.objects.filter(kind=kind, joomla_id=number).select_related("page").first()


def _page_url(site, kind, number):
    item = _item(kind, number)
    return _live_url(site, item) if item is not None else None


def _live_url(site, item):
    if not item.public or item.page is None or not item.page.live:
        return None
    if not Page.objects.filter(pk=item.page_id).public().exists():
        return None  # made private since
    return item.page.get_url(current_site=site) or None


def _file_target(path):
    item = (
        ImportedItem.objects.filter(kind="file")
        .filter(Q(path=path) | Q(path__iexact=path))
        .select_related("image", "document")
        .first()
    )
    if item is None:
        return None
    if item.document is not None:
        return item.document.url
    if item.image is not None:
        return item.image.file.url
    return None
