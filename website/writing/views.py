"""The schrijfhulp's answer for the editor's Checks panel (static/writing/schrijfhulp.js
posts the text Wagtail took from the page preview), and the editors' guide."""

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.permission_policies.pages import PagePermissionPolicy

from .analysis import analyse, text_of_html
from .models import GuideChapter


@require_POST
def schrijfhulp(request):
    """POST html=<the page's main element> (or text=<plain text>) → an HTML fragment with
    the findings (Dutch). Nothing is stored. Too much is read up to
    PLAIN_LANGUAGE_MAX_CHARACTERS."""
    limit = settings.PLAIN_LANGUAGE_MAX_CHARACTERS
    html = request.POST.get("html")  # markup is longer than its text: read 4× the limit
    text = text_of_html(html[: limit * 4]) if html is not None else request.POST.get("text")
    if text is None:
        return HttpResponseBadRequest("Er is geen tekst meegestuurd.")
    return TemplateResponse(
        request,
        "writing/admin/schrijfhulp.html",
        {
            "analysis": analyse(text),
            "max_sentence_words": settings.PLAIN_LANGUAGE_MAX_SENTENCE_WORDS,
            "max_word_letters": settings.PLAIN_LANGUAGE_MAX_WORD_LETTERS,
        },
    )


class GuideView(WagtailAdminTemplateMixin, TemplateView):
    """ "Handleiding voor de redactie" (Hulp): every chapter of the guide on one page, with
    a list of contents; a link to change it for those who may."""

    template_name = "writing/admin/guide.html"
    page_title = "Handleiding voor de redactie"
    header_icon = "help"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        user = self.request.user
        chapters = GuideChapter.objects.all()
        if not PagePermissionPolicy().user_has_permission(user, "publish"):
            chapters = chapters.filter(for_publishers=False)  # a contributor's tasks only
        return super().get_context_data(**kwargs) | {
            "chapters": chapters,
            "may_change": user.has_perm("writing.change_guidechapter"),
        }
