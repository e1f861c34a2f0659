"""Sending a newsletter to every confirmed subscriber, through the task queue.

- `start_sending(page, user)`: once per newsletter (the page row is locked and `sent_at`
  checked). Publishes the latest draft with `sent_at` (the web version is public from then
  on), makes one `Delivery` per confirmed subscriber and starts the first batch.
- `send_batch(page_id)` (task): puts the mails of up to NEWSLETTER_MAILS_PER_MINUTE waiting
  deliveries in the outbox (core.email), each with its own unsubscribe link in the text and
  in `List-Unsubscribe` (RFC 2369) with `List-Unsubscribe-Post: List-Unsubscribe=One-Click`
  (RFC 8058), and marks them in the same transaction; then schedules the next batch a
  NEWSLETTER_BATCH_SECONDS later. The outbox delivers each mail once, with retries, and
  never twice (mail.tasks.deliver).
- `resume_sending` (periodic): a worker that died between batches left deliveries waiting
  and no next batch; this starts one again.
"""

import datetime

from django.conf import settings
from django.db import models, transaction
from django.tasks import task, task_backends
from django.utils import timezone

from website.mail.outbox import queue_email, site_sender

from .mailing import render_mail, sections
from .models import Delivery, NewsletterPage, Subscriber
from .subscriptions import unsubscribe_link

# Rendered once per batch with this in place of the unsubscribe link, then filled in per
# subscriber.
UNSUBSCRIBE_PLACEHOLDER = "https://afmelden.invalid/placeholder"


def start_sending(page, user=None):
    """Start sending `page` (a NewsletterPage); False when it was sent before."""
    with transaction.atomic():
        locked = NewsletterPage.objects.select_for_update().get(pk=page.pk)
        if locked.sent_at:
            return False
        latest = locked.get_latest_revision_as_object()
        # Sent, and what was sent, are facts kept on the page row itself (versions do not
        # change them, NewsletterPage.with_content_json): set them before publishing.
        now = timezone.now()
        snapshot = sections(latest, latest.get_site())
        NewsletterPage.objects.filter(pk=page.pk).update(sent_at=now, sent_sections=snapshot)
        latest.sent_at, latest.sent_sections = now, snapshot
        # Sending is how a newsletter is published (models.NewsletterPermissionTester): the
        # caller checked `can_send`.
        latest.save_revision(user=user, log_action=False).publish(
            user=user, skip_permission_checks=True
        )
        confirmed = Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED)
        Delivery.objects.bulk_create(
            [Delivery(newsletter_id=page.pk, subscriber=s) for s in confirmed],
            ignore_conflicts=True,
        )
        transaction.on_commit(lambda: send_batch.enqueue(page.pk))
    return True


def unsubscribe_headers(link):
    return {"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def queue_batch(page_id):
    """Put the next batch's mails in the outbox; how many deliveries still wait after it."""
    with transaction.atomic():
        batch = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(newsletter_id=page_id, queued_at__isnull=True)
            .select_related("subscriber")
            .order_by("pk")[: settings.NEWSLETTER_MAILS_PER_MINUTE]
        )
        if batch:
            page = NewsletterPage.objects.get(pk=page_id)
            site = page.get_site()
            mail = render_mail(page, site, unsubscribe_url=UNSUBSCRIBE_PLACEHOLDER)
            sender = site_sender(site)
            now = timezone.now()
            for delivery in batch:
                link = unsubscribe_link(delivery.subscriber, site)
                delivery.email = queue_email(
                    delivery.subscriber.email,
                    mail.subject,
                    mail.text.replace(UNSUBSCRIBE_PLACEHOLDER, link),
                    html_body=mail.html.replace(UNSUBSCRIBE_PLACEHOLDER, link),
                    headers=unsubscribe_headers(link),
                    regarding=delivery.subscriber,
                    from_email=sender,
                )
                delivery.queued_at = now
            Delivery.objects.bulk_update(batch, ["email", "queued_at"])
    return Delivery.objects.filter(newsletter_id=page_id, queued_at__isnull=True).count()


@task
def send_batch(page_id):
    waiting = queue_batch(page_id)
    if waiting:
        if task_backends[send_batch.backend].supports_defer:
            pause = datetime.timedelta(seconds=settings.NEWSLETTER_BATCH_SECONDS)
            send_batch.using(run_after=timezone.now() + pause).enqueue(page_id)
        else:
            send_batch.enqueue(page_id)
    return waiting


@task
def resume_sending():
    """Start a batch for every newsletter with waiting deliveries and none queued lately."""
    recent = timezone.now() - datetime.timedelta(seconds=settings.NEWSLETTER_RESUME_AFTER_SECONDS)
    stalled = (
        Delivery.objects.filter(queued_at__isnull=True)
        .exclude(newsletter__deliveries__queued_at__gte=recent)
        .values_list("newsletter_id", flat=True)
        .distinct()
    )
    pages = list(stalled)
    for page_id in pages:
        send_batch.enqueue(page_id)
    return pages


def progress(page):
    """{"total", "waiting" (not yet in the outbox), "sent", "pending" (in the outbox),
    "failed"} for `page`."""
    deliveries = Delivery.objects.filter(newsletter=page)
    statuses = dict(
        deliveries.filter(email__isnull=False)
        .values_list("email__status")
        .annotate(count=models.Count("pk"))
        .values_list("email__status", "count")
    )
    return {
        "total": deliveries.count(),
        "waiting": deliveries.filter(queued_at__isnull=True).count(),
        "sent": statuses.get("sent", 0),
        "pending": statuses.get("pending", 0) + statuses.get("sending", 0),
        "failed": statuses.get("failed", 0),
    }
