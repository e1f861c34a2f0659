"""The answers of a "Formulier" page in the admin: Wagtail's own list of submissions (menu
Formulieren), with exports that Dutch Excel opens as they are meant (local times, "Ja"/"Nee",
semicolons, nothing read as a formula: `core.admin_views.ReadableExportMixin`)."""

from wagtail.contrib.forms.views import SubmissionsListView

from website.core.admin_views import ReadableExportMixin, display_value

from .answers import typed


class FormAnswersListView(ReadableExportMixin, SubmissionsListView):
    page_title = "Antwoorden"  # Wagtail's Dutch says "Formulier data"

    def get_filename(self):
        return f"antwoorden-{self.form_page.slug}"

    def get_context_data(self, **kwargs):
        """Each answer as an editor reads it ("Ja", "3,5", "25 maart 2027", "—"), not as
        stored ("True", "3.5", "2027-03-25", "None")."""
        context = super().get_context_data(**kwargs)
        types = self.form_page.field_types()
        names = [name for name, _label in self.form_page.get_data_fields()]
        for row in context.get("data_rows", []):
            row["fields"] = [
                value if name == "submit_time" else display_value(typed(types.get(name), value))
                for name, value in zip(names, row["fields"], strict=False)
            ]
        return context

    def to_row_dict(self, item):
        """Numbers as numbers and dates as dates in the exports."""
        types = self.form_page.field_types()
        row = super().to_row_dict(item)
        return {name: typed(types.get(name), value) for name, value in row.items()}
