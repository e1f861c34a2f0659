"""The agenda in the visitor's language: a translated event shows (and counts sign-ups
against) the original's dates; the sign-up pages, the person's mails and calendar files
are in the language of the page they used; the editors read Dutch, with the language
named."""

import datetime
import re

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield
from wagtail_localize.models import Translation
from wagtail_localize.operations import translate_object

from website.agenda.factories import add_date
from website.agenda.models import EventDate, Registration
from website.agenda.tests.signups import VALID, calendar_attachments, signup_form
from website.agenda.tests.test_changes import publish_change
from website.agenda.tests.test_listing import count_queries
from website.seed.translations import translate_page
from website.testing.utils import find_all, find_one, text
from website.tests.test_languages import dutch_chrome_texts, text_outside_dutch_parts

pytestmark = pytest.mark.django_db

ENGLISH_TITLE = "Alliance Day Beilen"


def translate(page, code, title):
    """Translate `page` into `code` as an editor does with wagtail-localize (its parents
    come along): `title` is the translated title, every other text stays the Dutch one.
    Translating again brings the translation up to date with its changed original."""
    translated, _missing = translate_page(page, code, {page.title: title})
    return translated.specific


def test_a_translated_event_shows_the_originals_dates_and_keeps_none(client, open_date):
    page = open_date.page
    english = translate(page, "en", ENGLISH_TITLE)
    assert english.url.startswith("/en/")
    assert not EventDate.objects.filter(page=english).exists()

    # The original gets a second date: synchronising the translation copies no dates
    # (a copy would clash with the originals' calendar UIDs and split the places).
    second = add_date(page, days=30, registration_open=True, city="Zwolle")
    translate(page, "en", ENGLISH_TITLE)
    assert not EventDate.objects.filter(page=english).exists()

    response = client.get(english.url)
    main = find_one(response, "main")
    assert text(find_one(main, "h2", id="dates-title")) == "Dates and places"
    dates = find_all(main, "li", class_="event-date")
    assert [d.get("id") for d in dates] == [f"datum-{open_date.pk}", f"datum-{second.pk}"]
    with translation.override("en"):
        when = open_date.when_text
    assert text(find_one(dates[0], "p", class_="event-date__when")) == when
    # "Monday 21 December 2026": the weekday first, as in Dutch.
    assert re.match(r"^[A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4}$", when)
    assert "2 places left." in text(dates[0])
    buttons = [a for a in find_all(main, "a", class_="button")]
    assert buttons[0].get("href") == f"{english.url}aanmelden/{open_date.pk}/"
    assert text(buttons[0]).startswith("Sign up")
    assert "Meld je aan" not in text(main) and "plaatsen vrij" not in text(main)

    # One event in every calendar: the same UID in the English and the Dutch file.
    english_calendar = Calendar.from_ical(client.get(f"{english.url}ical/").content)
    dutch_calendar = Calendar.from_ical(client.get(f"{page.url}ical/").content)
    english_events = english_calendar.walk("VEVENT")
    assert [str(e["uid"]) for e in english_events] == [
        str(e["uid"]) for e in dutch_calendar.walk("VEVENT")
    ]
    assert str(english_events[0]["summary"]) == ENGLISH_TITLE
    assert str(english_events[0]["url"]).endswith(english.url)


def test_a_sign_up_on_the_english_page_counts_once_and_is_answered_in_english(
    client, open_date, editors_address, mailoutbox
):
    page = open_date.page
    english = translate(page, "en", ENGLISH_TITLE)
    form_url = f"{english.url}aanmelden/{open_date.pk}/"
    form = signup_form(client.get(form_url))
    assert "Your name" in text(form) and "Send your sign-up" in text(form)
    refused = client.post(form_url, VALID | {"email": "geen-adres"})
    assert "Enter an e-mail address like name@example.com." in text(find_one(refused, "main"))

    with TestCase.captureOnCommitCallbacks(execute=True):
        done = client.post(form_url, VALID | {"name": "Olena Kovalenko"})
    assert done.status_code == 302 and done["Location"].startswith(english.url)
    thanks = client.get(done["Location"])
    assert text(find_one(thanks, "h1")) == "You are signed up"

    registration = Registration.objects.get()
    assert registration.event_date_id == open_date.pk and registration.language == "en"
    # The admin keeps the Dutch title and time: the editors read Dutch.
    assert registration.event_title == page.title
    with translation.override("nl"):
        assert registration.event_when == open_date.when_text
    # One place is taken, on the Dutch page too.
    assert "Nog 1 plaats vrij." in text(find_one(client.get(page.url), "main"))
    assert "1 place left." in text(find_one(client.get(english.url), "main"))

    (mail,) = [m for m in mailoutbox if m.to == [VALID["email"]]]
    assert mail.subject == f"You are signed up: {ENGLISH_TITLE}"
    assert mail.body.startswith("Dear Olena Kovalenko,")
    assert "Thank you for signing up. You are signed up for:" in mail.body
    assert f"{ENGLISH_TITLE}\n" in mail.body and "Dorpshuis" in mail.body
    assert "Bedankt" not in mail.body and "Beste" not in mail.body
    cancel = re.search(r"http://testserver(/\S+/afmelden/\S+/)", mail.body)[1]
    assert cancel.startswith("/en/")
    (attachment,) = calendar_attachments(mail)
    (event,) = Calendar.from_ical(attachment.get_content().encode()).walk("VEVENT")
    assert str(event["summary"]).startswith(ENGLISH_TITLE)

    (notice,) = [m for m in mailoutbox if m.to == [editors_address]]
    assert notice.subject == f"Nieuwe aanmelding: {page.title}"
    assert "Taal: Engels" in notice.body and "Stand: Aangemeld" in notice.body

    confirm_page = client.get(cancel)
    assert text(find_one(confirm_page, "h1")) == "Do you want to cancel your sign-up?"
    assert ENGLISH_TITLE in text(find_one(confirm_page, "p", class_="lead"))
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(cancel, follow=True)
    assert Registration.objects.get().status == Registration.Status.CANCELLED
    assert "Nog 2 plaatsen vrij." in text(find_one(client.get(page.url), "main"))


def test_a_change_reaches_each_person_in_their_own_language(client, open_date, mailoutbox):
    page = open_date.page
    english = translate(page, "en", ENGLISH_TITLE)
    arabic = translate(page, "ar", "يوم التحالف في بيلن")
    for url, email in [  # two places: the last one is on the waiting list
        (arabic.url, "samira@example.org"),
        (english.url, "olena@example.org"),
        (page.url, "anna@example.org"),
    ]:
        with TestCase.captureOnCommitCallbacks(execute=True):
            client.post(f"{url}aanmelden/{open_date.pk}/", VALID | {"email": email})
    assert sorted(Registration.objects.values_list("language", flat=True)) == ["ar", "en", "nl"]
    sent_before = len(mailoutbox)

    publish_change(open_date, start_time=datetime.time(14, 0))

    told = {m.to[0]: m for m in mailoutbox[sent_before:]}
    assert told["anna@example.org"].subject == f"Gewijzigd: {page.title}"
    assert "14.00 uur" in told["anna@example.org"].body
    assert "Je staat nog op de wachtlijst." in told["anna@example.org"].body
    assert told["olena@example.org"].subject == f"Changed: {ENGLISH_TITLE}"
    assert "Now: " in told["olena@example.org"].body and "14:00" in told["olena@example.org"].body
    arabic_mail = told["samira@example.org"]
    assert arabic_mail.subject == "تغيير: يوم التحالف في بيلن"
    assert "/ar/" in arabic_mail.body
    (attachment,) = calendar_attachments(arabic_mail)
    (event,) = Calendar.from_ical(attachment.get_content().encode()).walk("VEVENT")
    assert str(event["summary"]).startswith("يوم التحالف في بيلن")
    # The admin's copy of when it is stays Dutch.
    assert all(r.event_when.endswith("uur") for r in Registration.objects.all())


def test_a_translated_agenda_lists_the_originals_dates_in_its_language(client, agenda, make_event):
    translated = make_event(title="Alliantiedag Beilen", days=5)
    make_event(title="Bijeenkomst in Zwolle", days=6)
    english = translate(translated, "en", ENGLISH_TITLE)
    english_agenda = english.get_parent().specific
    assert english_agenda.url == "/en/agenda/"

    response = client.get(english_agenda.url)
    main = find_one(response, "main")
    titles = find_all(main, "h3", class_="event-item__title")
    assert [text(t) for t in titles] == [ENGLISH_TITLE, "Bijeenkomst in Zwolle"]
    assert titles[0].get("lang") is None
    assert (titles[1].get("lang"), titles[1].get("dir")) == ("nl", "ltr")
    assert find_one(titles[0], "a").get("href").startswith(english.url)
    assert "This is only available in Dutch." in text(main)
    assert "2 activities." in text(main)
    assert "Zoek in de agenda" not in text(main) and "Meer uit de agenda" not in text(main)

    # The English calendar feed: the translated title where there is one.
    feed = Calendar.from_ical(client.get(f"{english_agenda.url}ical/").content)
    assert sorted(str(e["summary"]).split(" – ")[0] for e in feed.walk("VEVENT")) == [
        ENGLISH_TITLE,
        "Bijeenkomst in Zwolle",
    ]

    # The Dutch agenda is as it was.
    dutch = find_all(find_one(client.get(agenda.url), "main"), "h3", class_="event-item__title")
    assert [text(t) for t in dutch] == ["Alliantiedag Beilen", "Bijeenkomst in Zwolle"]
    assert all(t.get("lang") is None for t in dutch)


def test_a_translated_agendas_query_count_does_not_grow_with_its_events(client, make_event):
    english_agenda = translate(make_event(days=1), "en", "One").get_parent()
    make_event(days=2)
    few = count_queries(client, english_agenda.url)
    for day in range(8):
        event = make_event(days=day + 3, dates=[{"days": day + 3}, {"days": day + 4}])
        if day % 2:
            translate(event, "en", f"Event {day}")
    many = count_queries(client, english_agenda.url)
    assert many == few


@pytest.mark.parametrize("code", ["en", "ar"])
def test_no_dutch_words_in_the_chrome_of_a_translated_agenda(client, open_date, code):
    """The agenda, the event, the sign-up form (empty, with errors, done) and the cancel
    page say nothing in Dutch outside the parts marked lang="nl"."""
    page = open_date.page
    translate(page.get_parent(), code, "Agenda")
    translated = translate(page, code, ENGLISH_TITLE)
    form_url = f"{translated.url}aanmelden/{open_date.pk}/"
    with TestCase.captureOnCommitCallbacks(execute=True):
        done = client.post(form_url, VALID)
    registration = Registration.objects.get()
    pages = {
        "agenda": client.get(translated.get_parent().url),
        "event": client.get(translated.url),
        "form": client.get(form_url),
        "errors": client.post(form_url, VALID | {"name": "", "needs_consent": ""}),
        "done": client.get(done["Location"]),
        "cancel": client.get(f"{translated.get_parent().url}afmelden/klaar/"),
    }
    assert registration.language == code
    for name, response in pages.items():
        shown = text_outside_dutch_parts(find_one(response, "html"))
        found = [dutch for dutch in dutch_chrome_texts(code) if dutch in shown]
        assert found == [], name


def edit_form(page, dates):
    """The event editor's form as sent, with `dates` ([{field: value}]) as its dates."""
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "introduction": page.introduction,
            "kind": page.kind,
            "dates": inline_formset(dates),
            "body": streamfield([]),
            "themes": [],
            "action-publish": "action-publish",
        }
    )


def test_a_translated_event_edited_by_hand_keeps_the_originals_dates(admin_client, open_date):
    """wagtail-localize's "edit by hand" opens the normal editor: a translation saves with
    no dates of its own, and one added there (it would be shown nowhere) is refused with
    where to add it; the Dutch event still needs one."""
    english = translate(open_date.page, "en", ENGLISH_TITLE)
    # "Handmatig bewerken": wagtail-localize stops its editor for this translation.
    Translation.objects.filter(target_locale=english.locale).update(enabled=False)
    edit_url = reverse("wagtailadmin_pages:edit", args=[english.pk])
    assert admin_client.get(edit_url).status_code == 200

    saved = admin_client.post(edit_url, edit_form(english, []))
    assert saved.status_code == 302
    assert not EventDate.objects.filter(page=english).exists()

    date = {"start_date": "2027-05-01", "status": "gepland", "attendance": "op-locatie"}
    refused = admin_client.post(edit_url, edit_form(english, [date]))
    assert refused.status_code == 200
    assert "Voeg data daar toe" in refused.content.decode()
    assert not EventDate.objects.filter(page=english).exists()

    dutch_url = reverse("wagtailadmin_pages:edit", args=[open_date.page_id])
    without_dates = admin_client.post(dutch_url, edit_form(open_date.page, []))
    assert without_dates.status_code == 200  # the original needs a date
    assert EventDate.objects.filter(page_id=open_date.page_id).count() == 1


def test_a_translation_goes_with_its_unpublished_dutch_event(client, open_date):
    """Its dates and their sign-ups belong to the Dutch event: unpublished, the English
    page, its sign-up form and its calendar file are gone too, and nobody signs up."""
    english = translate(open_date.page, "en", ENGLISH_TITLE)
    form_url = f"{english.url}aanmelden/{open_date.pk}/"
    assert client.get(english.url).status_code == 200
    open_date.page.unpublish()
    assert client.get(english.url).status_code == 404
    assert client.get(f"{english.url}ical/").status_code == 404
    assert client.post(form_url, VALID).status_code == 404
    assert not Registration.objects.exists()


def test_translating_makes_a_draft_until_the_translator_publishes(admin_client, open_date):
    """ "Vertaal deze pagina" (wagtail-localize) makes a draft: published at once, the
    Dutch text would stand under /en/ as if it were English."""
    english_locale, _ = Locale.objects.get_or_create(language_code="en")
    translate_object(open_date.page, [english_locale])
    english = open_date.page.get_translation(english_locale)
    assert not english.live
    assert admin_client.get(english.url or f"/en/agenda/{english.slug}/").status_code == 404


def test_the_waiting_lists_cancel_page_says_waiting(client, open_date, mailoutbox):
    for address in ["een@example.org", "twee@example.org", "drie@example.org"]:
        with TestCase.captureOnCommitCallbacks(execute=True):
            client.post(
                f"{open_date.page.url}aanmelden/{open_date.pk}/", VALID | {"email": address}
            )
    (mail,) = [m for m in mailoutbox if m.to == ["drie@example.org"]]
    link = re.search(r"http://testserver(/\S+/afmelden/\S+/)", mail.body)[1]
    lead = text(find_one(client.get(link), "p", class_="lead"))
    assert lead.startswith("Je staat op de wachtlijst voor Alliantiedag Beilen op ")


def test_the_english_home_page_shows_coming_events_in_english_where_translated(
    client, home_page, make_event
):
    translated = make_event(title="Alliantiedag Beilen", days=5)
    make_event(title="Bijeenkomst in Zwolle", days=6)
    english = translate(translated, "en", ENGLISH_TITLE)
    english_home = english.get_parent().get_parent()
    section = find_one(client.get(english_home.url), "section", aria_labelledby="home-agenda")
    titles = find_all(section, "h3", class_="event-item__title")
    assert [text(t) for t in titles] == [ENGLISH_TITLE, "Bijeenkomst in Zwolle"]
    assert [t.get("lang") for t in titles] == [None, "nl"]
    assert find_one(titles[0], "a").get("href").startswith(english.url)
    assert text(section).count("This is only available in Dutch.") == 1
    more = [a for a in find_all(section, "a") if text(a) == "See the whole agenda"]
    assert more and more[0].get("href") == english.get_parent().url
