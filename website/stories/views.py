from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from wagtail.models import Site

from website.core.private_links import personal_link_done, personal_link_response
from website.core.protection import protected_form_response

from . import submissions
from .forms import ShareStoryForm


def share_story(request, index_page):

    def render_form(form):
        context = index_page.get_context(request) | {
            "form": form,
            "breadcrumb_here": _("Deel je verhaal"),
        }
        return render(request, "stories/share.html", context)

    def on_valid(form):
        submissions.submit_story(index_page, form.cleaned_data, Site.find_for_request(request))
        return redirect(index_page.url + index_page.reverse_subpage("share_done"))

    return protected_form_response(
        request,
        scope="stories-share",
        make_form=ShareStoryForm,
        render_form=render_form,
        on_valid=on_valid,
    )


@never_cache
def withdraw_story(request, index_page, token):
    return personal_link_response(
        request,
        index_page,
        token,
        find=submissions.find_by_token,
        act=submissions.withdraw_by_writer,
        template="stories/withdraw.html",
        scope="stories-withdraw",
        done_route="withdraw_done",
    )


@never_cache
def withdraw_done(request, index_page):
    return personal_link_done(request, index_page, "stories/withdraw.html")
