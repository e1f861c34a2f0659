"""Admin forms that read submitted text as the editor meant it, before validation: the
browser sends a textarea's line breaks as "\\r\\n" but counts them as one character against
`maxlength` (so 599 characters with 5 line breaks were refused as 604), and text pasted
from Word may carry control characters that Django refuses ("Null-tekens zijn niet
toegestaan") with a name the editor cannot see. core.protection.cleaned_submission does for
the admin what it does for the public forms."""

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from website.text import clean_text

from .protection import cleaned_submission


class CleanSubmittedTextMixin:
    def __init__(self, data=None, *args, **kwargs):
        if hasattr(data, "lists"):  # a QueryDict, as from request.POST
            data = cleaned_submission(data)
        elif data is not None:  # a plain dict (Wagtail's multiple upload builds one)
            data = {key: clean_text(value) for key, value in data.items()}
        super().__init__(data, *args, **kwargs)


class AdminPageForm(CleanSubmittedTextMixin, WagtailAdminPageForm):
    """Every page type's edit form (BasePage.base_form_class)."""


class AdminModelForm(CleanSubmittedTextMixin, WagtailAdminModelForm):
    """The edit form of snippets and settings (their `base_form_class`)."""
