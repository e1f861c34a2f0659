"""The admin forms for uploads: the title is what visitors read, so the form says so; a
document whose text could not be read says why, so the editor can upload a better file."""

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from .admin_forms import CleanSubmittedTextMixin

TITLE_HELP = (
    "Bezoekers zien deze titel als linktekst. Controleer hem: gewone woorden, geen "
    "bestandsnaam. We maakten hem uit de naam van het bestand."
)


class DocumentForm(CleanSubmittedTextMixin, BaseDocumentForm):
    def __init__(self, *args, **kwargs):
        # Before Wagtail's __init__, which already binds the title field.
        if "title" in self.base_fields:
            self.base_fields["title"].help_text = TITLE_HELP
        super().__init__(*args, **kwargs)
        if self.instance.pk and "file" in self.fields:
            self.fields["file"].help_text = extraction_report(self.instance)
        self.stored_file = self.instance.file.name if self.instance.pk else None

    def _post_clean(self):
        super()._post_clean()
        if self.stored_file and "file" in self.errors:
            # A refused replacement: the document keeps the file it has, and the page shows
            # that one (not "the file could not be found" for the refused upload).
            self.instance.file = self.stored_file


def extraction_report(document):
    """What the editor needs to know about the text search found in a document."""
    status, problem = document.extraction_status, document.extraction_problem
    if status == "volledig":
        return (
            "De tekst uit dit bestand is helemaal gelezen. Zoeken vindt de woorden erin: op de "
            "website via de publicaties met dit bestand, en hier bij Documenten."
        )
    if status == "gedeeltelijk":
        return (
            f"Let op: de tekst uit dit bestand is maar voor een deel gelezen. {problem} "
            "Zoeken vindt alleen de woorden die wel gelezen zijn."
        )
    if status == "wacht":
        return "De tekst uit dit bestand wordt nog gelezen. Kijk over een minuut opnieuw."
    return f"Let op: zoeken vindt de woorden in dit bestand niet. {problem}"


class ImageForm(CleanSubmittedTextMixin, BaseImageForm):
    def __init__(self, *args, **kwargs):
        if "title" in self.base_fields:
            self.base_fields["title"].help_text = (
                "Een korte naam om de afbeelding terug te vinden. We maakten hem uit de naam "
                "van het bestand."
            )
        super().__init__(*args, **kwargs)
