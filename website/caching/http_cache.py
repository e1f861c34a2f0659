"""What the reverse proxy may cache, said in `Cache-Control` (RFC 9111, RFC 5861).

A page that is the same for every anonymous visitor is cached by the proxy for
`PAGE_CACHE_SECONDS` (`s-maxage`); for `PAGE_CACHE_STALE_SECONDS` after that the proxy may
answer with the old copy while it fetches a new one (`stale-while-revalidate`), and while
the site fails (a restart, an error) for `PAGE_CACHE_ERROR_SECONDS` (`stale-if-error`). So a
change is served to everyone within the sum of the first two (8 s), and a crowd costs the
application one render per page per few seconds. Browsers keep nothing (`max-age=0`) and
ask again with the ETag (a 304 costs a phone no data).

Never cached (`private, no-cache`): anything that sets a cookie (a form's CSRF token, a
session), anything for a visitor who has a session (editors), the admin, POST, streaming
responses (document downloads) and statuses that are not the same for everyone. A view
that sets its own `Cache-Control` with `private`, `no-cache` or `no-store` keeps it
(personal links use `never_cache`).

The proxy's side is `deploy/nginx/site.conf`: it keys on the full address (query string
included) and bypasses its cache for a request that carries the session cookie.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control

CACHEABLE_STATUSES = {200, 203, 204, 300, 301, 308, 404, 410}
PRIVATE_DIRECTIVES = ("private", "no-cache", "no-store")


def shared_cache_allowed(request, response, but_the_csrf_token=False):
    """True when `response` to `request` is the same for every anonymous visitor (with
    `but_the_csrf_token`: but for the form token and its cookie, which a form page sets)."""
    if request.method not in ("GET", "HEAD") or response.streaming:
        return False
    cookies = set(response.cookies) - ({settings.CSRF_COOKIE_NAME} if but_the_csrf_token else set())
    if response.status_code not in CACHEABLE_STATUSES or cookies:
        return False
    if request.path.startswith(settings.NEVER_CACHE_PATH_PREFIXES):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    return not getattr(request, "is_dummy", False)  # Wagtail's preview


def says_private(response):
    value = response.get("Cache-Control", "").lower()
    return any(directive in value for directive in PRIVATE_DIRECTIVES)


class CacheHeadersMiddleware:
    """Sets the `Cache-Control` the proxy and browsers follow, for every response. It sits
    near the top of MIDDLEWARE so that it sees the cookies the session and CSRF
    middleware add below it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if says_private(response):
            return response
        if shared_cache_allowed(request, response):
            # A view's own max-age for browsers (the favicon: a day) stays.
            browsers = {} if "max-age" in response.get("Cache-Control", "") else {"max_age": 0}
            patch_cache_control(
                response,
                public=True,
                **browsers,
                s_maxage=settings.PAGE_CACHE_SECONDS,
                stale_while_revalidate=settings.PAGE_CACHE_STALE_SECONDS,
                stale_if_error=settings.PAGE_CACHE_ERROR_SECONDS,
            )
        else:
            patch_cache_control(response, private=True, no_cache=True)
        return response
