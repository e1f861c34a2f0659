"""Seed step: contributors may add pages under the agenda, the local initiatives and the
news (Wagtail's "add" permission: they edit only what they made, and cannot publish)."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from website.seed.models import SeedRecord

from .roles import CONTRIBUTORS

SECTION_KEYS = ["page:agenda", "page:initiatives", "page:news"]


def contributor_sections(ctx):
    """Once: the Bijdrager group gets "add" on each seeded section that exists. A Beheerder
    who takes one away later (Instellingen → Groepen) is not overruled."""
    ctx.once("role:contributor-sections", grant_sections)


def grant_sections():
    group = Group.objects.filter(name=CONTRIBUTORS).first()
    if group is None:
        return None
    add_page = Permission.objects.get(content_type__app_label="wagtailcore", codename="add_page")
    for record in SeedRecord.objects.filter(key__in=SECTION_KEYS).select_related("content_type"):
        page = record.target()
        if page is not None:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=add_page)
    return group
