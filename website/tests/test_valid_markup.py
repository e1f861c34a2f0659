"""Markup the HTML checker refuses but html5lib accepts: repeated widths in a srcset (Wagtail
never enlarges an image, so a small image gives the same width twice) and empty form
actions."""

import pytest

from website.core.factories import ImageFactory
from website.pages.factories import StandardPageFactory
from website.testing.utils import find_all

pytestmark = pytest.mark.django_db


def srcset_widths(response):
    """Per <img>/<source> with `sizes`: the width descriptors of its srcset, in order. The
    HTML checker wants a srcset with a width on every candidate wherever `sizes` is set."""
    elements = [*find_all(response, "img"), *find_all(response, "source")]
    widths = []
    for element in elements:
        if element.get("sizes") is None:
            continue
        candidates = [c.split() for c in (element.get("srcset") or "").split(",") if c.strip()]
        assert candidates, f"sizes without srcset: {element.attrib}"
        descriptors = [c[-1] if len(c) == 2 else "" for c in candidates]
        assert all(d.endswith("w") for d in descriptors), element.attrib
        widths.append(descriptors)
    return widths


@pytest.mark.parametrize("width", [300, 400, 600, 800, 1600])
def test_image_blocks_never_list_one_width_twice(client, home_page, width):
    image = ImageFactory(file__width=width, file__height=width // 2)
    figure = {"image": {"image": image.pk, "decorative": True, "alt_text": ""}, "caption": ""}
    page = StandardPageFactory(parent=home_page, body=[{"type": "image", "value": figure}])
    response = client.get(page.url)
    assert len(find_all(response, "picture")) == 1
    widths = srcset_widths(response)
    assert bool(widths) == (width > 400)  # a small image has one width: no srcset choice
    for descriptors in widths:
        assert len(descriptors) == len(set(descriptors)), descriptors


def test_the_seeded_book_cover_lists_each_width_once(client, seeded):
    widths = srcset_widths(client.get("/achtergronden/genadebrood/"))
    for descriptors in widths:
        assert len(descriptors) == len(set(descriptors)), descriptors


@pytest.mark.parametrize("path", ["/contact/", "/wat-mensen-overkomt/deel-je-verhaal/"])
def test_forms_post_back_without_an_empty_action(client, seeded, path):
    response = client.get(path)
    form = find_all(response, "form", "form")
    assert len(form) == 1
    assert "action" not in form[0].attrib
