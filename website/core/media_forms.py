"""The admin forms for uploads: the title is what visitors read, so the form says so; a
document whose text could not be read says why, so the editor can upload a better file."""

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

TITLE_HELP = (
    "Bezoekers zien deze titel als linktekst. Controleer hem: gewone woorden, geen "
    "bestandsnaam. We maakten hem uit de naam van het bestand."
)


class DocumentForm(BaseDocumentForm):
    def __init__(self, *args, **kwargs):
        # Before Wagtail's __init__, which already binds the title field.
        if "title" in self.base_fields:
            self.base_fields["title"].help_text = TITLE_HELP
        super().__init__(*args, **kwargs)
        problem = getattr(self.instance, "extraction_problem", "")
        if problem and "file" in self.fields:
            self.fields["file"].help_text = (
                f"Let op: de tekst uit dit bestand kon niet worden gelezen. {problem} "
                "Zoeken op de website vindt de woorden in dit bestand daarom niet. "
                "Upload zo mogelijk een versie met echte tekst (bijvoorbeeld opgeslagen als "
                "PDF vanuit Word)."
            )


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        if "title" in self.base_fields:
            self.base_fields["title"].help_text = (
                "Een korte naam om de afbeelding terug te vinden. We maakten hem uit de naam "
                "van het bestand."
            )
        super().__init__(*args, **kwargs)
