from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.middleware.csp import ContentSecurityPolicyMiddleware
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site


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
            query = request.META.get("QUERY_STRING", "")
            return f"{url}?{query}" if query else url
    return None
