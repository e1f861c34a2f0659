from django import template

from website.agenda.models import AgendaIndexPage, EventDate

register = template.Library()


@register.inclusion_tag("agenda/includes/upcoming.html", takes_context=True)
def upcoming_events(context, count=3):
    # Cancelled dates stay in the list, marked as such.
    dates = EventDate.objects.public().select_related("page").upcoming()[:count]
    return {
        "dates": list(dates),
        "agenda": AgendaIndexPage.objects.live().first(),
        "request": context.get("request"),
    }
