import wagtail_factories

from .models import CustomDocument, CustomImage


class ImageFactory(wagtail_factories.ImageFactory):
    class Meta:
        model = CustomImage


class DocumentFactory(wagtail_factories.DocumentFactory):
    class Meta:
        model = CustomDocument


def image_block(image, alt_text="", decorative=False, caption=""):
    """A body's "image" block (StreamField data) showing `image`."""
    return {
        "type": "image",
        "value": {
            "image": {"image": image.pk, "decorative": decorative, "alt_text": alt_text},
            "caption": caption,
        },
    }
