"""The answers of a "Formulier" page in the admin: Wagtail's own list of submissions (menu
Formulieren), with exports that Dutch Excel opens as they are meant (local times, "Ja"/"Nee",
semicolons, nothing read as a formula: `core.admin_views.ReadableExportMixin`)."""

from wagtail.contrib.forms.views import SubmissionsListView

from website.core.admin_views import ReadableExportMixin


class FormAnswersListView(ReadableExportMixin, SubmissionsListView):
    page_title = "Antwoorden"  # Wagtail's Dutch says "Formulier data"

    def get_filename(self):
        return f"antwoorden-{self.form_page.slug}"
