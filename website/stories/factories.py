import datetime

import factory
import wagtail_factories

from .models import StoryIndexPage, StoryPage


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
