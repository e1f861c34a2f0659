"""The stories' panel on the admin dashboard: stories sent in that wait for an editor."""

from django.urls import reverse

from website.core.admin_views import display_value
from website.core.dashboard import SHOWN, InboxItem, InboxPanel

from .models import StorySubmission


def waiting_submissions():
    """Stories sent in whose page is not on the website yet, newest first."""
    return StorySubmission.objects.filter(page__isnull=False, page__live=False)


class StoriesWaitingPanel(InboxPanel):
    name = "stories_waiting"
    order = 110
    heading = "Verhalen die wachten op beoordeling"
    empty_text = "Er wachten geen ingestuurde verhalen."
    all_label = "Alle ingestuurde verhalen"

    def items(self):
        submissions = waiting_submissions().select_related("page").order_by("-created_at")
        return [
            InboxItem(
                title=str(submission),
                url=reverse("ingestuurde-verhalen:inspect", args=[submission.pk]),
                details=["Ontvangen " + display_value(submission.created_at)],
                new=submission.opened_at is None,
            )
            for submission in submissions[:SHOWN]
        ]

    def new_count(self):
        return waiting_submissions().filter(opened_at__isnull=True).count()

    def all_url(self):
        return reverse("ingestuurde-verhalen:index")
