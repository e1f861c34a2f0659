"""A page a contributor makes says it was added by their organisation."""

from django.contrib.auth import get_user_model
from django.db.models.signals import post_delete, pre_save
from django.dispatch import receiver

from .models import Contributor
from .roles import CONTRIBUTABLE_PAGE_MODELS


def contributed_by_owner(sender, instance, **kwargs):
    """Before a new page is first saved: when its owner is a contributor, fill in
    `contributed_by` with their organisation (a contributor's form has no such field)."""
    if instance.pk or instance.contributed_by_id or not instance.owner_id:
        return
    contributor = Contributor.objects.filter(user_id=instance.owner_id).first()
    if contributor:
        instance.contributed_by_id = contributor.organisation_id


# Subclasses (BookReviewPage) send their own signal: connect every concrete page type.
def _page_models():
    seen = set()
    for model in CONTRIBUTABLE_PAGE_MODELS:
        for candidate in [model, *model.__subclasses__()]:
            if candidate not in seen and not candidate._meta.abstract:
                seen.add(candidate)
                yield candidate


for page_model in _page_models():
    receiver(pre_save, sender=page_model, dispatch_uid=f"contributed_by_{page_model.__name__}")(
        contributed_by_owner
    )


@receiver(post_delete, sender=Contributor, dispatch_uid="contributor_removed")
def close_account_of_removed_contributor(sender, instance, **kwargs):
    """A contributor removed with their organisation keeps no account that could add pages
    without one: it is closed (their pages stay)."""
    get_user_model().objects.filter(pk=instance.user_id).update(is_active=False)
