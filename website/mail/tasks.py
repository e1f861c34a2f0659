"""Delivering the outbox: each stored mail is sent by a task, retried with a back-off, and
never sent twice."""

import base64
import email.policy
import logging
from datetime import timedelta
from email.message import MIMEPart

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import transaction
from django.db.models import Q
from django.tasks import task, task_backends
from django.utils import timezone

from .models import OutgoingEmail

logger = logging.getLogger(__name__)


def retry_delay(attempts):
    """Back off: 1, 2, 4, ... minutes, at most six hours between tries."""
    return timedelta(minutes=min(2 ** (attempts - 1), 360))


DELIVERY_MAILER = "delivery"


# Headers a mail program reads as one piece (RFC 2369, RFC 8058): Python would fold a long
# one, and split a long word (the unsubscribe address) into RFC 2047 encoded-words, which mail
# programs do not decode there, so Gmail's and Yahoo's one-click unsubscribe would break.
WHOLE_HEADERS = {"list-unsubscribe", "list-unsubscribe-post"}
MAX_LINE = 998  # RFC 5322 §2.1.1: the longest line a mail may have
# 76: a quoted-printable line (RFC 2045 §6.7, SpamAssassin's MIME_QP_LONG_LINE), and an
# encoded-word on a folded header line stays within RFC 2047's 75.
MAX_ENCODED_LINE = 76


class OutboxPolicy(email.policy.EmailPolicy):
    """How every outgoing mail is written, whatever the backend asks for (Django's SMTP
    backend asks `email.policy.SMTP`, the console and memory backends the default): bodies
    and headers encoded within MAX_ENCODED_LINE, the WHOLE_HEADERS on one line of their own."""

    def fold(self, name, value):
        return self._whole(name, value) or super().fold(name, value)

    def fold_binary(self, name, value):
        whole = self._whole(name, value)
        return whole.encode("ascii") if whole else super().fold_binary(name, value)

    def _whole(self, name, value):
        line = f"{name}: {value}"
        if name.lower() in WHOLE_HEADERS and line.isascii() and len(line) <= MAX_LINE:
            return line + self.linesep
        return None


OUTBOX_POLICY = OutboxPolicy(max_line_length=MAX_ENCODED_LINE)


class OutboxMessage(EmailMultiAlternatives):
    def message(self, *, policy=email.policy.default):
        """The message in OUTBOX_POLICY, keeping only the caller's line ends (SMTP's CRLF)
        and whether it may put UTF-8 in headers (SMTPUTF8)."""
        return super().message(policy=OUTBOX_POLICY.clone(linesep=policy.linesep, utf8=policy.utf8))


def _build_message(outgoing):
    message = OutboxMessage(
        subject=outgoing.subject,
        body=outgoing.body,
        from_email=outgoing.from_email or settings.DEFAULT_FROM_EMAIL,
        to=outgoing.to,
        cc=outgoing.cc or None,
        bcc=outgoing.bcc or None,
        reply_to=outgoing.reply_to or None,
        headers=outgoing.headers or None,
    )
    if outgoing.html_body:
        message.attach_alternative(outgoing.html_body, "text/html")
    for attachment in outgoing.attachments:
        message.attach(
            attachment_part(
                attachment["filename"],
                base64.b64decode(attachment["content_base64"]),
                attachment["mimetype"],
            )
        )
    return message


def attachment_part(filename, content, mimetype):
    """A MIME part for an attachment; parameters of its type are kept, e.g. "text/calendar;
    method=PUBLISH" (Django's attach() keeps only type/subtype). Text is sent as UTF-8."""
    content_type, *parameters = (part.strip() for part in mimetype.split(";"))
    maintype, subtype = (content_type or "application/octet-stream").split("/", 1)
    params = dict(param.split("=", 1) for param in parameters if "=" in param)
    part = MIMEPart()
    if maintype == "text":
        part.set_content(
            content.decode("utf-8", "replace"), subtype=subtype, charset="utf-8", params=params
        )
    else:
        part.set_content(content, maintype=maintype, subtype=subtype, params=params)
    part.add_header("Content-Disposition", "attachment", filename=filename)
    return part


def deliver(outgoing_id, *, keep_retrying=False):
    """Try to send one stored e-mail once, if it is due. Returns its status afterwards.

    Never twice: the message is marked "sending" (and that committed) before the mail
    server is asked, and marked sent or failed after. A worker that dies in between leaves
    it "sending"; `retry_due_emails` later marks such a message failed with a note that it
    may or may not have arrived, for an editor to look at ("Opnieuw proberen"), rather than
    send it again unasked.

    Only the task chain that started with the message (`keep_retrying=True`) schedules
    the next try, so sweeps and retries never multiply into parallel chains.
    """
    with transaction.atomic():
        outgoing = OutgoingEmail.objects.select_for_update().filter(pk=outgoing_id).first()
        if outgoing is None or outgoing.status != OutgoingEmail.Status.PENDING:
            return outgoing.status if outgoing else None
        if outgoing.next_attempt_at and outgoing.next_attempt_at > timezone.now():
            # Not due yet (a sweep or an earlier try moved it): wait for its time.
            if keep_retrying:
                transaction.on_commit(lambda: _schedule_retry(outgoing))
            return outgoing.status
        outgoing.attempts += 1
        outgoing.status = OutgoingEmail.Status.SENDING
        outgoing.next_attempt_at = timezone.now()  # when this attempt started
        outgoing.save(update_fields=["attempts", "status", "next_attempt_at"])
    try:
        mailers[DELIVERY_MAILER].send_messages([_build_message(outgoing)])
    except Exception as error:  # noqa: BLE001 - any delivery failure means: try later
        outgoing.last_error = f"{type(error).__name__}: {error}"[:2000]
        if outgoing.attempts >= settings.EMAIL_MAX_ATTEMPTS:
            outgoing.status = OutgoingEmail.Status.FAILED
            outgoing.next_attempt_at = None
            logger.error("E-mail %s failed for good: %s", outgoing.pk, outgoing.last_error)
        else:
            outgoing.status = OutgoingEmail.Status.PENDING
            outgoing.next_attempt_at = timezone.now() + retry_delay(outgoing.attempts)
            logger.warning(
                "E-mail %s not sent (attempt %s), retry at %s: %s",
                outgoing.pk,
                outgoing.attempts,
                outgoing.next_attempt_at,
                outgoing.last_error,
            )
    else:
        outgoing.status = OutgoingEmail.Status.SENT
        outgoing.sent_at = timezone.now()
        outgoing.next_attempt_at = None
        outgoing.last_error = ""
    # update(), not save(): the message may have been erased meanwhile (privacy).
    OutgoingEmail.objects.filter(pk=outgoing.pk).update(
        status=outgoing.status,
        sent_at=outgoing.sent_at,
        next_attempt_at=outgoing.next_attempt_at,
        last_error=outgoing.last_error,
    )
    if keep_retrying and outgoing.status == OutgoingEmail.Status.PENDING:
        _schedule_retry(outgoing)
    return outgoing.status


INTERRUPTED = (
    "De verzending werd onderbroken (de server viel uit). Misschien is de e-mail "
    "aangekomen, misschien niet. Kijk het na; 'Opnieuw proberen' stuurt hem nog een keer."
)


def mark_interrupted(now=None):
    """Messages left "sending" longer than EMAIL_TIMEOUT plus a margin by a worker that
    died: failed, with a note (see `deliver`). How many."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.EMAIL_SENDING_STALE_SECONDS)
    return OutgoingEmail.objects.filter(
        status=OutgoingEmail.Status.SENDING, next_attempt_at__lt=cutoff
    ).update(status=OutgoingEmail.Status.FAILED, next_attempt_at=None, last_error=INTERRUPTED)


def _schedule_retry(outgoing):
    # A queue that can run tasks later gets a deferred retry; otherwise the periodic
    # retry_due_emails sweep picks the message up.
    if task_backends[send_queued_email.backend].supports_defer:
        send_queued_email.using(run_after=outgoing.next_attempt_at).enqueue(outgoing.pk)


# Mail goes before the background work waiting in the queue: after a big import or the seed,
# thousands of search and reference index updates wait, and a visitor's confirmation must not
# wait behind them (the database queue takes the highest priority first).
MAIL_PRIORITY = 50


@task(priority=MAIL_PRIORITY)
def send_queued_email(outgoing_id):
    return deliver(outgoing_id, keep_retrying=True)


@task
def retry_due_emails():
    """Send every pending e-mail whose retry time has come (or that was never tried), after
    marking messages a dead worker left half-sent (`mark_interrupted`)."""
    mark_interrupted()
    due = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.PENDING).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=timezone.now())
    )
    return {str(pk): deliver(pk) for pk in due.values_list("pk", flat=True)}
