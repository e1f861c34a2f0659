"""The three roles in the admin, as Django groups made by migration 0002_roles.

What each may do is in that migration and in docs/roles.md; here are the names, the
sentence the admin shows each person about their role, and who counts as a contributor.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission

from website.agenda.models import EventPage
from website.articles.models import ArticlePage
from website.initiatives.models import InitiativePage

ADMINISTRATORS = "Beheerder"
EDITORS = "Redactie"
CONTRIBUTORS = "Bijdrager"

DESCRIPTIONS = {
    ADMINISTRATORS: (
        "Je mag alles: ook accounts, rollen, de instellingen van de site en de werkstromen beheren."
    ),
    EDITORS: (
        "Je maakt en publiceert alle inhoud, keurt bijdragen goed of af, en beheert "
        "aanmeldingen, verhalen, contactberichten, de nieuwsbrief en de bijdragers."
    ),
    CONTRIBUTORS: (
        "Je voegt activiteiten, lokale initiatieven en nieuws toe namens je organisatie. "
        "De redactie controleert ze voordat ze op de site komen. Je ziet geen gegevens "
        "van mensen (aanmeldingen, verhalen, berichten)."
    ),
}

# What a contributor may add, each under its own section (the seed gives the Bijdrager
# group "add" on the agenda, local initiatives and news; a Beheerder may change that).
CONTRIBUTABLE_PAGE_MODELS = (EventPage, InitiativePage, ArticlePage)


def organisation_of(user):
    """The MemberOrganisation `user` contributes for, or None (editors, administrators,
    anonymous users and accounts without a contributor profile)."""
    if not getattr(user, "is_authenticated", False):
        return None
    contributor = getattr(user, "contributor", None)
    return contributor.organisation if contributor else None


def is_contributor(user):
    """True for an account whose only role is Bijdrager (not Redactie or Beheerder, not a
    superuser): the one the contributors' limits apply to."""
    if not getattr(user, "is_authenticated", False) or user.is_superuser:
        return False
    names = set(user.groups.values_list("name", flat=True))
    return CONTRIBUTORS in names and not names & {EDITORS, ADMINISTRATORS}


def may_create(user, page_class):
    """Whether `user` may make a page of `page_class` (where Wagtail's own permissions allow
    one): a contributor only the kinds above, and only while they have an organisation.
    Both the list of page types and the create view ask this (wagtail_hooks)."""
    if not is_contributor(user):
        return True
    return page_class in CONTRIBUTABLE_PAGE_MODELS and organisation_of(user) is not None


def user_roles(user):
    """[(name, description)] of the roles `user` has, in the order above."""
    names = set(user.groups.values_list("name", flat=True))
    return [(name, text) for name, text in DESCRIPTIONS.items() if name in names]


def give_administrators_everything(app_config, using="default", **kwargs):
    """post_migrate: the Beheerder group holds every permission there is, also those of
    models added after migration 0002_roles. Adds only what is missing.

    This receiver is connected before django.contrib.auth's (our apps come first), so it
    makes the sending app's permissions itself first, as auth would a moment later."""
    create_permissions(app_config, verbosity=0, using=using, apps=kwargs.get("apps", global_apps))
    group = Group.objects.using(using).filter(name=ADMINISTRATORS).first()
    if group is not None:
        group.permissions.add(*Permission.objects.using(using).exclude(group=group))
