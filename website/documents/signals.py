"""What happens when a document is saved or deleted: its text is read, pages that used it are
re-indexed. Connected to Wagtail's document model in `DocumentsConfig.ready()`."""

from django.db import transaction
from wagtail.models import ReferenceIndex

from .tasks import extract_document_text, reindex_pages


def read_document_text(sender, instance, update_fields=None, **kwargs):
    """Read the text of a new or replaced file in the background."""
    if update_fields and "file" not in update_fields:
        return

    transaction.on_commit(lambda: extract_document_text.enqueue(instance.pk))


def forget_document_text(sender, instance, **kwargs):
    """Pages that used a deleted file must stop matching its words: re-index them."""

    page_ids = [
        int(ref.object_id)
        for ref in ReferenceIndex.get_references_to(instance).select_related("base_content_type")
        if ref.base_content_type.model == "page"
    ]
    if page_ids:
        transaction.on_commit(lambda: reindex_pages.enqueue(page_ids))
