import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from website.core.tests.utils import main_content
from website.network.factories import MemberDirectoryPageFactory, MemberOrganisationFactory
from website.network.models import MemberOrganisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(home_page):
    return MemberDirectoryPageFactory(parent=home_page)


def test_lists_organisations_with_kind_level_and_website(client, directory):
    MemberOrganisationFactory(name="FNV", short_name="FNV", website="https://fnv.example")
    content = client.get(directory.url).content.decode()
    assert '<h2 class="card__title">FNV</h2>' in content
    assert "Vakbeweging · Landelijk" in content
    assert 'href="https://fnv.example"' in content


def test_filters_by_kind_and_level_in_the_url(client, directory):
    MemberOrganisationFactory(name="Vakbond", kind="vakbeweging", level="landelijk")
    MemberOrganisationFactory(name="Kerk Noord", kind="kerken", level="regionaal")
    MemberOrganisationFactory(name="Kerk Stad", kind="kerken", level="lokaal")

    by_kind = main_content(client.get(directory.url, {"soort": "kerken"}))
    assert "Kerk Noord" in by_kind and "Kerk Stad" in by_kind and "Vakbond" not in by_kind
    assert '<option value="kerken" selected>' in by_kind

    both = main_content(client.get(directory.url, {"soort": "kerken", "niveau": "lokaal"}))
    assert "Kerk Stad" in both and "Kerk Noord" not in both
    assert "1 organisatie gevonden" in both


def test_unknown_filter_values_are_ignored(client, directory):
    MemberOrganisationFactory(name="Vakbond")
    response = client.get(directory.url, {"soort": "<script>", "niveau": "x" * 5000})
    assert response.status_code == 200
    assert "Vakbond" in main_content(response)
    assert "<script>" not in main_content(response)


def test_empty_result_says_so_and_offers_a_way_back(client, directory):
    response = client.get(directory.url, {"soort": "kerken"})
    assert "Er zijn geen organisaties met deze keuze." in response.content.decode()


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_number_of_organisations(client, directory):
    MemberOrganisationFactory.create_batch(3)
    client.get(directory.url)  # renditions are made on the first view
    few = count_queries(client, directory.url)

    MemberOrganisationFactory.create_batch(30)
    client.get(directory.url)
    many = count_queries(client, directory.url)

    assert MemberOrganisation.objects.count() == 33
    assert many == few
