"""Personal links: the one way the site gives a visitor a private link (cancel a sign-up,
withdraw a story).

- The link carries a random token (`new_token`, 32 random bytes, URL-safe base64: 43
  characters); the database keeps only its SHA-256 (`hash_token`), so a leaked database
  holds no working links.
- The link is a route of the page it belongs to (Wagtail's routable pages), e.g.
  `/agenda/afmelden/<token>/` and `/wat-mensen-overkomt/intrekken/<token>/`, declared with
  `TOKEN_ROUTE`; `personal_link(page, route, token)` makes the absolute URL for the mail,
  from the page's site (`website.core.addresses`).
- `find(queryset, token)` looks a token up; anything not shaped like a token finds nothing.
- The mails that carry a link are stored `regarding` the sign-up or story they belong to
  (`website.mail.outbox`), so erasing that erases them: no text is searched for tokens.
- `personal_link_response` is the one flow behind such a link: a confirm page, a protected
  POST that acts and redirects to the page's "done" route, and a clear 404 for a token that
  finds nothing (used, expired or mistyped).
"""

import hashlib
import re
import secrets

from django.db import models
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from wagtail.models import Page

from .addresses import page_address
from .protection import refuse_post

TOKEN_BYTES = 32
TOKEN_PATTERN = r"[\w-]{20,100}"  # noqa: S105 - the shape of a token, not a secret
TOKEN_ROUTE = rf"(?P<token>{TOKEN_PATTERN})"


def new_token():
    """A fresh private token and the hash to store: (token, sha256 hex digest)."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, hash_token(token)


def hash_token(token):
    """The SHA-256 hex digest (64 characters) of a token, as stored in `token_hash` fields."""
    return hashlib.sha256(token.encode()).hexdigest()


def find(queryset, token, fields=("token_hash",)):
    """The object in `queryset` with `token`'s hash in one of `fields` (an object that was
    sent more than one link keeps each link's hash), or None (also for anything that is not
    shaped like a token)."""
    if not token or not re.fullmatch(TOKEN_PATTERN, token):
        return None
    hashed = hash_token(token)
    matches = models.Q()
    for field in fields:
        matches |= models.Q(**{field: hashed})
    return queryset.filter(matches).first()


def personal_link(page, route_name, token):
    """The absolute URL of the private route `route_name` of `page` for `token`."""
    return page_address(page, page.reverse_subpage(route_name, args=[token]))


def personal_link_response(request, page, token, *, find, act, template, scope, done_route):
    """Answer a visit to a personal link of `page` (a routable page).

    - `find(token) -> object | None`; `act(object)` does what the link is for.
    - `template` renders with Wagtail's basic page context (`page`, not the page's own
      listing) and `state`: "confirm" (GET), "gone" (404, nothing found), "done" (the
      `done_route` of the page, after a successful POST); the object found is `found`.
    - A POST passes `refuse_post(request, scope)` first (413/429), also when the token finds
      nothing, so guessing tokens is rate-limited like any form."""

    def render_state(state, found, status):
        context = Page.get_context(page, request) | {"state": state, "found": found}
        return render(request, template, context, status=status)

    return personal_link_answer(
        request,
        token,
        find=find,
        act=act,
        render_state=render_state,
        scope=scope,
        done_url=page.url + page.reverse_subpage(done_route),
    )


def personal_link_answer(request, token, *, find, act, render_state, scope, done_url):
    """The one flow behind every personal link, on a page's route or at a fixed address
    (the newsletter's confirmation): a protected POST acts and redirects to `done_url`; a
    GET asks to confirm; a token that finds nothing answers 404. `render_state(state,
    found, status) -> HttpResponse` with state "confirm" or "gone". Never cached in a shared
    cache, also when the token finds nothing (caching.http_cache)."""
    if request.method == "POST" and (refusal := refuse_post(request, scope=scope)) is not None:
        return refusal
    found = find(token)
    if found is None:
        response = render_state("gone", None, 404)
    elif request.method == "POST":
        act(found)
        response = redirect(done_url)
    else:
        response = render_state("confirm", found, 200)
    add_never_cache_headers(response)
    return response


def personal_link_done(request, page, template):
    """The page a personal link's POST redirects to (reloading it sends nothing again)."""
    response = render(request, template, Page.get_context(page, request) | {"state": "done"})
    add_never_cache_headers(response)
    return response
