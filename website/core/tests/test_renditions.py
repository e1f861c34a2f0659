"""Renditions made at upload (issue 32): every size the public pages show is made in the
background task right after an upload, from one reduced copy of the original, so a
visitor's first view makes none; large uploads are answered at once, and one over the
pixel limit gets a Dutch message that says what to do."""

import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from PIL import ImageCms
from wagtail.images.models import Filter

from website.articles.factories import ArticleIndexPageFactory, ArticlePageFactory
from website.core.models import CustomImage, CustomRendition
from website.core.renditions import specs_for, working_copy

pytestmark = [pytest.mark.django_db, pytest.mark.renditions]

UPLOAD = "/admin/images/multiple/add/"
WEBSITE = Path(__file__).resolve().parents[2]
IMAGE_TAG = re.compile(r"{%\s*(?:image|picture|srcset_image)\s+\S+\s+(.*?)%}", re.S)
RENDITION_CALL = re.compile(r"get_renditions?\(\s*\"([^\"]+)\"")


def specs_in_the_code():
    """{spec: where} for every filter spec a template's image tag or the code asks for."""
    found = {}
    for template in WEBSITE.rglob("templates/**/*.html"):
        for arguments in IMAGE_TAG.findall(template.read_text()):
            unquoted = re.sub(r'"[^"]*"', "", arguments)  # sizes="(max-width: …) 100vw"
            bits = [b for b in unquoted.split() if "=" not in b and b != "as"]
            for spec in Filter.expand_spec(
                [b for b in bits if Filter.expanding_spec_pattern.match(b)]
            ):
                found[spec] = template.name
    for module in WEBSITE.rglob("*.py"):
        if "tests" not in module.parts:
            for spec in RENDITION_CALL.findall(module.read_text()):
                found[spec] = module.name
    return found


def cleaned_specs(image):
    """The specs as Wagtail stores them for `image` (without `preserve-svg`)."""
    return {image.clean_filter_for_svg(Filter(spec)).spec for spec in specs_for(image)}


def photo(size=(3600, 2400), orientation=None, mode="RGB", kind="JPEG", **options):
    """A photo-like picture (a gradient with grain, as a camera makes), encoded by Pillow.
    Its shorter side is at least twice WORKING_SIDE, so renditions come from a working copy."""
    width, height = size
    grain = PILImage.effect_noise((width // 16, height // 16), 30).convert("L").resize(size)
    gradient = PILImage.linear_gradient("L").resize(size)
    picture = PILImage.merge(
        "RGB", (gradient, grain, gradient.transpose(PILImage.Transpose.ROTATE_90).resize(size))
    )
    picture = picture.convert(mode)
    if orientation:
        exif = picture.getexif()
        exif[0x0112] = orientation
        options["exif"] = exif
    out = io.BytesIO()
    picture.save(out, kind, **options)
    return out.getvalue()


def upload(admin_client, name, content, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        answer = admin_client.post(UPLOAD, {"files[]": SimpleUploadedFile(name, content)}).json()
    return answer


def test_every_spec_the_templates_and_code_ask_for_is_made_at_upload():
    asked = specs_in_the_code()
    assert len(asked) >= 12, asked  # the tags were found at all
    wide = CustomImage(width=4000, height=3000, file="original_images/x.jpg")
    made = cleaned_specs(wide)
    missing = {
        spec: where
        for spec, where in asked.items()
        if wide.clean_filter_for_svg(Filter(spec)).spec not in made
    }
    assert not missing, f"asked for by a template, not made at upload (core.renditions): {missing}"


def test_an_upload_gets_every_rendition_in_the_background(
    admin_client, django_capture_on_commit_callbacks
):
    """A phone photo taken upright (EXIF orientation 6) with the camera's sRGB profile:
    every size and format, upright, never enlarged, from the working copy."""
    photo_bytes = photo(orientation=6, icc_profile=srgb_profile())
    answer = upload(admin_client, "telefoon.jpg", photo_bytes, django_capture_on_commit_callbacks)
    assert answer["success"], answer
    image = CustomImage.objects.get(pk=answer["image_id"])
    renditions = {r.filter_spec: r for r in image.renditions.all()}
    assert set(renditions) == cleaned_specs(image)
    sizes = {spec: (r.width, r.height) for spec, r in renditions.items()}
    assert sizes["format-avif|width-400"] == (400, 600)  # upright
    assert sizes["format-webp|width-1200"] == (1200, 1800)
    assert sizes["max-1200x1200"] == (800, 1200)
    assert renditions["max-1200x1200"].file.name.endswith(".jpg")  # the original's kind
    with renditions["format-jpeg|width-400"].file.open() as handle, PILImage.open(handle) as jpeg:
        assert jpeg.format == "JPEG" and jpeg.size == (400, 600)


# What editors upload, as their programs save it: (name, bytes, working copy's format, size,
# mode). Each is reduced to a copy whose shorter side is 1200 pixels, upright, in a format that
# gives the renditions the original would.
SHAPES = [
    # A phone photo taken upright: EXIF orientation 6.
    ("telefoon.jpg", lambda: photo(orientation=6), "JPEG", (1200, 1800), "RGB"),
    # A scan from a print shop: CMYK JPEG (RGB from then on: previews draw CMYK wrongly).
    ("folder-scan.jpg", lambda: photo(mode="CMYK"), "JPEG", (1800, 1200), "RGB"),
    # A grey newspaper photo.
    ("krant.jpg", lambda: photo(mode="L"), "JPEG", (1800, 1200), "L"),
    # A poster exported from LibreOffice Draw as PNG, with an alpha channel.
    (
        "affiche.png",
        lambda: photo((2400, 3400), mode="RGBA", kind="PNG"),
        "PNG",
        (1200, 1700),
        "RGBA",
    ),
    # A palette PNG with a transparent colour (a logo made in Paint).
    ("logo.png", lambda: paint_logo((2800, 2800)), "PNG", (1200, 1200), "RGBA"),
    # A WebP from a phone's share menu.
    (
        "gedeeld.webp",
        lambda: photo((3200, 2400), kind="WEBP", quality=80),
        "WEBP",
        (1600, 1200),
        "RGB",
    ),
]


@pytest.mark.parametrize(
    ("name", "make", "kind", "size", "mode"), SHAPES, ids=[s[0] for s in SHAPES]
)
def test_the_working_copy_of_what_editors_upload(name, make, kind, size, mode):
    with PILImage.open(io.BytesIO(working_copy(make()))) as copy:
        assert (copy.format, copy.size, copy.mode) == (kind, size, mode)
        assert copy.getexif().get(0x0112, 1) == 1  # upright: no orientation left to apply
        if name == "logo.png":
            assert copy.getextrema()[3][0] == 0  # still see-through


def test_a_small_or_moving_picture_is_its_own_working_copy():
    small = photo((640, 480))
    assert working_copy(small) == small
    frames = [PILImage.new("RGB", (3000, 2600), (60 * n, 90, 160)) for n in range(2)]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=200)
    assert working_copy(out.getvalue()) == out.getvalue()


def test_the_first_view_of_a_page_with_a_new_photo_makes_no_rendition(
    admin_client, client, home_page, django_capture_on_commit_callbacks
):
    answer = upload(admin_client, "actie.jpg", photo(), django_capture_on_commit_callbacks)
    image = CustomImage.objects.get(pk=answer["image_id"])
    articles = ArticleIndexPageFactory(parent=home_page)
    page = ArticlePageFactory(parent=articles, image=image, image_alt="Mensen met borden")
    made_at_upload = CustomRendition.objects.count()

    html = client.get(page.url).content.decode()

    assert CustomRendition.objects.count() == made_at_upload
    assert 'type="image/avif"' in html and ".width-800." in html


def test_an_svg_gets_its_sizes_without_rasterising(
    admin_client, django_capture_on_commit_callbacks
):
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 400">'
        b'<rect width="9" height="9"/></svg>'
    )
    answer = upload(admin_client, "logo.svg", svg, django_capture_on_commit_callbacks)
    image = CustomImage.objects.get(pk=answer["image_id"])
    assert {r.filter_spec for r in image.renditions.all()} == {
        "width-400",
        "width-800",
        "width-1200",
        "height-56",
        "height-64",
    }
    assert all(r.file.name.endswith(".svg") for r in image.renditions.all())


def test_an_animated_gif_is_made_from_its_original(
    admin_client, django_capture_on_commit_callbacks
):
    frames = [PILImage.new("RGB", (1000, 700), (60 * n, 90, 160)) for n in range(3)]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=200, loop=0)
    answer = upload(admin_client, "zwaaien.gif", out.getvalue(), django_capture_on_commit_callbacks)
    image = CustomImage.objects.get(pk=answer["image_id"])
    assert image.renditions.filter(filter_spec="format-webp|width-800").exists()


def test_an_image_over_the_pixel_limit_is_refused_in_dutch_with_what_to_do(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 2_000_000
    answer = admin_client.post(
        UPLOAD, {"files[]": SimpleUploadedFile("panorama.jpg", photo((2400, 1000)))}
    ).json()
    assert not answer["success"]
    assert answer["error_message"] == (
        "Deze afbeelding is te groot: 2.400 × 1.000 pixels (2,4 megapixel). De website neemt "
        "afbeeldingen tot 2 megapixel aan: genoeg voor foto's van telefoons en camera's. Maak "
        "de afbeelding kleiner (4000 pixels breed is ruim genoeg) en upload haar opnieuw."
    )
    assert not CustomImage.objects.filter(title__icontains="panorama").exists()


def test_a_file_over_the_size_limit_is_refused_with_what_to_do(admin_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100_000
    answer = admin_client.post(
        UPLOAD, {"files[]": SimpleUploadedFile("zwaar.jpg", photo((800, 600), quality=100))}
    ).json()
    assert not answer["success"]
    assert "Dit bestand is te groot (" in answer["error_message"]
    assert "Sla de foto kleiner op" in answer["error_message"]


def test_the_upload_form_names_the_pixel_limit(admin_client):
    page = admin_client.get("/admin/images/add/").content.decode()
    assert "Maximale bestandsgrootte: 30,0\xa0MB. Afbeeldingen tot 110 megapixel." in page


def test_the_limits_fit_what_phones_and_cameras_make(settings):
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS >= 12_000 * 9_000  # a 108 MP phone photo
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS < 16_320 * 12_240  # not the 200 MP mode
    assert PILImage.MAX_IMAGE_PIXELS >= settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS


def paint_logo(size):
    """A palette PNG whose left half is the transparent colour, as Paint saves a logo."""
    logo = PILImage.new("P", size, 1)
    logo.putpalette([255, 255, 255, 10, 79, 122] + [0] * 762)
    logo.paste(0, (0, 0, size[0] // 2, size[1]))
    out = io.BytesIO()
    logo.save(out, "PNG", transparency=0)
    return out.getvalue()


def srgb_profile():
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
