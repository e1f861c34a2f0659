"""The admin's door after the login: a second factor where one is needed (after django-otp's
OTPMiddleware, which tells whether this session entered a code: `user.is_verified()`), idle
sessions ended, known browsers remembered."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import resolve, reverse
from django.urls.exceptions import Resolver404
from django.utils.http import urlencode

from .notices import KNOWN_BROWSER_COOKIE, cookie_options
from .second_factor import has_second_factor, required_for

LAST_SEEN_KEY = "account_last_seen"
LAST_SEEN_STEP = 5 * 60  # seconds: how precisely the idle time is kept

# Reachable between the password and the code: logging in and out, the second-factor pages
# themselves, and what the admin's login pages load.
OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "account_second_factor_verify",
    "account_second_factor_setup",
    "account_second_factor_codes",
    "account_unlock",
}


# Requests a page makes by itself, which say nothing about whether someone is using the admin.
NOT_USE = {"wagtailadmin_sprite", "wagtailadmin_javascript_catalog"}


class SecondFactorMiddleware:
    """An admin page asked for by someone logged in with a password only: to the code page
    when they have an app, to the set-up when their role needs one (`required_for`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.refusal(request) or self.get_response(request)

    def refusal(self, request):
        # The path first: asking who is logged in reads the session and the user from the
        # database, which the admin's sprite and the site's pages need not do.
        if not request.path.startswith(reverse("wagtailadmin_home")):
            return None
        if url_name(request) in OPEN_URL_NAMES:
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if has_second_factor(user):
            return to("account_second_factor_verify", request)
        if required_for(user):
            return to("account_second_factor_setup", request)
        return None


def url_name(request):
    """The URL name of the request's path (resolved once per request: both middlewares ask)."""
    if not hasattr(request, "_accounts_url_name"):
        try:
            request._accounts_url_name = resolve(request.path_info).url_name
        except Resolver404:
            request._accounts_url_name = None
    return request._accounts_url_name


def to(name, request):
    """A redirect to the view `name` that comes back to this page afterwards (GET only; a
    POST's target is not a page to come back to)."""
    next_page = request.get_full_path() if request.method == "GET" else reverse("wagtailadmin_home")
    return redirect(f"{reverse(name)}?{urlencode({'next': next_page})}")


class IdleSessionAndKnownBrowserMiddleware:
    """A login ends after ADMIN_IDLE_MINUTES without a request (a volunteer's shared
    computer); a login from a new browser leaves the cookie that makes it known
    (notices.new_browser_login)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        ended = self.end_idle_session(request)
        if ended:
            return ended
        response = self.get_response(request)
        cookie = getattr(request, "known_browser_cookie", None)
        if cookie:
            response.set_cookie(KNOWN_BROWSER_COOKIE, cookie, **cookie_options(request))
        return response

    def end_idle_session(self, request):
        # Only a request with a session can belong to a login (no database read for the
        # rest); the admin's sprite and translations are not use.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        if url_name(request) in NOT_USE or not request.user.is_authenticated:
            return None
        now = int(time.time())
        last_seen = request.session.get(LAST_SEEN_KEY)
        idle_minutes = settings.ADMIN_IDLE_MINUTES
        if last_seen and now - last_seen > idle_minutes * 60:
            logout(request)
            messages.info(
                request, f"Je was meer dan {idle_minutes} minuten niet actief. Log opnieuw in."
            )
            if request.path.startswith(reverse("wagtailadmin_home")):
                return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
            return None
        # Set at login (signals); renewed at most every few minutes: not a session save on
        # every request, nor on each of the requests a page makes at once (its sprite, its
        # previews), which would all write the same session together.
        if not last_seen or now - last_seen >= LAST_SEEN_STEP:
            request.session[LAST_SEEN_KEY] = now
        return None
