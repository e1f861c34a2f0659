"""Seed steps: the difficult words of `[[jargon]]` in the seed, each added once; the
editors' guide."""

import re

from django.core.files.images import ImageFile
from django.utils.html import escape
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from website.seed.parser import ListBlock, Paragraph, parse_blocks

from .models import GuideChapter, JargonTerm


def jargon(ctx):
    for spec in ctx.config.get("jargon", []):
        ctx.once(
            f"jargon:{spec['term']}",
            lambda spec=spec: JargonTerm.objects.get_or_create(
                term=spec["term"], defaults={"alternative": spec["alternative"]}
            )[0],
        )


def guide(ctx):
    """The editors' guide from the seed's `[guide] source` (Markdown-like, below), each
    chapter made once (an editor's changes stay), its screenshots from the seed folder."""
    config = ctx.config.get("guide")
    if not config:
        return
    text = (ctx.seed_dir / config["source"]).read_text(encoding="utf-8")
    for order, chapter in enumerate(guide_chapters(text), start=1):
        ctx.once(
            f"guide:{chapter['title']}",
            lambda chapter=chapter, order=order: make_chapter(ctx.seed_dir, chapter, order),
        )


# "# Titel" starts a chapter; "> zin" is its summary; "Voor: wie publiceert" keeps it from
# those who do not publish (contributors). Then blocks as the seed reads all text
# (seed.parser.parse_blocks: a blank line between blocks, "1." and "-" lists), where a
# block "### Kop" is a small heading and "![wat staat erop](bestand.png)" a screenshot;
# **vet** is bold.
SCREENSHOT = re.compile(r"^!\[(?P<alt>[^\]]+)\]\((?P<file>[^)\s]+)\)$")


def guide_chapters(text):
    """[{"title", "summary", "for_publishers", "body": [("text", html) | ("screenshot",
    (alt, file))]}]."""
    chapters = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("# "):
            chapter = {"title": stripped[2:].strip(), "summary": "", "for_publishers": False}
            chapters.append(chapter | {"lines": []})
        elif chapters and stripped.startswith("> ") and not chapters[-1]["lines"]:
            chapters[-1]["summary"] = stripped[2:].strip()
        elif chapters and stripped == "Voor: wie publiceert" and not chapters[-1]["lines"]:
            chapters[-1]["for_publishers"] = True
        elif chapters:
            chapters[-1]["lines"].append(line)
    for chapter in chapters:
        chapter["body"] = chapter_body(chapter.pop("lines"))
    return chapters


def chapter_body(lines):
    """The seed's blocks as the guide's StreamField parts: rich text, and screenshots."""
    body, html = [], []
    for block in parse_blocks(lines):
        text = block.text if isinstance(block, Paragraph) else ""
        if screenshot := SCREENSHOT.match(text):
            body += [("text", "".join(html))] if html else []
            html = []
            body.append(("screenshot", (screenshot["alt"], screenshot["file"])))
        elif isinstance(block, ListBlock):
            tag = "ol" if block.ordered else "ul"
            items = "".join(f"<li>{inline(item)}</li>" for item in block.items)
            html.append(f"<{tag}>{items}</{tag}>")
        elif text.startswith("### "):
            html.append(f"<h3>{inline(text[4:])}</h3>")
        elif text:
            html.append(f"<p>{inline(text)}</p>")
    return body + ([("text", "".join(html))] if html else [])


def inline(text):
    return re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", escape(text))


def make_chapter(seed_dir, chapter, order):
    body = []
    for kind, value in chapter["body"]:
        if kind == "screenshot":
            alt, filename = value
            if (seed_dir / filename).is_file():  # scripts/guide_screenshots.py makes them
                image = seed_image(seed_dir / filename, alt)
                body.append(("screenshot", {"image": image, "alt": alt}))
        else:
            body.append((kind, RichText(value)))
    return GuideChapter.objects.create(
        title=chapter["title"],
        summary=chapter["summary"],
        for_publishers=chapter["for_publishers"],
        sort_order=order,
        body=body,
    )


def seed_image(path, title):
    with path.open("rb") as file:
        image = get_image_model()(title=title[:255], file=ImageFile(file, name=path.name))
        image.save()
    return image
