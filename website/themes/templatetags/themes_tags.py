from django import template

from website.caching.content_cache import remember_published
from website.core.models import page_kind
from website.themes.models import live_themes, related_pages

register = template.Library()


@register.inclusion_tag("themes/includes/page_themes.html", takes_context=True)
def page_themes(context, page):
    """A detail page's themes and up to three related items: the way from any publication,
    story, event, article or initiative to what the whole network does on its themes."""
    request = context.get("request")

    def themes_and_related():
        themes = live_themes(page)
        related = [(page_kind(item), item) for item in related_pages(page, themes=themes)]
        return themes, related

    # From the content cache; a preview shows the draft's own themes.
    themes, related = remember_published(request, "page-themes", themes_and_related, page)
    return {"themes": themes, "related": related, "request": request}
