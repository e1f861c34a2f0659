"""The agenda's panel on the admin dashboard: the coming dates people can sign up for."""

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse

from website.core.dashboard import SHOWN, InboxItem, InboxPanel

from .models import EventDate, Registration


class UpcomingSignupsPanel(InboxPanel):
    name = "upcoming_signups"
    order = 120
    heading = "Aanmeldingen voor de komende data"
    empty_text = "Er zijn geen komende data waarvoor mensen zich kunnen aanmelden."
    all_label = "Alle aanmeldingen"

    def items(self):
        dates = (
            EventDate.objects.upcoming()
            # Exists, not a join: a join on the sign-ups would multiply the counts below.
            .filter(
                Q(registration_open=True)
                | Exists(Registration.objects.filter(event_date=OuterRef("pk")))
            )
            .select_related("page")
            .annotate(
                confirmed=Count(
                    "registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)
                ),
                waiting=Count(
                    "registrations", filter=Q(registrations__status=Registration.Status.WAITING)
                ),
            )[:SHOWN]
        )
        index_url = reverse("aanmeldingen:index")
        return [
            InboxItem(
                title=f"{date.page.title}, {date.when_text}",
                url=f"{index_url}?event_date={date.pk}",
                details=self.numbers(date),
            )
            for date in dates
        ]

    @staticmethod
    def numbers(date):
        numbers = [f"{date.confirmed} aangemeld"]
        if date.waiting:
            numbers.append(f"{date.waiting} op de wachtlijst")
        if date.capacity is not None:
            numbers.append(f"{max(date.capacity - date.confirmed, 0)} plaatsen over")
        if not date.registration_open:
            numbers.append("aanmelden is gesloten")
        return numbers

    def all_url(self):
        return reverse("aanmeldingen:index")
