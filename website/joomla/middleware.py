from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import get_resolver
from wagtail.models import Site

from . import missed
from .links import is_gone, is_non_sef, old_address_target, same_address_here


class JoomlaAddressesMiddleware:
    """Old Joomla addresses of imported content answer 301 (`links.old_address_target`).

    A GET or HEAD that would be a 404 is looked up. Placed before Wagtail's redirect
    middleware in MIDDLEWARE, so it sees the 404 only after the stored redirects had their
    turn. Joomla's non-SEF addresses (`/index.php?option=com_content&…`, or `/?option=…`,
    where the home page would answer) are looked up first, and one for content that is gone
    is a 404, not the home page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        reading = request.method in ("GET", "HEAD")
        if reading and is_non_sef(request.path, query):
            target = self._target(request, query)
            if target:
                return HttpResponsePermanentRedirect(target)
            return get_resolver().resolve_error_handler(404)(request, Http404())
        response = self.get_response(request)
        if response.status_code != 404 or not reading:
            return response
        target = self._target(request, query)
        if target and target != request.path:
            return HttpResponsePermanentRedirect(target)
        if is_gone(request):
            # Content the old site had that is gone (trashed, unpublished, never there):
            # a 404, not a guess by the moved-pages middleware below the old menu's path,
            # nor a 301 to the same address with a slash.
            response.final_not_found = True
        return response

    def _target(self, request, query):
        site = Site.find_for_request(request)
        if site is None:
            return None
        return old_address_target(site, request.path, query) or same_address_here(request)


class MissedAddressMiddleware:
    """Counts the GETs that end as a 404 after every redirect had its turn (`missed`):
    first among the middleware that answer a 404 with a redirect."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404 and request.method == "GET":
            missed.record(request)
        return response
