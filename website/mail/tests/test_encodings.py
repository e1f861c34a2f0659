"""What a real mail server receives (aiosmtpd, through Django's SMTP backend as in
production), as bytes, for every kind of mail the site sends: lines within RFC 5322's 998,
quoted-printable lines within RFC 2045's 76, encoded-words within RFC 2047's 75, and
List-Unsubscribe whole on one line so one-click unsubscribe works (RFC 8058)."""

import email
import email.policy
import re

import pytest
from django.test import TestCase

from website.agenda.tests.signups import post as sign_up_for
from website.mail.outbox import queue_email
from website.newsletter.models import NewsletterIndexPage, NewsletterPage, Subscriber
from website.newsletter.sending import start_sending
from website.pages.models import ContactPage

pytestmark = pytest.mark.django_db

ENCODED_WORD = re.compile(rb"=\?[^?\s]+\?[QqBb]\?[^?\s]*\?=")
LONG_SUBJECTS = [
    "Nieuwsbrief december: één overzicht van álle bijeenkomsten, acties en verhalen uit Fryslân",
    "Aanmelding ontvangen voor ‘Alliantiedag’ – café De Zoeë in ’s-Hertogenbosch, 13.00–17.00 uur",
    "Українська сторінка: допомога з боргами та бідністю в Нідерландах для біженців",
    "مساعدة في الديون والفقر في هولندا: معلومات للاجئين والعائلات ذات الدخل المنخفض",
    "Zonder accenten maar erg lang: " + " ".join(["armoede en schulden"] * 6),
]
LONG_LINE = ("Één regel uit Word zonder regeleinde, met café, reünie en ’t Hart. " * 30).strip()


def received(server):
    return [bytes(raw) for raw in server.messages]


def assert_within_the_limits(raw):
    """Every rule a strict receiver checks, on the raw bytes of one mail."""
    lines = raw.split(b"\r\n")
    assert all(len(line) <= 998 for line in lines)
    header, _, body = raw.partition(b"\r\n\r\n")
    for word in ENCODED_WORD.findall(header):
        assert len(word) <= 75, word
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    for part in parsed.walk():
        if part.get("Content-Transfer-Encoding", "").lower() == "quoted-printable":
            encoded = part.get_payload(decode=False).split("\n")
            assert all(len(line.rstrip("\r")) <= 76 for line in encoded), max(map(len, encoded))
    unsubscribe = [line for line in lines if line.lower().startswith(b"list-unsubscribe:")]
    if unsubscribe:
        (line,) = unsubscribe
        following = lines[lines.index(line) + 1]
        assert not following[:1].isspace()  # not folded onto a next line
        assert b"=?" not in line and re.fullmatch(rb"List-Unsubscribe: <https?://\S+>", line)
    return parsed


@pytest.mark.parametrize("subject", LONG_SUBJECTS)
def test_long_subjects_and_lines_arrive_encoded_within_the_limits(mail_server, subject):
    mail_server.up()
    with TestCase.captureOnCommitCallbacks(execute=True):
        queue_email(
            "lezer@example.org", subject, LONG_LINE + "\n\nGroet.", html_body=f"<p>{LONG_LINE}</p>"
        )
    (raw,) = received(mail_server)
    parsed = assert_within_the_limits(raw)
    assert parsed["Subject"] == subject
    assert parsed.get_body(("plain",)).get_content().startswith(LONG_LINE)
    assert LONG_LINE in parsed.get_body(("html",)).get_content()


def test_the_newsletter_keeps_one_click_unsubscribe_whole(seeded, mail_server):
    mail_server.up()
    page = NewsletterPage(
        title="Nieuwsbrief december: één overzicht van álle acties in Fryslân en Curaçao",
        slug="december",
        introduction=LONG_LINE,
        live=False,
    )
    NewsletterIndexPage.objects.get().add_child(instance=page)
    page.save_revision()
    for address in ["lezer@example.org", "jan@xn--mller-kva.example"]:
        Subscriber.objects.create(email=address, status="aangemeld")
    with TestCase.captureOnCommitCallbacks(execute=True):
        start_sending(page)
    mails = received(mail_server)
    assert len(mails) == 2
    for raw in mails:
        parsed = assert_within_the_limits(raw)
        assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        link = str(parsed["List-Unsubscribe"]).strip("<>")
        assert link in parsed.get_body(("plain",)).get_content()
        assert parsed["Subject"].endswith(page.title)


def test_a_sign_up_confirmation_with_its_calendar_arrives_within_the_limits(
    client, open_date, mail_server
):
    mail_server.up()
    sign_up_for(client, open_date, email="Fatima@Müller.example", name="Fatima ’t Hart-Çelik")
    for raw in received(mail_server):
        parsed = assert_within_the_limits(raw)
        assert all(b"=?" not in line for line in raw.split(b"\r\n") if line.startswith(b"To:"))
    (visitor_mail,) = [
        raw
        for raw, to in zip(received(mail_server), mail_server.recipients, strict=True)
        if to == ["fatima@xn--mller-kva.example"]
    ]
    parsed = email.message_from_bytes(visitor_mail, policy=email.policy.default)
    assert any(part.get_content_type() == "text/calendar" for part in parsed.iter_attachments())


def test_a_contact_message_and_a_newsletter_confirmation_arrive_within_the_limits(
    client, seeded, editors_address, mail_server
):
    mail_server.up()
    page = ContactPage.objects.get(locale__language_code="nl")
    data = {}
    for field in page.form_fields.all():
        data[field.clean_name] = {
            "email": "Fatima@Müller.example",
            "multiline": LONG_LINE[:1200] + "\n\n" + "Українською: допомога з боргами. " * 10,
        }.get(field.field_type, "Fatima ’t Hart-Çelik")
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert client.post(page.url, data).status_code == 302
        client.post("/nieuwsbrief/aanmelden/", {"email": "Zoe@Müller.example"})
    mails = received(mail_server)
    assert len(mails) == 2
    for raw in mails:
        assert_within_the_limits(raw)
    (notice,) = [
        email.message_from_bytes(raw, policy=email.policy.default)
        for raw, to in zip(mails, mail_server.recipients, strict=True)
        if to == [editors_address]
    ]
    assert notice["Reply-To"] == "fatima@xn--mller-kva.example"
    assert "допомога з боргами" in notice.get_body(("plain",)).get_content()
