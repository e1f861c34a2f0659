"""Subscribing to the newsletter and leaving it.

Every page of the site may carry the short sign-up form (footer, home page), and those
pages are cached by the proxy, so they cannot hold a CSRF token: the sign-up takes a POST
without one. CSRF protects what a visitor's browser could be made to do in their name; a
sign-up only sends a confirmation mail, which anyone can ask for any address anyway, and
nothing happens until the link in it is followed (double opt-in). The rest of the shared
form protection applies: honeypot, size and rate limits, validation, and a redirect after
a successful POST.

Leaving works with one click: the link in every newsletter leads to a page with one button,
and mail programs may POST `List-Unsubscribe=One-Click` to the same address (RFC 8058), so
that view takes a POST without a CSRF token: the signed token in the address is the proof.
"""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Site

from website.core.private_links import personal_link_answer
from website.core.protection import protected_form_response, refuse_post

from . import subscriptions
from .forms import SubscribeForm
from .models import Subscriber

NO_FOOTER_FORM = {"hide_footer_signup": True}  # these pages have the form themselves


@csrf_exempt
def subscribe(request):
    def render_form(form):
        return render(request, "newsletter/subscribe.html", {"form": form} | NO_FOOTER_FORM)

    def on_valid(form):
        site = Site.find_for_request(request)
        subscriptions.subscribe(form.cleaned_data["email"], form.cleaned_data["name"], site)
        return redirect("newsletter:subscribe_sent")

    return protected_form_response(
        request,
        scope="newsletter",
        make_form=SubscribeForm,
        render_form=render_form,
        on_valid=on_valid,
    )


def message(request, state, status=200, **context):
    context = {"state": state, "days": settings.NEWSLETTER_CONFIRM_DAYS} | context
    return render(request, "newsletter/message.html", context | NO_FOOTER_FORM, status=status)


def subscribe_sent(request):
    return message(request, "sent")


def confirm(request, token):
    """The confirmation link (core.private_links, the one flow behind personal links): a
    button confirms, so a mail scanner's GET does nothing; followed again, it says so."""

    def render_state(state, subscriber, status):
        if state == "gone":
            return message(request, "gone", status=status)
        if subscriber.status == Subscriber.Status.CONFIRMED:
            return message(request, "confirmed")
        context = {"subscriber": subscriber} | NO_FOOTER_FORM
        return render(request, "newsletter/confirm.html", context)

    def act(subscriber):
        if subscriber.status != Subscriber.Status.CONFIRMED:
            subscriptions.confirm(subscriber, Site.find_for_request(request))

    return personal_link_answer(
        request,
        token,
        find=subscriptions.subscriber_for_confirm,
        act=act,
        render_state=render_state,
        scope="newsletter",
        done_url=reverse("newsletter:confirmed"),
    )


def confirmed(request):
    return message(request, "confirmed")


@never_cache
@csrf_exempt
def unsubscribe(request, token):
    """The signed token is the proof. Only posts with a token that finds no one count
    towards the rate limit: mail providers send their one-click posts for many people from
    a few addresses."""
    subscriber = subscriptions.subscriber_for_unsubscribe(token)
    if request.method == "POST":
        if subscriber is not None:
            subscriptions.unsubscribe(subscriber)
        elif (refusal := refuse_post(request, "newsletter")) is not None:
            return refusal
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse("Afgemeld.", content_type="text/plain; charset=utf-8")
        return redirect("newsletter:unsubscribed")
    if subscriber is None:
        return message(request, "left", status=404)
    context = {"subscriber": subscriber} | NO_FOOTER_FORM
    return render(request, "newsletter/unsubscribe.html", context)


def unsubscribed(request):
    return message(request, "unsubscribed")
