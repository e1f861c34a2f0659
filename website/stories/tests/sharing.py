"""Helpers for the stories' tests: a valid story, posting the form, the withdrawal link."""

import re

from django.test import TestCase

VALID = {
    "story": "Ik kom elke maand tekort.\n\nDe voedselbank helpt.",
    "name_choice": "schuilnaam",
    "shown_name": "Marieke",
    "place": "Beilen",
    "email": "schrijver@example.org",
    "phone": "06 12345678",
    "consent_website": "on",
}


def share_url(stories):
    return stories.url + "deel-je-verhaal/"


def post(client, stories, **changes):
    data = {key: value for key, value in (VALID | changes).items() if value is not None}
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(share_url(stories), data)


def withdraw_link(message):
    return re.search(r"http://testserver(/\S+/intrekken/[\w-]+/)", message.body)[1]
