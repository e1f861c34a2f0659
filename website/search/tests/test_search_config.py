import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from wagtail.search.models import IndexEntry

from website.pages.factories import StandardPageFactory
from website.pages.models import StandardPage
from website.seed.translations import translate_page

pytestmark = [pytest.mark.database, pytest.mark.django_db]


@pytest.mark.skipif(not settings.USING_POSTGRES, reason="Dutch stemming needs PostgreSQL")
def test_dutch_stemming_on_postgres(home_page):
    StandardPageFactory(parent=home_page, title="Hulp bij schulden", introduction="Voedselbank")
    StandardPageFactory(parent=home_page, title="Iets anders", introduction="Niets")
    found = [page.title for page in StandardPage.objects.live().search("schuld")]
    assert found == ["Hulp bij schulden"]
    found = [page.title for page in StandardPage.objects.live().search("voedselbanken")]
    assert found == ["Hulp bij schulden"]


@pytest.mark.skipif(not settings.USING_POSTGRES, reason="stemmers need PostgreSQL")
def test_each_language_is_indexed_and_searched_with_its_own_stemmer(home_page):
    """An English page is stemmed as English ("helping" → "help"), a Dutch one as Dutch, in
    the one index (wagtail/wagtail#9253: one backend per language would overwrite it with
    the last one's stemmer); an English search also finds the Dutch pages."""
    dutch = StandardPageFactory(parent=home_page, title="Hulp bij schulden", introduction="")
    english, _ = translate_page(dutch, "en", {"Hulp bij schulden": "Helping with debts"})
    stored = IndexEntry.objects.get(
        content_type=ContentType.objects.get_for_model(StandardPage), object_id=str(english.pk)
    )
    assert "'help'" in str(stored.title) and "'debt'" in str(stored.title)
    pages = StandardPage.objects.live()
    with translation.override("en"):
        assert [p.title for p in pages.search("help")] == ["Helping with debts"]
        # "schulden" is no English word: found through the Dutch stemmer ("schuld").
        assert [p.title for p in pages.filter(pk=dutch.pk).search("schulden")] == [
            "Hulp bij schulden"
        ]
    original = IndexEntry.objects.get(
        content_type=ContentType.objects.get_for_model(StandardPage), object_id=str(dutch.pk)
    )
    assert "'schuld'" in str(original.title)  # the Dutch stemmer, as before
