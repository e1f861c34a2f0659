"""Inviting a list of addresses: nobody is subscribed by an import. Each new address gets
the confirmation mail (status "uitgenodigd") and receives newsletters only after confirming;
addresses that left earlier (a suppression) and addresses already known are skipped."""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from .models import Subscriber
from .subscriptions import is_suppressed, normalised, subscribe

# Addresses in pasted text: one per line, or separated by commas, semicolons or spaces
# (a column copied from a spreadsheet, an address book export).
SEPARATORS = re.compile(r"[\s,;<>\"']+")


@dataclass
class InviteResult:
    invited: list = field(default_factory=list)
    known: list = field(default_factory=list)
    left_before: list = field(default_factory=list)
    not_addresses: list = field(default_factory=list)


def addresses_in(text):
    """The distinct words of `text` that look like e-mail addresses (lower case), and the
    words that do not."""
    found, wrong = [], []
    for word in SEPARATORS.split(text):
        if not word:
            continue
        try:
            validate_email(word)
        except ValidationError:
            wrong.append(word)
            continue
        address = normalised(word)
        if address not in found:
            found.append(address)
    return found, wrong


def invite(text, site):
    """Invite every new address in `text` on `site`; an InviteResult."""
    addresses, wrong = addresses_in(text)
    result = InviteResult(not_addresses=wrong)
    known = set(Subscriber.objects.filter(email__in=addresses).values_list("email", flat=True))
    for address in addresses:
        if address in known:
            result.known.append(address)
        elif is_suppressed(address):
            result.left_before.append(address)
        else:
            subscribe(address, "", site, status=Subscriber.Status.INVITED)
            result.invited.append(address)
    return result
