"""Sign-up and cancel views. Every POST passes the shared form protection first."""

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from website.core.protection import refuse_oversized, refuse_post, too_many_requests

from . import registration as registrations
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
    form = SignupForm()
    limited = False
    if request.method == "POST":
        if (refusal := refuse_oversized(request)) is not None:
            return refusal
        form = SignupForm(request.POST)
        if form.is_valid() and not (limited := form.rate_limited(request, "agenda-signup")):
            data = {
                key: form.cleaned_data[key]
                for key in ("name", "email", "organisation", "access_needs", "dietary_wishes")
            }
            data["needs_consent"] = form.cleaned_data["needs_consent"]
            registration, _token = registrations.register(event_date, **data)
            status = "wachtlijst" if registration.status == Registration.Status.WAITING else "ok"
            url = page.url + page.reverse_subpage("signup_done", args=[event_date.pk])
            return redirect(f"{url}?status={status}")
    context = page.get_context(request) | {
        "event_date": event_date,
        "form": form,
        "places_left": event_date.places_left(),
    }
    response = render(request, "agenda/signup.html", context)
    return too_many_requests(response) if limited else response


def signup_done(request, page, event_date):
    waiting = request.GET.get("status") == "wachtlijst"
    context = page.get_context(request) | {"event_date": event_date, "waiting": waiting}
    return render(request, "agenda/signup_done.html", context)


@never_cache
@csrf_protect
def cancel(request, token):
    registration = registrations.find_by_token(token)
    if request.method == "POST":
        if (refusal := refuse_post(request, scope="agenda-cancel")) is not None:
            return refusal
        if registration is None:
            return render(request, "agenda/cancel.html", {"state": "gone"}, status=404)
        registrations.cancel(registration, token=token)
        return render(
            request, "agenda/cancel.html", {"state": "done", "registration": registration}
        )
    if registration is None:
        return render(request, "agenda/cancel.html", {"state": "gone"}, status=404)
    return render(request, "agenda/cancel.html", {"state": "confirm", "registration": registration})
