import pytest
from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.fields import StreamField
from wagtail.models import get_page_models

from website.core.blocks import CallToActionBlock
from website.core.factories import ImageFactory
from website.pages.models import StandardPage


def rich_text_blocks(block):
    """Every rich-text block in a (nested) StreamField block."""
    if isinstance(block, blocks.RichTextBlock):
        yield block
    for child in getattr(block, "child_blocks", {}).values():
        yield from rich_text_blocks(child)


def test_rich_text_in_any_body_turns_an_h1_into_a_paragraph():
    """The page title is the only h1: an h1 pasted into a body's text editor is kept as text,
    not as a heading."""
    found = []
    for model in get_page_models():
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                for block in rich_text_blocks(field.stream_block):
                    widget = block.field.widget
                    editor_state = widget.format_value("<h1>Kop</h1><p>Tekst</p>")
                    stored = widget.converter.to_database_format(editor_state)
                    found.append(model.__name__)
                    assert "<h1" not in stored, (model.__name__, stored)
                    assert "Kop" in stored, (model.__name__, stored)
    assert {"StandardPage", "ArticlePage", "StoryPage", "EventPage"} <= set(found)


@pytest.mark.django_db
def test_body_image_needs_alt_text_unless_decorative():
    block = StandardPage.body.field.stream_block.child_blocks["image"]
    image = ImageFactory()

    def value(decorative, alt_text):
        image_value = {"image": image.pk, "decorative": decorative, "alt_text": alt_text}
        return block.to_python({"image": image_value, "caption": ""})

    with pytest.raises(ValidationError):
        block.clean(value(decorative=False, alt_text=""))
    assert block.clean(value(decorative=True, alt_text=""))["image"].contextual_alt_text == ""
    described = block.clean(value(decorative=False, alt_text="Mensen in gesprek"))
    assert described["image"].contextual_alt_text == "Mensen in gesprek"


def test_call_to_action_needs_exactly_one_target():
    block = CallToActionBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"text": "Lees", "page": None, "external_url": ""}))
    value = block.clean(
        block.to_python({"text": "Lees", "page": None, "external_url": "https://example.org"})
    )
    assert value.url == "https://example.org"
