"""The one way to build absolute addresses (for mails, calendars and feeds): from the root
URL of a Wagtail Site, as editors set it under Instellingen > Sites (the seed's
`site_address` step fills it from WAGTAILADMIN_BASE_URL on a fresh install)."""

from wagtail.models import Site


def request_site(request):
    """The Wagtail Site a request is for (by its host), else the default site."""
    return Site.find_for_request(request) or Site.objects.get(is_default_site=True)


def page_address(page, path="", request=None):
    """The absolute URL of `page`, plus `path` relative to it ("afmelden/…/")."""
    return page.get_full_url(request) + path


def site_address(site, path="/"):
    """The absolute URL of `path` (absolute, starting with "/") on `site`."""
    return site.root_url.rstrip("/") + path
