from django.apps import AppConfig
from django.db.models.signals import post_save, pre_delete


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
