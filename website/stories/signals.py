from django.db.models.signals import pre_delete
from django.dispatch import receiver

from .models import StoryPage, StorySubmission


@receiver(pre_delete, sender=StoryPage)
def forget_submission_with_its_page(sender, instance, **kwargs):
    """An editor who rejects a story deletes its page: the submission goes too."""
    StorySubmission.objects.filter(page_id=instance.pk).delete()
