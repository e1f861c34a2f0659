"""Wagtail's list of users (Instellingen → Gebruikers) with each person's role, where
Wagtail shows "Beheerder" for a superuser and nothing for everyone else."""

from django.utils.functional import cached_property
from wagtail.admin.ui.tables import Column
from wagtail.users.views import users

from .roles import DESCRIPTIONS


def role_names(user):
    """ "Beheerder", "Redactie, Bijdrager", … in the roles' order; from prefetched groups."""
    if user.is_superuser:
        return "Beheerder (alles)"
    names = {group.name for group in user.groups.all()}
    return ", ".join(name for name in DESCRIPTIONS if name in names) or "Geen rol"


class UserIndexView(users.IndexView):
    @cached_property
    def columns(self):
        return [
            Column("roles", accessor=role_names, label="Rol", classname="level", width="20%")
            if column.name == "is_superuser"
            else column
            for column in super().columns
        ]

    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("groups")


class UserViewSet(users.UserViewSet):
    index_view_class = UserIndexView
