"""RSS and Atom for any list page: the page gives `feed_items()`, items give a date."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from .models import page_kind
from .text import clean_data, clean_text


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
    pass


class CleanAtomFeed(CleanTextMixin, Atom1Feed):
    pass


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

    def item_description(self, item):
        return item.introduction

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(12)))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [page_kind(item)]

    def item_author_name(self, item):
        return getattr(item, "author", "") or None


class PageListAtomFeed(PageListRssFeed):
    feed_type = CleanAtomFeed

    def subtitle(self):
        return self.description()


class FeedRoutesMixin(RoutablePageMixin):
    """RSS at `feed/rss/` and Atom at `feed/atom/` for a page that gives `feed_items()`."""

    @path("feed/rss/", name="rss")
    def rss_view(self, request):
        return PageListRssFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom_view(self, request):
        return PageListAtomFeed(self)(request)
