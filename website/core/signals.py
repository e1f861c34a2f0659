from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import CustomDocument


@receiver(post_save, sender=CustomDocument)
def read_document_text(sender, instance, update_fields=None, **kwargs):
    """Read the text of a new or replaced file in the background."""
    if update_fields and "file" not in update_fields:
        return
    from .tasks import extract_document_text

    transaction.on_commit(lambda: extract_document_text.enqueue(instance.pk))
