"""Seed step of the themes app: the themes and their links to seed content."""

from django.utils.text import slugify

from .models import ThemePage, ThemesIndexPage, themed_page_models


def themes(ctx):
    """The themes overview and the theme pages (early, so the menu follows the design)."""
    index = ctx.section_index("themes", ThemesIndexPage)
    if index is None:
        return
    config = ctx.config["themes"]
    for spec in config.get("items", []):
        theme = ctx.child_page(
            f"theme:{spec['title']}",
            index,
            slugify(spec["title"]),
            lambda spec=spec: ThemePage(title=spec["title"], introduction=spec["introduction"]),
        )
        ctx.remember(f"theme:{spec['title']}", theme)


def theme_tags(ctx):
    """Tag the seed content with its themes (late: after the content exists)."""
    config = ctx.config.get("themes") or {}
    for spec in config.get("items", []):
        theme = ctx.page(f"theme:{spec['title']}")
        if theme is not None:
            ctx.once(f"theme-tags:{spec['title']}", lambda theme=theme, spec=spec: tag(theme, spec))


def tag(theme, spec):
    for title in spec.get("tags", []):
        for model in themed_page_models():
            for page in model.objects.filter(title=title).specific():
                page.themes.add(theme)
                page.save_revision().publish()
    return theme
