"""The seed command turns the old site's text into content, idempotently."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import GroupPagePermission, Page, Site

from website.core.models import CustomImage, RelatedCampaign, SiteSettings
from website.network.models import ChairTerm, MemberDirectoryPage, MemberOrganisation
from website.pages.models import HomePage, StandardPage
from website.seed.context import introduction_from
from website.seed.parser import ImageMarker, ListBlock, Paragraph, SeedDocument
from website.testing.utils import (
    assert_in_html,
    find_all,
    find_one,
    main_content,
    outer_html,
    text,
)
from website.writing.models import JargonTerm

pytestmark = pytest.mark.database

SAMPLE = """logo-example

Over ons

Eerste alinea. Nog een zin.

Doel

Een doel\u00a0met  spaties.
Tweede regel.

Afdrukken

Nieuws

 \u2022 Punt een
 \u2022 Punt twee
  vervolg van twee
 1. is geen bullet hier

Afdrukken

Adres

Postbus 1
1234 AB Stad
"""


def test_parser_splits_pages_paragraphs_lists_and_images():
    document = SeedDocument.from_text(SAMPLE)
    assert [s.title for s in document.sections] == ["Over ons", "Nieuws", "Adres"]
    about = document.section("Over ons")
    assert about.blocks[1] == Paragraph(["Doel"])
    assert about.blocks[2].text == "Een doel met spaties. Tweede regel."
    intro, parts = about.split(["Doel"])
    assert intro == [Paragraph(["Eerste alinea. Nog een zin."])]
    assert list(parts) == ["Doel"]
    news = document.section("Nieuws")
    assert news.blocks[0] == ListBlock(
        items=["Punt een", "Punt twee vervolg van twee 1. is geen bullet hier"], ordered=False
    )
    assert document.paragraph_after("Adres").lines == ["Postbus 1", "1234 AB Stad"]


def test_parser_recognises_image_markers():
    document = SeedDocument.from_text("Titel\n\nlogo cnvlogo fnv\n\nfoto-1\n")
    assert document.section("Titel").blocks == [
        ImageMarker("logo cnvlogo fnv"),
        ImageMarker("foto-1"),
    ]


def test_parser_writes_the_networks_names_as_configured():
    text = "Titel\n\nDe sociale Alliantie en de SOCIALE ALLIANTIE; sociale alliantievorming.\n"
    document = SeedDocument.from_text(text, names=["Sociale Alliantie"])
    assert document.section("Titel").blocks == [
        Paragraph(["De Sociale Alliantie en de Sociale Alliantie; sociale alliantievorming."])
    ]


def test_parser_reports_a_missing_section():
    with pytest.raises(KeyError, match="Bestaat niet"):
        SeedDocument.from_text("Titel\n\nTekst\n").section("Bestaat niet")


def snapshot():
    return {
        "pages": sorted(
            (p.url_path, p.title, p.specific_class.__name__) for p in Page.objects.all()
        ),
        "images": CustomImage.objects.count(),
        "members": sorted(MemberOrganisation.objects.values_list("name", "kind", "level")),
        "chairs": sorted(ChairTerm.objects.values_list("person_name", "start_date", "end_date")),
        "campaigns": sorted(RelatedCampaign.objects.values_list("name", flat=True)),
        "settings": list(SiteSettings.objects.values_list("organisation_name", "postal_address")),
        "jargon": sorted(JargonTerm.objects.values_list("term", "alternative")),
        "contributor_sections": sorted(
            GroupPagePermission.objects.filter(group__name="Bijdrager").values_list(
                "page__url_path", "permission__codename"
            )
        ),
    }


@pytest.mark.django_db
def test_seed_twice_gives_the_same_content(seeded):
    first = snapshot()
    output = io.StringIO()
    call_command("load_seed", stdout=output)
    assert snapshot() == first
    assert "niets veranderd" in output.getvalue()


@pytest.mark.django_db
def test_seed_builds_the_home_page_about_page_members_chairs_and_address(seeded, client):
    home = Site.objects.get(is_default_site=True).root_page.specific
    assert MemberDirectoryPage.objects.get().get_meta_description()
    assert isinstance(home, HomePage)
    assert home.title == "Alliantie voor Sociale Rechtvaardigheid"
    assert home.introduction.startswith("De Alliantie voor Sociale Rechtvaardigheid")

    settings = SiteSettings.for_site(seeded)
    assert settings.organisation_name == "Alliantie voor Sociale Rechtvaardigheid"
    assert settings.address_lines == [
        "Stimulansz",
        "t.a.v. Ger Ramaekers / Sociale Alliantie",
        "Postbus 2758",
        "3500 GT Utrecht",
    ]
    assert [c.name for c in settings.related_campaigns.all()] == [
        "Armoede Live 10 jaar later",
        "Initiatief nu",
        "Expeditie sociale coöperatie",
    ]

    assert set(MemberOrganisation.objects.values_list("short_name", flat=True)) == {
        "CNV",
        "Cordaid",
        "FNV",
        "Humanitas",
        "Ieder(in)",
        "KIA",
        "Raad van Kerken",
        "Urgent",
    }
    # The seed has no logo files: organisations show by name, never by a made-up logo.
    assert not MemberOrganisation.objects.filter(logo__isnull=False).exists()

    kitty = ChairTerm.objects.get(person_name="Kitty de Jong")
    assert (kitty.organisation.name, kitty.role) == ("FNV", "bestuurslid")
    assert kitty.start_date.isoformat() == "2018-01-01"
    berg = ChairTerm.objects.get(person_name="Willem Jelle Berg")
    assert (berg.organisation.name, berg.role) == ("CNV", "vice-voorzitter")

    about = StandardPage.objects.get(slug="wie-zijn-wij")
    assert about.introduction.startswith("De Alliantie voor Sociale Rechtvaardigheid")
    content = main_content(client.get(about.url))
    headings = [text(h2) for h2 in find_all(find_one(content, "article"), "h2")]
    # "Missie" lists the manifestos; the seed's are drafts, so it waits for the first one.
    assert headings[:3] == ["Voorzitterschap", "Verbindend netwerk", "Bijdragen"]
    assert "Willem Jelle Berg" in content
    assert "Kitty de Jong" in content
    assert "solidariteitsbijdrage van de gezamenlijke religieuzen" in content
    assert MemberDirectoryPage.objects.get().get_parent().specific == about

    home_page = client.get(home.url)
    assert "De Sociale Alliantie is een thematisch netwerk" in main_content(home_page)
    address = outer_html(find_one(find_one(home_page, "footer"), "address"))
    assert_in_html(
        "<address>Stimulansz<br>t.a.v. Ger Ramaekers / Sociale Alliantie<br>Postbus 2758<br>"
        "3500 GT Utrecht</address>",
        address,
    )


@pytest.mark.django_db
def test_seed_keeps_what_editors_changed(seeded):
    about = StandardPage.objects.get(slug="wie-zijn-wij")
    about.title = "Over de Alliantie"
    about.save_revision().publish()
    fnv = MemberOrganisation.objects.get(name="FNV")
    fnv.description = "Door de redactie geschreven."
    fnv.save()

    call_command("load_seed", stdout=io.StringIO())

    assert StandardPage.objects.get(slug="wie-zijn-wij").title == "Over de Alliantie"
    assert MemberOrganisation.objects.get(name="FNV").description == "Door de redactie geschreven."
    assert StandardPage.objects.filter(slug="wie-zijn-wij").count() == 1


@pytest.mark.django_db
def test_seed_does_not_bring_back_renamed_or_deleted_content(seeded):
    about = StandardPage.objects.get(slug="wie-zijn-wij")
    about.slug = "over-ons"
    about.save_revision().publish()
    cnv = MemberOrganisation.objects.get(name="CNV")
    cnv.name = "CNV Vakmensen"
    cnv.save()
    MemberOrganisation.objects.get(name="Urgent").delete()
    ChairTerm.objects.get(person_name="Willem Jelle Berg").delete()
    JargonTerm.objects.get(term="middels").delete()
    GroupPagePermission.objects.filter(group__name="Bijdrager", page__slug="agenda").delete()
    before = snapshot()

    call_command("load_seed", stdout=io.StringIO())

    assert snapshot() == before
    assert not StandardPage.objects.filter(slug="wie-zijn-wij").exists()
    assert not MemberOrganisation.objects.filter(name__in=["CNV", "Urgent"]).exists()
    assert not JargonTerm.objects.filter(term="middels").exists()
    assert len(before["contributor_sections"]) == 2  # initiatives and news, not the agenda


@pytest.mark.django_db
def test_seed_gives_the_site_its_public_address(seeded, settings):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("testserver", 80)
    assert site.root_page.slug == "home"
    # The admin's dashboard names the network, not the host.
    assert site.site_name == SiteSettings.for_site(site).short_name == "Sociale Alliantie"


@pytest.mark.django_db
def test_missing_seed_gives_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Seed not found"):
        call_command("load_seed", seed_dir=str(tmp_path), stdout=io.StringIO())


def test_every_seeded_page_can_be_saved_by_an_editor(seeded):
    """The old site's long openings made introductions over their 600-character limit, and
    an editor could not save the page at all, not even unchanged (the admin's form checks
    every text field's max_length; the model does not for text fields). Every seeded page
    and draft fits its fields."""
    too_long = {}
    for page in Page.objects.filter(depth__gt=1).specific():
        shown = page.get_latest_revision_as_object()
        for field in type(shown)._meta.concrete_fields:
            value = getattr(shown, field.attname)
            if field.max_length and isinstance(value, str) and len(value) > field.max_length:
                too_long[f"{page.url_path} {field.name}"] = len(value)
    assert not too_long, too_long


def test_a_long_opening_paragraph_gives_an_introduction_of_whole_sentences():
    sentence = "Dit is een zin van ongeveer zestig tekens over armoede in Nederland. "
    opening = Paragraph(lines=[sentence * 15])  # about 1,000 characters
    introduction, rest = introduction_from([opening, Paragraph(lines=["Tweede alinea."])])
    assert 0 < len(introduction) <= 600 and introduction.endswith("Nederland.")
    assert (introduction + " " + rest[0].text).split() == opening.text.split()  # nothing lost
    assert rest[1].text == "Tweede alinea."
