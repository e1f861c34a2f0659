"""The schrijfhulp's answer for the editor's Checks panel (static/writing/schrijfhulp.js
posts the text Wagtail took from the page preview)."""

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from .analysis import analyse, text_of_html


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
