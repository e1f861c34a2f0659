import pytest
from django.conf import settings

from website.pages.factories import StandardPageFactory
from website.pages.models import StandardPage

pytestmark = [pytest.mark.database, pytest.mark.django_db]


@pytest.mark.skipif(not settings.USING_POSTGRES, reason="Dutch stemming needs PostgreSQL")
def test_dutch_stemming_on_postgres(home_page):
    StandardPageFactory(parent=home_page, title="Hulp bij schulden", introduction="Voedselbank")
    StandardPageFactory(parent=home_page, title="Iets anders", introduction="Niets")
    found = [page.title for page in StandardPage.objects.live().search("schuld")]
    assert found == ["Hulp bij schulden"]
    found = [page.title for page in StandardPage.objects.live().search("voedselbanken")]
    assert found == ["Hulp bij schulden"]
