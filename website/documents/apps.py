from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_migrate, post_save, pre_delete

# Applying this reads every stored document again once the migrations have run.
REREADING_MIGRATION = ("documents", "0001_read_headers_and_form_fields")


class DocumentsConfig(AppConfig):
    """Uploaded documents: checks on upload, their text for search (the model itself is
    `core.CustomDocument`, Wagtail's swappable document model)."""

    name = "website.documents"
    label = "documents"
    verbose_name = "Documenten"

    def ready(self):
        # Imported here: the document model is known once every app is loaded.
        from wagtail.documents import get_document_model  # noqa: PLC0415

        from .signals import forget_document_text, read_document_text  # noqa: PLC0415

        document_model = get_document_model()
        post_save.connect(read_document_text, sender=document_model, dispatch_uid="doc-text")
        pre_delete.connect(forget_document_text, sender=document_model, dispatch_uid="doc-gone")
        post_migrate.connect(read_again_after_reader_change, sender=self)


def read_again_after_reader_change(plan=None, using="default", **kwargs):
    """Queue `extract_document_text` for every document when this migrate run applied
    REREADING_MIGRATION (a fresh database has no documents: nothing is queued)."""
    if REREADING_MIGRATION not in {(m.app_label, m.name) for m, back in plan or [] if not back}:
        return
    # Imported here: models and tasks are loaded once every app is.
    from wagtail.documents import get_document_model  # noqa: PLC0415

    from .tasks import extract_document_text  # noqa: PLC0415

    for document_id in get_document_model().objects.using(using).values_list("pk", flat=True):
        transaction.on_commit(lambda pk=document_id: extract_document_text.enqueue(pk), using)
