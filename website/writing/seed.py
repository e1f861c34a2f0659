"""Seed steps: the difficult words of `[[jargon]]` in the seed, each added once; the
editors' guide."""

import re

from django.core.files.images import ImageFile
from django.utils.html import escape
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

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
# those who do not publish (contributors); "1. stap" and "- punt" make lists;
# "### Kop" a small heading; "![wat staat erop](bestand.png)" a screenshot; other lines
# paragraphs (a blank line ends one); **vet** is bold.
SCREENSHOT = re.compile(r"^!\[(?P<alt>[^\]]+)\]\((?P<file>[^)\s]+)\)$")
STEP = re.compile(r"^\d+\.\s+(?P<text>.+)$")


def guide_chapters(text):
    """[{"title", "summary", "for_publishers", "body": [("text", html) | ("screenshot",
    (alt, file))]}]."""
    chapters = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("# "):
            chapter = {"title": line[2:].strip(), "summary": "", "for_publishers": False}
            chapters.append(chapter | {"lines": []})
        elif chapters and line.startswith("> ") and not chapters[-1]["lines"]:
            chapters[-1]["summary"] = line[2:].strip()
        elif chapters and line == "Voor: wie publiceert" and not chapters[-1]["lines"]:
            chapters[-1]["for_publishers"] = True
        elif chapters:
            chapters[-1]["lines"].append(line)
    for chapter in chapters:
        chapter["body"] = chapter_body(chapter.pop("lines"))
    return chapters


def chapter_body(lines):
    body, html, kind = [], [], None  # kind: the open element ("p", "ol", "ul") or None

    def close():
        nonlocal kind
        if kind:
            html.append(f"</{kind}>")
        kind = None

    def flush():
        close()
        if html:
            body.append(("text", "".join(html)))
            html.clear()

    for line in lines:
        if screenshot := SCREENSHOT.match(line):
            flush()
            body.append(("screenshot", (screenshot["alt"], screenshot["file"])))
        elif not line:
            close()
        elif line.startswith("### "):
            close()
            html.append(f"<h3>{inline(line[4:])}</h3>")
        elif (step := STEP.match(line)) or line.startswith("- "):
            wanted = "ol" if step else "ul"
            if kind != wanted:
                close()
                html.append(f"<{wanted}>")
                kind = wanted
            html.append(f"<li>{inline(step['text'] if step else line[2:])}</li>")
        else:
            if kind != "p":
                close()
                html.append("<p>")
                kind = "p"
            else:
                html.append(" ")
            html.append(inline(line))
    flush()
    return body


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
