"""The admin dashboard as the editors' inbox: one kind of panel, filled by each app.

An app adds its panel in its `wagtail_hooks.py` (`construct_homepage_panels`) by
subclassing `InboxPanel` and giving `items()` and, where some items are new, `new_count()`.
The core adds two of its own: the red notice while no editors' address is set, and the mail
that could not be delivered. Panel order: 10 warnings, 100 contact messages, 110 stories,
120 sign-ups, 130 mail.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.urls import reverse
from wagtail.admin.ui.components import Component

from .admin_views import display_value
from .models import OutgoingEmail

SHOWN = 5  # items per panel; "Bekijk alles" leads to the full list


@dataclass(frozen=True)
class InboxItem:
    title: str
    url: str
    details: list = field(default_factory=list)  # short lines such as a time or a count
    new: bool = False
    action_url: str = ""  # a POST button beside the item (e.g. try a mail again)
    action_label: str = ""


class InboxPanel(Component):
    """A dashboard panel: a heading with the number of new items, the newest items, a link
    to all of them, and a sentence when there is nothing."""

    template_name = "core/admin/inbox_panel.html"
    heading = ""
    empty_text = ""
    all_label = "Bekijk alles"
    count_label = "nieuw"  # "3 nieuw"

    def items(self):
        return []

    def new_count(self):
        return 0

    def all_url(self):
        return ""

    def get_context_data(self, parent_context=None):
        return {
            "panel": self,
            "items": self.items(),
            "new_count": self.new_count(),
            "all_url": self.all_url(),
            "request": (parent_context or {}).get("request"),
            "csrf_token": (parent_context or {}).get("csrf_token"),
        }


class MissingAddressPanel(Component):
    name = "missing_notification_address"
    order = 10
    template_name = "core/admin/missing_address_panel.html"

    def get_context_data(self, parent_context=None):
        return {"settings_url": reverse("wagtailsettings:edit", args=["core", "sitesettings"])}


def undelivered_mail():
    """Mail that failed for good, and mail still being retried after a failed attempt."""
    return OutgoingEmail.objects.filter(
        Q(status=OutgoingEmail.Status.FAILED)
        | Q(status=OutgoingEmail.Status.PENDING, attempts__gte=1)
    )


class FailedMailPanel(InboxPanel):
    name = "failed_mail"
    order = 130
    heading = "E-mail die (nog) niet aankwam"
    all_label = "Alle uitgaande e-mail"
    count_label = "niet aangekomen"

    def __init__(self):
        self.undelivered = list(
            undelivered_mail()
            .only("pk", "to", "subject", "status", "attempts", "last_error", "next_attempt_at")
            .order_by("-created_at")[:SHOWN]
        )

    def items(self):
        return [self.item(mail) for mail in self.undelivered]

    @staticmethod
    def item(mail):
        details = ["Aan: " + ", ".join(mail.to), mail.problem]
        if mail.status == OutgoingEmail.Status.FAILED:
            details.append(f"opgegeven na {mail.attempts} pogingen")
            retry_url = reverse("uitgaande-email:retry", args=[mail.pk])
            return InboxItem(
                title=mail.subject,
                url=reverse("uitgaande-email:inspect", args=[mail.pk]),
                details=details,
                action_url=retry_url,
                action_label="Opnieuw proberen",
            )
        details.append("volgende poging " + display_value(mail.next_attempt_at))
        return InboxItem(
            title=mail.subject,
            url=reverse("uitgaande-email:inspect", args=[mail.pk]),
            details=details,
        )

    def new_count(self):
        return undelivered_mail().count()

    def all_url(self):
        return reverse("uitgaande-email:index")
