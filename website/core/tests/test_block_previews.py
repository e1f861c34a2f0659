"""Editors choosing a block see what it does: a description for every body block, and a
preview in the site's own style for those that need no chosen image, page or document."""

import pytest

from website.pages.models import StandardPage
from website.testing.utils import find_all, find_one

pytestmark = pytest.mark.django_db

PREVIEWED = {"heading", "paragraph", "quote", "list", "facts"}


def body_block_types():
    return StandardPage._meta.get_field("body").stream_block.child_blocks


def test_every_body_block_says_what_it_does_in_dutch():
    for name, block in body_block_types().items():
        description = str(block.meta.description or "")
        assert len(description.split()) >= 5, name
        assert description.endswith("."), name


SITE_STYLESHEETS = ["site.css", "components.css", "sections.css"]


def test_blocks_with_an_example_show_it_in_the_sites_style(admin_client):
    blocks = body_block_types()
    assert {name for name, block in blocks.items() if block.is_previewable} == PREVIEWED
    for name in PREVIEWED:
        block = blocks[name]
        preview = admin_client.get("/admin/block-preview/", {"id": block.definition_prefix})
        assert preview.status_code == 200, name
        sheets = [link.get("href") for link in find_all(preview, "link", rel="stylesheet")]
        assert [href.rsplit("/", 1)[-1] for href in sheets] == SITE_STYLESHEETS, name
        assert find_one(preview, "main").find(".//*") is not None, name  # the example itself
