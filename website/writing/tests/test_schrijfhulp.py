"""Schrijfhulp: what it flags in real-shaped Dutch text, and the admin's answer."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from website.testing.utils import find_all, find_one, text
from website.writing.analysis import analyse, sentences_of, text_of_html
from website.writing.models import JargonTerm

pytestmark = pytest.mark.django_db

LONG = (
    "De Alliantie vindt dat het kabinet de bijstand en de AOW moet verhogen omdat veel "
    "mensen met een laag inkomen op dit moment hun boodschappen, de huur en de energierekening "
    "niet meer kunnen betalen."
)
PLAIN = "Veel mensen hebben te weinig geld. Ze kunnen de huur niet betalen. Dat moet anders."


def test_a_long_sentence_is_flagged_with_its_length():
    result = analyse(f"{PLAIN} {LONG}", terms=[])
    (finding,) = result.long_sentences
    assert finding.excerpt == LONG and finding.count == 34


def test_jargon_from_the_list_with_its_alternative_any_case_and_inflection():
    terms = [("participatiewet", "de wet voor werk en bijstand"), ("beslagvrije voet", "x")]
    result = analyse("De Participatiewet is streng. Ken je de beslagvrije voeten?", terms=terms)
    assert [(f.excerpt, f.advice) for f in result.jargon] == [
        ("Participatiewet", "de wet voor werk en bijstand"),
        ("beslagvrije voeten", "x"),
    ]
    assert not analyse("Een participatiewetje bestaat niet.", terms=terms).jargon


def test_the_seeded_list_is_used_by_default():
    assert JargonTerm.objects.filter(term="participatiewet").exists()
    assert analyse("Wat zegt de participatiewet hierover?").jargon


def test_passive_sentences_are_flagged_and_other_uses_of_worden_are_not():
    passive = [
        "De toeslag wordt door de gemeente betaald.",
        "Mensen werden niet geholpen.",
        "Het plan wordt besproken.",
        "Het werk wordt uitgevoerd door vrijwilligers.",
        "De Alliantie werd in 2008 opgericht.",
        "Er wordt goed samengewerkt.",
    ]
    active = [
        "Het wordt koud.",
        "We worden ouder.",
        "De gemeente betaalt de toeslag.",
        "Het gebied wordt groter.",
        "Het wordt een feest met de gevangenen.",
        "Het geld wordt minder.",
        "Onze gezondheid wordt slechter.",
    ]
    result = analyse(" ".join(passive + active), terms=[])
    assert [f.excerpt for f in result.passive_sentences] == passive


def test_long_words_are_flagged_once():
    result = analyse(
        "Arbeidsongeschiktheidsverzekering is duur. De arbeidsongeschiktheidsverzekering "
        "ook. Armoede is niet nodig.",
        terms=[],
    )
    assert [f.excerpt for f in result.long_words] == ["Arbeidsongeschiktheidsverzekering"]


def test_readability_is_flesch_douma_higher_for_plain_text():
    plain = analyse(PLAIN * 4, terms=[])
    hard = analyse(
        (
            "De implementatie van inkomensondersteunende maatregelen vereist intensieve "
            "afstemming tussen verschillende overheidsorganisaties. "
        )
        * 4,
        terms=[],
    )
    assert plain.readability > 60 > hard.readability
    assert plain.readability_label in {"makkelijk", "redelijk makkelijk"}
    assert hard.readability_label in {"moeilijk", "erg moeilijk"}
    assert analyse("Te kort.", terms=[]).readability is None
    jargon = "Arbeidsongeschiktheidsverzekeringsmaatschappijen onderhandelingsresultaten. " * 40
    assert analyse(jargon, terms=[]).readability == 0


def test_headings_and_list_items_are_sentences_of_their_own():
    pasted = "Wat wij vragen\nHogere bijstand\nLagere huren\r\n\r\nDaar gaan we voor."
    assert sentences_of(pasted) == [
        "Wat wij vragen",
        "Hogere bijstand",
        "Lagere huren",
        "Daar gaan we voor.",
    ]


def test_text_pasted_from_word_with_control_characters_and_accents():
    pasted = "Cliënten\u00adondersteuning\u200b wordt geregeld.\u000bÉén zin, café’s.\x00"
    result = analyse(" ".join([pasted] * 3), terms=[])
    assert result.sentences == 6
    assert [f.excerpt for f in result.long_words] == ["Cliëntenondersteuning"]
    assert [f.excerpt for f in result.passive_sentences] == [
        "Cliëntenondersteuning wordt geregeld."
    ] * 3


def test_very_long_text_is_read_up_to_the_limit(settings):
    settings.PLAIN_LANGUAGE_MAX_CHARACTERS = 1000
    result = analyse(PLAIN * 10_000, terms=[])
    assert result.words < 200


def editor():
    user = get_user_model().objects.create_user("schrijver", "s@example.org", "x")
    user.groups.add(Group.objects.get(name="Redactie"))
    client = Client()
    client.force_login(user)
    return client


def test_the_admin_answers_with_the_findings_in_dutch_and_escapes_the_text():
    response = editor().post(
        "/admin/schrijfhulp/", {"text": f"{LONG} De participatiewet <script>x</script>."}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>x" not in body
    items = find_one(body, "ul", **{"data-schrijfhulp": "long-sentences"})
    assert "34 woorden" in text(items)
    (jargon,) = find_all(find_one(body, "ul", **{"data-schrijfhulp": "jargon"}), "li")
    assert text(jargon) == "participatiewet: schrijf liever “de wet voor werk en bijstand”."
    assert "Flesch-Douma" in text(find_one(body, "div"))


def test_the_admin_refuses_get_and_strangers():
    assert editor().get("/admin/schrijfhulp/").status_code == 405
    response = Client().post("/admin/schrijfhulp/", {"text": "x"})
    assert response.status_code == 302 and "/admin/login/" in response.url


PREVIEW_MAIN = """
<nav class="breadcrumbs"><a href="/">Home</a></nav>
<article class="prose">
  <p class="kicker">Kamerbrief</p><h1>Brief over armoede</h1>
  <div class="read-aloud" hidden><button>Lees voor</button></div>
  <p>De <b>bijstand</b> is te laag.<!-- een opmerking --> Dat <i>moet</i> anders.</p>
  <ul><li>Hogere bijstand</li><li>Lagere huren</li></ul>
  <form><label>E-mail</label><input name=email></form>
</article>
<section class="page-themes"><h2>Thema's</h2><a href="/t/">Werk</a></section>
<section class="related"><h2>Lees ook</h2><a href="/x/">Ander stuk</a></section>
<aside class="page-tools"><h2>Deel deze pagina</h2><a href="#">WhatsApp</a></aside>
"""


def test_only_the_pages_own_text_is_read_from_the_preview():
    assert sentences_of(text_of_html(PREVIEW_MAIN)) == [
        "Kamerbrief",
        "Brief over armoede",
        "De bijstand is te laag.",
        "Dat moet anders.",
        "Hogere bijstand",
        "Lagere huren",
    ]


def test_broken_markup_pasted_from_word_is_read():
    html = (
        '<p class=MsoNormal><span style="mso-bidi-font-family:Calibri">Wij&nbsp;vragen'
        "<o:p></o:p></span><p>Meer geld<table><tr><td>voor iedereen</table>"
    )
    assert sentences_of(text_of_html(html)) == ["Wij\xa0vragen", "Meer geld", "voor iedereen"]


def test_the_admin_reads_the_preview_markup():
    response = editor().post("/admin/schrijfhulp/", {"html": PREVIEW_MAIN, "text": "x"})
    body = response.content.decode()
    assert "Te weinig tekst om de leesbaarheid te meten (16 woorden)" in text(find_one(body, "div"))


@pytest.mark.parametrize("depth", [1_200, 80_000])
def test_deeply_nested_markup_is_read_in_linear_time(depth):
    """The admin posts the preview's markup; a made-up one nested 80,000 deep once took a
    server process for minutes (a tree parser) or crashed it (recursion)."""
    html = "<div>" * depth + "<p>De bijstand is te laag.</p>" + "</div>" * depth
    assert "De bijstand is te laag." in text_of_html(html)
    unclosed = "<span><b>" * depth + "tekst" + "</i>" * depth
    assert "tekst" in text_of_html(unclosed)


def test_the_admin_answers_nested_markup_without_an_error():
    html = "<div>" * 100_000 + "Een zin van een bijdrager." + "</div>" * 100_000
    response = editor().post("/admin/schrijfhulp/", {"html": html})
    assert response.status_code == 200


def test_a_difficult_word_is_in_the_list_once_in_any_case():
    client = Client()
    client.force_login(get_user_model().objects.create_superuser("b", "b@example.org", "x"))
    response = client.post(
        "/admin/snippets/writing/jargonterm/add/",
        {"term": "Participatiewet", "alternative": "de wet voor werk"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("Dit woord staat al in de lijst.") == 1
    assert find_one(body, "input", name="term").get("value") == "Participatiewet"
    assert JargonTerm.objects.filter(term__iexact="participatiewet").count() == 1
