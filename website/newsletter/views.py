"""Subscribing to the newsletter and leaving it.

Every page of the site may carry the short sign-up form (footer, home page), and those
pages are cached by the proxy, so they cannot hold a CSRF token. That form posts here
without one: the visitor then gets this page with what they typed and one button
("Aanmelden") that does carry the token. Only a post with a valid token, through the shared
form protection, starts the double opt-in.

Leaving works with one click: the link in every newsletter leads to a page with one button,
and mail programs may POST `List-Unsubscribe=One-Click` to the same address (RFC 8058), so
that view takes a POST without a CSRF token: the signed token in the address is the proof.
"""

from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Site

from website.core.protection import protected_form_response, refuse_post

from . import subscriptions
from .forms import SubscribeForm


def has_valid_csrf_token(request):
    return CsrfViewMiddleware(lambda request: None).process_view(request, None, (), {}) is None


@csrf_exempt
def subscribe(request):
    def render_form(form, one_more_step=False):
        context = {"form": form, "one_more_step": one_more_step}
        return render(request, "newsletter/subscribe.html", context)

    if request.method == "POST" and not has_valid_csrf_token(request):
        # From the short form on a cached page: ask once more, with the token.
        form = SubscribeForm(initial={"email": request.POST.get("email", "")[:254]})
        return render_form(form, one_more_step=True)

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


def subscribe_sent(request):
    return render(request, "newsletter/message.html", {"state": "sent"})


@never_cache
def confirm(request, token):
    subscriber = subscriptions.waiting_for(token)
    if request.method == "POST":
        if (refusal := refuse_post(request, "newsletter-confirm")) is not None:
            return refusal
        if subscriber is not None:
            subscriptions.confirm(subscriber)
            return redirect("newsletter:confirmed")
    if subscriber is None:
        return render(request, "newsletter/message.html", {"state": "gone"}, status=404)
    return render(request, "newsletter/confirm.html", {"subscriber": subscriber})


def confirmed(request):
    return render(request, "newsletter/message.html", {"state": "confirmed"})


@never_cache
@csrf_exempt
def unsubscribe(request, token):
    subscriber = subscriptions.subscriber_for_unsubscribe(token)
    if request.method == "POST":
        if (refusal := refuse_post(request, "newsletter-unsubscribe")) is not None:
            return refusal
        if subscriber is not None:
            subscriptions.unsubscribe(subscriber)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse("Afgemeld.", content_type="text/plain; charset=utf-8")
        return redirect("newsletter:unsubscribed")
    if subscriber is None:
        return render(request, "newsletter/message.html", {"state": "left"}, status=404)
    return render(request, "newsletter/unsubscribe.html", {"subscriber": subscriber})


def unsubscribed(request):
    return render(request, "newsletter/message.html", {"state": "unsubscribed"})
