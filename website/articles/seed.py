"""Seed step of the articles app: Achtergronden with Nieuws, 'Laat je niet gek maken' and
the book review 'Genadebrood'."""

import decimal

from website.seed.context import heading_block, stream_blocks
from website.seed.parser import Paragraph

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
    """The article that shows Whocares' posters. The seed has only the posters' names, not
    the images, and the text promises them: it stays a draft until editors add them."""
    section = ctx.document.section(spec["section"])
    paragraphs = section.paragraphs()
    body = stream_blocks(paragraphs[1:])
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
        live=False,
    )
    index.add_child(instance=page)
    page.save_revision()
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
    page = BookReviewPage(
        title=section.title,
        slug=spec["slug"],
        date=spec["date"],
        introduction=subtitle,
        author=author,
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
