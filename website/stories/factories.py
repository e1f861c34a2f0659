import datetime

import factory
import wagtail_factories
from django.utils import timezone

from .models import StoryContact, StoryIndexPage, StoryPage, StorySubmission


class StoryIndexPageFactory(wagtail_factories.PageFactory):
    title = "Wat mensen overkomt"
    slug = "wat-mensen-overkomt"
    introduction = "Verhalen van mensen in armoede."
    invitation = "Wil je je verhaal delen? Laat het ons weten."
    show_in_menus = True

    class Meta:
        model = StoryIndexPage


class StoryPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Verhaal {n}")
    date = datetime.date(2026, 10, 1)
    shown_name = "Anna"
    place = "Utrecht"
    introduction = "Over rondkomen van een bijstandsuitkering."

    class Meta:
        model = StoryPage


def make_story_contact(email, days_old=0):
    """A story sent in anonymously with `email` as its contact address, `days_old` days ago."""
    submission = StorySubmission.objects.create(
        story="Verhaal",
        name_choice="anoniem",
        shown_name="anoniem",
        consent_website=True,
        consent_letters=False,
        consent_version="t",
        consented_at=timezone.now(),
    )
    contact = StoryContact.objects.create(submission=submission, email=email)
    StoryContact.objects.filter(pk=contact.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days_old)
    )
    return contact
