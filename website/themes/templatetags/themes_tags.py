from django import template

from website.core.models import page_kind
from website.themes.models import live_themes, related_pages

register = template.Library()


@register.inclusion_tag("themes/includes/page_themes.html", takes_context=True)
def page_themes(context, page):
    """A detail page's themes and up to three related items: the way from any publication,
    story, event, article or initiative to what the whole network does on its themes."""
    themes = live_themes(page)
    related = [(page_kind(item), item) for item in related_pages(page, themes=themes)]
    return {"themes": themes, "related": related, "request": context.get("request")}
