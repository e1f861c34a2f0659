"""Seed steps of the core app: site settings, the home page and plain content pages."""

from wagtail.models import Page, Site

from website.core.models import HomePage, RelatedCampaign, SiteSettings, StandardPage

from .context import heading_block, sentences, stream_blocks


def site_settings(ctx):
    organisation = ctx.config["organisation"]
    settings = SiteSettings.for_site(ctx.site)
    if not settings.organisation_name:
        settings.organisation_name = organisation["name"]
        settings.short_name = organisation.get("short_name", "")
        settings.tagline = organisation.get("tagline", "")
        settings.email = organisation.get("email", "")
        heading = organisation.get("address_heading")
        if heading:
            settings.postal_address = "\n".join(ctx.document.paragraph_after(heading).lines)
        settings.save()
        ctx.created.append("gegevens van de organisatie")
    if not settings.logo_id:
        settings.logo = ctx.placeholder_logo(
            f"Logo {settings.display_name}", settings.short_name or settings.organisation_name
        )
        settings.save(update_fields=["logo"])
    if not settings.related_campaigns.exists():
        for order, campaign in enumerate(ctx.config.get("campaigns", [])):
            RelatedCampaign.objects.create(
                settings=settings,
                sort_order=order,
                name=campaign["name"],
                url=campaign.get("url", ""),
                logo=ctx.placeholder_logo(f"Logo {campaign['name']}", campaign["logo_text"]),
            )
        ctx.created.append("verwante campagnes")


def home_page(ctx):
    """Replace Wagtail's welcome page with the seed's home page, once."""
    site = ctx.site
    root = site.root_page.specific
    if isinstance(root, HomePage):
        ctx.remember("home", root)
        return
    config = ctx.config["home"]
    section = ctx.document.section(config["section"])
    headings = [config.get("chair_heading"), *config.get("skip_headings", [])]
    intro, parts = section.split([heading for heading in headings if heading])
    body = stream_blocks(intro)
    if config.get("chair_heading"):
        body.append(chair_block(config["chair_heading"], parts.get(config["chair_heading"], [])))
    introduction = ""
    if config.get("introduction_from"):
        opening = ctx.document.section(config["introduction_from"]).paragraphs()[0].text
        parts_of_opening = sentences(opening)
        introduction = " ".join(dict.fromkeys([parts_of_opening[0], parts_of_opening[-1]]))
    home = HomePage(title=section.title, introduction=introduction, body=body, slug="home")
    tree_root = Page.get_first_root_node()
    old_root = root
    old_root.slug = f"{old_root.slug}-oud"
    old_root.save()
    tree_root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.filter(pk=site.pk).update(root_page=home)
    old_root.delete()
    ctx.created.append("startpagina")
    ctx.remember("home", home)


def chair_block(heading, blocks):
    # Keep the seed's first sentence as the intro; the names and dates are live data.
    text = " ".join(block.text for block in blocks if hasattr(block, "text"))
    first = sentences(text)[:1]
    return {
        "type": "chairmanship",
        "value": {"heading": heading, "intro": " ".join(first), "show_predecessors": True},
    }


def content_pages(ctx):
    for config in ctx.config.get("pages", []):
        parent = ctx.page(config.get("parent", "home"))
        section = ctx.document.section(config["section"])

        def build(config=config, section=section):
            return StandardPage(
                title=section.title,
                body=page_body(section, config),
                show_in_menus=True,
            )

        page = ctx.child_page(parent, config["slug"], build)
        ctx.remember(config["key"], page)


def page_body(section, config):
    intro, parts = section.split(config.get("headings", []))
    body = stream_blocks(intro)
    for heading in config.get("headings", []):
        if heading == config.get("chair_heading"):
            body.append(chair_block(heading, parts.get(heading, [])))
        else:
            body.append(heading_block(heading))
            body.extend(stream_blocks(parts.get(heading, [])))
    return body
