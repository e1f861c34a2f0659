from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.fields import StreamField
from wagtail.signals import page_published, page_unpublished, post_page_move

from website.caching.content_cache import content_changed, shows_on_public_pages
from website.text import clean_data, clean_text

from .media import CustomImage
from .tasks import make_image_renditions


@receiver(pre_save)
def clean_pasted_text(sender, instance, **kwargs):
    """Every text the project's models store, however it arrives (admin, forms, seed,
    import), without the control characters pasted text carries (core.text): one Word
    line break in an introduction would otherwise break every feed and calendar that shows
    it. One-line fields get spaces for line breaks."""
    if not sender.__module__.startswith("website."):
        return
    for field in sender._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if not value:
            continue
        if isinstance(field, StreamField):
            raw = field.get_prep_value(value)
            cleaned = clean_data(raw)
            if cleaned != raw:
                setattr(instance, field.attname, cleaned)
        elif isinstance(field, models.JSONField):
            setattr(instance, field.attname, clean_data(value))
        elif isinstance(field, models.TextField):
            setattr(instance, field.attname, clean_text(value))
        elif isinstance(field, models.CharField):
            setattr(instance, field.attname, clean_text(value, single_line=True))


@receiver(post_save)
@receiver(post_delete)
def forget_cached_fragments(sender, **kwargs):
    """Anything saved or deleted that can show on a public page (a page, a setting, a
    member organisation, an image) makes the cached menu, footer and other fragments
    stale (core.content_cache)."""
    if kwargs.get("raw"):
        return  # fixtures
    if shows_on_public_pages(sender):
        content_changed()


@receiver(m2m_changed)
def forget_cached_fragments_on_relation(sender, instance, action, **kwargs):
    """Themes of a member organisation, tags: relations change without a save."""
    if action.startswith("post_") and shows_on_public_pages(type(instance)):
        content_changed()


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def forget_cached_fragments_on_page_change(sender, **kwargs):
    """Publishing and moving also update rows without a model save (tree paths)."""
    content_changed()


@receiver(post_save, sender=CustomImage)
def make_renditions_after_upload(sender, instance, update_fields=None, **kwargs):
    """A new or changed image (a replaced file, a new focal point) gets its renditions in
    the background (core.renditions), queued once the upload's transaction has committed;
    for an image that has them all the task is one query."""
    if kwargs.get("raw") or (update_fields and "file" not in update_fields):
        return
    transaction.on_commit(lambda: make_image_renditions.enqueue(instance.pk))
