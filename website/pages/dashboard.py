"""The contact messages' panel on the admin dashboard: messages not yet handled."""

from django.urls import reverse

from website.core.admin_views import display_value
from website.core.dashboard import SHOWN, InboxItem, InboxPanel

from .models import ContactMessage


def open_messages():
    return ContactMessage.objects.filter(handled_at__isnull=True)


class ContactMessagesPanel(InboxPanel):
    name = "contact_messages"
    order = 100
    heading = "Contactberichten"
    empty_text = "Er zijn geen berichten die nog afgehandeld moeten worden."
    all_label = "Alle contactberichten"

    def items(self):
        return [
            InboxItem(
                title=str(message),
                url=reverse("contactberichten:inspect", args=[message.pk]),
                details=["Ontvangen " + display_value(message.submit_time)],
                new=message.opened_at is None,
            )
            for message in open_messages().order_by("-submit_time")[:SHOWN]
        ]

    def new_count(self):
        return open_messages().filter(opened_at__isnull=True).count()

    def all_url(self):
        return reverse("contactberichten:index")
