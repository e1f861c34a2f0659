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
    """Put the seed's home page at the root of the default site, once.

    A fresh install has Wagtail's welcome page there (it is replaced); a database without
    any site (e.g. after a flush) gets a tree root and a site.
    """
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site and isinstance(site.root_page.specific, HomePage):
        ctx.remember("home", site.root_page.specific)
        return
    home = tree_root().add_child(instance=build_home_page(ctx))
    home.save_revision().publish()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    else:
        old_root = site.root_page
        site.root_page = home
        site.save()  # save(), not update(): Wagtail clears its cached site root paths
        if old_root.is_leaf() and old_root.depth == 2:
            old_root.delete()  # Wagtail's "Welcome to your new Wagtail site!" page
    ctx.created.append("startpagina")
    ctx.remember("home", home)


def tree_root():
    return Page.get_first_root_node() or Page.add_root(title="Root", slug="root")


def build_home_page(ctx):
    config = ctx.config["home"]
    section = ctx.document.section(config["section"])
    headings = [config.get("chair_heading"), *config.get("skip_headings", [])]
    intro, parts = section.split([heading for heading in headings if heading])
    body = stream_blocks(intro)
    if config.get("chair_heading"):
        body.append(chair_block(config["chair_heading"], parts.get(config["chair_heading"], [])))
    introduction = ""
    if config.get("introduction_from"):
        opening = sentences(ctx.document.section(config["introduction_from"]).paragraphs()[0].text)
        introduction = " ".join(dict.fromkeys([opening[0], opening[-1]]))
    slug = "home"
    while Page.objects.filter(depth=2, slug=slug).exists():
        slug = f"{slug}-nieuw"
    return HomePage(title=section.title, introduction=introduction, body=body, slug=slug)


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
