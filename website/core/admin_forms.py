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

    def clean(self):
        cleaned_data = super().clean()
        self.point_to_the_draft_in_the_way()
        return cleaned_data

    def point_to_the_draft_in_the_way(self):
        """A new page whose address is taken by a draft that was never published (often
        one the editor's earlier, abandoned try left: the editor saves drafts by itself):
        say so, and link to it, instead of Wagtail's bare "slug is already in use"."""
        if self.instance.pk or "slug" not in self.errors or self.parent_page is None:
            return
        draft = (
            self.parent_page.get_children()
            .filter(slug=self.data.get("slug", ""), live=False, first_published_at__isnull=True)
            .first()
        )
        if draft is None:
            return
        # Plain text, said on top too: Wagtail's banner lists the errors only when there is
        # one for the whole form (and escapes links), and the webadres is on a hidden tab.
        text = (
            f"Er is al een concept met dit webadres: ‘{draft.get_admin_display_title()}’ "
            f"(bij {self.parent_page.get_admin_display_title()}). Ga verder met dat concept, "
            "of geef deze pagina bij Eigenschappen een ander webadres."
        )
        self.errors["slug"] = self.error_class([text])
        self.add_error(None, text)


class AdminModelForm(CleanSubmittedTextMixin, WagtailAdminModelForm):
    """The edit form of snippets and settings (their `base_form_class`)."""
