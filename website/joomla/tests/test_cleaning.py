"""Joomla's HTML as body blocks, with the markup Word and LibreOffice leave in it."""

import datetime

import pytest

from website.joomla.cleaning import Links, body_blocks
from website.joomla.guesses import day_in, municipality_in
from website.joomla.importer import slug_for

NOTHING = Links(article=lambda number: None, image=lambda path: None, document=lambda path: None)

# Word 2016 pasted into Joomla's TinyMCE: a bulleted list, then a numbered one.
WORD_LISTS = (
    '<p class="MsoNormal">Wat we vragen:<o:p></o:p></p>'
    '<p class="MsoListParagraphCxSpFirst" style="text-indent:-18.0pt;mso-list:l0 level1 lfo1">'
    '<!--[if !supportLists]--><span style="font-family:Symbol;mso-fareast-font-family:Symbol">'
    '<span style="mso-list:Ignore">·<span style="font:7.0pt &quot;Times New Roman&quot;">'
    "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><!--[endif]-->"
    "Een hoger sociaal minimum<o:p></o:p></p>"
    '<p class="MsoListParagraphCxSpLast" style="text-indent:-18.0pt;mso-list:l0 level1 lfo1">'
    '<span style="font-family:Symbol"><span style="mso-list: Ignore">·<span>&nbsp;&nbsp; </span>'
    "</span></span>Geen <b>kostendelersnorm</b><o:p></o:p></p>"
    '<p class="MsoNormal">&nbsp;</p>'
    '<p class="MsoListParagraphCxSpFirst" style="mso-list:l1 level1 lfo2">'
    '<span style="mso-list:Ignore">1.<span>&nbsp;&nbsp; </span></span>Bel de gemeente</p>'
    '<p class="MsoListParagraphCxSpLast" style="mso-list:l1 level1 lfo2">'
    '<span style="mso-list:Ignore">2.<span>&nbsp;&nbsp; </span></span>Vraag om hulp</p>'
)


def test_word_lists_become_lists_without_their_bullets():
    blocks = body_blocks(WORD_LISTS, NOTHING)
    assert [block["type"] for block in blocks] == ["paragraph"]
    assert blocks[0]["value"] == (
        "<p>Wat we vragen:</p>"
        "<ul><li>Een hoger sociaal minimum</li><li>Geen <b>kostendelersnorm</b></li></ul>"
        "<ol><li>Bel de gemeente</li><li>Vraag om hulp</li></ol>"
    )


def test_bullets_typed_as_text_become_a_list_and_other_dashes_stay():
    html = (
        "<p>· Eerste punt</p><p>•&nbsp;Tweede punt</p>"
        "<p>- Een streepje aan het begin van een gewone zin.</p>"
    )
    (block,) = body_blocks(html, NOTHING)
    assert block["value"] == (
        "<ul><li>Eerste punt</li><li>Tweede punt</li></ul>"
        "<p>- Een streepje aan het begin van een gewone zin.</p>"
    )


def test_libreoffice_and_pasted_noise_is_dropped_and_headings_kept():
    html = (
        '<h1 class="western" style="margin-top:0.42cm"><font face="Liberation Sans">'
        "Jaarverslag 2015</font></h1>"
        '<p lang="nl-NL" style="margin-bottom: 0.25cm; line-height: 115%" align="justify">'
        '<font size="3">Tekst uit Writer met een <span style="font-weight:bold">vet</span> '
        "woord\u200b en een zachte\u00ad breuk.</font></p><p><br></p><div>{loadposition x}</div>"
        '<p onclick="alert(1)">Klik <a href="javascript:alert(1)">hier</a></p>'
    )
    blocks = body_blocks(html, NOTHING)
    assert blocks[0] == {"type": "heading", "value": {"text": "Jaarverslag 2015", "level": "h2"}}
    rich = blocks[1]["value"]
    assert "Tekst uit Writer met een vet woord" in rich
    for left_out in ("font", "style", "lang", "align", "onclick", "javascript", "loadposition"):
        assert left_out not in rich, left_out


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Straße en Œuvre", "strasse-en-oeuvre"),
        ("Łódź: bijeenkomst", "lodz-bijeenkomst"),
        ("Brief aan de Kamer (2015)", "brief-aan-de-kamer-2015"),
        ("İstanbul’da yoksulluk", "istanbulda-yoksulluk"),
        ("Ærø", "aero"),
    ],
)
def test_slugs_spell_out_letters_that_have_no_accent_to_drop(text, slug):
    assert slug_for(text) == slug


def test_links_that_lead_nowhere_keep_their_words_only():
    html = (
        '<p><a name="top"></a>Tekst <a>los</a> <a href="JaVa&#10;script:alert(1)">x</a> '
        '<a href=" javascript:alert(1)">y</a> <a href="data:text/html,hoi">z</a> '
        '<a href="#boven">naar boven</a> <a href="mailto:info@example.org">mail</a> '
        '<a href="https://example.org" onclick="steel()">elders</a></p>'
    )
    (block,) = body_blocks(html, NOTHING)
    assert block["value"] == (
        '<p>Tekst los x y z naar boven <a href="mailto:info@example.org">mail</a> '
        '<a href="https://example.org">elders</a></p>'
    )


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Alliantiedag op vrijdag 10 oktober 2014 in Beilen", datetime.date(2014, 10, 10)),
        ("Bijeenkomst 3 sept. 2015, 19.30 uur", datetime.date(2015, 9, 3)),
        ("Datum: 27-11-2014 (verzet van 30 februari 2014)", datetime.date(2014, 11, 27)),
        ("Op 30 februari 2015, of toch 2 maart 2015", datetime.date(2015, 3, 2)),
        ("In 2014 kwamen 300 mensen", None),
    ],
)
def test_the_day_of_an_event_is_read_from_dutch_words(text, day):
    assert day_in(text) == day


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Buurtkamer in Den Haag en Rijswijk", "GM0518"),
        ("Voedselbank Súdwest-Fryslân", "GM1900"),
        ("Een plek om te praten", None),
    ],
)
def test_the_municipality_of_an_initiative_is_read_from_its_words(text, code):
    assert municipality_in(text) == code
