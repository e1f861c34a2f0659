"""The "Formulier" page: an editor's form with every kind of field, stored before any mail,
closed by date or number of answers, exported for Excel, erased after its own retention."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from website.core.privacy import erase_personal_data, export_personal_data
from website.core.tasks import delete_expired_personal_data
from website.mail.models import OutgoingEmail
from website.mail.outbox import mail_to
from website.mail.tasks import retry_due_emails
from website.participation.factories import make_form_page
from website.participation.models import FormAnswer, FormPage
from website.testing.utils import find_all, find_one, main_content, text

pytestmark = pytest.mark.django_db

ANSWERS = {
    "je_naam": "Fatma Yılmaz",
    "je_e_mailadres": "Fatma@Example.org",
    "je_telefoonnummer": "06-12345678",
    "hoe_kom_je": "Met de fiets",
    "waar_help_je_mee": ["Koffie", "Opruimen"],
    "welke_dag": "2027-03-25",
    "met_hoeveel_mensen": "3,5",
    "ik_ga_akkoord_met_het_bewaren_van_mijn_antwoorden": "on",
}


@pytest.fixture
def form_page(home_page, editors_address):
    return make_form_page(home_page, send_confirmation=True, retention_days=30)


def send(client, page, **changes):
    data = {key: value for key, value in (ANSWERS | changes).items() if value is not None}
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(page.url, data)


def test_every_kind_of_field_is_asked_the_way_a_phone_and_a_keyboard_need(client, form_page):
    main = find_one(client.get(form_page.url), "main")
    assert find_one(main, "input", name="je_telefoonnummer").get("type") == "tel"
    assert find_one(main, "input", name="welke_dag").get("type") == "date"
    assert find_one(main, "input", name="met_hoeveel_mensen").get("inputmode") == "decimal"
    assert len(find_all(main, "input", name="hoe_kom_je", type="radio")) == 3
    assert len(find_all(main, "input", name="waar_help_je_mee", type="checkbox")) == 3
    consent = find_one(main, "input", name="ik_ga_akkoord_met_het_bewaren_van_mijn_antwoorden")
    assert consent.get("type") == "checkbox" and consent.get("required") is not None
    assert "We wissen je antwoorden na 30 dagen." in text(main)


def test_an_answer_is_stored_then_the_editors_and_the_sender_get_a_mail(client, form_page):
    response = send(client, form_page)
    assert response.status_code == 302
    assert response.headers["Location"] == form_page.url + "bedankt/"
    assert "Antwoorden verstuurd" in main_content(client.get(response.headers["Location"]))
    answer = FormAnswer.objects.get()
    assert answer.sender_email == "fatma@example.org"
    assert answer.form_data["waar_help_je_mee"] == ["Koffie", "Opruimen"]
    assert answer.form_data["met_hoeveel_mensen"] == "3.5"
    assert answer.form_data["welke_dag"] == "2027-03-25"
    assert "fax_nummer" not in answer.form_data
    notice, confirmation = OutgoingEmail.objects.order_by("pk")
    assert notice.to == ["redactie@example.org"]
    assert notice.subject == 'Nieuw antwoord op "Doe mee met de buurtdag"'
    assert "Naam: Fatma Yılmaz" in notice.body
    assert "Ik ga akkoord met het bewaren van mijn antwoorden: Ja" in notice.body
    assert reverse("wagtailforms:list_submissions", args=[form_page.pk]) in notice.body
    assert confirmation.to == ["fatma@example.org"]
    assert "Waar help je mee?: Koffie, Opruimen" in confirmation.body
    assert "Met hoeveel mensen?: 3,5" in confirmation.body  # as the visitor wrote it
    assert "Welke dag?: 25-3-2027" in confirmation.body
    assert "We wissen je antwoorden na 30 dagen." in confirmation.body


def test_a_wrong_answer_keeps_the_input_and_says_what_to_do_in_dutch(client, form_page):
    response = send(
        client,
        form_page,
        je_e_mailadres="fatma@",
        met_hoeveel_mensen="drie",
        welke_dag="morgen",
        ik_ga_akkoord_met_het_bewaren_van_mijn_antwoorden=None,
    )
    assert response.status_code == 200
    main = text(find_one(response, "main"))
    assert "Vul een getal in, zoals 12 of 3,5." in main
    assert "Vul een datum in, zoals 25-3-2027." in main
    assert "Zet een vinkje als je hiermee akkoord gaat." in main
    assert find_one(response, "input", name="je_naam").get("value") == "Fatma Yılmaz"
    assert FormAnswer.objects.count() == 0
    assert OutgoingEmail.objects.count() == 0


def test_hostile_input_is_refused_never_a_server_error(client, form_page, settings):
    for changes in (
        {"je_naam": "x" * 5000},
        {"hoe_kom_je": "Met de raket"},
        {"waar_help_je_mee": ["<script>alert(1)</script>"]},
        {"welke_dag": "2027-02-30"},
        {"met_hoeveel_mensen": "1e999999"},
        {"met_hoeveel_mensen": "NaN"},
        {"met_hoeveel_mensen": "-5"},
        {"met_hoeveel_mensen": "12.34.5"},
        {"je_e_mailadres": "fatma@exämple.org\u200b<x>"},
        {"fax_nummer": "spam"},
    ):
        assert send(client, form_page, **changes).status_code == 200, changes
    assert FormAnswer.objects.count() == 0
    assert send(client, form_page, je_naam="Kees\x00").status_code == 302  # pasted
    assert FormAnswer.objects.get().form_data["je_naam"] == "Kees"
    settings.FORM_RATE_LIMIT = (2, 60)
    statuses = [send(client, form_page, je_naam=f"Kees {n}").status_code for n in range(2)]
    assert statuses == [302, 429]  # the pasted one counted too


def test_a_form_closes_on_its_date_and_when_it_is_full(client, form_page):
    form_page.max_answers = 1
    form_page.save_revision().publish()
    assert send(client, form_page).status_code == 302
    full = send(client, form_page, je_naam="Kees")
    assert "het maximale aantal antwoorden is bereikt" in text(find_one(full, "main"))
    assert not find_all(find_one(full, "main"), "form")
    assert FormAnswer.objects.count() == 1

    form_page.max_answers = None
    form_page.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    form_page.save_revision().publish()
    closed = client.get(form_page.url)
    assert "Dit formulier is gesloten" in text(find_one(closed, "main"))
    assert send(client, form_page, je_naam="Kees").status_code == 200
    assert FormAnswer.objects.count() == 1


def test_answers_are_erased_after_the_forms_own_retention_period(form_page, home_page):
    other = make_form_page(home_page, slug="lang-bewaard", retention_days=365)
    now = timezone.now()
    for page, days in ((form_page, 29), (form_page, 31), (other, 31), (other, 400)):
        answer = FormAnswer.objects.create(page=page, form_data={"je_naam": f"{days}"})
        FormAnswer.objects.filter(pk=answer.pk).update(
            submit_time=now - datetime.timedelta(days=days)
        )
    delete_expired_personal_data.call()
    kept = sorted((a.page_id, a.form_data["je_naam"]) for a in FormAnswer.objects.all())
    assert kept == [(form_page.pk, "29"), (other.pk, "31")]


def test_personal_data_export_and_erase_find_answers_by_exact_address(client, form_page):
    send(client, form_page)
    send(client, form_page, je_e_mailadres="jan.fatma@example.org", je_naam="Jan")
    exported = export_personal_data("FATMA@example.org")["formulieren"]
    assert [item["gegevens"]["je_naam"] for item in exported] == ["Fatma Yılmaz"]
    assert erase_personal_data("fatma@example.org")["formulieren"] == 1
    assert [a.form_data["je_naam"] for a in FormAnswer.objects.all()] == ["Jan"]
    assert not mail_to("fatma@example.org").exists()
    assert mail_to("jan.fatma@example.org").exists()


def test_exports_open_in_dutch_excel_without_formulas(client, admin_client, form_page):
    send(client, form_page, je_naam='=HYPERLINK("http://evil.example")')
    url = reverse("wagtailforms:list_submissions", args=[form_page.pk])
    listing = admin_client.get(url)
    assert listing.status_code == 200
    assert "Fatma@" not in listing.content.decode()  # stored in its canonical form
    row = text(find_all(find_one(listing, "main"), "tr")[1])
    assert "3,5" in row and "25 maart 2027" in row and "Ja" in row
    assert "True" not in row and "None" not in row
    csv_response = admin_client.get(url + "?export=csv")
    content = b"".join(csv_response.streaming_content).decode()
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:2] == ["Inzendingsdatum", "Je naam"] or rows[0][1] == "Je naam"
    assert rows[1][1].startswith("'=HYPERLINK")
    local = timezone.localtime(FormAnswer.objects.get().submit_time)
    assert rows[1][0] == local.strftime("%d-%m-%Y %H:%M")
    xlsx = admin_client.get(url + "?export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    row = next(sheet.iter_rows(min_row=2, max_row=2))
    cells = [cell.value for cell in row]
    # An Excel cell holds the text as text (never run), without a mark in front.
    assert (cells[1], row[1].data_type) == ('=HYPERLINK("http://evil.example")', "s")
    assert 3.5 in cells  # a number Excel can add up
    assert cells[0] == local.replace(tzinfo=None, second=0, microsecond=0) or abs(
        cells[0] - local.replace(tzinfo=None)
    ) < datetime.timedelta(seconds=1)


def test_the_forms_menu_lists_the_forms_but_not_the_contact_page(admin_client, seeded):
    example = FormPage.objects.get(slug="voorbeeldformulier")
    assert not example.live  # the seed's example is a draft for editors
    listing = admin_client.get(reverse("wagtailforms:index")).content.decode()
    assert "Voorbeeldformulier" in listing
    rows = " ".join(text(row) for row in find_all(find_one(listing, "main"), "tr"))
    assert "Voorbeeldformulier" in rows
    assert "Contact" not in rows
    assert "participation" not in rows  # no internal names


def test_the_seed_brings_one_example_form_once(seeded):
    call_command("load_seed", verbosity=0)
    example = FormPage.objects.get(slug="voorbeeldformulier")
    kinds = {field.field_type for field in example.form_fields.all()}
    assert {"singleline", "email", "tel", "checkboxes", "date", "number", "consent"} <= kinds


def test_an_editor_builds_a_form_in_the_admin_and_a_visitor_answers_it(
    admin_client, client, home_page, editors_address
):
    fields = [
        ("Je naam", "singleline", "on", ""),
        ("Je e-mailadres", "email", "on", ""),
        ("Je telefoonnummer", "tel", "", ""),
        ("Welke avond past?", "radio", "on", "Dinsdag\nDonderdag"),
        ("Wat wil je doen?", "checkboxes", "", "Koken\nAfwassen"),
        ("Ik ga akkoord", "consent", "on", ""),
    ]
    data = nested_form_data(
        {
            "title": "Kookavond in de buurt",
            "slug": "kookavond",
            "introduction": "Geef je op voor de kookavond.",
            "form_fields": inline_formset(
                [
                    {"label": label, "field_type": kind, "required": required, "choices": choices}
                    for label, kind, required, choices in fields
                ]
            ),
            "thank_you_text": "Tot dan!",
            "send_confirmation": "on",
            "confirmation_text": "Je bent opgegeven.",
            "retention_days": "60",
            "max_answers": "",
            "closes_at": "",
            "to_address": "",
            "action-publish": "action-publish",
        }
    )
    url = reverse("wagtailadmin_pages:add", args=["participation", "formpage", home_page.pk])
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    page = FormPage.objects.get(slug="kookavond")
    assert page.live and page.form_fields.count() == 6
    sent = send_answers(
        client,
        page,
        {
            "je_naam": "Joost",
            "je_e_mailadres": "joost@example.org",
            "welke_avond_past": "Donderdag",
            "wat_wil_je_doen": ["Koken"],
            "ik_ga_akkoord": "on",
        },
    )
    assert sent.status_code == 302
    assert FormAnswer.objects.get(page=page).form_data["welke_avond_past"] == "Donderdag"
    assert "We wissen je antwoorden na 60 dagen." in text(find_one(client.get(page.url), "main"))


def send_answers(client, page, data):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(page.url, data)


def test_with_the_mail_server_down_the_answer_is_kept_and_mailed_later(
    client, form_page, mail_server
):
    response = send(client, form_page)
    assert response.status_code == 302
    assert FormAnswer.objects.count() == 1
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"pending"}
    mail_server.up()
    OutgoingEmail.objects.update(next_attempt_at=None)
    retry_due_emails.enqueue()
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {"sent"}
    assert any(b"Nieuw antwoord op" in message for message in mail_server.messages)


def test_numbers_as_dutch_people_write_them_and_lists_that_start_empty(client, home_page):
    page = make_form_page(
        home_page,
        fields=[
            ("Hoeveel?", "number", True, ""),
            ("Provincie", "dropdown", False, "Groningen\nDrenthe"),
        ],
        slug="getallen",
    )
    select = find_one(client.get(page.url), "select", name="provincie")
    assert [option.get("value") for option in select.iter("option")][:2] == ["", "Groningen"]
    for typed, stored in (("1.000", "1000"), ("1.250,75", "1250.75"), ("3.5", "3.5"), ("7", "7")):
        assert send_answers(client, page, {"hoeveel": typed}).status_code == 302, typed
        assert FormAnswer.objects.first().form_data == {"hoeveel": stored, "provincie": ""}
