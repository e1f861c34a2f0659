"""Contributors in the admin: the list "Bijdragers" with invitations, what a contributor may
create, and a dashboard panel that tells each person what their role lets them do."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import CreateView, DeleteView
from wagtail.admin.views.pages.create import AddSubpageView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page

from website.core.addresses import request_site
from website.core.admin_views import PostActionsMixin, ReadableIndexView, ReadableInspectView

from .forms import ContributorForm, InviteContributorForm
from .invitations import invite, send_invitation
from .models import Contributor
from .moderation import (
    change_request_notice,
    replace_last_message,
    requested_change,
    review_message,
)
from .roles import is_contributor, may_create, organisation_of, user_roles


class ContributorIndexView(ReadableIndexView):
    add_item_label = "Bijdrager uitnodigen"


class ContributorInspectView(ReadableInspectView):
    template_name = "contributors/admin/inspect.html"


class InviteView(CreateView):
    """Saving the form makes the account and queues the invitation mail."""

    page_title = "Bijdrager uitnodigen"
    page_subtitle = "Bijdrager uitnodigen"
    submit_button_label = "Uitnodiging sturen"

    def save_instance(self):
        data = self.form.cleaned_data
        return invite(
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            organisation=data["organisation"],
            invited_by=self.request.user,
            site=request_site(self.request),
        )

    def get_success_message(self, instance):
        days = settings.CONTRIBUTOR_INVITATION_DAYS
        return f"{instance.email} is uitgenodigd. De uitnodiging werkt {days} dagen."


class RemoveContributorView(DeleteView):
    """Removing a contributor removes their account (their pages stay, without owner)."""

    def delete_action(self):
        self.object.user.delete()


class ContributorViewSet(PostActionsMixin, ModelViewSet):
    model = Contributor
    index_view_class = ContributorIndexView
    inspect_view_class = ContributorInspectView
    add_view_class = InviteView
    delete_view_class = RemoveContributorView
    icon = "group"
    menu_label = "Bijdragers"
    menu_order = 270
    add_to_admin_menu = True
    name = "bijdragers"
    # Plain names: the first becomes the link to the person's page ("Opnieuw uitnodigen").
    list_display = ["name", "email", "organisation", "invited_at", "accepted_at"]
    list_filter = ["organisation"]
    search_fields = ["user__first_name", "user__last_name", "user__email", "organisation__name"]
    inspect_view_enabled = True
    copy_view_enabled = False  # an account is one person's
    inspect_view_fields = [
        "name",
        "email",
        "organisation",
        "invited_at",
        "invited_by_name",
        "accepted_at",
    ]
    post_actions = ["reinvite"]

    def get_form_class(self, for_update=False):
        return ContributorForm if for_update else InviteContributorForm

    def act_reinvite(self, request, contributor):
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        if contributor.accepted_at:
            messages.info(request, f"{contributor.name} heeft al een wachtwoord gekozen.")
        else:
            send_invitation(contributor, request_site(request))
            messages.success(request, f"Nieuwe uitnodiging gestuurd naar {contributor.email}.")
        return redirect(self.get_url_name("inspect"), contributor.pk)


contributor_viewset = ContributorViewSet()


@hooks.register("register_admin_viewset")
def register_contributors():
    return contributor_viewset


@hooks.register("before_create_page")
def contributors_add_their_own_kinds(request, parent_page, page_class):
    """A contributor adds events, local initiatives and news articles, nothing else (not a
    book review, not a new list), even where the section would allow more; one without an
    organisation (it was removed, or the role was given by hand) adds nothing."""
    if not may_create(request.user, page_class):
        raise PermissionDenied
    return None


@hooks.register("before_edit_page")
def show_the_requested_change(request, page):
    """Opening a page that waits for changes shows what the reviewer asked, on top: Wagtail
    shows it only deep in the page's history, so a contributor would resubmit unchanged."""
    if request.method == "GET":
        text = change_request_notice(page)
        if text:
            messages.warning(request, text)


@hooks.register("before_edit_page")
def a_change_request_says_what_to_change(request, page):
    """ "Wijziging vragen" without a word would send the contributor a mail that asks for a
    change and does not say which: refused, nothing sent, the editor asked to write it."""
    if request.method != "POST" or request.POST.get("workflow-action-name") != "reject":
        return None
    if requested_change(request.POST):
        return None
    messages.error(
        request,
        "Schrijf bij Wijziging vragen wat er anders moet. Er is nog niets verstuurd.",
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("after_edit_page")
def say_what_the_review_did(request, page):
    """After "Goedkeuren" or "Wijziging vragen" in the editor, say that, not "gewijzigd"."""
    text = review_message(page, request.POST.get("workflow-action-name"))
    if text:
        replace_last_message(request, text)


class AddSubpageByRoleView(AddSubpageView):
    """ "Pagina toevoegen" lists only the kinds of page this person may make (roles.
    may_create), so a contributor is never offered one that ends in "Sorry, je hebt geen
    toegang". Wagtail's view lists what the section allows; this takes out the rest and, as
    Wagtail does, goes straight to the form when one kind is left."""

    def get(self, request, *args, **kwargs):
        models = {
            (model._meta.app_label, model._meta.model_name): model
            for model in type(self.parent_page).creatable_subpage_models()
        }
        self.page_types = [
            page_type
            for page_type in self.page_types
            if may_create(request.user, models[page_type[1], page_type[2]])
        ]
        if not self.page_types:
            raise PermissionDenied
        if len(self.page_types) == 1:
            _name, app_label, model_name, _description = self.page_types[0]
            return redirect("wagtailadmin_pages:add", app_label, model_name, self.parent_page.id)
        return super().get(request, *args, **kwargs)


class PageByRoleViewSet(PageViewSet):
    """Wagtail's views for every kind of page (it routes pages by type through a registry;
    this takes the place of its default), with the page-type list above."""

    model = Page
    name = "pages_by_role"
    add_subpage_view_class = AddSubpageByRoleView


@hooks.register("register_admin_viewset")
def register_page_viewset():
    return PageByRoleViewSet()


class RolePanel(Component):
    """Top of the dashboard: your role in one sentence; for a contributor, the way to work."""

    name = "role"
    order = 5
    template_name = "contributors/admin/role_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        return {
            "roles": user_roles(self.user),
            "organisation": organisation_of(self.user),
            "is_superuser": self.user.is_superuser,
        }


@hooks.register("construct_homepage_panels")
def add_role_panel(request, panels):
    panels.append(RolePanel(request.user))


@hooks.register("construct_main_menu")
def contributors_see_no_reports(request, menu_items):
    """The reports (site history, workflows) name the editors and other organisations'
    contributors: a contributor's menu leaves them out."""
    if is_contributor(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "reports"]


@hooks.register("construct_page_action_menu")
def contributors_send_back_one_way(menu_items, request, context):
    """After a change was asked, a contributor sends the page back with "Opnieuw indienen
    ter controle"; Wagtail also offers "Controle opnieuw beginnen", which looks the same to
    them. Editors keep both."""
    if is_contributor(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "action-restart-workflow"]
