"""The project's media models (Wagtail's swappable image, rendition and document models):
readable titles, checked uploads, a document's text for search."""

from django.core.exceptions import ValidationError
from django.db import models
from PIL import Image as PILImage
from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import (
    AbstractImage,
    AbstractRendition,
    Image,
    WagtailImageField,
    WagtailImageFieldFile,
    get_rendition_storage,
    get_rendition_upload_to,
    get_upload_to,
)
from wagtail.search import index

from website.documents.files import KIND_LABELS, readable_title, validate_document_file


class ReadableTitleMixin:
    """An upload's title, when it is still the file name (Wagtail's upload fills it in so),
    becomes words people can read: visitors see it as link text and search results."""

    def save(self, *args, **kwargs):
        if self.file:
            basename = self.file.name.rsplit("/", 1)[-1]
            if self.title.strip() in (basename, basename.rsplit(".", 1)[0], ""):
                self.title = readable_title(basename)
        super().save(*args, **kwargs)


class WholePixelFieldFile(WagtailImageFieldFile):
    """An image file whose size is whole pixels. Willow reads an SVG's size from its
    viewBox or width and height, as floats ("400.0", "750.00001", "1.2e3"): stored in the
    integer columns they are rounded, but the objects Wagtail keeps in its rendition cache
    right after an upload kept the floats, and `width="400.0"` or a `400.0w` srcset
    descriptor is invalid HTML (the Nu checker refuses it)."""

    def get_image_dimensions(self):
        # A bitmap's size from its header: Willow decodes the whole picture to tell it
        # (0.6 s and hundreds of MB for a 100-megapixel PNG, twice per upload).
        size = header_size(self)
        width, height = size[:2] if size else super().get_image_dimensions()
        return max(1, round(width)), max(1, round(height))


def header_size(file):
    """(width, height, frames) of a bitmap file (a Django File, open or closed) read from
    its header by Pillow without decoding the picture; None for what Pillow cannot open
    (an SVG, a damaged file) or refuses as a decompression bomb, which callers then leave
    to Willow. The file is left where it was, and closed if it was."""
    was_closed = file.closed
    try:
        file.open("rb") if was_closed else file.seek(0)
        with PILImage.open(file) as picture:
            return (*picture.size, getattr(picture, "n_frames", 1))
    except (OSError, ValueError, SyntaxError, PILImage.DecompressionBombError):
        return None
    finally:
        if was_closed:
            file.close()
        else:
            file.seek(0)


class WholePixelImageField(WagtailImageField):
    attr_class = WholePixelFieldFile


class CustomImage(ReadableTitleMixin, AbstractImage):
    """The project's image model, so fields can be added later without a painful swap."""

    file = WholePixelImageField(
        verbose_name="bestand", upload_to=get_upload_to, width_field="width", height_field="height"
    )

    admin_form_fields = Image.admin_form_fields

    class Meta:
        verbose_name = "afbeelding"
        verbose_name_plural = "afbeeldingen"


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")
    file = WholePixelImageField(
        upload_to=get_rendition_upload_to,
        storage=get_rendition_storage,
        width_field="width",
        height_field="height",
    )

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class CustomDocument(ReadableTitleMixin, AbstractDocument):
    """Uploads are checked (type, size, content matches extension); their text is read in
    a background task and indexed, so search finds words inside the files. When no text
    could be read, the reason is kept for the editor."""

    extracted_text = models.TextField("Tekst uit het bestand", blank=True, editable=False)
    extraction_problem = models.TextField(
        "Probleem bij het lezen van de tekst", blank=True, editable=False
    )

    admin_form_fields = Document.admin_form_fields
    # Autocomplete too: the admin's document search uses autocomplete fields only, and
    # editors look for "the file that mentions X".
    search_fields = [
        *AbstractDocument.search_fields,
        index.SearchField("extracted_text"),
        index.AutocompleteField("extracted_text"),
    ]

    class Meta:
        verbose_name = "document"
        verbose_name_plural = "documenten"

    def clean(self):
        super().clean()

        if self.file and not getattr(self.file, "_committed", True):
            try:
                validate_document_file(self.file)
            except ValidationError as error:
                raise ValidationError({"file": error.messages}) from error

    @property
    def kind_label(self):
        return KIND_LABELS.get(self.file_extension.lower(), self.file_extension.upper())

    @property
    def extraction_status(self):
        """How much of the file's text search knows: "wacht" (not read yet), "volledig",
        "gedeeltelijk" (some pages skipped: see extraction_problem) or "niet"."""
        if self.extracted_text:
            return "gedeeltelijk" if self.extraction_problem else "volledig"
        return "niet" if self.extraction_problem else "wacht"
