from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from wagtail.models import Site

from website.core.protection import protected_form_response, refuse_post

from . import submissions
from .forms import ShareStoryForm


@never_cache
def share_story(request, index_page):

    def render_form(form):
        context = index_page.get_context(request) | {"form": form}
        return render(request, "stories/share.html", context)

    def on_valid(form):
        site = Site.find_for_request(request) or index_page.get_site()
        submissions.submit_story(index_page, form.cleaned_data, site)
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
    submission = submissions.find_by_token(token)
    context = index_page.get_context(request)
    if submission is None:
        return render(request, "stories/withdraw.html", context | {"state": "gone"}, status=404)
    if request.method == "POST":
        if (refusal := refuse_post(request, scope="stories-withdraw")) is not None:
            return refusal
        submissions.withdraw(submission, token=token)
        return render(request, "stories/withdraw.html", context | {"state": "done"})
    return render(request, "stories/withdraw.html", context | {"state": "confirm"})
