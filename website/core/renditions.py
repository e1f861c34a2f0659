"""Every size of an image the public pages show, made once in the background after an upload,
so no visitor waits while a page makes them (`make_renditions`, run by the task
`core.tasks.make_image_renditions`).

Wagtail makes a rendition the first time a template asks for it, decoding the original for
each one: for a 24-megapixel phone photo and the eighteen sizes and formats a lead image and
a body image need, that was seconds of a visitor's page view, and for a 100-megapixel upload
longer than the app server's timeout. Here the original is decoded once, reduced to a
working copy just large enough for the largest rendition, and every rendition is made from
that copy, one after the other (so a worker holds one decoded original at a time, not three
as Wagtail's `create_renditions` does in its threads).

`PUBLIC_SPECS` lists the image tags' filter specs as the templates write them; a test reads
every template and fails when a template asks for one that is not here.
"""

import io
import logging
from itertools import pairwise

from django.db import IntegrityError
from PIL import Image as PILImage
from wagtail.images.models import Filter

logger = logging.getLogger(__name__)

# The templates' specs (`{% image %}`, `{% picture %}` and `get_rendition` calls), brace
# patterns as the tags take them. Widths an image does not have are left out when making
# (`specs_for`), as the templates leave them out of their srcsets.
PICTURE_FORMATS = "format-{avif,webp,jpeg}"
RESPONSIVE_WIDTHS = (400, 800, 1200)  # core/includes/lead_image.html, core/blocks/figure.html
PUBLIC_SPECS = (
    "width-160 format-webp",  # library/includes/publication_item.html (a cover)
    "height-56 preserve-svg",  # logo strips (network/includes/logo_strip.html, footer)
    "height-64 preserve-svg",  # the header logo, the member directory
    "max-1200x1200",  # share image and structured data (core_tags, articles)
    "max-1000x1000",  # the guide's screenshots (writing/blocks/screenshot.html)
)
# What the admin shows right after an upload: the listing's thumbnail and the edit page's
# preview, so the editor does not wait for them either.
ADMIN_SPECS = ("max-165x165", "max-800x600")

# The working copy: at least this many pixels on both sides (the largest rendition is
# 1200 wide, or 1200 high for max-1200x1200), so no rendition is made smaller than from
# the original. Only worth making when it is at most half the original's size.
WORKING_SIDE = 1200
# Kept in the original's format, so that renditions without a `format-` filter come out
# in the format they would have from the original (Wagtail keeps JPEG, PNG and WebP, and
# turns a still GIF into PNG).
WORKING_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "GIF": "PNG"}
# EXIF orientation → the turn that makes the picture upright (as ImageOps.exif_transpose).
EXIF_ORIENTATION = 0x0112
UPRIGHT = {
    2: PILImage.Transpose.FLIP_LEFT_RIGHT,
    3: PILImage.Transpose.ROTATE_180,
    4: PILImage.Transpose.FLIP_TOP_BOTTOM,
    5: PILImage.Transpose.TRANSPOSE,
    6: PILImage.Transpose.ROTATE_270,
    7: PILImage.Transpose.TRANSVERSE,
    8: PILImage.Transpose.ROTATE_90,
}


def specs_for(image):
    """The filter specs (strings, braces expanded, `|`-separated as Wagtail stores them)
    that public pages and the admin's upload screens can ask of `image`."""
    # The templates: 400 always; 800 when the image is wider than 400; 1200 when wider
    # than 800.
    widths = [RESPONSIVE_WIDTHS[0]] + [
        w for previous, w in pairwise(RESPONSIVE_WIDTHS) if image.width > previous
    ]
    patterns = [f"{PICTURE_FORMATS} width-{{{','.join(map(str, widths))}}} preserve-svg"]
    if image.is_svg():
        # Only `preserve-svg` specs apply to an SVG (the templates ask it no others).
        patterns += [p for p in PUBLIC_SPECS if "preserve-svg" in p]
    else:
        patterns += [*PUBLIC_SPECS, *ADMIN_SPECS]
    return [spec for pattern in patterns for spec in Filter.expand_spec(pattern)]


def make_renditions(image):
    """Make the renditions of `image` (a CustomImage) that public pages and the admin's
    upload screens use and that do not exist yet. Returns the number made.

    Raises OSError when the original cannot be read (a missing file, a bucket out of
    reach); an image Pillow cannot decode makes no renditions and is logged."""
    filters = list(dict.fromkeys(image.clean_filter_for_svg(Filter(s)) for s in specs_for(image)))
    missing = [f for f in filters if f not in image.find_existing_renditions(*filters)]
    if not missing:
        return 0
    with image.open_file() as handle:
        original = handle.read()
    source = original if image.is_svg() else working_copy(original)
    made = 0
    for rendition_filter in missing:
        try:
            rendition = image.generate_rendition_instance(rendition_filter, io.BytesIO(source))
        except (OSError, ValueError, PILImage.DecompressionBombError):
            logger.warning("Image %s: no rendition %s", image.pk, rendition_filter.spec)
            continue
        try:
            rendition.save()
            made += 1
        except IntegrityError:
            # A page view made the same rendition meanwhile: keep that one.
            rendition.file.delete(save=False)
    return made


def working_copy(original):
    """`original` (image file bytes) reduced so that its shorter side is WORKING_SIDE
    pixels, upright (its EXIF orientation applied, and not kept), in a format that gives
    the same renditions; the original itself when it is small already, animated, or
    anything goes wrong."""
    try:
        with PILImage.open(io.BytesIO(original)) as picture:
            output_format = WORKING_FORMATS.get(picture.format)
            scale = WORKING_SIDE / min(picture.size)
            if output_format is None or scale > 0.5 or getattr(picture, "n_frames", 1) > 1:
                return original
            target = (round(picture.width * scale), round(picture.height * scale))
            picture.draft(picture.mode, target)  # JPEG: decoded at 1/2, 1/4 or 1/8 already
            icc_profile = picture.info.get("icc_profile")
            orientation = picture.getexif().get(EXIF_ORIENTATION, 1)
            if picture.mode in ("P", "PA", "LA", "1"):
                transparent = "transparency" in picture.info or "A" in picture.mode
                picture = picture.convert("RGBA" if transparent else "RGB")
            elif picture.mode == "CMYK":
                # A print shop's CMYK: apps that show link previews draw it wrongly.
                picture = picture.convert("RGB")
                icc_profile = None
            # Reduced first, turned upright afterwards: turning the full-size picture
            # would hold a second copy of it in memory.
            reduced = picture.resize(target, PILImage.LANCZOS, reducing_gap=3.0)
            if orientation in UPRIGHT:
                reduced = reduced.transpose(UPRIGHT[orientation])
            return _encoded(reduced, output_format, icc_profile)
    except (OSError, ValueError, PILImage.DecompressionBombError):
        logger.warning("No working copy: the original is used", exc_info=True)
        return original


def _encoded(picture, output_format, icc_profile):
    output = io.BytesIO()
    options = {"icc_profile": icc_profile} if icc_profile else {}
    if output_format == "JPEG":
        options.update(quality=95, subsampling=0)
        picture = picture.convert("RGB") if picture.mode not in ("RGB", "L", "CMYK") else picture
    elif output_format == "PNG":
        options.update(compress_level=1)
    elif output_format == "WEBP":
        options.update(quality=95)
    picture.save(output, output_format, **options)
    return output.getvalue()
