"""The mail app's dashboard panels: the red notice while no editors' address is set, and
the mail that could not be delivered (with "Opnieuw proberen")."""

from django.db.models import Q
from django.urls import reverse
from wagtail.admin.ui.components import Component

from website.core.admin_views import display_value
from website.core.dashboard import SHOWN, InboxItem, InboxPanel

from .models import OutgoingEmail


class MissingAddressPanel(Component):
    name = "missing_notification_address"
    order = 10
    template_name = "mail/admin/missing_address_panel.html"

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
