"""Sign-up and cancel views. Every POST passes the shared form protection first."""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from website.core.private_links import personal_link_done, personal_link_response
from website.core.protection import protected_form_response

from . import registration as registrations
from .choices import Attendance
from .forms import SignupForm
from .models import Registration


def signup(request, page, event_date):
    if not event_date.accepts_signups:
        return render(
            request,
            "agenda/signup_closed.html",
            page.get_context(request) | {"event_date": event_date},
            status=410 if event_date.is_past else 200,
        )

    def render_form(form):
        context = page.get_context(request) | {
            "event_date": event_date,
            "form": form,
            "places_left": event_date.places_left(),
            "breadcrumb_here": _("Aanmelden"),
        }
        return render(request, "agenda/signup.html", context)

    def on_valid(form):
        fields = ("name", "email", "organisation", "access_needs", "dietary_wishes")
        data = {key: form.cleaned_data.get(key, "") for key in fields}
        data["needs_consent"] = form.cleaned_data["needs_consent"]
        registration, token = registrations.register(event_date, **data)
        if token is None:
            # Signed up already: the answer a new sign-up would get now (the mail tells
            # the address's owner the rest), so the page reveals nobody's sign-up.
            status = "wachtlijst" if event_date.places_left() == 0 else "ok"
        elif registration.status == Registration.Status.WAITING:
            status = "wachtlijst"
        else:
            status = "ok"
        url = page.url + page.reverse_subpage("signup_done", args=[event_date.pk])
        return redirect(f"{url}?status={status}")

    return protected_form_response(
        request,
        scope="agenda-signup",
        make_form=lambda *data: SignupForm(
            *data, online_only=event_date.attendance == Attendance.ONLINE
        ),
        render_form=render_form,
        on_valid=on_valid,
        repeat_window=0,  # registration.register knows a repeat by its address, cancels too
    )


def signup_done(request, page, event_date):
    status = request.GET.get("status")
    context = page.get_context(request) | {
        "event_date": event_date,
        "waiting": status == "wachtlijst",
    }
    return render(request, "agenda/signup_done.html", context)


@never_cache
def cancel(request, agenda, token):
    return personal_link_response(
        request,
        agenda,
        token,
        find=registrations.find_by_token,
        act=registrations.cancel,
        template="agenda/cancel.html",
        scope="agenda-cancel",
        done_route="cancel_done",
    )


@never_cache
def cancel_done(request, agenda):
    return personal_link_done(request, agenda, "agenda/cancel.html")
