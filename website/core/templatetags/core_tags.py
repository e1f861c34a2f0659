import json
from urllib.parse import quote, urlsplit

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Page, Site

from website.caching.content_cache import content_generation, remember, remember_published
from website.core import languages
from website.core.addresses import site_address
from website.core.email_addresses import readable_email
from website.core.models import SiteSettings
from website.core.navigation import without_empty_listings
from website.core.share_images import SHARE_SIZE
from website.text import clean_data

register = template.Library()

_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def fragment_version(context):
    """What a `{% cache %}` fragment that is the same on every page of a site varies on:
    the content generation (core.content_cache), the site and the language."""
    site = Site.find_for_request(context.get("request"))
    return f"{content_generation()}:{site.pk if site else ''}:{get_language()}"


@register.simple_tag(takes_context=True)
def page_body(context, page):
    """`{% include_block page.body %}`, from the content cache: turning rich text and
    blocks into HTML is most of a content page's time, and it only changes with content
    (or, for blocks that list dates, the day). Previews render the draft itself."""

    def render():
        return page.body.render_as_block(context=context.flatten())

    request = context.get("request")
    return remember_published(request, "page-body", render, page, timezone.localdate())


@register.simple_tag(takes_context=True)
def site_root(context):
    """The site's home page, looked up once per request (header, menu and breadcrumbs)."""
    request = context.get("request")
    if request is None:
        return None
    if not hasattr(request, "_site_root_page"):
        site = Site.find_for_request(request)
        # The home page in the visitor's language (the Dutch one where there is none).
        request._site_root_page = site.root_page.specific.localized if site else None
    return request._site_root_page


@register.simple_tag
def related_campaigns(site_settings):
    return site_settings.related_campaigns.select_related("logo").prefetch_related(
        "logo__renditions"
    )


@register.inclusion_tag("core/includes/main_menu.html", takes_context=True)
def main_menu(context):
    """Home and the sections in the menu; the current one marked. The items come from the
    content cache (they are the same on every page); only the marking is per page."""
    root = site_root(context)
    current = context.get("page")
    current_path = current.path if isinstance(current, Page) else ""
    request = context.get("request")
    items = remember("main-menu", lambda: menu_items(root, request), root.pk) if root else []
    menu = []
    for item in items:
        is_home = item["depth"] == root.depth
        active = current_path == item["path"] if is_home else current_path.startswith(item["path"])
        menu.append({**item, "active": active, "current": current_path == item["path"]})
    return {"menu": menu}


def menu_items(root, request):
    """[{title, url, path, depth}] for the home page and its sections in the menu."""
    pages = [root, *without_empty_listings(root.get_children().live().in_menu())]
    return [
        {"title": page.title, "url": page.get_url(request), "path": page.path, "depth": page.depth}
        for page in pages
    ]


@register.simple_tag
def section_menu(page):
    """The live child pages of `page` that are in menus, without empty listings (from the
    content cache)."""
    return remember(
        "section-menu",
        lambda: list(without_empty_listings(page.get_children().live().in_menu())),
        page.pk,
    )


def shown_page(context):
    """The Wagtail page this template shows, or None (a view of its own, such as search)."""
    page = context.get("page")
    return page if isinstance(page, Page) else None


@register.inclusion_tag("core/includes/language_switch.html", takes_context=True)
def language_switch(context, homes=False):
    """The header's list of languages, each named in itself, leading to this page in that
    language where it exists (core.languages.language_links); with `homes` (the 404 page)
    to each language's home page."""
    request = context.get("request")
    if request is None:
        return {"languages": []}
    site = Site.find_for_request(request)
    page = site.root_page if homes and site else shown_page(context)
    return {"languages": languages.language_links(request, page, site, route=not homes)}


@register.simple_tag(takes_context=True)
def alternate_languages(context):
    """[(hreflang, absolute URL)] of this page's language versions, for `<link
    rel="alternate">` (core.languages.alternate_links)."""
    request = context.get("request")
    if request is None:
        return []
    site = Site.find_for_request(request)
    return languages.alternate_links(request, shown_page(context), site)


@register.filter
def localized(page):
    """`page` in the active language where it has a live translation, else `page` itself
    (core.models.BasePage.localized, for any page: a setting's link to a page)."""
    if page is None:
        return None
    page = page.specific_deferred if type(page) is Page else page
    return page.localized


@register.simple_tag
def site_names(site_settings):
    """{organisation_name, short_name, tagline, translated} of `site_settings` (a
    SiteSettings) in the active language (SiteSettings.in_language)."""
    if not site_settings:
        return {"organisation_name": "", "short_name": "", "tagline": "", "translated": False}
    return site_settings.in_language(get_language())


@register.simple_tag
def original_language():
    """The language of the original content (settings.LANGUAGE_CODE), for `{% language %}`
    around a list of its items on a page in another language: dates and labels in it."""
    return settings.LANGUAGE_CODE


@register.simple_tag
def items_language(page):
    """The language the items of `page`'s list are in: the original's where the page, a
    translation, shows its original's items (`BasePage.items_from`), else the active one.
    For `{% language %}` around the list and, when it differs from the active language,
    the note and `original_language_attributes`."""
    if page.items_from().pk != page.pk:
        return settings.LANGUAGE_CODE
    return get_language()


@register.simple_tag
def original_language_attributes():
    """` lang="nl" dir="ltr"` on a list of items in the original language shown on a page in
    another language (WCAG 3.1.2: the language of parts); nothing on a page in the original."""
    original = settings.LANGUAGE_CODE
    if get_language() == original:
        return ""
    return format_html(' lang="{}" dir="{}"', original, languages.text_direction(original))


@register.simple_tag
def language_attributes(page):
    """` lang="nl" dir="ltr"` on the part that shows `page` (its title) where the page is
    in another language than the active one (WCAG 3.1.2: the language of parts), such as
    an event without a translation in a translated agenda; nothing otherwise."""
    code = languages.language_of(page)
    if code == get_language():
        return ""
    return format_html(' lang="{}" dir="{}"', code, languages.text_direction(code))


@register.filter
def isolated(value):
    """`value` in a <bdi>: a Dutch place name or address ("9411 AB Beilen") keeps its own
    direction inside an Arabic sentence instead of having its number and punctuation
    reordered around it; no change on a left-to-right page."""
    return format_html("<bdi>{}</bdi>", value) if value else ""


@register.simple_tag
def open_graph_locale():
    """The active language as Open Graph names it ("nl_NL")."""
    return languages.OPEN_GRAPH_LOCALES.get(get_language(), get_language())


@register.simple_tag
def text_direction():
    """ "rtl" or "ltr" for the active language."""
    return languages.text_direction()


@register.inclusion_tag("core/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, here=""):
    """The trail from home to the page. `here` names a view inside the page (a route such
    as "Deel je verhaal"): the page becomes a link and `here` the current step. The
    ancestors come from the content cache."""
    page = context.get("page")
    root = site_root(context)
    if not isinstance(page, Page) or root is None or (page.depth <= root.depth and not here):
        return {"ancestors": []}
    request = context.get("request")
    ancestors = remember(
        "breadcrumbs", lambda: ancestor_links(page, root, request), page.pk, root.pk
    )
    return {"ancestors": ancestors, "page": page, "here": here}


def ancestor_links(page, root, request):
    """[{title, url}] for the pages from `root` down to `page`'s parent."""
    ancestors = page.get_ancestors().filter(depth__gte=root.depth)
    return [{"title": ancestor.title, "url": ancestor.get_url(request)} for ancestor in ancestors]


@register.inclusion_tag("core/includes/share_links.html", takes_context=True)
def share_links(context, title, url):
    text = quote(f"{title} {url}")
    encoded_url = quote(url, safe="")
    encoded_title = quote(title)
    links = [
        ("E-mail", f"mailto:?subject={encoded_title}&body={quote(url)}"),
        ("WhatsApp", f"https://wa.me/?text={text}"),
        ("LinkedIn", f"https://www.linkedin.com/sharing/share-offsite/?url={encoded_url}"),
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={encoded_url}"),
        ("Bluesky", f"https://bsky.app/intent/compose?text={text}"),
        ("X", f"https://x.com/intent/post?text={encoded_title}&url={encoded_url}"),
    ]
    return {"links": links}


@register.simple_tag
def early_script():
    """The <head>'s one inline script (settings.EARLY_SCRIPT, allowed by its hash in the
    CSP): what the CSS must know before the first paint."""
    return mark_safe(f"<script>{settings.EARLY_SCRIPT}</script>")  # noqa: S308 - our own file


@register.simple_tag
def ld_json(data):
    """A schema.org JSON-LD block; characters that could end the script are escaped, and
    control characters that pasted text may still carry are dropped (core.text)."""
    payload = json.dumps(clean_data(data), ensure_ascii=False).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308


@register.filter(name="readable_email")
def readable_email_filter(address):
    """An e-mail address stored in its canonical form (punycode domain), as people write it."""
    return readable_email(address or "")


@register.filter
def filesize(num_bytes):
    """Sizes as Dutch readers expect them: 1,2 MB."""
    if num_bytes is None:
        return ""
    size = float(num_bytes)
    for unit in ("bytes", "kB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            break
        size /= 1000
    text = f"{size:.0f}" if unit in ("bytes", "kB") else f"{size:.1f}".replace(".", ",")
    return f"{text} {unit}"


@register.filter
def without_end_punctuation(text):
    """ "Mijn verhaal mag op de website staan." → "… staan", for "label: error" lines."""
    return str(text).rstrip(" .:;!?")


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The absolute address of what is shown: the page, or its route (a year of the
    archive), and for a later page of a list its page number (?pagina=3): each page of a
    sequence is its own canonical; filters and other parameters are left off."""
    page, request = context.get("page"), context.get("request")
    if page is None:  # a view of its own (the newsletter sign-up, the site overview)
        site = Site.find_for_request(request) if request is not None else None
        return site.root_url + request.path if site else ""
    url = page.get_full_url(request)
    if request is None or not url:
        return url
    page_path = urlsplit(url).path
    if request.path.startswith(page_path):
        url += request.path[len(page_path) :]
    # The page of the list really shown (?pagina=99 shows the last page; not a new address).
    listing = context.get("listing")
    number = getattr(listing, "number", None)
    if isinstance(number, int) and number > 1:
        url += f"?pagina={number}"
    return url


MIN_SHARE_SIDE = 200  # pixels; Facebook and LinkedIn ignore smaller images


@register.simple_tag(takes_context=True)
def share_image(context, page):
    """What a shared link shows, {url, width, height, alt} or None: the page's own image
    (a book cover, an article's photo), else the picture made from the site's identity
    (1200×630). Absolute addresses come from the Site's root URL."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return None
    image = getattr(page, "image", None)
    rendition = image.get_rendition("max-1200x1200") if image and not image.is_svg() else None
    if rendition and min(rendition.width, rendition.height) >= MIN_SHARE_SIDE:
        return {
            "url": site_address(site, rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "alt": getattr(page, "image_alt", "") or page.title,
        }
    return {
        "url": site_address(site, reverse("share_image")),
        "width": SHARE_SIZE[0],
        "height": SHARE_SIZE[1],
        "alt": SiteSettings.for_request(request).organisation_name,
    }
