"""A newsletter as a mail: the same sections as the web version, as HTML (inline styles, no
images, no tracking pixel, links straight to the site) and as plain text.

`render_mail(page, site, unsubscribe_url)` -> RenderedMail(subject, text, html) (website.mail)."""

import html
import re
from html.parser import HTMLParser

from django.template.loader import render_to_string

from website.core.addresses import page_address, site_address
from website.core.models import SiteSettings
from website.mail.rendering import RenderedMail, render_subject


def absolute_links(markup, site):
    """Rich text with the site's own links ("/contact/") made absolute, as a mail needs."""
    root = site_address(site, "/").rstrip("/")
    return re.sub(r'href="/(?!/)', f'href="{root}/', markup)


def sections(page, site):
    """[{"kind": "text", "html": …} | {"kind": "items", "heading": …, "items": [dict]}],
    JSON-ready (kept as what was sent: NewsletterPage.sent_sections)."""
    if page.sent_sections:
        return page.sent_sections
    result = []
    for block in page.body:
        if block.block_type == "paragraph":
            result.append({"kind": "text", "html": absolute_links(str(block.value), site)})
        else:
            items = block.block.items(block.value, site)
            if items:
                result.append({"kind": "items", "heading": block.value["heading"], "items": items})
    return result


class _TextWriter(HTMLParser):
    """Rich text (p, h2, h3, ul, ol, li, a, b, i, br) as readable plain text: headings on
    their own line, list items with a dash, a link's address after its words."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.links = [], []

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "h2", "h3", "ul", "ol"):
            self.parts.append("\n\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "a":
            self.links.append(dict(attrs).get("href", ""))

    def handle_endtag(self, tag):
        if tag == "a" and self.links and (href := self.links.pop()):
            self.parts.append(f" ({href})")

    def handle_data(self, data):
        self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(markup):
    writer = _TextWriter()
    writer.feed(markup)
    lines = "".join(writer.parts).split("\n")
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.strip() for line in lines)).strip()


def as_text(page, site, parts, settings, unsubscribe_url, web_link=True):
    out = [page.title, "=" * min(len(page.title), 60), ""]
    if page.introduction:
        out += [page.introduction, ""]
    for part in parts:
        if part["kind"] == "text":
            out += [html_to_text(part["html"]), ""]
            continue
        out += [part["heading"], "-" * min(len(part["heading"]), 60), ""]
        for item in part["items"]:
            when = " · ".join(x for x in (item["date"], item.get("place", "")) if x)
            out += [f"* {item['title']}"] + ([when] if when else [])
            out += ([item["teaser"]] if item["teaser"] else []) + [item["url"], ""]
    out += ["--"]
    if web_link:
        out += [f"Lees deze nieuwsbrief op de website: {page_address(page)}"]
    out += [
        f"Geen nieuwsbrief meer? Meld je af: {unsubscribe_url}",
        f"{settings.display_name} · {site_address(site)}",
    ]
    return "\n".join(out).strip() + "\n"


LINK_STYLE = "color:#0b4f7c;"


def styled(part):
    """Links in free text get the mail's link colour (mail programs drop style sheets)."""
    if part["kind"] != "text":
        return part
    return part | {"html": part["html"].replace("<a ", f'<a style="{LINK_STYLE}" ')}


def render_mail(page, site, unsubscribe_url, web_link=True, test=False):
    """`web_link`: False for a test before sending (the web version is not public yet);
    `test`: the subject says "[Test]". Subject and HTML from the templates
    newsletter/mail/newsletter.subject.txt and .html."""
    settings = SiteSettings.for_site(site)
    parts = sections(page, site)
    context = {
        "page": page,
        "sections": [styled(part) for part in parts],
        "web_link": web_link,
        "site_settings": settings,
        "site_url": site_address(site),
        "web_url": page_address(page),
        "unsubscribe_url": unsubscribe_url,
        "test": test,
    }
    subject = render_subject("newsletter/mail/newsletter.subject.txt", context)
    return RenderedMail(
        subject=html.unescape(subject),
        html=render_to_string("newsletter/mail/newsletter.html", context),
        text=as_text(page, site, parts, settings, unsubscribe_url, web_link),
    )
