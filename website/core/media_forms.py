"""The admin forms for uploads: the title is what visitors read, so the form says so; a
document whose text could not be read says why, so the editor can upload a better file."""

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from PIL import Image as PILImage
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from .admin_forms import CleanSubmittedTextMixin
from .media import header_size

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
        if isinstance(self.fields.get("file"), WagtailImageField):
            # Wagtail's field, with the pixel check below (it adds no state of its own).
            field = self.fields["file"]
            field.__class__ = PixelCheckedImageField
            field.error_messages["file_too_large"] = FILE_TOO_LARGE
            if field.max_image_pixels:
                field.help_text = (
                    f"{field.help_text} Afbeeldingen tot {megapixels(field.max_image_pixels)} "
                    "megapixel."
                )
        # Wagtail shows this form right after each upload (without the file field when
        # several were uploaded at once), so the editor reads it there.
        if self.instance.pk and is_animated(self.instance):
            field = self.fields.get("file") or self.fields.get("title")
            if field is not None:
                field.help_text = f"{ANIMATED_HELP} {field.help_text}".strip()

    def clean(self):
        """Willow refuses an animated PNG (APNG) as "no or a damaged image": say what it is
        and what to do instead."""
        cleaned = super().clean()
        upload = self.files.get(self.add_prefix("file"))
        if upload is not None and self.has_error("file", "invalid_image") and is_apng(upload):
            self.errors["file"] = self.error_class([APNG_MESSAGE])
        return cleaned


# Why a still picture: moving images distract and must be pausable (WCAG 2.2.2), and an
# animation costs visitors with a small data bundle many times the bytes of one frame.
ANIMATED_HELP = (
    "Let op: dit is een bewegende afbeelding. Op de website staat alleen het eerste beeld "
    "stil: beweging leidt af en kost bezoekers veel data. Kies een eerste beeld dat op zich "
    "iets zegt, of laat beweging zien met een video."
)


APNG_MESSAGE = (
    "Dit is een bewegende PNG (APNG). Die kan de website niet verwerken. Sla het bestand op "
    "als gewone PNG, JPG of GIF en upload het opnieuw."
)


def is_apng(upload):
    """True when an uploaded file is a PNG with more than one frame."""
    try:
        upload.seek(0)
        with PILImage.open(upload) as picture:
            return picture.format == "PNG" and getattr(picture, "n_frames", 1) > 1
    except (OSError, ValueError, PILImage.DecompressionBombError):
        return False
    finally:
        upload.seek(0)


def is_animated(image):
    """True when the image file (GIF, PNG or WebP) has more than one frame (Pillow)."""
    try:
        with image.open_file() as handle, PILImage.open(handle) as picture:
            return getattr(picture, "n_frames", 1) > 1
    except (OSError, ValueError, PILImage.DecompressionBombError):
        return False


# Wagtail fills in the size and the limit (the same units, so they can be compared).
FILE_TOO_LARGE = (
    "Dit bestand is te groot (%(file_size)s). De website neemt bestanden tot %(max_filesize)s "
    "aan. Sla de foto kleiner op (bijvoorbeeld 4000 pixels breed, of met een lagere kwaliteit) "
    "en upload hem opnieuw."
)


class PixelCheckedImageField(WagtailImageField):
    """Wagtail's image upload field, whose pixel limit (WAGTAILIMAGES_MAX_IMAGE_PIXELS) is
    checked from the file's header, not by decoding the picture (Willow's way: seconds for
    a large PNG, before the editor even gets an answer), and explained in words."""

    def check_image_pixel_size(self, f):
        size = header_size(f)
        if size is None or self.max_image_pixels is None:
            return super().check_image_pixel_size(f)
        width, height, frames = size
        if width * height * frames > self.max_image_pixels:
            raise ValidationError(too_many_pixels(width, height, frames, self.max_image_pixels))
        return None


def megapixels(pixels):
    """2400000 → "2,4"; 110000000 → "110"."""
    millions = round(pixels / 1_000_000, 1)
    return number_format(millions, decimal_pos=0 if millions >= 10 or millions.is_integer() else 1)


def grouped(number):
    return number_format(number, force_grouping=True)


def too_many_pixels(width, height, frames, limit):
    """The editor's message for an image over the pixel limit: how big it is, the limit,
    and what to do."""
    size = f"{grouped(width)} × {grouped(height)} pixels"
    if frames > 1:
        size = f"{frames} beelden van {size}"
    return (
        f"Deze afbeelding is te groot: {size} ({megapixels(width * height * frames)} megapixel). "
        f"De website neemt afbeeldingen tot {megapixels(limit)} megapixel aan: genoeg voor "
        "foto's van telefoons en camera's. Maak de afbeelding kleiner (4000 pixels breed is "
        "ruim genoeg) en upload haar opnieuw."
    )
