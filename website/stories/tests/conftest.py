import pytest
from wagtail.models import Site

from website.core.models import SiteSettings
from website.stories.factories import StoryIndexPageFactory


@pytest.fixture
def stories(home_page):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.organisation_name = "Netwerk"
    settings.notification_email = "redactie@example.org"
    settings.save()
    return StoryIndexPageFactory(parent=home_page)
