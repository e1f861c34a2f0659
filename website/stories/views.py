from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from website.core.protection import refuse_oversized, refuse_post, too_many_requests

from . import submissions
from .forms import ShareStoryForm


@never_cache
def share_story(request, index_page):
    form = ShareStoryForm()
    limited = False
    if request.method == "POST":
        if (refusal := refuse_oversized(request)) is not None:
            return refusal
        form = ShareStoryForm(request.POST)
        if form.is_valid() and not (limited := form.rate_limited(request, "stories-share")):
            site = getattr(request, "site", None) or index_page.get_site()
            submissions.submit_story(index_page, form.cleaned_data, site)
            return redirect(index_page.url + index_page.reverse_subpage("share_done"))
    context = index_page.get_context(request) | {"form": form}
    response = render(request, "stories/share.html", context)
    return too_many_requests(response) if limited else response


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
