import datetime

import pytest
from django.core.exceptions import ValidationError

from website.network.blocks import ChairmanshipBlock
from website.network.factories import ChairTermFactory
from website.network.models import ChairTerm
from website.testing.utils import find_all, find_one, text

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 26)


def day(year, month=1, date=1):
    return datetime.date(year, month, date)


def test_current_past_and_upcoming_follow_the_dates():
    past = ChairTermFactory(start_date=day(2022), end_date=day(2023, 12, 31))
    current = ChairTermFactory(start_date=day(2024), end_date=day(2026, 12, 31))
    upcoming = ChairTermFactory(start_date=day(2027), end_date=day(2028, 12, 31))

    assert list(ChairTerm.objects.current(on=TODAY)) == [current]
    assert list(ChairTerm.objects.past(on=TODAY)) == [past]
    assert list(ChairTerm.objects.upcoming(on=TODAY)) == [upcoming]

    # A year later the same data gives a new chair without anyone editing anything.
    next_year = day(2027, 6, 1)
    assert list(ChairTerm.objects.current(on=next_year)) == [upcoming]
    assert list(ChairTerm.objects.past(on=next_year)) == [current, past]


def test_first_and_last_day_of_a_term_count():
    term = ChairTermFactory(start_date=day(2024), end_date=day(2025, 12, 31))
    assert list(ChairTerm.objects.current(on=day(2024))) == [term]
    assert list(ChairTerm.objects.current(on=day(2025, 12, 31))) == [term]
    assert not ChairTerm.objects.current(on=day(2026))


def test_open_ended_term_is_current_and_unknown_start_counts_as_begun():
    open_ended = ChairTermFactory(start_date=day(2025), end_date=None)
    unknown_start = ChairTermFactory(start_date=None, end_date=day(2024, 12, 31))
    assert list(ChairTerm.objects.current(on=TODAY)) == [open_ended]
    assert list(ChairTerm.objects.past(on=TODAY)) == [unknown_start]


def test_no_current_chair():
    ChairTermFactory(start_date=day(2018), end_date=day(2019, 12, 31))
    assert not ChairTerm.objects.current(on=TODAY).exists()


def test_end_before_start_is_refused():
    term = ChairTermFactory.build(start_date=day(2020), end_date=day(2019))
    with pytest.raises(ValidationError):
        term.clean()


def test_period_labels():
    assert (
        ChairTermFactory.build(start_date=day(2018), end_date=day(2019, 12, 31)).period_label
        == "2018–2019"
    )
    assert (
        ChairTermFactory.build(start_date=None, end_date=day(2017, 12, 31)).period_label
        == "tot en met 2017"
    )
    assert ChairTermFactory.build(start_date=day(2025), end_date=None).period_label == "vanaf 2025"


def render_block(value):
    block = ChairmanshipBlock()
    return block.render(block.to_python(value), context={})


def test_chairmanship_block_shows_current_chair_and_predecessors():
    today = datetime.date.today()
    ChairTermFactory(
        person_name="Anna Huidig",
        organisation__name="FNV",
        role="bestuurslid",
        start_date=today - datetime.timedelta(days=30),
        end_date=None,
    )
    ChairTermFactory(
        person_name="Bert Eerder",
        organisation__name="CNV",
        role="vice-voorzitter",
        start_date=None,
        end_date=today - datetime.timedelta(days=31),
    )

    html = render_block(
        {"heading": "Voorzitterschap", "intro": "Het rouleert.", "show_predecessors": True}
    )

    current = find_one(html, "p", "chairmanship__current")
    assert find_one(current, "strong").text == "Anna Huidig"
    assert text(current).startswith("Anna Huidig, bestuurslid van FNV, is voorzitter sinds ")
    assert [text(h3) for h3 in find_all(html, "h3")] == ["Eerdere voorzitters"]
    past = find_one(html, "ul", "chairmanship__past")
    assert [text(li) for li in find_all(past, "li")] == [
        "Bert Eerder, vice-voorzitter van CNV (tot en met "
        f"{(today - datetime.timedelta(days=31)).year})"
    ]


def test_chairmanship_block_without_current_chair_shows_no_placeholder():
    """No "not on this website yet": visitors see what is known, editors' gaps stay hidden."""
    ChairTermFactory(start_date=day(2018), end_date=day(2019, 12, 31))
    html = render_block({"heading": "Voorzitterschap", "intro": "", "show_predecessors": False})
    assert find_all(html, "p", "chairmanship__current") == []
    assert "nog niet" not in html
    assert find_all(html, "h3") == []
    assert find_all(html, "ul", "chairmanship__past") == []


def test_chair_names_are_escaped():
    ChairTermFactory(person_name="<script>alert(1)</script>", start_date=None, end_date=None)
    html = render_block({"heading": "V", "intro": "", "show_predecessors": True})
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_grouping_in_one_query_matches_the_querysets(django_assert_num_queries):
    ChairTermFactory(start_date=day(2020), end_date=day(2021, 12, 31))
    ChairTermFactory(start_date=None, end_date=day(2019, 12, 31))
    ChairTermFactory(start_date=day(2026), end_date=None)
    ChairTermFactory(start_date=day(2027), end_date=day(2028, 12, 31))
    with django_assert_num_queries(1):
        groups = ChairTerm.objects.grouped_by_date(on=TODAY)
    assert groups["current"] == list(ChairTerm.objects.current(on=TODAY))
    assert groups["past"] == list(ChairTerm.objects.past(on=TODAY))
    assert groups["upcoming"] == list(ChairTerm.objects.upcoming(on=TODAY))
