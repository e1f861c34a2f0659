"""Images as editors upload them (issue 29): animated GIFs, APNGs and WebPs become a still
picture on the site, and the editor is told so right after the upload; SVGs from Inkscape,
Illustrator and other exporters, whose sizes are decimals or exponents, give whole-pixel
sizes in the page's markup at once (not only after the rendition cache expires)."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from website.core.factories import image_block
from website.core.models import CustomImage
from website.pages.factories import StandardPageFactory
from website.testing.utils import assert_valid_html, find_all, find_one

pytestmark = pytest.mark.django_db

UPLOAD = "/admin/images/multiple/add/"


def frames(kind, count):
    """A real GIF, PNG or WebP with `count` frames (one: a still picture), made by Pillow."""
    pictures = [PILImage.new("RGB", (120, 80), (40 * number, 90, 160)) for number in range(count)]
    out = io.BytesIO()
    options = {"save_all": True, "append_images": pictures[1:], "duration": 200, "loop": 0}
    pictures[0].save(out, kind, **(options if count > 1 else {}))
    return out.getvalue()


def upload(admin_client, name, content, content_type):
    answer = admin_client.post(
        UPLOAD, {"files[]": SimpleUploadedFile(name, content, content_type)}
    ).json()
    assert answer["success"], answer
    return answer


@pytest.mark.parametrize(
    ("name", "kind", "count", "animated"),
    [
        ("dansende-mensen.gif", "GIF", 6, True),
        ("zwaaien.webp", "WEBP", 4, True),
        ("logo.gif", "GIF", 1, False),
        ("foto.png", "PNG", 1, False),
    ],
)
def test_an_animation_is_named_right_after_its_upload(admin_client, name, kind, count, animated):
    answer = upload(admin_client, name, frames(kind, count), f"image/{kind.lower()}")
    told = "dit is een bewegende afbeelding" in answer["form"]
    assert told is animated
    image = CustomImage.objects.get(pk=answer["image_id"])
    edit_page = admin_client.get(f"/admin/images/{image.pk}/").content.decode()
    assert ("dit is een bewegende afbeelding" in edit_page) is animated


def test_an_animated_png_is_refused_with_what_to_do(admin_client):
    answer = admin_client.post(
        UPLOAD, {"files[]": SimpleUploadedFile("laadbalk.png", frames("PNG", 3), "image/png")}
    ).json()
    assert not answer["success"]
    assert "bewegende PNG (APNG)" in answer["error_message"]
    assert "Sla het bestand op als gewone PNG" in answer["error_message"]


SVGS = [
    # Inkscape: millimetres and a decimal viewBox.
    b'<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="148.5mm" '
    b'viewBox="0 0 793.70081 561.25985"><rect width="10" height="10"/></svg>',
    # Illustrator: points as decimals, no width or height.
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1500.5 750.00001">'
    b'<circle cx="5" cy="5" r="4"/></svg>',
    # Sizes written as floats.
    b'<svg xmlns="http://www.w3.org/2000/svg" width="400.0" height="300.0"><rect '
    b'width="1" height="1"/></svg>',
    # An exporter that writes exponents.
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1.2e3 6.0e2"><rect width="1" '
    b'height="1"/></svg>',
]
WHOLE_NUMBER = re.compile(r"\d+")


@pytest.mark.parametrize("svg", SVGS)
def test_an_uploaded_svg_has_whole_pixel_sizes_in_the_page_at_once(admin_client, home_page, svg):
    image = CustomImage.objects.get(
        pk=upload(admin_client, "grafiek.svg", svg, "image/svg+xml")["image_id"]
    )
    assert isinstance(image.width, int) and isinstance(image.height, int)
    body = [image_block(image, "Grafiek")]
    page = StandardPageFactory(parent=home_page, body=body)
    for _ in range(2):  # made now, then from Wagtail's rendition cache
        content = admin_client.get(page.url).content.decode()
        assert_valid_html(content)
        (img,) = find_all(find_one(content, "article"), "img")
        assert WHOLE_NUMBER.fullmatch(img.get("width")) and WHOLE_NUMBER.fullmatch(
            img.get("height")
        )
        descriptors = [item.split()[-1] for item in (img.get("srcset") or "").split(",") if item]
        assert all(re.fullmatch(r"\d+w", descriptor) for descriptor in descriptors), descriptors
