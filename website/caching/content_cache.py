"""Work that every public page repeats, done once per change of content.

The *content generation* is a token in Django's default cache (Redis in production, shared
by every process) that is replaced whenever something that can show on a public page is
saved or deleted (`core/signals.py`). Every cached fragment and object has the generation in
its key, so one change makes all of them stale at once: no code has to know which fragment
shows what, and nothing is ever purged. Because the keys change with the content, each
process keeps the fragments in its own memory (the "content" cache, a LocMemCache: no round
trip to Redis, and a copy per use); old entries expire after `FRAGMENT_SECONDS` or give way
to new ones.

Used for the menu, the footer (logo strip, campaigns, social media), the header's logo, the
breadcrumbs, a page's themes and related items, the site settings and the Site itself (see
`docs/performance.md` for what each saved). What a page shows of its own content is never
cached here: the reverse proxy caches whole pages for a few seconds instead
(`core/http_cache.py`).
"""

import hashlib
import time
import uuid

from django.core.cache import cache, caches
from django.db import transaction
from django.utils.translation import get_language
from wagtail.images.models import AbstractRendition

GENERATION_KEY = "content-generation"
# A safety net only: a change replaces the generation, so entries are never shown stale.
FRAGMENT_SECONDS = 60 * 60
_MISSING = object()

# Models whose rows never show on a public page, saved often (the page editor's autosave,
# every mail, every task, every rendition made while rendering): a save of these leaves the
# cached fragments alone. Everything else counts, so a new model is safe by default.
INTERNAL_MODELS = {
    # What visitors send that no public page shows until an editor makes something of it
    # (a crowd writing in after a remark on television must not make every page new); a
    # sign-up and a form answer do count: places left, a form closing when it is full.
    "accounts.signinevent",  # every login attempt
    "accounts.unlocklink",
    "newsletter.delivery",
    "newsletter.subscriber",
    "newsletter.suppression",
    "otp_static.staticdevice",
    "otp_static.statictoken",
    "otp_totp.totpdevice",
    "pages.contactmessage",
    "stories.storycontact",
    "stories.storysubmission",
    "admin.logentry",
    "auth.user",
    "contenttypes.contenttype",
    "django_tasks_database.dbtaskresult",
    "endorsements.endorsement",  # a crowd endorsing must not make every page new
    "joomla.importeditem",
    "joomla.missedaddress",  # counted on every 404: must not make every page new
    "mail.outgoingemail",
    "operations.periodictaskrun",
    "seed.seedrecord",
    "sessions.session",
    "wagtailadmin.editingsession",
    "wagtailadmin.formstate",
    "wagtailcore.apitoken",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.modellogentry",
    "wagtailcore.pagelogentry",
    "wagtailcore.pagesubscription",
    "wagtailcore.referenceindex",
    "wagtailcore.revision",
    "wagtailcore.taskstate",
    "wagtailcore.uploadedfile",
    "wagtailcore.workflowstate",
    "wagtailembeds.embed",
    "wagtailusers.userprofile",
}
INTERNAL_APPS = {"wagtailsearch"}


# A process asks the shared cache for the generation at most this often (seconds): a page
# uses it for every fragment. A change made by another process shows this much later; one
# made by this process at once.
GENERATION_MEMO_SECONDS = 1.0
_memo = {"token": None, "until": 0.0, "outages": 0}


def content_generation():
    """The current generation: a short string (hex), made when the cache has none.

    While Redis is out (`core.cache_backends`) every call gives a new one: a change made by
    another process could not be announced, so nothing cached may be trusted. Once Redis is
    back, a process that saw the outage starts a new generation, because a change made
    meanwhile never reached the shared token and other processes still hold fragments from
    before it."""
    if getattr(cache, "unavailable", False):
        return uuid.uuid4().hex[:16]
    now = time.monotonic()
    outages = getattr(cache, "outages", 0)
    if outages != _memo["outages"]:
        _memo["outages"] = outages
        _replace_generation()
    if _memo["token"] is not None and now < _memo["until"]:
        return _memo["token"]
    token = cache.get(GENERATION_KEY)
    if token is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex[:16], None)
        token = cache.get(GENERATION_KEY)
    _memo.update(token=token, until=now + GENERATION_MEMO_SECONDS)
    return token


def _replace_generation():
    token = uuid.uuid4().hex[:16]
    cache.set(GENERATION_KEY, token, None)
    _memo.update(token=token, until=time.monotonic() + GENERATION_MEMO_SECONDS)


def content_changed():
    """Make every cached fragment stale: now (the rest of this transaction sees the change)
    and again after the commit (a page rendered by another process between the two saw the
    old rows and must not stay cached under the new generation)."""
    _replace_generation()
    transaction.on_commit(_replace_generation)


def shows_on_public_pages(model):
    """False for the internal models above; True for everything else."""
    if model._meta.label_lower in INTERNAL_MODELS or model._meta.app_label in INTERNAL_APPS:
        return False
    # Renditions are made while pages render; their images count.
    return not issubclass(model, AbstractRendition)


def fragment_key(name, *parts):
    """The cache key of fragment `name` for `parts` (ids, paths) in this generation and
    the active language (a menu, a footer or a page's translations are made in it)."""
    raw = ":".join(str(part) for part in (get_language(), *parts))
    digest = hashlib.blake2s(raw.encode(), digest_size=10).hexdigest()
    return f"fragment:{name}:{content_generation()}:{digest}"


def remember(name, build, *parts, timeout=FRAGMENT_SECONDS):
    """`build()`, or what it returned before in this generation for the same `parts`.

    `build` must return something picklable (a string, a list of dicts, a model instance
    with what it needs already loaded); it runs again after any content change."""
    if getattr(cache, "unavailable", False):
        return build()  # nothing can be trusted or kept now (see content_generation)
    key = fragment_key(name, *parts)
    store = caches["content"]
    value = store.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        store.set(key, value, timeout)
    return value


def remember_published(request, name, build, page, *parts):
    """`remember()` for what is made from `page` itself (its body, its themes): a preview
    renders a draft (`request.is_preview`), which must neither be stored (visitors would
    see the draft) nor come from the store (the editor would not see it)."""
    if request is None or getattr(request, "is_preview", False) or not page.pk:
        return build()
    return remember(name, build, page.pk, *parts)


def forget_everything():
    """Empty the shared and the local caches and the memo (tests start from nothing)."""
    for alias in ("default", "content", "pages"):
        caches[alias].clear()
    _memo.update(token=None, until=0.0, outages=getattr(cache, "outages", 0))
