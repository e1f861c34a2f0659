"""Reading a document's text after upload, and keeping the search index in step."""

import logging

from django.tasks import task
from wagtail.documents import get_document_model
from wagtail.models import Page, ReferenceIndex
from wagtail.search import index

from .files import read_text

logger = logging.getLogger(__name__)


@task
def extract_document_text(document_id):
    """Read a document's text, store it, and re-index it and every page that uses it."""

    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return None
    try:
        with document.open_file() as handle:
            text, problem = read_text(handle, document.filename)
    except OSError:
        logger.warning("Document %s has no readable file", document_id, exc_info=True)
        text, problem = "", "Het bestand is niet gevonden op de server."
    type(document).objects.filter(pk=document.pk).update(
        extracted_text=text, extraction_problem=problem
    )
    document.extracted_text = text
    reindex(document)
    for source, _references in ReferenceIndex.get_references_to(document).group_by_source_object():
        reindex(getattr(source, "specific", source))
    return len(text)


def reindex(obj):
    try:
        index.insert_or_update_object(obj)
    except Exception:  # noqa: BLE001 - one object that won't index must not stop the rest
        logger.exception("Could not update the search index for %r", obj)


@task
def reindex_pages(page_ids):
    """Re-index pages (e.g. after a file they used was deleted)."""

    for page in Page.objects.filter(pk__in=page_ids).specific():
        reindex(page)
