"""Seed step of the articles app: Achtergronden with Nieuws, 'Laat je niet gek maken' and
the book review 'Genadebrood'."""

import decimal

from website.core.seed.context import heading_block, stream_blocks
from website.core.seed.parser import ImageMarker, Paragraph

from .models import ArticleIndexPage, ArticlePage, BookReviewPage


def articles(ctx):
    index = ctx.section_index("articles", ArticleIndexPage)
    if index is None:
        return
    config = ctx.config["articles"]
    ctx.child_page(
        "page:news",
        index,
        config["news_slug"],
        lambda: ArticleIndexPage(
            title=config["news_title"], introduction=config["news_introduction"], show_in_menus=True
        ),
    )
    if "posters" in config:
        ctx.once("article:posters", lambda: posters_article(ctx, index, config["posters"]))
    if "review" in config:
        ctx.once("article:review", lambda: book_review(ctx, index, config["review"]))


def posters_article(ctx, index, spec):
    section = ctx.document.section(spec["section"])
    paragraphs = section.paragraphs()
    markers = [
        b.name
        for b in section.blocks
        if isinstance(b, ImageMarker) and b.name.startswith(spec["marker_prefix"])
    ]
    body = stream_blocks(paragraphs[1:])
    for number, _marker in enumerate(markers, start=1):
        image = ctx.placeholder_logo(
            f"image:poster:{number}",
            f"Poster {number} – {section.title}",
            f"Poster {number}: zie {spec['source_name']}",
        )
        alt = spec["alt"].format(number=number, count=len(markers))
        body.append(
            {
                "type": "image",
                "value": {
                    "image": {"image": image.pk, "decorative": False, "alt_text": alt},
                    "caption": f"Bron: {spec['source_name']}",
                },
            }
        )
    body.append(
        {
            "type": "call_to_action",
            "value": {
                "text": f"Meer posters en filmpjes op {spec['source_name']}",
                "page": None,
                "external_url": spec["source_url"],
            },
        }
    )
    page = ArticlePage(
        title=section.title,
        slug=spec["slug"],
        date=spec["date"],
        introduction=paragraphs[0].text,
        body=body,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def book_review(ctx, index, spec):
    section = ctx.document.section(spec["section"])
    blocks = list(section.blocks)
    subtitle = blocks.pop(0).text if blocks and isinstance(blocks[0], Paragraph) else ""
    cover_marker = spec.get("cover_marker", "")
    cleaned = []
    for block in blocks:
        if isinstance(block, Paragraph):
            lines = [
                line
                for line in block.lines
                if not line.startswith(tuple(spec.get("drop_lines_starting", [])))
            ]
            if lines and cover_marker and lines[0].startswith(cover_marker):
                lines[0] = lines[0][len(cover_marker) :]  # the cover's name glued to the text
            if not lines or block.text == spec.get("author_paragraph"):
                continue
            block = Paragraph(lines)
        cleaned.append(block)
    section.blocks = cleaned
    intro, parts = section.split(spec["headings"])
    body = stream_blocks(intro)
    for heading in spec["headings"]:
        body.append(heading_block(heading))
        body.extend(stream_blocks(parts.get(heading, [])))
        if heading == spec.get("facts_after") and spec.get("facts"):
            facts = spec["facts"]
            body.append(
                {
                    "type": "facts",
                    "value": {
                        "heading": facts["heading"],
                        "source": facts.get("source", ""),
                        "facts": [
                            {"figure": figure, "label": label} for figure, label in facts["items"]
                        ],
                    },
                }
            )
    author = spec.get("author_paragraph", "").split(",")[0].strip()
    cover = ctx.placeholder_logo(
        "image:cover:review", f"Omslag {spec['book_title']}", section.title
    )
    page = BookReviewPage(
        title=section.title,
        slug=spec["slug"],
        date=spec["date"],
        introduction=subtitle,
        author=author,
        image=cover,
        image_alt=f"Omslag van het boek {spec['book_title']}",
        body=body,
        book_title=spec["book_title"],
        book_author=spec["book_author"],
        publisher=spec.get("publisher", ""),
        isbn=spec.get("isbn", ""),
        page_count=spec.get("page_count"),
        price=decimal.Decimal(spec["price"]),
        order_url=spec.get("order_url", ""),
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page
