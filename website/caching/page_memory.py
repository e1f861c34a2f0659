"""Whole public pages kept in each app process's memory for a short while: the crowd that
reaches the application past the proxy's cache (a page whose proxy copy expired, a second
proxy, the moments after a purge) gets a page rendered once per process and half minute,
not once per request.

A response is kept when the proxy may cache it (`http_cache.shared_cache_allowed`: the same
for every anonymous visitor) under a key with the content generation
(`content_cache.fragment_key`), so any change of content makes every kept page stale at
once, as it does the fragments, and for at most `PAGE_MEMORY_SECONDS` (30): what depends on
the clock (the agenda's "upcoming", a sign-up's deadline) is at most that late. It is kept
with the headers every other middleware added (the security headers, the CSP,
Cache-Control, the ETag), and answered with them, or a 304 for a browser that has it.

Never from memory: anything but GET, a request with a cookie other than the CSRF token (a
session, a message waiting after a form, an editor's known-browser mark), a response with a
`Vary` other than on compression and cookies, one over
`PAGE_MEMORY_MAX_BYTES`, and everything while the shared cache is out (the generation is
then unknown).
"""

from django.conf import settings
from django.core.cache import cache, caches
from django.http import HttpResponse
from django.utils.cache import get_conditional_response

from .content_cache import fragment_key
from .http_cache import says_private, shared_cache_allowed

HARMLESS_COOKIES = {settings.CSRF_COOKIE_NAME}
# Compression is the proxy's; cookies other than the CSRF token skip the memory. The
# language follows from the path alone (core.middleware.PathLocaleMiddleware), which is in
# the key.
HARMLESS_VARY = {"accept-encoding", "cookie"}
# Headers that belong to one answer, not to the page.
PER_RESPONSE_HEADERS = {"date", "set-cookie", "content-length"}


def store():
    return caches["pages"]


def key_for(request):
    """The memory key of `request`'s page, or None when it may not come from memory."""
    if not settings.PAGE_MEMORY or request.method != "GET" or getattr(cache, "unavailable", False):
        return None
    if set(request.COOKIES) - HARMLESS_COOKIES:
        return None
    if request.path.startswith(settings.NEVER_CACHE_PATH_PREFIXES):
        return None
    scheme = "https" if request.is_secure() else "http"
    host = request.META.get("HTTP_HOST", "")
    return fragment_key("page", scheme, host, request.get_full_path())


def keepable(request, response):
    if says_private(response) or not shared_cache_allowed(request, response):
        return False
    if not isinstance(response, HttpResponse):
        return False
    if len(response.content) > settings.PAGE_MEMORY_MAX_BYTES:
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return vary <= HARMLESS_VARY


class PageMemoryMiddleware:
    """The first middleware: answers a kept page before any other work, and keeps what
    the rest of the stack answered when it may (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = key_for(request)
        kept = store().get(key) if key else None
        if kept is not None:
            return answer(request, kept)
        response = self.get_response(request)
        if key and keepable(request, response):
            headers = [(k, v) for k, v in response.items() if k.lower() not in PER_RESPONSE_HEADERS]
            kept = (response.status_code, headers, response.content)
            store().set(key, kept, settings.PAGE_MEMORY_SECONDS)
        return response


def answer(request, kept):
    """The kept page as a new response, or a 304 when the browser has it (its ETag)."""
    status, headers, content = kept
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    if status == 200 and response.has_header("ETag"):
        return get_conditional_response(request, etag=response["ETag"], response=response)
    return response
