"""Mails to a person about their own account: a login from a browser not seen before, a
changed password, a changed second factor. Each says when (Europe/Amsterdam), from which
browser, and what to do if it was not them."""

from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from wagtail.models import Site

from website.core.addresses import request_site, site_address
from website.core.models import SiteSettings
from website.mail.outbox import queue_templated_email

KNOWN_BROWSER_COOKIE = "bekende_browser"
KNOWN_BROWSER_SALT = "website.accounts.known_browser"
KNOWN_BROWSER_SECONDS = 400 * 24 * 60 * 60  # the longest a browser keeps a cookie (RFC 6265bis)


def browser_name(user_agent):
    """ "Firefox op Windows" from a User-Agent header; "een onbekende browser" otherwise."""
    browsers = [("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"),
                ("Chrome/", "Chrome"), ("Safari/", "Safari")]  # fmt: skip
    systems = [("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"),
               ("Windows", "Windows"), ("Mac OS X", "Mac"), ("Linux", "Linux")]  # fmt: skip
    browser = next((name for mark, name in browsers if mark in user_agent), "")
    system = next((name for mark, name in systems if mark in user_agent), "")
    if browser and system:
        return f"{browser} op {system}"
    return browser or system or "een onbekende browser"


def _tell(user, template, request=None, **context):
    if not user.email:
        return
    site = request_site(request) if request is not None else default_site()
    user_agent = request.META.get("HTTP_USER_AGENT", "") if request is not None else ""
    context |= {
        "name": user.first_name or user.get_username(),
        "site_name": SiteSettings.network_name(site) or "de website",
        "when": date_format(timezone.localtime(), "l j F Y \\o\\m H.i \\u\\u\\r"),
        "browser": browser_name(user_agent) if request is not None else "",
        "account_url": site_address(site, reverse("wagtailadmin_account")),
    }
    queue_templated_email([user.email], f"accounts/mail/{template}", context)


def default_site():
    return Site.objects.get(is_default_site=True)


def second_factor_changed(request, user, what):
    """Tell `user` their second factor was `what` ("aangezet", "weggehaald door Anna")."""
    _tell(user, "second_factor", request, what=what)


def password_changed(user):
    _tell(user, "password")


def known_accounts(request):
    """The ids of the accounts that logged in from this browser (its signed cookie); [] for
    a missing or forged one."""
    value = request.COOKIES.get(KNOWN_BROWSER_COOKIE, "")
    try:
        known = signing.loads(value, salt=KNOWN_BROWSER_SALT) if value else []
    except signing.BadSignature:
        return []
    return [pk for pk in known if isinstance(pk, int)] if isinstance(known, list) else []


def known_browser_cookie(known, user):
    """The cookie's new value: `known` with `user` added (the last few only: a shared
    computer)."""
    return signing.dumps(
        [pk for pk in known if pk != user.pk][-4:] + [user.pk], salt=KNOWN_BROWSER_SALT
    )


def new_browser_login(request, user):
    """A login from a browser that never logged in to this account: mail the owner, and
    mark the browser as known (the cookie is set on the response, AccountsMiddleware)."""
    known = known_accounts(request)
    request.known_browser_cookie = known_browser_cookie(known, user)
    first = getattr(request, "first_login_of_new_account", False)  # an invitation accepted
    if user.pk not in known and not first:
        _tell(user, "new_browser", request)


def cookie_options(request):
    return {
        "max_age": KNOWN_BROWSER_SECONDS,
        "secure": request.is_secure(),
        "httponly": True,
        "samesite": "Lax",
    }
