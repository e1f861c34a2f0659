"""Guessing stopped: failed logins are counted per typed user name and per client address
in the database (not in the cache, so the count holds while Redis is out), over a sliding
window of `LOGIN_LOCKOUT["minutes"]`.

- `LOGIN_LOCKOUT["account"]` failures for one name → that name is refused until the
  failures in the window are fewer again. Attempts while refused are recorded, not counted,
  so an attacker cannot make the wait longer. The account's own address gets a one-time link
  (`send_unlock_link`) that lets the owner's browser in at once: an attacker cannot keep
  the real owner out.
- `LOGIN_LOCKOUT["address"]` failures from one address (an IPv6 /64) → that address waits.

The address is core.protection's `client_ip`: behind the proxy, the hop the proxy appended,
never a header a visitor sets. Names are counted whether or not an account has them, and
every refusal says the same, so nothing tells whether an account exists.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from website.core.addresses import request_site, site_address
from website.core.models import SiteSettings
from website.core.protection import address_block, client_ip
from website.mail.outbox import queue_templated_email

from .models import SignInEvent, UnlockLink

LOCKED_MESSAGE = (
    "Er is te vaak een verkeerd wachtwoord ingevuld. Wacht {minutes} minuten en probeer het "
    "dan opnieuw. Hoort de gebruikersnaam bij een account, dan krijgt het e-mailadres van dat "
    "account een link waarmee je meteen weer kunt inloggen."
)
UNLOCK_COOKIE = "account_vrijgegeven"
UNLOCK_SALT = "website.accounts.unlock"
UNLOCK_LINK_HOURS = 24
UNLOCK_COOKIE_SECONDS = 60 * 60


def username_key(typed):
    """A typed user name as it is counted: trimmed, lower case (the login ignores case)."""
    return (typed or "").strip().lower()[:254]


def minutes():
    return settings.LOGIN_LOCKOUT["minutes"]


def locked_message():
    return LOCKED_MESSAGE.format(minutes=minutes())


def record(request, kind, username="", user=None):
    """Store a SignInEvent of `kind` for `username` from the request's client."""
    return SignInEvent.objects.create(
        kind=kind,
        username=username_key(username),
        user=user if getattr(user, "pk", None) else None,
        address=address_block(client_ip(request))[:64],
        browser=request.META.get("HTTP_USER_AGENT", "")[:200],
    )


FAILURES = [SignInEvent.Kind.FAILED, SignInEvent.Kind.SECOND_FACTOR_FAILED]


def _failures(**where):
    """Wrong passwords and wrong second-factor codes in the window."""
    since = timezone.now() - timedelta(minutes=minutes())
    return SignInEvent.objects.filter(kind__in=FAILURES, at__gte=since, **where)


def account_locked(username):
    key = username_key(username)
    return bool(key) and _failures(username=key).count() >= settings.LOGIN_LOCKOUT["account"]


def address_locked(request):
    address = address_block(client_ip(request))
    return _failures(address=address).count() >= settings.LOGIN_LOCKOUT["address"]


def refuses(request, username):
    """True when a login for `username` from this request must not even be tried: its
    address is locked, or the name is and this browser has no unlock cookie for it."""
    if address_locked(request):
        return True
    return account_locked(username) and not unlocked_here(request, username)


def after_failure(request, username, record_failure=True):
    """Record a failed login (unless the caller recorded it); when it locks the name, mail
    its account the unlock link. Returns True when the name or the address is locked now."""
    if record_failure:
        record(request, SignInEvent.Kind.FAILED, username)
    if account_locked(username) and not unlocked_here(request, username):
        send_unlock_link(request, username)
        return True
    return address_locked(request)


def account_named(username):
    """The one active account whose user name is `username` apart from case, or None."""
    matches = list(
        get_user_model()._default_manager.filter(
            username__iexact=username_key(username), is_active=True
        )[:2]
    )
    return matches[0] if len(matches) == 1 else None


def send_unlock_link(request, username):
    """Queue the one-time link to the account's own address, once per lock (not again while
    an earlier one is younger than the window). Does nothing for a name without an account
    or an account without an address. Returns the UnlockLink or None."""
    user = account_named(username)
    if user is None or not user.email:
        return None
    since = timezone.now() - timedelta(minutes=minutes())
    if SignInEvent.objects.filter(
        user=user, kind=SignInEvent.Kind.UNLOCK_SENT, at__gte=since
    ).exists():
        return None
    token = secrets.token_urlsafe(32)
    link = UnlockLink.objects.create(user=user, token_hash=_hash(token))
    site = request_site(request)
    context = {
        "name": user.first_name or user.get_username(),
        "minutes": minutes(),
        "hours": UNLOCK_LINK_HOURS,
        "link": site_address(site, reverse("account_unlock", args=[token])),
        "site_name": SiteSettings.network_name(site),
    }
    queue_templated_email([user.email], "accounts/mail/unlock", context, regarding=link)
    record(request, SignInEvent.Kind.UNLOCK_SENT, username, user=user)
    return link


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def use_unlock_link(token):
    """The account of an unused, unexpired link `token`, marking it used; None otherwise.
    Two clicks at once: one wins (the update counts the rows it changed)."""
    since = timezone.now() - timedelta(hours=UNLOCK_LINK_HOURS)
    with transaction.atomic():
        link = (
            UnlockLink.objects.filter(token_hash=_hash(token), used_at=None, created_at__gte=since)
            .select_related("user")
            .first()
        )
        if link is None:
            return None
        changed = UnlockLink.objects.filter(pk=link.pk, used_at=None).update(used_at=timezone.now())
    return link.user if changed else None


def unlock_cookie(user):
    """The signed value of the cookie that lets this browser log in as `user` while the
    account is locked."""
    return signing.dumps(username_key(user.get_username()), salt=UNLOCK_SALT)


def unlocked_here(request, username):
    value = request.COOKIES.get(UNLOCK_COOKIE)
    if not value:
        return False
    try:
        name = signing.loads(value, salt=UNLOCK_SALT, max_age=UNLOCK_COOKIE_SECONDS)
    except signing.BadSignature:
        return False
    return name == username_key(username)
