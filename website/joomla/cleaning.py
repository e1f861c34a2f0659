"""Joomla's HTML as the blocks of a page body.

What editors pasted into Joomla over the years comes along as text, not as its looks: Word's
`mso-` classes and styles, inline styles, fonts, empty `&nbsp;` paragraphs and plugin tags
such as `{loadposition …}` are dropped. Headings become heading blocks, a picture on its own a
figure, the rest paragraphs of rich text with the features the site's editor has (bold,
italic, lists, links). Links to other articles become page links, links to files below
`images/` document links, and `images/…` pictures Wagtail images; the caller says what each
old address now is (`Links`).

The rich text is made by Wagtail's own whitelister (the editor's converter), so what comes
out is what the editor itself would store.
"""

import dataclasses
import re
from html import escape
from urllib.parse import unquote, urlsplit, urlunsplit

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

from website.core.blocks import RICH_TEXT_FEATURES

from .source import leading_number, query_of

# Joomla's "Read more" line, where the editor split the intro from the full text.
READMORE = re.compile(r"<hr\s[^>]*id=[\"']system-readmore[\"'][^>]*>", re.IGNORECASE)
# Plugin tags ({loadposition user1}, {loadmodule mod_x}, {gallery}…{/gallery}, {emailcloak=off}).
PLUGIN_TAG = re.compile(r"\{/?[a-z][a-z0-9_-]*(?:[ =][^{}]*)?\}", re.IGNORECASE)
# A list item's bullet as text before its words: "· ", "• ", "o ", "- ", "1. ", "a) ".
BULLET = re.compile(r"^[\s\xa0]*([·•▪◦o§\-–*]|\d{1,3}[.)]|[a-z][.)])[\s\xa0]+")
HEADINGS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4"}
BLOCK_TAGS = {"p", "ul", "ol", "div", "blockquote", "table", "pre", "address", "center"}
DROPPED_TAGS = {"script", "style", "iframe", "object", "embed", "form", "input", "button",
                "select", "textarea", "noscript", "meta", "link", "xml", "o:p"}  # fmt: skip
FILE_EXTENSIONS = {".pdf", ".doc", ".docx", ".odt", ".xls", ".xlsx", ".ods", ".ppt", ".pptx",
                   ".odp", ".rtf", ".txt", ".csv", ".zip"}  # fmt: skip
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".bmp", ".tif", ".tiff"}

_converter = EditorHTMLConverter(features=RICH_TEXT_FEATURES)


@dataclasses.dataclass
class Links:
    """What the old site's addresses are now, asked by the cleaner:

    - `article(id)`: the Page of an imported article, or None;
    - `image(path)`: the image for a file below `images/` ("images/foto.jpg"), or None;
    - `document(path)`: the document for such a file, or None;
    - `is_old_site(host)`: whether an absolute link's host was the old site's own.
    Problems (a link to an article that is not there, a missing file) go to `problems`."""

    article: callable
    image: callable
    document: callable
    is_old_site: callable = lambda host: False  # noqa: E731
    problems: list = dataclasses.field(default_factory=list)


def split_readmore(introtext, fulltext):
    """(intro, full) HTML: Joomla keeps them in two columns; an article pasted whole into
    the first keeps its "Read more" line there."""
    if fulltext.strip():
        return introtext, fulltext
    parts = READMORE.split(introtext, maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 else (introtext, "")


def pictures(html):
    """The `<img>` elements of `html`, each as HTML in a paragraph of its own (for the body,
    when the text around them becomes a plain introduction)."""
    soup = BeautifulSoup(html or "", "html.parser")
    return "".join(f"<p>{image}</p>" for image in soup.find_all("img"))


def plain_text(html):
    """The text of `html` on one line, without plugin tags and spaces doubled."""
    soup = BeautifulSoup(PLUGIN_TAG.sub(" ", html or ""), "html.parser")
    return " ".join(soup.get_text(" ").split())


def body_blocks(html, links):
    """[{"type": …, "value": …}]: a StreamField's raw data in the site's body blocks
    (heading, paragraph, image), from Joomla's `html`."""
    soup = BeautifulSoup(PLUGIN_TAG.sub("", html or ""), "html.parser")
    _mark_word_lists(soup)
    _drop_noise(soup)
    blocks, paragraph = [], []

    def flush():
        rich = _rich_text("".join(paragraph), links)
        if rich:
            blocks.append({"type": "paragraph", "value": rich})
        paragraph.clear()

    for node in _lists_together(_top_level(soup)):
        if isinstance(node, Tag) and node.name in HEADINGS:
            text = " ".join(node.get_text(" ").split())
            if text:
                flush()
                heading = {"text": text[:120], "level": HEADINGS[node.name]}
                blocks.append({"type": "heading", "value": heading})
            continue
        figure = _lone_image(node)
        if figure is not None:
            image = _image_for(figure, links)
            if image is not None:
                flush()
                alt = (figure.get("alt") or "").strip()
                picture = {"image": image.pk, "decorative": not alt, "alt_text": alt}
                blocks.append({"type": "image", "value": {"image": picture, "caption": ""}})
                continue
        paragraph.append(str(node))
    flush()
    return blocks


def _mark_word_lists(soup):
    """Word pastes a bulleted or numbered list as paragraphs, each with its bullet ("·",
    "o", "1.") in a span marked `mso-list:Ignore` (or, pasted as text, before the words):
    mark each such paragraph `data-list="ul"` or `"ol"` and take the bullet out."""
    for paragraph in soup.find_all("p"):
        listed = "msolist" in " ".join(paragraph.get("class") or []).lower()
        markers = [
            span for span in paragraph.find_all("span")
            if "mso-list:ignore" in (span.get("style") or "").replace(" ", "").lower()
        ]  # fmt: skip
        if markers:
            marker = markers[0].get_text().replace("\xa0", " ").strip()
            for span in markers:
                span.decompose()
        else:
            first = next((t for t in paragraph.find_all(string=True) if t.strip()), None)
            found = BULLET.match(str(first)) if first is not None else None
            if found is None or not (listed or found.group(1) in "·•▪◦"):
                continue
            marker = found.group(1)
            first.replace_with(str(first)[found.end() :])
        paragraph["data-list"] = "ol" if re.fullmatch(r"\d{1,3}[.)]|[a-z][.)]", marker) else "ul"


def _lists_together(nodes):
    """Consecutive paragraphs marked as list items (`_mark_word_lists`) as one list."""
    result = []
    for node in nodes:
        kind = node.get("data-list") if isinstance(node, Tag) else None
        if kind is None:
            result.append(node)
            continue
        if not (result and isinstance(result[-1], Tag) and result[-1].get("data-made") == kind):
            holder = BeautifulSoup(f'<{kind} data-made="{kind}"></{kind}>', "html.parser")
            result.append(holder.find(kind))
        item = BeautifulSoup("<li></li>", "html.parser").li
        for child in list(node.contents):
            item.append(child.extract())
        result[-1].append(item)
    for node in result:
        if isinstance(node, Tag):
            node.attrs.pop("data-made", None)
    return result


def _drop_noise(soup):
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()  # Word's conditional comments (<!--[if gte mso 9]>…)
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        if tag.name in DROPPED_TAGS or ":" in tag.name:  # <o:p>, <w:WordDocument>
            tag.decompose()
            continue
        for attribute in ("style", "class", "lang", "align", "face", "size", "color", "id"):
            tag.attrs.pop(attribute, None)
        if tag.name in ("span", "font"):
            tag.unwrap()


def _top_level(soup):
    """The body's top-level nodes, with the contents of wrapping <div>s brought up and loose
    text between blocks made into paragraphs."""
    nodes = []
    for node in list(soup.contents):
        if isinstance(node, Tag) and node.name in ("div", "center", "section", "article"):
            inner = BeautifulSoup("", "html.parser")
            for child in list(node.contents):
                inner.append(child.extract())
            nodes.extend(_top_level(inner))
        elif isinstance(node, NavigableString):
            if str(node).strip():
                nodes.append(BeautifulSoup(f"<p>{escape(str(node).strip())}</p>",
                                           "html.parser").p)  # fmt: skip
        else:
            nodes.append(node)
    return nodes


def _lone_image(node):
    """The <img> that is all a top-level node holds (a picture on a line of its own)."""
    if isinstance(node, Tag) and node.name == "img":
        return node
    if not isinstance(node, Tag) or node.name not in ("p", "a"):
        return None
    images = node.find_all("img")
    if len(images) == 1 and not node.get_text(strip=True):
        return images[0]
    return None


def _image_for(img, links):
    path = old_file_path(img.get("src", ""), links)
    if path is None:
        return None
    image = links.image(path)
    if image is None:
        links.problems.append(f"afbeelding ontbreekt: {path}")
    return image


def _rich_text(html, links):
    """The editor's rich text for a run of paragraphs and lists ("" when empty)."""
    soup = BeautifulSoup(html, "html.parser")
    for img in soup.find_all("img"):
        img.decompose()  # a picture inside text: the editor has no inline images
    for anchor in soup.find_all("a"):
        _rewrite_link(anchor, links)
    for tag in soup.find_all(["b", "strong"]):
        tag.name = "b"
    for tag in soup.find_all(["i", "em"]):
        tag.name = "i"
    for tag in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre"]):
        tag.name = "p"
    stored = _converter.to_database_format(str(soup))
    return _without_empty_paragraphs(stored)


def _without_empty_paragraphs(html):
    soup = BeautifulSoup(html, "html.parser")
    for paragraph in soup.find_all("p"):
        text = paragraph.get_text().replace("\xa0", " ").strip()
        if not text and not paragraph.find(["a", "embed"]):
            paragraph.decompose()
    return str(soup).strip()


def _rewrite_link(anchor, links):
    """An old-site link as the editor's page or document link; other links stay. An anchor
    that leads nowhere here (no address, a named anchor, a jump within the old page, a
    script) keeps its words only."""
    href = (anchor.get("href") or "").strip()
    if not href or href.startswith("#") or not _safe_scheme(href):
        anchor.unwrap()
        return
    anchor.attrs = {"href": href}
    if href.startswith(("mailto:", "tel:")):
        return
    article_id = old_article_id(href, links)
    if article_id is not None:
        problem = f"link naar artikel {article_id} dat niet (openbaar) is"
        _link_to(anchor, "page", links.article(article_id), links, problem)
        return
    path = old_file_path(href, links)
    if path is not None:
        _link_to(anchor, "document", links.document(path), links, f"bestand ontbreekt: {path}")
        return
    parts = urlsplit(href)
    if (not parts.netloc or links.is_old_site(parts.netloc)) and parts.path.lstrip(
        "/"
    ).lower().startswith("index.php"):
        # Another old address (a menu item, a SEF path): from the site's root, where the
        # old-address resolver answers it; relative, it would be looked up below this page.
        anchor.attrs = {"href": urlunsplit(("", "", "/" + parts.path.lstrip("/"), parts.query, ""))}


def _safe_scheme(href):
    """Whether a link's address is one a visitor can follow: http(s), mailto, tel, or a
    path (a `javascript:` or `data:` address is not, whatever its capitals or spaces)."""
    scheme = re.match(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):", re.sub(r"[\x00-\x20]", "", href))
    return scheme is None or scheme.group(1).lower() in ("http", "https", "mailto", "tel")


def _link_to(anchor, linktype, target, links, problem):
    """The anchor as the editor's link to `target`; without one, its words alone and the
    problem noted."""
    if target is None:
        links.problems.append(problem)
        anchor.unwrap()
    else:
        anchor.attrs = {"href": "#", "data-linktype": linktype, "data-id": str(target.pk)}


def old_article_id(href, links):
    """The article id an old-site link leads to (non-SEF `index.php?…view=article&id=12`
    or an id-prefixed SEF path `…/12-brief-aan-kamer(.html)`), else None."""
    parts = urlsplit(href)
    if parts.netloc and not links.is_old_site(parts.netloc):
        return None
    query = query_of(href)
    if query.get("option") == "com_content":
        return leading_number(query.get("id", "")) if query.get("view") == "article" else None
    last = unquote(parts.path).rstrip("/").rsplit("/", 1)[-1]
    if re.fullmatch(r"\d+-[\w-]+(\.html?)?", last):
        return leading_number(last)
    return None


def old_file_path(src, links):
    """ "images/map/foto.jpg" for a link or source below the old site's `images/` folder
    (relative, site-absolute, or absolute on the old host), else None."""
    parts = urlsplit(src.strip())
    if parts.netloc and not links.is_old_site(parts.netloc):
        return None
    path = unquote(parts.path).lstrip("/")
    if not path.startswith("images/") or ".." in path.split("/"):
        return None
    suffix = "." + path.rsplit(".", 1)[-1].lower() if "." in path else ""
    return path if suffix in FILE_EXTENSIONS | IMAGE_EXTENSIONS else None


def is_image_path(path):
    return "." + path.rsplit(".", 1)[-1].lower() in IMAGE_EXTENSIONS
