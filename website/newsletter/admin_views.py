"""The editor's actions on a newsletter: "Stuur een test naar mij" (the mail as subscribers
will get it, to the editor's own address) and "Verzenden" (to every confirmed subscriber,
with its progress)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from wagtail.admin import messages as admin_messages

from website.mail.outbox import queue_email

from .mailing import render_mail, sections
from .models import NewsletterIndexPage, NewsletterPage, Subscriber
from .sending import progress, start_sending

TEST_UNSUBSCRIBE_NOTE = "#afmeldlink-staat-hier-in-de-echte-nieuwsbrief"


def editable_newsletter(request, page_id):
    page = get_object_or_404(NewsletterPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page.get_latest_revision_as_object()


def newsletters(request):
    """The menu's "Nieuwsbrieven": the archive's list of newsletters, with a button on top
    that says what starts a new one (the list's own add button is an unlabelled icon)."""
    archive = NewsletterIndexPage.objects.first()
    if archive is None or not archive.permissions_for_user(request.user).can_edit():
        messages.error(request, "Er is geen nieuwsbrievenpagina die je mag bewerken.")
        return redirect("wagtailadmin_home")
    if archive.permissions_for_user(request.user).can_add_subpage():
        write = reverse("wagtailadmin_pages:add", args=("newsletter", "newsletterpage", archive.pk))
        admin_messages.info(
            request,
            # Short: on a phone a longer text puts the button under the menu's toggle.
            "Een nieuwe nieuwsbrief begin je hier.",
            buttons=[admin_messages.button(write, "Nieuwsbrief schrijven")],
        )
    return redirect("wagtailadmin_explore", archive.pk)


def send_test(request, page_id):
    """GET: what will be sent and where; POST: send the latest draft to the editor."""
    page = editable_newsletter(request, page_id)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    address = request.user.email
    if request.method == "POST" and address:
        mail = render_mail(
            page, page.get_site(), unsubscribe_url=TEST_UNSUBSCRIBE_NOTE, web_link=False, test=True
        )
        queue_email(address, mail.subject, mail.text, html_body=mail.html)
        messages.success(request, f"De test is verstuurd naar {address}.")
        return redirect(edit_url)
    context = {"page": page, "address": address, "edit_url": edit_url}
    return render(request, "newsletter/admin/send_test.html", context)


def send(request, page_id):
    """GET: to how many, and a warning; POST: start sending (once). Afterwards: progress."""
    page = editable_newsletter(request, page_id)
    if not page.permissions_for_user(request.user).can_send():
        raise PermissionDenied
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    if page.alias_of_id:
        # An alias shows another newsletter; it has no content of its own to send.
        messages.error(
            request,
            "Dit is een alias van een andere nieuwsbrief: die kun je niet apart versturen. "
            "Maak een kopie zonder 'alias' aan te vinken, of verstuur de nieuwsbrief zelf.",
        )
        return redirect(edit_url)
    empty = not page.introduction and not sections(page, page.get_site())
    if request.method == "POST" and not page.sent_at and not empty:
        if start_sending(page, request.user):
            messages.success(request, "De nieuwsbrief wordt verstuurd.")
        return redirect("newsletter_send", page_id=page.pk)
    page.refresh_from_db()
    context = {
        "page": page,
        "edit_url": edit_url,
        "confirmed": Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).count(),
        "progress": progress(page) if page.sent_at else None,
        "empty": empty,
    }
    return render(request, "newsletter/admin/send.html", context)
