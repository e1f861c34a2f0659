"""The blocks of a newsletter: free text, and lists pulled in from the site (chosen pages,
or else the newest). Each list block gives `items(value, site)`: dicts with title, date,
teaser and absolute link, the same for the web version and the mail."""

from django.utils import timezone
from django.utils.formats import date_format
from wagtail import blocks

from website.agenda.models import EventDate, EventPage
from website.core.addresses import page_address
from website.core.models import private_pages_q
from website.library.models import PublicationPage
from website.stories.models import StoryPage

TEASER_WORDS = 30


def teaser(text):
    words = (text or "").split()
    return " ".join(words[:TEASER_WORDS]) + (" …" if len(words) > TEASER_WORDS else "")


def live_pages(model, site):
    return model.objects.live().exclude(private_pages_q()).descendant_of(site.root_page)


def page_item(page, date):
    return {
        "title": page.title,
        "date": date_format(date, "j F Y") if date else "",
        "teaser": teaser(page.introduction),
        "url": page_address(page),
    }


class PageListBlock(blocks.StructBlock):
    """A heading and pages of one type: the ones chosen, in that order, or else the newest."""

    heading = blocks.CharBlock(label="Kop", max_length=120)
    count = blocks.IntegerBlock(
        label="Hoeveel",
        min_value=1,
        max_value=10,
        default=3,
        help_text="Als je hieronder niets kiest: zoveel van de nieuwste.",
    )

    model = None
    newest_first = ("-date", "-pk")

    def chosen(self, value):
        return [page.specific for page in value.get("pages") or [] if page and page.live]

    def items(self, value, site):
        pages = self.chosen(value) or list(
            live_pages(self.model, site).order_by(*self.newest_first)[: value["count"]]
        )
        return [page_item(page, page.date) for page in pages]


def heading_block(default):
    """The "Kop" of a list, filled in when the block is added (an empty required field was
    the first thing an editor met)."""
    return blocks.CharBlock(label="Kop", max_length=120, default=default)


class PublicationsBlock(PageListBlock):
    heading = heading_block("Nieuwe documenten")
    pages = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="library.PublicationPage"),
        label="Kies documenten (of laat leeg)",
        required=False,
    )
    model = PublicationPage

    class Meta:
        icon = "doc-full"
        label = "Documenten"


class StoriesBlock(PageListBlock):
    heading = heading_block("Verhalen")
    pages = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="stories.StoryPage"),
        label="Kies verhalen (of laat leeg)",
        required=False,
    )
    model = StoryPage

    class Meta:
        icon = "openquote"
        label = "Verhalen"


class EventsBlock(blocks.StructBlock):
    """The next dates in the agenda."""

    heading = heading_block("Agenda")
    count = blocks.IntegerBlock(label="Hoeveel", min_value=1, max_value=10, default=3)

    class Meta:
        icon = "date"
        label = "Agenda"

    def items(self, value, site):
        dates = (
            EventDate.objects.filter(page__in=live_pages(EventPage, site))
            .select_related("page")
            .upcoming(timezone.localdate())[: value["count"]]
        )
        return [
            page_item(d.page, None) | {"date": d.when_text, "place": d.place_text} for d in dates
        ]


def newsletter_blocks():
    return [
        (
            "paragraph",
            blocks.RichTextBlock(
                label="Tekst",
                features=["h2", "h3", "bold", "italic", "ol", "ul", "link"],
                description="Gewone tekst, met tussenkoppen, vet, cursief, lijstjes en links.",
            ),
        ),
        ("publications", PublicationsBlock()),
        ("events", EventsBlock()),
        ("stories", StoriesBlock()),
    ]
