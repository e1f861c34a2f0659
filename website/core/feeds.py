"""RSS and Atom for any list page: the page gives `feed_items()`, items give a date."""

import datetime
from urllib.parse import urlsplit

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from website.text import clean_data, clean_text

from .models import SiteSettings, original_locale_id, page_kind


class CleanTextMixin:
    """A feed generator that drops characters XML 1.0 forbids from every value, wherever
    the text came from (Django refuses them with UnserializableContentError: one pasted
    Word line break would take the whole feed down)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*clean_data(args), **clean_data(kwargs))

    def add_item(self, title, *args, **kwargs):
        title = clean_text(title, single_line=True)
        super().add_item(title, *clean_data(args), **clean_data(kwargs))


class CleanRssFeed(CleanTextMixin, Rss201rev2Feed):
    """RSS readers read titles and the channel description as HTML (RSS 2.0 leaves it
    open): plain text is escaped, so "<b>vet</b>" or "AT&T" shows as typed."""

    def __init__(self, title, link, description, *args, **kwargs):
        super().__init__(escape(title), link, escape(description), *args, **kwargs)

    def add_item(self, title, *args, **kwargs):
        super().add_item(escape(clean_text(title, single_line=True)), *args, **kwargs)


class CleanAtomFeed(CleanTextMixin, Atom1Feed):
    pass


def tag_uri(page, suffix=""):
    """RFC 4151: tag:<host>,<day first published>:page:<id>[:<suffix>]; the host from the
    Site's root URL."""
    host = urlsplit(page.get_site().root_url).hostname or "localhost"
    first = timezone.localdate(page.first_published_at or timezone.now())
    return f"tag:{host},{first.isoformat()}:page:{page.pk}" + (f":{suffix}" if suffix else "")


def page_of(item):
    """The page a feed item is about (theme feeds list ThemeItems that wrap one)."""
    return getattr(item, "page", item)


class PageListRssFeed(Feed):
    feed_type = CleanRssFeed
    limit = 30

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def title(self):
        return self.index_page.title

    def link(self):
        return self.index_page.url

    def description(self):
        return self.index_page.introduction or self.index_page.title

    def items(self):
        return self.index_page.feed_items()[: self.limit]

    def item_title(self, item):
        return item.title

    def feed_guid(self):
        """The feed's own permanent id (Atom <id>): a new slug for the list page keeps it."""
        return tag_uri(self.index_page, "feed")

    def author_name(self):
        """The feed's author (Atom requires one, RFC 4287 §4.1.1; entries without their
        own inherit it): the network, from the site settings."""
        site = self.index_page.get_site()
        return SiteSettings.for_site(site).organisation_name if site else None

    def item_description(self, item):
        # Readers read RSS descriptions and Atom summaries as HTML: plain text is escaped,
        # so "<b>vet</b>" or "AT&T" in an introduction shows as typed.
        return escape(item.introduction)

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        """A permanent id (RFC 4151 tag URI: host, the day it was first published, the page
        id): a new slug or a moved page is not a new item to feed readers."""
        anchor = getattr(item, "anchor", "")  # one date of an event on a theme: its own item
        return tag_uri(page_of(item), anchor.lstrip("#"))

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        """When it was published: the item's own date when that has passed (an old letter
        keeps its date), else the day it went online (an event's date lies ahead)."""
        first_published = page_of(item).first_published_at or timezone.now()
        own_date = getattr(item, "date", None)
        if own_date is None:
            return first_published
        own = timezone.make_aware(datetime.datetime.combine(own_date, datetime.time(12)))
        return min(own, first_published)  # today's noon may still lie ahead

    def item_updateddate(self, item):
        return max(item.last_published_at or self.item_pubdate(item), self.item_pubdate(item))

    def item_categories(self, item):
        return [page_kind(item)]

    def item_author_name(self, item):
        return getattr(item, "author", "") or None


class PageListAtomFeed(PageListRssFeed):
    feed_type = CleanAtomFeed

    def subtitle(self):
        return self.description()


class FeedRoutesMixin(RoutablePageMixin):
    """RSS at `feed/rss/` and Atom at `feed/atom/` for a page that gives `feed_items()`,
    where it has items of its own: a translation whose list shows the original's items
    (`BasePage.items_from`), or none, has no feed (404, and its template links none); the
    Dutch one has them."""

    def has_own_feed(self):
        if self.locale_id == original_locale_id():
            return True  # also when empty: its page invites to follow it for what comes
        return self.items_from().pk == self.pk and bool(self.feed_items()[:1])

    @path("feed/rss/", name="rss")
    def rss_view(self, request):
        if not self.has_own_feed():
            raise Http404("Geen eigen feed in deze taal")
        return PageListRssFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom_view(self, request):
        if not self.has_own_feed():
            raise Http404("Geen eigen feed in deze taal")
        return PageListAtomFeed(self)(request)
