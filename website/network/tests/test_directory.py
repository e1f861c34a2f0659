import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from website.network.factories import MemberDirectoryPageFactory, MemberOrganisationFactory
from website.network.models import MemberDirectoryPage, MemberOrganisation
from website.testing.utils import find_all, find_one, main_content, selected, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(home_page):
    return MemberDirectoryPageFactory(parent=home_page)


def organisation_names(content):
    """The names on the organisation cards, in order."""
    return [text(find_one(card, "h2")) for card in find_all(content, "li", "card--organisation")]


def test_lists_organisations_with_kind_level_and_website(client, directory):
    MemberOrganisationFactory(name="FNV", short_name="FNV", website="https://fnv.example")
    (card,) = find_all(client.get(directory.url), "li", "card--organisation")
    assert text(find_one(card, "h2", "card__title")) == "FNV"
    assert text(find_one(card, "p", "card__meta")) == "Vakbeweging · Landelijk"
    assert [a.get("href") for a in find_all(card, "a")] == ["https://fnv.example"]


def test_visitors_read_full_names_not_abbreviations(client, directory):
    MemberOrganisationFactory(name="Kerk in Actie", short_name="KIA", website="https://kia.example")
    (card,) = find_all(client.get(directory.url), "li", "card--organisation")
    assert text(find_one(card, "a")) == "Website van Kerk in Actie"
    assert "KIA" not in text(card)
    footer = find_one(client.get(directory.url), "footer")
    assert "Kerk in Actie" in text(footer)
    assert "KIA" not in text(footer)


def test_filters_by_kind_and_level_in_the_url(client, directory):
    MemberOrganisationFactory(name="Vakbond", kind="vakbeweging", level="landelijk")
    MemberOrganisationFactory(name="Kerk Noord", kind="kerken", level="regionaal")
    MemberOrganisationFactory(name="Kerk Stad", kind="kerken", level="lokaal")

    by_kind = main_content(client.get(directory.url, {"soort": "kerken"}))
    assert organisation_names(by_kind) == ["Kerk Noord", "Kerk Stad"]
    assert selected(by_kind, "soort") == ["kerken"]

    both = main_content(client.get(directory.url, {"soort": "kerken", "niveau": "lokaal"}))
    assert organisation_names(both) == ["Kerk Stad"]
    assert "1 organisatie gevonden" in both


def test_unknown_filter_values_are_ignored(client, directory):
    MemberOrganisationFactory(name="Vakbond")
    response = client.get(directory.url, {"soort": "<script>", "niveau": "x" * 5000})
    assert response.status_code == 200
    assert organisation_names(main_content(response)) == ["Vakbond"]
    assert "<script>" not in main_content(response)


def test_empty_result_says_so_and_offers_a_way_back(client, directory):
    content = main_content(client.get(directory.url, {"soort": "kerken"}))
    assert organisation_names(content) == []
    (message,) = [p for p in find_all(content, "p") if "geen organisaties" in text(p)]
    assert text(message) == "Er zijn geen organisaties met deze keuze. Toon alle organisaties."
    assert find_one(message, "a").get("href") == directory.url


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


def test_every_member_in_the_footer_is_a_link(client, seeded):
    """A member without a website of its own links to its card in the directory, not plain
    text among the links."""
    directory = MemberDirectoryPage.objects.live().get()
    MemberOrganisation.objects.update(show_logo_in_footer=False)
    MemberOrganisationFactory(name="Urgent", website="", logo=None, show_logo_in_footer=True)
    MemberOrganisationFactory(name="FNV", website="https://fnv.example", show_logo_in_footer=True)
    footer = find_one(client.get("/"), "footer")
    strip = find_one(footer, "section", "site-footer__members")
    assert len(find_all(strip, "li")) == 2
    links = {text(a): a.get("href") for a in find_all(strip, "a")}
    urgent = MemberOrganisation.objects.get(name="Urgent")
    assert links["Urgent"] == f"{directory.url}#{urgent.anchor}"
    assert links["FNV"] == "https://fnv.example"
    cards = find_all(client.get(directory.url), "li", "card--organisation")
    assert urgent.anchor in {card.get("id") for card in cards}
