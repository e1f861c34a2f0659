"""Seed steps of the pages app: the home page, the general pages from the seed (with the
chairmanship as a live block), the contact page and the privacy statement."""

from wagtail.models import Page, Site

from website.core.models import SiteSettings
from website.seed.context import page_content, sentences, stream_blocks
from website.seed.parser import SeedDocument
from website.seed.steps import default_site, tree_root
from website.seed.translations import load_catalog, translate_page, translate_site_names

from .models import ContactFormField, ContactPage, HomePage, StandardPage


def home_page(ctx):
    """Put the seed's home page at the root of the default site, once.

    A fresh install has Wagtail's welcome page there (it is replaced); a database without
    any site (e.g. after a flush) gets a tree root and a site.
    """
    site = default_site()
    if site and isinstance(site.root_page.specific, HomePage):
        ctx.remember("home", site.root_page.specific)
        return
    home = ctx.once("page:home", lambda: create_home_page(ctx, site))
    ctx.remember("home", home or (site.root_page.specific if site else None))


def create_home_page(ctx, site):
    home = tree_root().add_child(instance=build_home_page(ctx))
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True
        )
    else:
        old_root = site.root_page
        site.root_page = home
        site.save()  # save(), not update(): Wagtail clears its cached site root paths
        if old_root.is_leaf() and old_root.depth == 2:
            old_root.delete()  # Wagtail's "Welcome to your new Wagtail site!" page
    if not Page.objects.filter(depth=2, slug="home").exists():
        home.slug = "home"
    home.save_revision().publish()
    return home


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
    title = config.get("title") or section.title
    return HomePage(title=title, introduction=introduction, body=body, slug="home-seed")


def chair_block(heading, blocks):
    # Keep the seed's first sentence as the intro; the names and dates are live data.
    text = " ".join(block.text for block in blocks if hasattr(block, "text"))
    first = sentences(text)[:1]
    return {
        "type": "chairmanship",
        "value": {"heading": heading, "intro": " ".join(first), "show_predecessors": True},
    }


def chair_blocks(config):
    """The sub-section named `chair_heading` becomes the live chairmanship block."""
    heading = config.get("chair_heading")
    return {heading: chair_block} if heading else {}


def publication_list_blocks(config):
    """Sub-sections named in `publication_lists` ({heading: publication kind}) become a list
    of those publications, their text its introduction (hidden while there are none)."""

    def make(kind):
        def block(heading, blocks):
            intro = " ".join(b.text for b in blocks if hasattr(b, "text"))
            value = {"heading": heading, "intro": intro, "kind": kind, "limit": 10}
            return {"type": "publication_list", "value": value}

        return block

    return {heading: make(kind) for heading, kind in config.get("publication_lists", {}).items()}


def content_pages(ctx):
    for config in ctx.config.get("pages", []):
        parent = ctx.page(config.get("parent", "home"))
        if parent is None:
            ctx.log(
                f"Seed: pagina {config['key']} overgeslagen, de bovenliggende pagina ontbreekt."
            )
            continue
        section = ctx.document.section(config["section"])

        def build(config=config, section=section):
            special_blocks = chair_blocks(config) | publication_list_blocks(config)
            introduction, body = page_content(section, config, special_blocks)
            return StandardPage(
                title=section.title, introduction=introduction, body=body, show_in_menus=True
            )

        page = ctx.child_page(f"page:{config['key']}", parent, config["slug"], build)
        ctx.remember(config["key"], page)


def contact_page(ctx):
    config = ctx.config.get("contact")
    home = ctx.page("home")
    if not config or home is None:
        return

    def build():
        page = ContactPage(
            title=config["title"],
            introduction=config.get("introduction", ""),
            subject="Bericht via het contactformulier",
            to_address=ctx.config["organisation"].get("email", ""),
            show_in_menus=True,
        )
        for order, field in enumerate(config.get("fields", [])):
            page.form_fields.add(ContactFormField(sort_order=order, **field))
        return page

    # The postal address (imported with the site settings) is shown on the page itself.
    ctx.remember("contact", ctx.child_page("page:contact", home, config["slug"], build))


def privacy_page(ctx):
    statement_page(ctx, "privacy", "privacy_page")


def accessibility_page(ctx):
    statement_page(ctx, "accessibility", "accessibility_page")


def statement_page(ctx, key, settings_field):
    """A statement the footer links to (privacy, accessibility): a page under home, out of
    the menu, its text from the seed file that `[key] source` names, then linked in the site
    settings' `settings_field` unless editors chose another page there."""
    config = ctx.config.get(key)
    home = ctx.page("home")
    if not config or home is None:
        return
    text = (ctx.seed_dir / config["source"]).read_text(encoding="utf-8")
    section = SeedDocument.from_text(text).sections[0]

    def build():
        introduction, body = page_content(section, {"headings": config["headings"]})
        return StandardPage(title=section.title, introduction=introduction, body=body)

    page = ctx.remember(key, ctx.child_page(f"page:{key}", home, config["slug"], build))
    site = default_site()
    if page is not None and site is not None:
        settings = SiteSettings.for_site(site)
        if getattr(settings, f"{settings_field}_id") is None:
            setattr(settings, settings_field, page)
            settings.save(update_fields=[settings_field])


def key_page_translations(ctx):
    """The key pages (`[translations] pages`, seed page keys) in each of the other languages,
    once per page and language, from `seed/translations/<code>.po`: machine-made, so the
    admin lists them as to be checked by a native speaker (website.pages.translations)."""
    config = ctx.config.get("translations")
    if not config:
        return
    site = default_site()
    for code in config["languages"]:
        catalog = load_catalog(ctx.seed_dir / "translations" / f"{code}.po")
        if site is not None:
            settings = SiteSettings.for_site(site)
            ctx.once(f"site-names:{code}", lambda: translate_site_names(settings, code, catalog))  # noqa: B023 - run at once
        for key in config["pages"]:
            page = ctx.page(key)
            if page is None or not page.live:
                continue

            def create(page=page, code=code, catalog=catalog):
                translated, missing = translate_page(page, code, catalog)
                for text in missing:
                    ctx.log(f"Seed: {page.title} ({code}) zonder vertaling van: {text[:60]}")
                return translated

            ctx.once(f"translation:{key}:{code}", create)
