"""One mail to the editors each time a page waits for their review.

A task of a workflow starting (a contributor's "Indienen", a resubmission after a change was
asked, the next step of a longer workflow) queues one mail to the editors' address
(mail.recipients.editor_recipients) with the page's review link. Wagtail's own mails for this
are switched off (admin_app). A review started by the site itself for a visitor (no
requesting user: a shared story) is told by the app that started it, in its own words
(stories.submissions.notify_editors).
"""

import json

from django.contrib import messages
from django.dispatch import receiver
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.timezone import localtime
from wagtail.admin.utils import get_user_display_name
from wagtail.models import Page, Site, TaskState, WorkflowState
from wagtail.signals import task_submitted

from website.core.addresses import site_address
from website.mail.outbox import queue_templated_email
from website.mail.recipients import editor_recipients


def submitter_description(page, user):
    """Who sent it, as the editors know them: "Fatima Yilmaz (Voedselbank Zwolle)"."""
    name = get_user_display_name(user) if user else ""
    organisation = getattr(getattr(page, "contributed_by", None), "name", "")
    if name and organisation:
        return f"{name} ({organisation})"
    return name or organisation or "Iemand"


@receiver(task_submitted, sender=TaskState, dispatch_uid="editors_review_mail")
def tell_editors(sender, instance, user=None, **kwargs):
    workflow_state = instance.workflow_state
    if workflow_state.requested_by_id is None:
        return
    page = workflow_state.content_object
    if not isinstance(page, Page):
        return  # no snippet goes through a workflow here
    page = page.specific
    site = page.get_site() or Site.objects.get(is_default_site=True)
    recipients = editor_recipients(site)
    if not recipients:
        return
    context = {
        "title": str(page),
        "submitter": submitter_description(page, workflow_state.requested_by),
        "again": workflow_state.task_states.count() > 1,
        "review_url": site_address(site, reverse("wagtailadmin_pages:edit", args=[page.pk])),
    }
    # Stored with the submission (rolled back with it); the worker sends it after commit.
    queue_templated_email(recipients, "contributors/mail/review", context)


def requested_change(post):
    """The comment a reviewer wrote with "Wijziging vragen" in the page editor (Wagtail
    posts it as JSON in `workflow-action-extra-data`), stripped; "" when none."""
    try:
        extra = json.loads(post.get("workflow-action-extra-data") or "{}")
    except ValueError:
        return ""
    comment = extra.get("comment", "") if isinstance(extra, dict) else ""
    return comment.strip() if isinstance(comment, str) else ""


def review_message(page, action):
    """What the reviewer did, in their words (Wagtail says "Pagina … is gewijzigd" after a
    change request too): for `action` "reject" or "approve", else None."""
    title = page.get_admin_display_title()
    if action == "approve":
        if type(page).objects.filter(pk=page.pk, live=True).exists():
            return f"'{title}' is goedgekeurd en staat op de site."
        return f"'{title}' is goedgekeurd."
    if action != "reject":
        return None
    submitter = page.current_workflow_state and page.current_workflow_state.requested_by
    if submitter is None:
        submitter = getattr(page.get_latest_revision(), "user", None)
    if submitter and submitter.email:
        name = get_user_display_name(submitter)
        return f"Je vraagt om een wijziging aan '{title}'. {name} krijgt je opmerking per e-mail."
    return f"Je vraagt om een wijziging aan '{title}'. Het blijft een concept."


def change_request_notice(page):
    """ "Gevraagde wijziging van {name}, {date}: {comment}" while `page` waits for the changes
    a reviewer asked for (Wagtail's workflow state "needs_changes", the rejected task's
    comment), the time in the site's time zone; None otherwise."""
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    task_state = state.current_task_state
    comment = (task_state.comment or "").strip() if task_state else ""
    if not comment:
        return None
    who = get_user_display_name(task_state.finished_by) if task_state.finished_by else ""
    finished = task_state.finished_at
    when = date_format(localtime(finished), "j F Y, H.i") if finished else ""
    source = ", ".join(part for part in (who, when) if part)
    heading = f"Gevraagde wijziging ({source})" if source else "Gevraagde wijziging"
    advice = "Pas de pagina aan en kies daarna onderaan Opnieuw indienen ter controle."
    return f"{heading}: {comment} {advice}"


def replace_last_message(request, text):
    """Put `text` in place of the message added last (Wagtail's save confirmation)."""
    earlier = list(messages.get_messages(request))  # reading them takes them out
    for message in earlier[:-1]:
        messages.add_message(request, message.level, message.message, message.extra_tags)
    messages.success(request, text)
