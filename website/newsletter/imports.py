"""Inviting a list of addresses: nobody is subscribed by an import. Each new address gets
the confirmation mail (status "uitgenodigd") and receives newsletters only after confirming;
addresses that left earlier (a suppression) and addresses already known are skipped."""

import re
from dataclasses import dataclass, field
from email.utils import getaddresses

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from website.core.email_addresses import canonical_email, is_deliverable

from .models import Subscriber
from .subscriptions import is_suppressed, subscribe

# At most this many addresses per invitation: each one is a mail and a few writes, and an
# editor's request must finish (a longer list: in parts).
MAX_INVITES = 300


@dataclass
class InviteResult:
    invited: list = field(default_factory=list)
    known: list = field(default_factory=list)
    left_before: list = field(default_factory=list)
    not_addresses: list = field(default_factory=list)


def addresses_in(text):
    """[(address, name)] in `text`, each address once (lower case), and the entries with an
    "@" that are no valid address. Understands a column pasted from a spreadsheet (other
    columns are left alone), address-book lines ("Jan Jansen <jan@example.org>; Piet
    <piet@example.org>") and plain lists."""
    entries = getaddresses([re.sub(r"[;\t\r\n]+", ",", text)])
    found, wrong, seen = [], [], set()
    for name, address in entries:
        if "@" not in address:
            continue  # a name or a heading in a pasted table, not a try at an address
        try:
            validate_email(address)
        except ValidationError:
            wrong.append(address)
            continue
        if not is_deliverable(address):
            wrong.append(address)
            continue
        address = canonical_email(address)
        if address not in seen:
            seen.add(address)
            found.append((address, name.strip()[:100]))
    return found, wrong


def invite(text, site):
    """Invite every new address in `text` on `site`; an InviteResult."""
    entries, wrong = addresses_in(text)
    result = InviteResult(not_addresses=wrong)
    addresses = [address for address, _ in entries]
    known = set(Subscriber.objects.filter(email__in=addresses).values_list("email", flat=True))
    for address, name in entries:
        if address in known:
            result.known.append(address)
        elif is_suppressed(address):
            result.left_before.append(address)
        else:
            subscribe(address, name, site, status=Subscriber.Status.INVITED)
            result.invited.append(address)
    return result
