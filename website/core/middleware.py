from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponsePermanentRedirect
from django.http.request import split_domain_port
from django.middleware import common
from django.middleware.csp import ContentSecurityPolicyMiddleware
from django.utils import translation
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from website.caching.content_cache import remember

from .errors import database_unavailable_response


class PublicContentSecurityPolicyMiddleware(ContentSecurityPolicyMiddleware):
    """Django's CSP middleware for the public site. The Wagtail admin is left out: it is
    used by logged-in editors only and relies on inline scripts we do not control.

    Wagtail's preview renders a page through a dummy request for the page's own address
    (`request.is_dummy`) and shows it in a frame inside the admin: there the policy stays,
    except that the site itself may frame it."""

    def process_response(self, request, response):
        if request.path.startswith(settings.CSP_EXEMPT_PATH_PREFIXES):
            return response
        if getattr(request, "is_dummy", False) and not hasattr(response, "_csp_config"):
            response._csp_config = settings.SECURE_CSP | {"frame-ancestors": ["'self'"]}
        return super().process_response(request, response)


class PathLocaleMiddleware:
    """The language comes from the address alone: `/en/…` is English, an address without
    a language prefix is Dutch (settings.LANGUAGE_CODE). Django's LocaleMiddleware would
    let a browser's Accept-Language or a cookie choose the language of addresses outside
    `i18n_patterns` (the site overview, the 404 page) and adds `Vary: Accept-Language` to
    every page, which would split the proxy's cache per browser language for nothing. The
    admin sets each editor's own language itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        # Only for this request: code that runs after it in the same thread (a test, a
        # task run at once) keeps its own language.
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class CommonMiddleware(common.CommonMiddleware):
    """Django's, except that a 404 known to be final (`final_not_found`: an old address of
    content that is gone, website.joomla) stays a 404, instead of a 301 to the same address
    with a slash that is a 404 too."""

    def process_response(self, request, response):
        if response.status_code == 404 and getattr(response, "final_not_found", False):
            response.headers.setdefault("Content-Length", str(len(response.content)))
            return response
        return super().process_response(request, response)


class MovedPageRoutesMiddleware:
    """A page's routes follow it when its address changes. Wagtail makes a redirect for
    the page itself ("/achtergronden" → the page) when its slug changes, but not for what
    lies below it: "/achtergronden/feed/atom/" answered 404 and feed readers and calendar
    apps lost their subscription. On a 404 for GET/HEAD this finds the longest earlier path
    with a redirect to a page and sends the rest of the address after it (301)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        if getattr(response, "final_not_found", False):
            return response  # known to be gone (an old Joomla article: website.joomla)
        target = moved_route(request)
        return HttpResponsePermanentRedirect(target) if target else response


def moved_route(request):
    """The new address of `request.path` below a page that moved, or None."""
    site = Site.find_for_request(request)
    parts = [part for part in request.path.split("/") if part]
    prefixes = ["/" + "/".join(parts[:end]) for end in range(len(parts) - 1, 0, -1)]
    if not prefixes or site is None:
        return None
    redirects = {
        redirect.old_path: redirect
        for redirect in Redirect.get_for_site(site)
        .filter(old_path__in=prefixes, redirect_page__isnull=False)
        .select_related("redirect_page")
    }
    for prefix in prefixes:  # longest first
        if prefix in redirects:
            rest = request.path[len(prefix) :].lstrip("/")
            url = redirects[prefix].redirect_page.get_url(request) + rest
            if url.rstrip("/") == request.path.rstrip("/"):
                return None  # the page lives at that prefix: nothing moved, a plain 404
            query = request.META.get("QUERY_STRING", "")
            return f"{url}?{query}" if query else url
    return None


class CachedSiteMiddleware:
    """Wagtail looks up the Site for every request (a query), and then its home page (a
    second), and the sites' root paths for every page address. They change rarely: they
    come from the content cache (core.content_cache), the home page already specific, and
    Wagtail finds them on the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # get_host() refuses hosts outside ALLOWED_HOSTS (400), so no visitor can fill the
        # cache with made-up host names.
        hostname = split_domain_port(request.get_host())[0]
        port = request.get_port()
        if request.path in settings.DATABASE_FREE_PATHS:
            return self.get_response(request)  # they need no Site and must answer without
        try:
            request._wagtail_site = remember("site", lambda: site_for(request), hostname, port)
            # Wagtail asks the shared cache for these for every page address it makes.
            request._wagtail_cached_site_root_paths = remember(
                "site-root-paths", Site.get_site_root_paths
            )
        except DatabaseError:
            # The database is out of reach: the 503 page now, rather than wait for a second
            # connection attempt in the view.
            return database_unavailable_response(request)
        return self.get_response(request)


def site_for(request):
    """Wagtail's Site for `request` with its root page as its specific type, or None."""
    site = Site._find_for_request(request)
    if site is not None:
        site.root_page = site.root_page.specific
    return site
