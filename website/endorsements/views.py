"""The endorsement routes of an endorsable page (`models.EndorsableMixin`)."""

from django.conf import settings
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache

from website.core.private_links import personal_link_done, personal_link_response
from website.core.protection import protected_form_response

from . import endorsing
from .forms import EndorseForm


def endorse(request, page):
    if not page.takes_endorsements():
        return redirect(page.url)

    def render_form(form):
        context = page.get_context(request) | {
            "form": form,
            "confirm_days": settings.ENDORSEMENT_CONFIRM_DAYS,
        }
        return TemplateResponse(request, "endorsements/endorse.html", context)

    def on_valid(form):
        data = form.cleaned_data
        endorsing.endorse(
            page.original(),
            name=data["name"],
            email=data["email"],
            organisation=data["organisation"],
            place=data["place"],
            show_name=data["show_name"] == "ja",
            via=page,
        )
        return redirect(page.url + page.reverse_subpage("endorse_sent"))

    return protected_form_response(
        request,
        scope="endorse",
        make_form=EndorseForm,
        render_form=render_form,
        on_valid=on_valid,
    )


@never_cache
def confirm(request, page, token):
    return personal_link_response(
        request,
        page,
        token,
        find=lambda token: endorsing.find_to_confirm(page.original(), token),
        act=lambda endorsement: endorsing.confirm(endorsement, via=page),
        template="endorsements/confirm.html",
        scope="endorse-confirm",
        done_route="endorse_confirmed",
    )


@never_cache
def confirmed(request, page):
    return personal_link_done(request, page, "endorsements/confirm.html")


@never_cache
def withdraw(request, page, token):
    return personal_link_response(
        request,
        page,
        token,
        find=lambda token: endorsing.find_to_withdraw(page.original(), token),
        act=endorsing.withdraw,
        template="endorsements/withdraw.html",
        scope="endorse-withdraw",
        done_route="endorse_withdrawn",
    )


@never_cache
def withdrawn(request, page):
    return personal_link_done(request, page, "endorsements/withdraw.html")
