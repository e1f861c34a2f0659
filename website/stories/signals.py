from django.db.models.signals import pre_delete
from django.dispatch import receiver
from wagtail.models import PageLogEntry
from wagtail.signals import page_published

from .models import StoryPage, StorySubmission
from .submissions import tell_writer_it_is_published


@receiver(pre_delete, sender=StoryPage)
def forget_submission_with_its_page(sender, instance, **kwargs):
    """An editor who rejects a story deletes its page: the submission goes too."""
    StorySubmission.objects.filter(page_id=instance.pk).delete()


@receiver(page_published, sender=StoryPage)
def forget_earlier_versions(sender, instance, revision=None, **kwargs):
    """Editors anonymise a story before they publish it, but Wagtail's earlier versions
    still hold the text as it was sent in. Once a version is published, the earlier ones get
    its content and the history its title. The text as sent in stays in the private
    submission, which the retention period and a withdrawal erase. (Editors lose the
    comparison with those versions; editors' comments are theirs to keep clean.)"""
    if revision is None:
        return
    instance.revisions.filter(created_at__lte=revision.created_at).exclude(pk=revision.pk).update(
        content=revision.content, object_str=revision.object_str
    )
    # The history's labels show the title, which may have held the writer's name.
    PageLogEntry.objects.filter(page=instance).update(label=revision.object_str)


@receiver(page_published, sender=StoryPage)
def tell_the_writer(sender, instance, **kwargs):
    """The first time a story goes live, its writer (if they left an e-mail address) hears
    so, with the link to it and a way to withdraw it."""
    submission = StorySubmission.objects.filter(page_id=instance.pk).first()
    if submission is not None:
        tell_writer_it_is_published(submission, instance)
