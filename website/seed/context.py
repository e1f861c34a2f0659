"""What every seed step gets: the parsed seed, its configuration and helpers that make
steps idempotent (create what is missing, leave what exists alone)."""

import re
import tomllib
import uuid
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from website.core.models import BasePage

from .models import SeedRecord
from .parser import ListBlock, Paragraph, SeedDocument


@dataclass
class SeedContext:
    seed_dir: Path
    config: dict
    document: SeedDocument
    log: callable = print
    pages: dict = field(default_factory=dict)
    created: list = field(default_factory=list)

    @classmethod
    def load(cls, seed_dir, log=print):
        seed_dir = Path(seed_dir)
        config = tomllib.loads((seed_dir / "site.toml").read_text(encoding="utf-8"))
        text = (seed_dir / config["source"]).read_text(encoding="utf-8")
        organisation = config.get("organisation", {})
        names = [organisation.get(key) for key in ("name", "short_name") if organisation.get(key)]
        document = SeedDocument.from_text(text, names=names)
        return cls(seed_dir=seed_dir, config=config, document=document, log=log)

    # --- Idempotence ------------------------------------------------------------

    def once(self, key, create):
        """Run `create()` the first time the seed meets `key` and remember what it made.

        Later runs return that object as it is now, or None when editors deleted it: the seed
        never recreates, renames or overwrites what editors changed.
        """

        record = SeedRecord.objects.filter(key=key).select_related("content_type").first()
        if record:
            return _specific(record.target())
        obj = create()
        if obj is not None:
            SeedRecord.objects.create(
                key=key,
                content_type=ContentType.objects.get_for_model(obj),
                object_id=str(obj.pk),
            )
            self.created.append(key)
        return obj

    # --- Pages --------------------------------------------------------------------

    def child_page(self, key, parent, slug, build):
        """A page made once under `parent` (a live child with that slug is adopted)."""

        def create():
            existing = parent.get_children().filter(slug=slug).first()
            if existing:
                return existing.specific
            page = build()
            page.slug = slug
            parent.add_child(instance=page)
            page.save_revision().publish()
            return page

        return self.once(key, create)

    def section_index(self, key, model):
        """The index page of a menu section, made once under the home page from the seed's
        `[key]` table (slug, title, introduction), with the seed key `page:<key>`. Returns
        None when the seed has no such section, the home page is missing, or editors deleted
        the page."""
        config = self.config.get(key)
        home = self.page("home")
        if not config or home is None:
            return None

        def build():
            introduction = config.get("introduction", "")
            return model(title=config["title"], introduction=introduction, show_in_menus=True)

        return self.child_page(f"page:{key}", home, config["slug"], build)

    def remember(self, key, page):
        if page is not None:
            self.pages[key] = page
        return page

    def page(self, key):
        """A page an earlier step made, or None (not made, or deleted by editors)."""
        page = self.pages.get(key)
        return Page.objects.filter(pk=page.pk).first().specific if page else None


def _specific(obj):
    return obj.specific if isinstance(obj, Page) else obj


def paragraph_html(paragraph):
    return f"<p>{escape(paragraph.text, quote=False)}</p>"


def stream_blocks(blocks, heading_level="h2"):
    """Seed blocks as StreamField data: paragraphs become rich text, lists become lists."""
    data = []
    for block in blocks:
        if isinstance(block, Paragraph):
            data.append({"type": "paragraph", "value": paragraph_html(block)})
        elif isinstance(block, ListBlock):
            # Items in Wagtail's block format (with ids), as the editor saves them: the
            # translation tool (wagtail-localize) reads a list's items only in that form.
            items = [
                {"type": "item", "value": item, "id": str(uuid.uuid4())} for item in block.items
            ]
            data.append({"type": "list", "value": {"ordered": block.ordered, "items": items}})
    return data


def heading_block(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def sentences(text):
    return [part.strip() for part in re.split(r"(?<=[.!?])\s+", text) if part.strip()]


def without_phrases(blocks, phrases):
    """`blocks` with each of `phrases` taken out of the paragraphs (old-site wording such as
    "Klik op onderstaande artikelen:" that the new page does not need)."""
    if not phrases:
        return blocks
    result = []
    for block in blocks:
        if isinstance(block, Paragraph):
            text = block.text
            for phrase in phrases:
                text = text.replace(phrase, "")
            block = Paragraph(lines=[" ".join(text.split())])
        result.append(block)
    return result


SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def introduction_from(blocks):
    """(introduction, the other blocks) from a seed section's blocks: the first paragraph
    is the introduction. When it is longer than an introduction may be (BasePage's
    max_length), its first sentences that fit are the introduction and the rest of it stays
    as the body's first paragraph: the old site's long openings must not make a page that
    editors cannot save."""
    limit = BasePage._meta.get_field("introduction").max_length
    position = next((i for i, b in enumerate(blocks) if isinstance(b, Paragraph)), None)
    if position is None:
        return "", list(blocks)
    text = blocks[position].text
    rest = blocks[:position] + blocks[position + 1 :]
    if len(text) <= limit:
        return text, rest
    sentences = SENTENCE_END.split(text)
    fitting = 0
    while fitting < len(sentences) and len(" ".join(sentences[: fitting + 1])) <= limit:
        fitting += 1
    if not fitting:  # one sentence longer than an introduction: all of it in the body
        return "", list(blocks)
    remainder = Paragraph(lines=[" ".join(sentences[fitting:])])
    return " ".join(sentences[:fitting]), [*rest[:position], remainder, *rest[position:]]


def page_content(section, config, special_blocks=None):
    """The seed section's opening paragraph becomes the introduction, the rest the body.

    `config["headings"]` names the sub-sections that become a heading with their text;
    `config["leave_out"]` lists phrases dropped from the opening part's paragraphs;
    `special_blocks` maps a heading to `make(heading, blocks) -> block` for a sub-section
    that becomes a block of its own (e.g. the chairmanship). Returns (introduction, body).
    """
    special_blocks = special_blocks or {}
    intro, parts = section.split(config.get("headings", []))
    intro = without_phrases(intro, config.get("leave_out", []))
    introduction = ""
    if intro and isinstance(intro[0], Paragraph):
        introduction, intro = introduction_from(intro)
    body = stream_blocks(intro)
    for heading in config.get("headings", []):
        if heading in special_blocks:
            body.append(special_blocks[heading](heading, parts.get(heading, [])))
        else:
            body.append(heading_block(heading))
            body.extend(stream_blocks(parts.get(heading, [])))
    return introduction, body
