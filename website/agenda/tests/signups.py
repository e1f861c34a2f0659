"""Helpers for the sign-up tests: a valid sign-up, an open date, posting the form."""

import email
import email.policy
import re

from django.test import TestCase

from website.testing.utils import find_one

VALID = {
    "name": "Fatima de Vries",
    "email": "fatima@example.org",
    "organisation": "FNV",
    "access_needs": "Rolstoelplek",
    "needs_consent": "on",
    "dietary_wishes": "Vegetarisch",
}


def signup_url(event_date):
    return event_date.signup_url()


def post(client, event_date, **changes):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(signup_url(event_date), VALID | changes)


def signup_form(response):
    """The sign-up form of a page (parsed), with the fields in it."""
    return find_one(find_one(response, "main"), "form", "form")


def field(form, name):
    """The input or textarea called `name` in `form`."""
    (found,) = [e for e in form.iter() if e.tag in ("input", "textarea") and e.get("name") == name]
    return found


def calendar_attachments(message):
    """The calendar parts of a sent mail, read back from its raw bytes by Python's email
    package, as a mail client sees them."""
    raw = email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)
    return [part for part in raw.iter_attachments() if part.get_content_type() == "text/calendar"]


def cancel_link(message):
    return re.search(r"http://testserver(/agenda/afmelden/[^/\s]+/)", message.body)[1]
