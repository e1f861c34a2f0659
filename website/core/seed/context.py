"""What every seed step gets: the parsed seed, its configuration and helpers that make
steps idempotent (create what is missing, leave what exists alone)."""

import hashlib
import tomllib
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from django.core.files.base import ContentFile
from wagtail.models import Collection, Page, Site

from .parser import ListBlock, Paragraph, SeedDocument

PLACEHOLDER_COLOURS = ["#1d4e89", "#7a2e3a", "#2f5d3a", "#5b3f8c", "#8a4b0f", "#0f5e66"]


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
        return cls(seed_dir=seed_dir, config=config, document=SeedDocument.from_text(text), log=log)

    # --- Site and pages -----------------------------------------------------

    @property
    def site(self):
        return Site.objects.get(is_default_site=True)

    def child_page(self, parent, slug, build):
        """The live child of `parent` with this slug, created with `build()` if missing."""
        existing = parent.get_children().filter(slug=slug).first()
        if existing:
            return existing.specific
        page = build()
        page.slug = slug
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created.append(f"pagina {page.title}")
        return page

    def remember(self, key, page):
        self.pages[key] = page
        return page

    def page(self, key):
        if key not in self.pages:
            raise KeyError(f"Seed step needs page {key!r}; its step must run first.")
        return Page.objects.get(pk=self.pages[key].pk).specific

    # --- Images ---------------------------------------------------------------

    def placeholder_logo(self, title, text):
        """A neutral SVG logo showing `text`, made here: the seed has no logo files."""
        from website.core.models import CustomImage

        existing = CustomImage.objects.filter(title=title).first()
        if existing:
            return existing
        colour = PLACEHOLDER_COLOURS[
            int(hashlib.sha256(text.encode()).hexdigest(), 16) % len(PLACEHOLDER_COLOURS)
        ]
        width = max(120, 22 * len(text) + 40)
        svg = (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="80" '
            f'viewBox="0 0 {width} 80" role="img">'
            f'<rect width="{width}" height="80" rx="10" fill="{colour}"/>'
            f'<text x="50%" y="52%" dominant-baseline="middle" text-anchor="middle" '
            f'font-family="system-ui, sans-serif" font-size="32" font-weight="700" '
            f'fill="#ffffff">{escape(text)}</text></svg>'
        )
        image = CustomImage(title=title, collection=self.logo_collection())
        image.file.save(f"{_slug(title)}.svg", ContentFile(svg.encode()), save=False)
        # Pillow cannot measure an SVG; the size is known from the markup.
        image.width, image.height = width, 80
        image._set_image_file_metadata()
        image.save()
        self.created.append(f"logo {title}")
        return image

    def logo_collection(self):
        root = Collection.get_first_root_node()
        existing = root.get_children().filter(name="Logo's").first()
        return existing or root.add_child(name="Logo's")


def _slug(text):
    from django.utils.text import slugify

    return slugify(text) or "logo"


def paragraph_html(paragraph):
    return f"<p>{escape(paragraph.text, quote=False)}</p>"


def stream_blocks(blocks, heading_level="h2"):
    """Seed blocks as StreamField data: paragraphs become rich text, lists become lists."""
    data = []
    for block in blocks:
        if isinstance(block, Paragraph):
            data.append({"type": "paragraph", "value": paragraph_html(block)})
        elif isinstance(block, ListBlock):
            data.append({"type": "list", "value": {"ordered": block.ordered, "items": block.items}})
    return data


def heading_block(text, level="h2"):
    return {"type": "heading", "value": {"text": text, "level": level}}


def sentences(text):
    import re

    return [part.strip() for part in re.split(r"(?<=[.!?])\s+", text) if part.strip()]
