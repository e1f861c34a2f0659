"""Seed step of the agenda: the agenda page and the old home page's "Agenda 2014"."""

import datetime
import re

from django.utils.text import slugify

from .models import AgendaIndexPage, EventDate, EventKind, EventPage

MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ],
        start=1,
    )
}
DATED = re.compile(r"^(?P<day>\d{1,2}) (?P<month>[a-z]+) (?P<rest>.+)$")
VAGUE = re.compile(r"^(?P<rest>.+?) \((?P<label>[^)]+)\)$")


def parse_entries(items, config):
    """Agenda list items as events: [{title, kind, dates: [{start_date, date_label, ...}]}]."""
    year = config["year"]
    events, series = [], None
    for item in items:
        match = DATED.match(item)
        if match and match["month"] in MONTHS:
            day = datetime.date(year, MONTHS[match["month"]], int(match["day"]))
            rest = match["rest"].strip()
            if series is not None and rest in config.get("places", {}):
                place = config["places"][rest]
                series["dates"].append({"start_date": day, **place})
                continue
            series = None
            events.append(
                {"title": rest, "kind": kind_for(rest, config), "dates": [{"start_date": day}]}
            )
        elif item in config.get("series", {}):
            spec = config["series"][item]
            series = {"title": spec["title"], "kind": spec["kind"], "dates": []}
            events.append(series)
        else:
            series = None
            vague = VAGUE.match(item)
            title, label = (vague["rest"], vague["label"]) if vague else (item, "")
            month_day = config.get("vague_dates", {}).get(label, "12-31")
            sort_date = datetime.date.fromisoformat(f"{year}-{month_day}")
            events.append(
                {
                    "title": title,
                    "kind": kind_for(title, config),
                    "dates": [{"start_date": sort_date, "date_label": label}],
                }
            )
    return events


def kind_for(text, config):
    for prefix, kind in config.get("kinds", {}).items():
        if text.startswith(prefix):
            return kind
    return EventKind.MEETING


def agenda(ctx):
    index = ctx.section_index("agenda", AgendaIndexPage)
    if index is None:
        return
    config = ctx.config["agenda"]
    ctx.remember("agenda", index)
    section = ctx.document.section(config["section"])
    _, parts = section.split([config["heading"]])
    items = [
        item for block in parts.get(config["heading"], []) for item in getattr(block, "items", [])
    ]
    for event in parse_entries(items, config):
        first_day = event["dates"][0]["start_date"]
        key = f"event:{event['title']}:{first_day.isoformat()}"
        ctx.once(
            key, lambda event=event, first_day=first_day: create_event(index, event, first_day)
        )


def create_event(index, event, first_day):
    slug = slugify(f"{event['title']}-{first_day.isoformat()}")[:80]
    page = EventPage(title=event["title"], kind=event["kind"], slug=slug)
    for order, spec in enumerate(event["dates"]):
        page.dates.add(
            EventDate(
                sort_order=order,
                start_date=spec["start_date"],
                date_label=spec.get("date_label", ""),
                city=spec.get("city", ""),
                province=spec.get("province", ""),
            )
        )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page
