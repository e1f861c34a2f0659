"""What the home page shows of the network at work: the next dates, the latest publications
and stories, and the campaigns. Each list is one query (and one for Wagtail's view
restrictions in all), however much content there is; empty lists are left out by the template."""

from dataclasses import dataclass, field

from website.agenda.models import AgendaIndexPage, EventDate, EventPage
from website.core.models import private_pages_q
from website.library.models import CampaignPage, LibraryIndexPage, PublicationPage
from website.stories.models import StoryIndexPage, StoryPage

UPCOMING = 3
PUBLICATIONS = 3
STORIES = 3
CAMPAIGNS = 4


@dataclass
class LatestWork:
    """Lists of live, public pages (newest first) and the index page each links to (None
    when the site has no such section)."""

    upcoming_dates: list = field(default_factory=list)
    agenda: AgendaIndexPage | None = None
    publications: list = field(default_factory=list)
    library: LibraryIndexPage | None = None
    stories: list = field(default_factory=list)
    story_index: StoryIndexPage | None = None
    campaigns: list = field(default_factory=list)


def latest_work(site):
    """The home page's lists for `site` (a wagtail Site)."""
    root = site.root_page
    private = private_pages_q()  # once, not once per list

    def live(model):
        return model.objects.live().exclude(private).descendant_of(root)

    return LatestWork(
        upcoming_dates=list(
            EventDate.objects.filter(page__in=live(EventPage))
            .select_related("page")
            .upcoming()[:UPCOMING]
        ),
        agenda=live(AgendaIndexPage).first(),
        publications=list(
            live(PublicationPage)
            .select_related("campaign", "image")
            .prefetch_related("image__renditions")
            .order_by("-date", "-pk")[:PUBLICATIONS]
        ),
        library=live(LibraryIndexPage).first(),
        stories=list(live(StoryPage).order_by("-date", "-pk")[:STORIES]),
        story_index=live(StoryIndexPage).first(),
        # Campaigns have no date: editors order them in the page tree.
        campaigns=list(live(CampaignPage).order_by("path")[:CAMPAIGNS]),
    )
