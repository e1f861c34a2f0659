"""The admin as the editors' inbox: an address that is always there or loudly missing, the
dashboard panels, the outbox with "Opnieuw proberen", and erasing by reference and exact
address (issue 16)."""

import csv
import io
import json
import re

import pytest
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.mail import send_mail
from django.core.management import call_command
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook
from wagtail import hooks
from wagtail.models import Page, Site

from website.agenda import registration as registrations
from website.agenda.dashboard import UpcomingSignupsPanel
from website.agenda.factories import EventPageFactory, add_date
from website.agenda.models import AgendaIndexPage, EventPage, Registration
from website.contributors.invitations import invite
from website.mail.dashboard import FailedMailPanel
from website.mail.models import OutgoingEmail
from website.mail.outbox import mail_about
from website.network.models import MemberOrganisation
from website.newsletter.models import Subscriber
from website.pages.dashboard import ContactMessagesPanel
from website.pages.models import ContactMessage, ContactPage
from website.stories.dashboard import StoriesWaitingPanel
from website.stories.models import StoryIndexPage, StorySubmission
from website.stories.submissions import submit_story, withdraw
from website.testing.fixtures import EDITORS
from website.testing.utils import find_all, find_one, text

pytestmark = pytest.mark.django_db


def contact_page():
    return ContactPage.objects.live().get(locale__language_code="nl")


def send_contact_message(client, name="Kees", email="kees@example.org", text="Hallo!"):
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            contact_page().url,
            {"je_naam": name, "je_e_mailadres": email, "je_bericht": text},
        )
    assert response.status_code == 302
    return ContactMessage.objects.order_by("-pk").first()


def share_story(email="schrijver@example.org"):
    data = {
        "story": "Ik kom elke maand tekort.",
        "name_choice": "voornaam",
        "shown_name": "Marieke",
        "place": "",
        "email": email,
        "phone": "",
        "consent_website": True,
    }
    with TestCase.captureOnCommitCallbacks(execute=True):
        submission, _token = submit_story(
            StoryIndexPage.objects.get(locale__language_code="nl"), data
        )
    return submission


def upcoming_date(**fields):
    number = EventPage.objects.count()
    page = EventPageFactory(
        parent=AgendaIndexPage.objects.get(), title="Alliantiedag", slug=f"alliantiedag-{number}"
    )
    return add_date(page, registration_open=True, capacity=20, **fields)


def sign_up(event_date, name="Anna", email="anna@example.org"):
    with TestCase.captureOnCommitCallbacks(execute=True):
        registration, _token = registrations.register(event_date, name=name, email=email)
    return registration


# --- 1. An address is always there, or it is loud ----------------------------------------


# --- 2. Every notice reaches the editors and the dashboard --------------------------------


def test_a_message_a_story_and_a_sign_up_reach_the_editors_and_the_dashboard(
    client, admin_client, editors_address, mailoutbox
):
    message = send_contact_message(client)
    submission = share_story()
    event_date = upcoming_date()
    sign_up(event_date)
    sign_up(event_date, name="Bert", email="bert@example.org")

    to_editors = {m.subject: m for m in mailoutbox if m.to == [EDITORS]}
    assert {"Nieuw verhaal ingestuurd", "Nieuwe aanmelding: Alliantiedag"} < set(to_editors)
    contact_mail = next(m for m in to_editors.values() if "Hallo!" in m.body)
    assert contact_mail.reply_to == ["kees@example.org"]  # Reply answers the visitor
    assert f"/admin/contactberichten/inspect/{message.pk}/" in contact_mail.body

    dashboard = admin_client.get("/admin/")
    messages_panel = find_one(dashboard, "section", id="contact_messages-section")
    assert "1 nieuw" in text(messages_panel)
    assert "Bericht van Kees" in text(messages_panel)
    stories_panel = find_one(dashboard, "section", id="stories_waiting-section")
    assert "1 nieuw" in text(stories_panel)
    assert str(submission) in text(stories_panel)
    signups = text(find_one(dashboard, "section", id="upcoming_signups-section"))
    assert "Alliantiedag" in signups
    assert "2 aangemeld" in signups  # each sign-up counted once
    assert "18 plaatsen over" in signups


def test_opening_marks_read_and_handling_takes_a_message_off_the_dashboard(
    client, admin_client, editors_address
):
    message = send_contact_message(client, text="Eerste regel\nTweede regel")
    detail = admin_client.get(f"/admin/contactberichten/inspect/{message.pk}/")
    assert "Eerste regel<br>Tweede regel" in detail.content.decode()
    main = text(find_one(detail, "main"))
    # The form's labels as the editors read them (the visitor read "Je bericht").
    assert "Bericht" in main and "Je bericht" not in main
    reply = [a for a in find_all(detail, "a") if text(a) == "Beantwoorden per e-mail"]
    assert reply and "?subject=Re%3A%20" in reply[0].get("href")
    message.refresh_from_db()
    assert message.opened_at is not None
    panel = text(find_one(admin_client.get("/admin/"), "section", id="contact_messages-section"))
    assert "nieuw" not in panel
    assert "Bericht van Kees" in panel  # read, not yet handled

    response = admin_client.post(f"/admin/contactberichten/{message.pk}/handled/")
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.state == "Afgehandeld"
    panel = text(find_one(admin_client.get("/admin/"), "section", id="contact_messages-section"))
    assert "Bericht van Kees" not in panel
    assert admin_client.get(f"/admin/contactberichten/{message.pk}/handled/").status_code == 405


def test_contact_messages_are_found_by_their_words_and_have_one_place_in_the_menu(
    client, admin_client, editors_address
):
    send_contact_message(client, name="Renate", text="Vraag over de Alliantiedag")
    send_contact_message(client, name="Piet", text="Iets anders")
    found = admin_client.get("/admin/contactberichten/", {"q": "Alliantiedag"})
    rows = find_all(find_one(find_one(found, "table", "listing"), "tbody"), "tr")
    assert [text(row).split(" ")[2] for row in rows] == ["Renate"]
    dashboard = admin_client.get("/admin/").content.decode()
    assert "contactberichten" in dashboard
    # Wagtail's "Formulieren" showed the same, less well: it lists the other forms only.
    forms = find_all(find_one(admin_client.get("/admin/forms/"), "main"), "tr")
    assert "Contact" not in " ".join(text(row) for row in forms)
    assert "gravatar" not in dashboard  # no editor's address hash goes to another host


def test_the_name_of_a_sign_up_opens_all_that_was_sent_in(admin_client):
    registration = sign_up(upcoming_date())
    listing = admin_client.get("/admin/aanmeldingen/")
    row = find_one(find_one(find_one(listing, "table", "listing"), "tbody"), "tr")
    links = find_all(row, "a", href=f"/admin/aanmeldingen/inspect/{registration.pk}/")
    assert text(links[0]) == "Anna"  # the name itself, not only the "…" menu


def test_opening_a_story_marks_it_read_and_the_list_links_to_its_page(
    admin_client, editors_address
):
    submission = share_story()
    listing = admin_client.get("/admin/ingestuurde-verhalen/")
    edit_url = f"/admin/pages/{submission.page_id}/edit/"
    assert find_one(listing, "a", href=edit_url) is not None
    detail = admin_client.get(f"/admin/ingestuurde-verhalen/inspect/{submission.pk}/")
    assert find_one(find_one(detail, "main"), "a", href=edit_url) is not None
    submission.refresh_from_db()
    assert submission.opened_at is not None
    panel = text(find_one(admin_client.get("/admin/"), "section", id="stories_waiting-section"))
    assert "nieuw" not in panel


def test_inbox_panels_queries_stay_flat_as_the_inbox_fills(client, editors_address, settings):
    """Each of our panels costs the same few queries for 1 item or 7. (Wagtail's own
    "awaiting your review" panel asks one more query per page in moderation: its code.)"""
    settings.FORM_RATE_LIMIT = (1000, 60)
    panels = [ContactMessagesPanel, StoriesWaitingPanel, UpcomingSignupsPanel, FailedMailPanel]

    def count_queries():
        counts = []
        for panel_class in panels:
            with CaptureQueriesContext(connection) as captured:
                panel_class().render_html({"csrf_token": "x"})
            counts.append(len(captured))
        return counts

    def add_one_of_each(number):
        send_contact_message(client, name=f"Persoon {number}", text=f"Bericht {number}")
        share_story(email=f"schrijver{number}@example.org")
        sign_up(upcoming_date(), email=f"iemand{number}@example.org")
        OutgoingEmail.objects.create(to=["x@example.org"], subject="s", body="b", status="failed")

    add_one_of_each(0)
    before = count_queries()
    for number in range(1, 8):
        add_one_of_each(number)
    assert count_queries() == before


# --- 3. The outbox: a failed delivery is visible and can be tried again -------------------


# --- 4. Readable values and exports ------------------------------------------------------


def test_sign_up_exports_have_date_and_city_in_local_time_for_dutch_excel(admin_client):
    event_date = upcoming_date(city="Zwolle")
    sign_up(event_date)
    export = admin_client.get("/admin/aanmeldingen/", {"export": "csv"})
    body = b"".join(export.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")  # Excel reads the accents right
    (row,) = csv.DictReader(body.decode("utf-8-sig").splitlines(), delimiter=";")
    assert row["Plaats"] == "Zwolle"
    assert row["Datum"] == event_date.start_date.strftime("%d-%m-%Y")
    assert row["Status"] == "Aangemeld"
    registration = Registration.objects.get()
    local = timezone.localtime(registration.created_at)
    assert row["Aangemeld op"] == local.strftime("%d-%m-%Y %H:%M")

    xlsx = admin_client.get("/admin/aanmeldingen/", {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    headings = [cell.value for cell in sheet[1]]
    values = dict(zip(headings, [cell.value for cell in sheet[2]], strict=True))
    assert values["Aangemeld op"].replace(microsecond=0) == local.replace(
        tzinfo=None, microsecond=0
    )
    assert values["Plaats"] == "Zwolle"


def test_sign_up_edit_view_shows_the_status(admin_client):
    registration = sign_up(upcoming_date())
    edit = admin_client.get(f"/admin/aanmeldingen/edit/{registration.pk}/")
    assert "Aangemeld" in text(find_one(edit, "main"))


RAW_WORDS = ["True", "False", "None"]
ENGLISH_OR_INTERNAL = [
    "Token hash",
    "token_hash",
    "Moderators approval",
    "['",
    "Download CSV",
    "Download XLSX",
    "Workflows",
    "Incomplete taak",
    "Pagina/Snippet",
    "Root",
    "Port",
    "Site name",
    "Default",
    "in" + "Website",  # a screen-reader span glued to the site's name
]
ENGLISH_HEADINGS = ["File", "Bold", "Italic"]


def visible_text(element):
    """What an editor reads: the text outside scripts and templates (their JSON is data)
    and outside elements with the `hidden` attribute (Wagtail's empty side-panel counter
    holds "None" until it is filled; nobody sees or hears it)."""
    hidden = [*element.iter("script"), *element.iter("template")]
    hidden += [e for e in element.iter() if e.get("hidden") is not None]
    for part in hidden:
        tail = part.tail
        part.clear()
        part.tail = tail
    return text(element)


def test_the_pages_editors_use_show_no_raw_values(client, admin_client, editors_address):
    message = send_contact_message(client)
    submission = share_story()
    registration = sign_up(upcoming_date())
    mail = OutgoingEmail.objects.first()
    organisation = MemberOrganisation.objects.first()
    subscriber = Subscriber.objects.create(email="an@example.org", status="aangemeld")
    contributor = invite(
        email="bijdrager@example.org",
        first_name="Bo",
        last_name="",
        organisation=organisation,
        invited_by=None,
        site=Site.objects.get(is_default_site=True),
    )
    paths = [
        "/admin/bijdragers/",
        "/admin/bijdragers/new/",
        f"/admin/bijdragers/inspect/{contributor.pk}/",
        f"/admin/bijdragers/edit/{contributor.pk}/",
        "/admin/snippets/writing/jargonterm/",
        "/admin/pages/search/?q=armoede",
        "/admin/pages/",
        "/admin/",
        "/admin/abonnees/",
        f"/admin/abonnees/inspect/{subscriber.pk}/",
        "/admin/abonnees/uitnodigen/",
        "/admin/contactberichten/",
        f"/admin/contactberichten/inspect/{message.pk}/",
        "/admin/ingestuurde-verhalen/",
        f"/admin/ingestuurde-verhalen/inspect/{submission.pk}/",
        "/admin/aanmeldingen/",
        f"/admin/aanmeldingen/inspect/{registration.pk}/",
        "/admin/uitgaande-email/",
        f"/admin/uitgaande-email/inspect/{mail.pk}/",
        "/admin/workflows/list/",
        "/admin/workflows/tasks/index/",
        "/admin/snippets/network/memberorganisation/",
        f"/admin/snippets/network/memberorganisation/edit/{organisation.pk}/",
        f"/admin/snippets/network/memberorganisation/history/{organisation.pk}/",
        f"/admin/settings/core/sitesettings/{Site.objects.get(is_default_site=True).pk}/",
        f"/admin/pages/{contact_page().pk}/edit/",
        "/admin/documents/",
        "/admin/images/",
        "/admin/forms/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/reports/aging-pages/",
        "/admin/users/",
        "/admin/inlogpogingen/",
        "/admin/sites/",
        "/admin/vertalingen/",
        "/admin/locales/",
    ]
    for path in paths:
        response = admin_client.get(path)
        assert response.status_code == 200, path
        main = visible_text(find_one(response, "main"))
        for word in RAW_WORDS:
            assert word not in main.split(), (path, word)
        for phrase in ENGLISH_OR_INTERNAL:
            assert phrase not in main, (path, phrase)
        for word in ENGLISH_HEADINGS:
            assert word not in main.split(), (path, word)
        # A count reads "3 aanmeldingen", not "3 Aanmeldingen" (Wagtail puts model names
        # in sentences; they are written in lower case).
        for count in find_all(response, "div", "pagination__end"):
            assert re.fullmatch(r"[\d.]+ [a-z].*", text(count)), (path, text(count))
    # Wagtail's Dutch leaves these in English; website/locale/ gives them Dutch.
    assert "Excel-bestand downloaden" in admin_client.get("/admin/aanmeldingen/").content.decode()


# --- 6. Erasing by reference and by exact address ----------------------------------------


def test_erasing_an_address_never_touches_one_that_ends_with_it(client, editors_address, settings):
    """ "an@example.org" is the end of "jan@example.org": erasing Anna leaves Jan whole."""
    event_date = upcoming_date()
    for name, email in [("Anna", "an@example.org"), ("Jan", "jan@example.org")]:
        send_contact_message(client, name=name, email=email, text=f"Groet van {name}")
        share_story(email=email)
        sign_up(event_date, name=name, email=email)
    jan = {
        "messages": list(ContactMessage.objects.filter(sender_email="jan@example.org")),
        "stories": list(StorySubmission.objects.filter(contact__email="jan@example.org")),
        "signups": list(Registration.objects.filter(email="jan@example.org")),
    }
    jans_mail = set(
        mail_about(*jan["messages"], *jan["stories"], *jan["signups"]).values_list("pk", flat=True)
    ) | {m.pk for m in OutgoingEmail.objects.all() if m.to == ["jan@example.org"]}
    assert len(jans_mail) >= 5  # receipts to Jan and notices about Jan to the editors

    call_command("personal_data", "erase", "an@example.org", "--yes", stdout=io.StringIO())

    out = io.StringIO()
    call_command("personal_data", "export", "an@example.org", stdout=out)
    assert not any(json.loads(out.getvalue()).values())  # nothing of Anna is left
    assert not ContactMessage.objects.filter(form_data__icontains="Groet van Anna").exists()
    assert not any("Anna" in m.body for m in OutgoingEmail.objects.all())

    assert ContactMessage.objects.filter(sender_email="jan@example.org").count() == 1
    assert StorySubmission.objects.filter(contact__email="jan@example.org").count() == 1
    assert Registration.objects.filter(email="jan@example.org").count() == 1
    assert set(OutgoingEmail.objects.values_list("pk", flat=True)) >= jans_mail


def test_withdrawing_a_story_erases_wagtails_notices_about_its_page(editors_address):
    moderator = get_user_model().objects.create_superuser("moderator", "mod@example.org", "x")
    submission = share_story()
    page = Page.objects.get(pk=submission.page_id)
    # Wagtail's own mail about the page (e.g. a moderation notice) names it by its admin link.
    with TestCase.captureOnCommitCallbacks(execute=True):
        send_mail("Ter beoordeling", f"Zie /admin/pages/{page.pk}/edit/", None, [moderator.email])
    assert mail_about(page).count() >= 1  # and Wagtail's own moderation notices

    withdraw(submission)
    assert mail_about(page).count() == 0
    assert not OutgoingEmail.objects.filter(to=["schrijver@example.org"]).exists()


def test_approving_the_last_step_says_published_in_one_message(rf, admin_user, editors_address):
    submission = share_story()
    page = submission.page
    state = page.current_workflow_task_state
    page.current_workflow_task.on_action(state, admin_user, "approve")
    request = rf.post("/admin/pages/edit/", {"workflow-action-name": "approve"})
    request.session = {}
    request._messages = FallbackStorage(request)
    messages.success(request, f"Pagina '{page.title}' is gewijzigd.")  # Wagtail's words

    for hook in hooks.get_hooks("after_edit_page"):
        hook(request, page)

    # What the next page shows: the messages still queued (those read are dropped).
    said = [str(m) for m in request._messages._queued_messages]
    assert said == [f"'{page.title}' is goedgekeurd en staat op de site."]


def test_a_link_to_something_gone_says_why_in_the_admin(admin_client):
    """A link in an older mail (a withdrawn story's page, a deleted message) opens Wagtail's
    "not found": it says in Dutch what may have happened, not "Error 404"."""
    for path in ("/admin/pages/987654/edit/", "/admin/contactberichten/inspect/987654/"):
        response = admin_client.get(path)
        assert response.status_code == 404
        content = response.content.decode()
        assert "Dit bestaat niet (meer)" in content, path
        assert "een ingestuurd verhaal ingetrokken" in content
        assert "Error 404" not in content and "Wagtail admin" not in content
