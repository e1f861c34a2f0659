import pytest
from django.core.exceptions import ValidationError
from wagtail.images.blocks import ImageBlock

from website.core.blocks import RICH_TEXT_FEATURES, CallToActionBlock
from website.core.factories import ImageFactory


def test_rich_text_offers_no_h1():
    assert "h1" not in RICH_TEXT_FEATURES


@pytest.mark.django_db
def test_image_needs_alt_text_unless_decorative():
    block = ImageBlock()
    image = ImageFactory()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": image.pk, "decorative": False, "alt_text": ""}))
    assert block.clean(block.to_python({"image": image.pk, "decorative": True, "alt_text": ""}))


def test_call_to_action_needs_exactly_one_target():
    block = CallToActionBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"text": "Lees", "page": None, "external_url": ""}))
    value = block.clean(
        block.to_python({"text": "Lees", "page": None, "external_url": "https://example.org"})
    )
    assert value.url == "https://example.org"
