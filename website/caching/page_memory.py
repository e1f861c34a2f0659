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

A page with a form (the contact page, the story form, a sign-up) is the same for everyone
but its CSRF token: it is kept with the token left out, and answered with the visitor's own
(from their `csrftoken` cookie, or a new one with its cookie, by Django's CSRF middleware,
as a rendered page would be), privately as before. A page a view marked `never_cache`
(`no-store`: personal links) is not kept.

Never from memory: anything but GET, a request with a cookie other than the CSRF token (a
session, a message waiting after a form, an editor's known-browser mark), a response with a
`Vary` other than on compression and cookies, one over
`PAGE_MEMORY_MAX_BYTES`, and everything while the shared cache is out (the generation is
then unknown).
"""

import re

from django.conf import settings
from django.core.cache import cache, caches
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
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
# A form page differs per answer in its token, so an ETag of one answer fits no other.
PER_FORM_RESPONSE_HEADERS = PER_RESPONSE_HEADERS | {"etag"}
# The token in a form (Django's `{% csrf_token %}`: 64 letters and digits), and what stands
# in its place in a kept page (NUL, which no page of this site contains: text is cleaned).
FORM_TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(")')
TOKEN_PLACE = b"\0csrf\0"


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
    """ "page" when `response` may be kept as it is, "form" when it may be kept without its
    form token, else None."""
    if not isinstance(response, HttpResponse):
        return None
    if len(response.content) > settings.PAGE_MEMORY_MAX_BYTES:
        return None
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    if not vary <= HARMLESS_VARY:
        return None
    if not says_private(response) and shared_cache_allowed(request, response):
        return "page"
    return "form" if _form_page(request, response) else None


def _form_page(request, response):
    """Private only because it carries a form token: the CSRF cookie is all it sets, and no
    view said `never_cache` (its `no-store`)."""
    return (
        response.status_code == 200
        and set(response.cookies) == {settings.CSRF_COOKIE_NAME}
        and "no-store" not in response.get("Cache-Control", "")
        and shared_cache_allowed(request, response, but_the_csrf_token=True)
        and FORM_TOKEN.search(response.content) is not None
    )


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
        kind = keepable(request, response) if key else None
        if kind == "page":
            kept = (kind, response.status_code, _headers(response, PER_RESPONSE_HEADERS),
                    response.content)  # fmt: skip
            store().set(key, kept, settings.PAGE_MEMORY_SECONDS)
        elif kind == "form":
            content = FORM_TOKEN.sub(rb"\1" + TOKEN_PLACE + rb"\2", response.content)
            kept = (kind, response.status_code, _headers(response, PER_FORM_RESPONSE_HEADERS),
                    content)  # fmt: skip
            store().set(key, kept, settings.PAGE_MEMORY_SECONDS)
        return response


def _headers(response, leave_out):
    return [(name, value) for name, value in response.items() if name.lower() not in leave_out]


def answer(request, kept):
    """The kept page as a new response, or a 304 when the browser has it (its ETag); a form
    page with the visitor's own token and cookie."""
    kind, status, headers, content = kept
    if kind == "form":
        return _answer_form(request, status, headers, content)
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    if status == 200 and response.has_header("ETag"):
        return get_conditional_response(request, etag=response["ETag"], response=response)
    return response


def _answer_form(request, status, headers, content):
    """What Django's CSRF middleware does for a rendered form page: the secret from the
    visitor's cookie (a new one when there is none or it is malformed), a token masked
    from it in the form, the cookie sent again (its expiry renewed)."""
    csrf = CsrfViewMiddleware(lambda request: None)
    csrf.process_request(request)
    response = HttpResponse(
        content.replace(TOKEN_PLACE, get_token(request).encode()), status=status
    )
    for name, value in headers:
        response[name] = value
    return csrf.process_response(request, response)
