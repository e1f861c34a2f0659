"""One form protection for every public form: honeypot, size limits, per-IP rate limit.

CSRF comes from Django's middleware (with a Dutch failure page, core.views.csrf_failure);
validation messages are Dutch and keep what the person typed, because the form is rendered
again with its bound data.

Every public form goes through `protected_form_response` (the contact page, the story
form, sign-up): 413 for a body that is too large, the form again with its input and Dutch
messages when invalid, 429 (the form again, input kept, a message on top) over the rate
limit, and only then the view's own `on_valid`: store, queue_email, redirect.
Only valid submissions count towards the limit, so someone fixing typos is not blocked.
POSTs without a form (a confirm button) use `refuse_post`, which does both checks.
"""

import hashlib
import ipaddress
import logging
import re
import time

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.formats import number_format
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from website.text import INVISIBLE_IN_WORDS, clean_text

from .forms import PublicFormRenderer

logger = logging.getLogger(__name__)
HONEYPOT_FIELD = "fax_nummer"
# request.META's mark of a submission kept while the database was out and sent again now
# (core.spool.REPLAYED; the same text, since spool imports this module).
REPLAYED = "website.replayed_submission"


class ProtectedForm(forms.Form):
    """Base class for public forms. Every CharField gets a length limit (the model's or
    `max_length`), null bytes are refused by Django's own validator, and a hidden honeypot
    field catches bots."""

    # One renderer for every form (as Django's default): a class here would make each form
    # its own template engine, which parsed the form's templates again on every request.
    default_renderer = PublicFormRenderer()
    honeypot_message = _(
        "Dit formulier kon niet worden verstuurd. Probeer het nog een keer. Lukt het niet, "
        "zet dan het automatisch invullen van je browser uit."
    )
    default_max_length = 2000

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            single_line = {
                name
                for name, field in self.fields.items()
                if not isinstance(field.widget, forms.Textarea)
            }
            self.data = cleaned_submission(self.data, single_line)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and not field.max_length:
                field.max_length = self.default_max_length
                field.validators.append(
                    forms.fields.validators.MaxLengthValidator(self.default_max_length)
                )
                field.widget.attrs.setdefault("maxlength", str(self.default_max_length))
            plain_dutch_messages(field)
            if isinstance(field.widget, forms.EmailInput | forms.URLInput):
                # An address reads left to right in every language: on an Arabic page
                # "naam@" must not show as "@naam".
                field.widget.attrs.setdefault("dir", "ltr")
            elif isinstance(field.widget, forms.TextInput | forms.Textarea):
                # Typed text keeps its own direction: "’s-Hertogenbosch" on an Arabic page,
                # Arabic on a Dutch one.
                field.widget.attrs.setdefault("dir", "auto")
            if isinstance(field.widget, forms.Textarea) and field.max_length:
                count_down_instead_of_cutting_off(field)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Laat dit veld leeg"),
            required=False,
            max_length=200,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get(HONEYPOT_FIELD):
            raise forms.ValidationError(self.honeypot_message, code="honeypot")
        return cleaned

    rate_limit_message = _(
        "Er zijn in korte tijd veel formulieren verstuurd vanaf jouw internetverbinding. "
        "Wacht een minuut en verstuur het dan opnieuw. Wat je hebt ingevuld, staat er nog."
    )

    def rate_limited(self, request, scope):
        """Count this valid submission; when over the limit, add a form error and say so."""
        if is_rate_limited(request, scope):
            self.add_error(None, forms.ValidationError(self.rate_limit_message, code="rate"))
            return True
        return False

    @property
    def visible_fields_without_honeypot(self):
        return [field for field in self.visible_fields() if field.name != HONEYPOT_FIELD]

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]


def cleaned_submission(data, single_line=()):
    """A copy of submitted form data (a QueryDict) with each text through `clean_text`; in
    the fields named in `single_line` line breaks and runs of spaces become one space. A
    text of nothing but invisible characters (zero-width spaces, joiners) is empty: a
    required name of two zero-width spaces is no name."""
    data = data.copy()
    for key, values in data.lists():
        values = [clean_text(value) for value in values]
        values = [
            v if not isinstance(v, str) or INVISIBLE_IN_WORDS.sub("", v).strip() else ""
            for v in values
        ]
        if key in single_line:
            values = [re.sub(r"\s+", " ", v) if isinstance(v, str) else v for v in values]
        data.setlist(key, values)
    return data


def plain_dutch_messages(field):
    """Django's generic messages in plain Dutch (B1), where the form did not write its own."""
    # Compared in the active language: Django's message is translated too.
    if str(field.error_messages.get("required")) == str(
        forms.Field.default_error_messages["required"]
    ):
        field.error_messages["required"] = _("Vul dit in.")
    if isinstance(field, forms.CharField) and field.max_length:
        field.error_messages.setdefault(
            "max_length",
            _("Gebruik hier maximaal %(limit_value)d tekens. Nu zijn het er %(show_value)d."),
        )


def count_down_instead_of_cutting_off(field):
    """A text box without `maxlength`: a browser silently cuts pasted text off at the limit,
    and the end of someone's story is lost. The box says its limit, site.js counts down
    (`data-max-length`), and the server refuses what is over, keeping all of it."""
    field.widget.attrs.pop("maxlength", None)
    field.widget.attrs["data-max-length"] = str(field.max_length)
    if not field.help_text:
        field.help_text = format_lazy(
            _("Maximaal {number} tekens."),
            number=number_format(field.max_length, force_grouping=True),
        )


def client_ip(request):
    """The visitor's address. Behind the reverse proxy, the last hop it appended."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def address_block(address):
    """IPv6 visitors get a whole /64 from their provider: count per /64, not per address."""

    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return address


def is_rate_limited(request, scope, limit=None, period=None):
    """Count this POST; True when the visitor's address went over the limit for `scope`.
    The counter lives in the cache, so all server processes share it (Redis). While Redis
    is out, each process counts on its own (core.cache_backends), which is logged: a visitor
    then gets at most `limit` posts per process per period."""
    if request.META.get(REPLAYED):
        return False  # counted when it was kept while the database was out (core.spool)
    limit = limit or settings.FORM_RATE_LIMIT[0]
    period = period or settings.FORM_RATE_LIMIT[1]
    address = hashlib.sha256(address_block(client_ip(request)).encode()).hexdigest()[:32]
    key = f"ratelimit:{scope}:{address}"
    count = _count(key, period)
    if getattr(cache, "unavailable", False):
        logger.warning("Rate limit for %r counted by this process alone: Redis is out.", scope)
    return count > limit


def _count(key, period):
    """Add one to the counter `key` (made for `period` seconds); the new count."""
    if cache.add(key, 1, timeout=period):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=period)
        return 1


def refuse_oversized(request, max_body_bytes=None):
    """A 413 response when the request body is larger than a public form needs, else None."""
    max_body_bytes = max_body_bytes or settings.FORM_MAX_BODY_BYTES
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = max_body_bytes + 1
    if length > max_body_bytes:
        return render(request, "core/refused.html", {"reason": "too_large"}, status=413)
    return None


def too_many_requests(response):
    response.status_code = 429
    response["Retry-After"] = str(settings.FORM_RATE_LIMIT[1])
    return response


def refuse_post(request, scope, max_body_bytes=None):
    """A 413 or 429 response when a POST is too big or too frequent, else None."""
    if (refusal := refuse_oversized(request, max_body_bytes)) is not None:
        return refusal
    if is_rate_limited(request, scope):
        return too_many_requests(render(request, "core/refused.html", {"reason": "too_many"}))
    return None


PENDING = "pending"
REPEAT_WAIT_SECONDS = 5


def submission_key(request, scope, form):
    """The cache key of this content from this address for `scope` (a hash: no personal data
    in the cache)."""
    content = sorted((name, str(value)) for name, value in form.cleaned_data.items())
    address = address_block(client_ip(request))
    digest = hashlib.sha256(repr((scope, address, content)).encode()).hexdigest()
    return f"form-submission:{digest}"


def repeated_submission_response(key, form, render_form):
    """The same content again: the first submission's redirect (waiting up to
    REPEAT_WAIT_SECONDS while it is still being handled), else the form with a notice. Nothing
    is stored or mailed twice."""
    deadline = time.monotonic() + REPEAT_WAIT_SECONDS
    while (location := cache.get(key)) == PENDING and time.monotonic() < deadline:
        time.sleep(0.1)
    if location and location != PENDING:
        return redirect(location)
    form.add_error(
        None,
        "Je hebt dit formulier net al verstuurd. We hebben het ontvangen; je hoeft niets "
        "opnieuw te doen.",
    )
    return render_form(form)


def protected_form_response(
    request, *, scope, make_form, render_form, on_valid, repeat_window=None
):
    """The one flow of a public form, for GET and POST alike.

    - `make_form(*data)`: the form, unbound without arguments, else bound to
      `(request.POST, request.FILES)`; a `ProtectedForm`.
    - `render_form(form) -> HttpResponse`: the page with the form.
    - `on_valid(form) -> HttpResponse`: stores the submission, queues mail and redirects;
      called only for a valid POST within the rate limit of `scope` (a short name such as
      "contact"; each scope is counted apart).
    Returns 413 (`core/refused.html`) for a body over FORM_MAX_BODY_BYTES and 429 with
    Retry-After over FORM_RATE_LIMIT; the same content sent again from the same address within
    `repeat_window` seconds (default FORM_REPEAT_WINDOW; 0 for a form whose `on_valid` knows
    repeats better, such as a sign-up per address) gets the first one's redirect without
    `on_valid`; never raises for visitor input. Every answer to a POST is kept by no cache,
    the browser's included (`never_cache`: the form again holds what the person typed, on
    what may be a library's computer); the empty form is not personal, and the page memory
    keeps it (caching.page_memory)."""
    if request.method != "POST":
        return render_form(make_form())
    response = _answer_post(request, scope, make_form, render_form, on_valid, repeat_window)
    add_never_cache_headers(response)
    return response


def _answer_post(request, scope, make_form, render_form, on_valid, repeat_window):
    if (refusal := refuse_oversized(request)) is not None:
        return refusal
    form = make_form(request.POST, request.FILES)
    if not form.is_valid():
        return render_form(form)
    if form.rate_limited(request, scope):
        return too_many_requests(render_form(form))
    window = settings.FORM_REPEAT_WINDOW if repeat_window is None else repeat_window
    if not window:
        return on_valid(form)
    key = submission_key(request, scope, form)
    if not cache.add(key, PENDING, timeout=window):
        return repeated_submission_response(key, form, render_form)
    try:
        response = on_valid(form)
    except BaseException:
        cache.delete(key)  # nothing was stored: a new try must not be taken for a repeat
        raise
    if response.status_code in (301, 302, 303):
        cache.set(key, response["Location"], timeout=window)
    else:
        cache.delete(key)
    return response
