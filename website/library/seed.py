"""Seed step of the library: the Documenten page, its publications, campaigns and talks."""

import datetime

from django.utils.text import slugify

from website.seed.context import introduction_from, stream_blocks
from website.seed.parser import ListBlock, Paragraph

from .models import CampaignPage, LibraryIndexPage, PublicationPage, TalkPage, TalksIndexPage


def library(ctx):
    index = ctx.section_index("library", LibraryIndexPage)
    if index is None:
        return
    config = ctx.config["library"]
    ctx.remember("library", index)
    campaigns = {c["title"]: seed_campaign(ctx, index, c) for c in config.get("campaigns", [])}
    section = ctx.document.section(config["section"])
    headings = [p["heading"] for p in config.get("publications", [])]
    talk_heading = config.get("talks", {}).get("heading")
    _, parts = section.split([*headings, *([talk_heading] if talk_heading else [])])
    skip = tuple(config.get("skip_paragraphs_starting", [])) + tuple(campaigns)
    for spec in config.get("publications", []):
        # "Klik hier …" pointed to a download the seed does not have: whether it stands on a
        # paragraph of its own or on the last line of one, it goes.
        blocks = [
            without_lines_starting(block, skip) if isinstance(block, Paragraph) else block
            for block in parts.get(spec["heading"], [])
            if not (isinstance(block, Paragraph) and block.text.startswith(skip))
        ]
        ctx.once(
            f"publication:{spec['heading']}",
            lambda spec=spec, blocks=blocks: add_publication(
                index,
                title=spec["heading"],
                spec=spec,
                blocks=blocks,
                campaign=campaigns.get(spec.get("campaign")),
                pending=config.get("file_pending_note", ""),
            ),
        )
    seed_manifestos(ctx, index, config)
    if talk_heading:
        seed_talks(ctx, index, config, parts.get(talk_heading, []))


def without_lines_starting(paragraph, prefixes):
    lines = [line for line in paragraph.lines if not line.strip().startswith(prefixes)]
    return Paragraph(lines=lines)


def seed_campaign(ctx, index, spec):
    return ctx.child_page(
        f"campaign-page:{spec['title']}",
        index,
        slugify(spec["title"]),
        lambda: CampaignPage(title=spec["title"], introduction=spec.get("introduction", "")),
    )


def add_publication(index, *, title, spec, blocks, campaign=None, pending="", publish=True):
    """A publication under `index`, published, or a draft with `publish=False`."""
    introduction, body_blocks = introduction_from(blocks)
    introduction = introduction or spec.get("introduction", "")
    page = PublicationPage(
        title=title,
        slug=slugify(title)[:80],
        date=spec["date"]
        if isinstance(spec["date"], datetime.date)
        else datetime.date.fromisoformat(spec["date"]),
        kind=spec["kind"],
        addressee=spec.get("addressee", ""),
        campaign=campaign,
        introduction=introduction,
        body=stream_blocks(body_blocks),
        file_pending_note=spec.get("file_pending_note", pending),
        endorsements_open=spec.get("endorsements_open", False),
        live=publish,
    )
    index.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


def seed_manifestos(ctx, index, config):
    spec = config.get("manifestos")
    if not spec:
        return
    for number in range(1, spec["count"] + 1):
        title = spec["title"].format(number=number, count=spec["count"])
        ctx.once(
            f"manifesto:{number}",
            lambda title=title: add_publication(
                index,
                title=title,
                blocks=[],
                spec={
                    "date": spec["date"],
                    "kind": "manifest",
                    "introduction": spec["introduction"],
                    "file_pending_note": spec["file_pending_note"],
                    # "Ik steun dit" shows once editors give the manifesto its text.
                    "endorsements_open": True,
                },
                publish=False,  # a placeholder: editors fill in title and file, then publish
            ),
        )


def seed_talks(ctx, index, config, blocks):
    talks = config["talks"]
    intro = next((b.text for b in blocks if isinstance(b, Paragraph)), "")
    items = next((b.items for b in blocks if isinstance(b, ListBlock)), [])
    talks_index = ctx.child_page(
        "page:talks",
        index,
        talks["slug"],
        lambda: TalksIndexPage(title=talks["title"], introduction=intro, show_in_menus=True),
    )
    if talks_index is None:
        return
    pending = config.get("file_pending_note", "")
    for item_text, spec in zip(items, talks.get("items", []), strict=False):
        text = item_text.split(" Klik hier")[0].strip()
        date = spec["date"]

        def create(spec=spec, text=text, date=date):
            letter = report = None
            if spec.get("proposal_letter"):
                letter = add_publication(
                    index,
                    title=spec["proposal_letter"],
                    blocks=[],
                    spec={"date": date, "kind": "voorstellenbrief", "introduction": text},
                    pending=pending,
                )
            if spec.get("report"):
                report = add_publication(
                    index,
                    title=spec["report"],
                    blocks=[],
                    spec={"date": date, "kind": "verslag", "introduction": text},
                    pending=pending,
                )
            title = f"Overleg met {spec['minister']}, {date:%d-%m-%Y}"
            talk = TalkPage(
                title=title,
                slug=slugify(f"overleg-{spec['minister']}-{date.isoformat()}"),
                date=date,
                minister=spec["minister"],
                minister_role=spec.get("minister_role", ""),
                introduction=text,
                proposal_letter=letter,
                report=report,
                report_pending_note=spec.get("report_pending_note", ""),
            )
            talks_index.add_child(instance=talk)
            talk.save_revision().publish()
            return talk

        ctx.once(f"talk:{date.isoformat()}", create)
