"""Endorsing a manifesto: double opt-in, counted in public, named only when the person chose
so and an editor approved it, one per address, withdrawn by a personal link, exported for
the minister, and never an empty corner."""

import csv
import datetime
import io
import re

import openpyxl
import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale
from wagtail.rich_text import RichText

from website.core.privacy import erase_personal_data, export_personal_data
from website.core.tasks import delete_expired_personal_data
from website.endorsements.models import NAMES_ON_PAGE, Endorsement
from website.library.factories import LibraryIndexPageFactory, PublicationPageFactory
from website.library.models import PublicationPage
from website.mail.outbox import mail_to
from website.testing.utils import find_all, find_one, text

pytestmark = pytest.mark.django_db

FATMA = {
    "name": "Fatma Yılmaz",
    "organisation": "Humanitas Rotterdam",
    "place": "Rotterdam",
    "email": "Fatma@Example.org",
    "show_name": "ja",
}


@pytest.fixture
def manifesto(home_page):
    library = LibraryIndexPageFactory(parent=home_page)
    return PublicationPageFactory(
        parent=library,
        title="Manifest: een bestaansminimum voor iedereen",
        kind="manifest",
        endorsements_open=True,
        body=[("paragraph", RichText("<p>Iedereen moet rond kunnen komen.</p>"))],
    )


def endorse(client, page, **changes):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(page.url + "steun/", FATMA | changes)


def link_in(message, route):
    return re.search(rf"https?://\S+/steun/{route}/[\w-]+/", message.body).group(0)


def follow(client, link):
    """Open a personal link and press its button, as the person does."""
    path = re.sub(r"^https?://[^/]+", "", link)
    assert client.get(path).status_code == 200
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(path)


def section(client, page):
    found = find_all(client.get(page.url), "section", "endorsements")
    return text(found[0]) if found else ""


def test_endorse_confirm_approve_show_and_withdraw(client, admin_client, manifesto, mailoutbox):
    assert "Nog niemand steunt dit" in section(client, manifesto)
    response = endorse(client, manifesto)
    assert response.status_code == 302
    assert response.headers["Location"] == manifesto.url + "steun/verstuurd/"
    endorsement = Endorsement.objects.get()
    assert endorsement.status == Endorsement.Status.WAITING
    assert endorsement.email == "fatma@example.org"
    assert "Nog niemand" in section(client, manifesto)  # not counted before confirming

    (confirmation,) = mailoutbox
    assert confirmation.to == ["fatma@example.org"]
    assert "Fatma" not in confirmation.body  # no words of a visitor's own in our mail
    done = follow(client, link_in(confirmation, "bevestigen"))
    assert done.headers["Location"] == manifesto.url + "steun/bevestigd/"
    shown = section(client, manifesto)
    assert "1 persoon of organisatie steunt dit." in shown
    assert "Fatma" not in shown  # an editor looks at names first

    panel = admin_client.get("/admin/").content.decode()
    assert "Fatma Yılmaz (Humanitas Rotterdam, Rotterdam)" in panel
    inspect = admin_client.get(reverse("steunbetuigingen:inspect", args=[endorsement.pk]))
    assert "Bevestigd" in text(find_one(inspect, "main"))
    assert "Naam op de lijst zetten" in text(find_one(inspect, "main"))
    admin_client.post(reverse("steunbetuigingen:approve", args=[endorsement.pk]))
    assert "Fatma Yılmaz (Humanitas Rotterdam, Rotterdam)" in section(client, manifesto)

    withdraw = link_in(mailoutbox[-1], "intrekken")
    assert follow(client, withdraw).headers["Location"] == manifesto.url + "steun/ingetrokken/"
    assert not Endorsement.objects.exists()
    assert not mail_to("fatma@example.org").exists()
    assert "Nog niemand" in section(client, manifesto)
    path = re.sub(r"^https?://[^/]+", "", withdraw)
    assert client.get(path).status_code == 404  # used


def test_counted_without_a_name_when_the_person_chooses_so(client, admin_client, manifesto):
    endorse(client, manifesto, show_name="nee")
    follow(client, link_in(mail.outbox[0], "bevestigen"))
    endorsement = Endorsement.objects.get()
    admin_client.post(reverse("steunbetuigingen:approve", args=[endorsement.pk]))
    shown = section(client, manifesto)
    assert "1 persoon of organisatie steunt dit." in shown
    assert "Fatma" not in shown and "Humanitas" not in shown


def test_one_endorsement_per_address_and_the_same_answer_for_every_address(
    client, manifesto, mailoutbox
):
    first = endorse(client, manifesto)
    again = endorse(client, manifesto, email=" fatma@EXAMPLE.org", name="Fatma Y.")
    assert first.headers["Location"] == again.headers["Location"]
    assert Endorsement.objects.count() == 1
    assert len(mailoutbox) == 1  # no second mail within the resend window
    assert Endorsement.objects.get().name == "Fatma Y."  # a waiting one takes new details
    follow(client, link_in(mailoutbox[0], "bevestigen"))
    mailoutbox.clear()
    endorse(client, manifesto, name="Iemand anders", show_name="nee")
    assert mailoutbox == []  # within the hour: no mail at all
    Endorsement.objects.update(confirmation_sent_at=timezone.now() - datetime.timedelta(hours=2))
    endorse(client, manifesto, name="Nog iemand", show_name="nee")
    confirmed = Endorsement.objects.get()
    assert (confirmed.name, confirmed.show_name) == ("Fatma Y.", True)  # a confirmed one stands
    (already,) = mailoutbox  # its owner hears how to change it
    assert "Je steun telt al mee" in already.body
    follow(client, link_in(already, "intrekken"))
    assert not Endorsement.objects.exists()


def test_hostile_input_is_refused_and_the_input_kept(client, manifesto, settings):
    for changes in (
        {"email": "fatma@"},
        {"name": ""},
        {"name": "x" * 500},
        {"show_name": "misschien"},
        {"show_name": ""},
        {"fax_nummer": "spam"},
    ):
        response = endorse(client, manifesto, **changes)
        assert response.status_code == 200, changes
    assert find_one(response, "input", name="organisation").get("value") == "Humanitas Rotterdam"
    assert not Endorsement.objects.exists()
    settings.FORM_RATE_LIMIT = (2, 60)
    statuses = [endorse(client, manifesto, email=f"p{n}@example.org").status_code for n in range(3)]
    assert statuses == [302, 302, 429]
    assert client.get(manifesto.url + "steun/bevestigen/" + "A" * 43 + "/").status_code == 404


def test_no_empty_corner_a_page_without_text_or_not_collecting_shows_nothing(client, home_page):
    library = LibraryIndexPageFactory(parent=home_page)
    empty = PublicationPageFactory(parent=library, kind="manifest", endorsements_open=True)
    closed = PublicationPageFactory(
        parent=library,
        kind="manifest",
        body=[("paragraph", RichText("<p>Tekst.</p>"))],
    )
    for page in (empty, closed):
        assert section(client, page) == ""
        assert client.get(page.url + "steun/").status_code == 302


def test_many_names_a_list_by_pages_and_queries_flat(
    client, manifesto, django_assert_max_num_queries
):
    def add(count, start):
        Endorsement.objects.bulk_create(
            Endorsement(
                page=manifesto,
                name=f"Persoon {n}",
                email=f"p{n}@example.org",
                status=Endorsement.Status.CONFIRMED,
                approved=True,
                confirmed_at=timezone.now(),
            )
            for n in range(start, start + count)
        )

    add(3, 0)
    with django_assert_max_num_queries(40) as few:
        client.get(manifesto.url)
    add(NAMES_ON_PAGE + 150, 3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(manifesto.url)
    assert len(find_all(find_one(page, "section", "endorsements"), "li")) == NAMES_ON_PAGE
    names = client.get(manifesto.url + "steun/namen/")
    assert len(find_all(find_one(names, "main"), "li")) >= 100
    assert "Pagina 1 van 2" in text(find_one(names, "main"))


def test_an_export_for_the_minister_and_the_privacy_tools(client, admin_client, manifesto):
    endorse(client, manifesto, name="=cmd|' /C calc'!A0")
    follow(client, link_in(mail.outbox[0], "bevestigen"))
    endorse(client, manifesto, email="jan@example.org", name="Jan")  # never confirmed
    endorse(client, manifesto, email="kees@example.org", name="Kees", show_name="nee")
    follow(client, link_in(mail.outbox[-1], "bevestigen"))
    response = admin_client.get(reverse("steunbetuigingen:index") + "?export=csv")
    content = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["Naam", "Organisatie", "Woonplaats", "Steunt", "Bevestigd op"]
    # Confirmed ones only (not Jan), names only where allowed, never an address.
    assert sorted(row[0] for row in rows[1:]) == ["'=cmd|' /C calc'!A0", "(naam niet getoond)"]
    assert "example.org" not in content
    xlsx = admin_client.get(reverse("steunbetuigingen:index") + "?export=xlsx")
    assert xlsx.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    assert [cell.value for cell in sheet[1]][:4] == ["Naam", "Organisatie", "Woonplaats", "Steunt"]
    assert sheet.max_row == 3

    (exported,) = export_personal_data("FATMA@example.org")["steunbetuigingen"]
    assert exported["naam"] == "=cmd|' /C calc'!A0"  # as typed: the export to the person
    Endorsement.objects.filter(email="jan@example.org").update(
        confirmation_sent_at=timezone.now() - datetime.timedelta(days=8)
    )
    delete_expired_personal_data.call()
    assert sorted(Endorsement.objects.values_list("email", flat=True)) == [
        "fatma@example.org",
        "kees@example.org",
    ]
    assert erase_personal_data("fatma@example.org")["steunbetuigingen"] == 1
    assert list(Endorsement.objects.values_list("email", flat=True)) == ["kees@example.org"]


def test_the_seed_opens_endorsements_on_the_manifestos_once_they_have_text(seeded, client):
    manifestos = PublicationPage.objects.filter(kind="manifest")
    assert manifestos and all(page.endorsements_open for page in manifestos)
    assert not any(page.takes_endorsements() for page in manifestos)  # no text yet


def test_a_translated_manifesto_is_endorsed_in_its_own_language(client, manifesto, mailoutbox):
    """The block, the form, both mails and the personal links' pages speak the language of
    the page the visitor used; the endorsement counts for the original (one list)."""
    english = manifesto.copy_for_translation(
        Locale.objects.get_or_create(language_code="en")[0], copy_parents=True
    )
    english.title = "Manifesto: a minimum income for everyone"
    english.save_revision().publish()  # its sections came along as aliases, live
    english.refresh_from_db()
    assert english.url.startswith("/en/")
    assert "Nobody supports this yet. You can be the first." in section(client, english)
    form = client.get(english.url + "steun/")
    assert text(find_one(form, "h1")) == "I support: Manifesto: a minimum income for everyone"
    assert "Put my name on the list" in text(find_one(form, "form", class_="form"))

    endorse(client, english)
    (message,) = mailoutbox
    assert message.subject == "Confirm your support for Manifesto: a minimum income for everyone"
    assert "Is that right? Confirm your support with this link:" in message.body
    link = link_in(message, "bevestigen")
    assert "/en/" in link
    confirming = client.get(re.sub(r"^https?://[^/]+", "", link))
    assert text(find_one(confirming, "h1")) == "Confirm your support"
    follow(client, link)
    thanks = mailoutbox[-1]
    assert thanks.subject == "Thank you for supporting Manifesto: a minimum income for everyone"
    assert "/en/" in link_in(thanks, "intrekken")
    endorsement = Endorsement.objects.get()
    assert endorsement.page_id == manifesto.pk and endorsement.confirmed_at
    assert "1 person or organisation supports this." in section(client, english)
    assert "1 persoon of organisatie steunt dit." in section(client, manifesto)
