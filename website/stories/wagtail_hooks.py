from django.urls import reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from website.core.admin_views import (
    MarkOpenedMixin,
    ReadableColumn,
    ReadableIndexView,
    ReadableInspectView,
)
from website.core.permissions import LimitedActionsPolicy

from .dashboard import StoriesWaitingPanel
from .models import StorySubmission


def story_page_edit_url(submission):
    return (
        reverse("wagtailadmin_pages:edit", args=[submission.page_id])
        if submission.page_id
        else None
    )


class SubmissionIndexView(ReadableIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("page")


class SubmissionInspectView(MarkOpenedMixin, ReadableInspectView):
    def get_page_display_value(self):
        """The story page as a link to its editor, where the story is checked and published."""
        if url := story_page_edit_url(self.object):
            return format_html('<a href="{}">{}</a>', url, self.object.page.title)
        return None


class StorySubmissionViewSet(ModelViewSet):
    """Editors see what was sent in: consents (with the wording's version and time) and,
    apart from the story, the contact details. Read-only; deleting is allowed. Opening one
    marks it read (the dashboard counts what is new)."""

    model = StorySubmission
    index_view_class = SubmissionIndexView
    inspect_view_class = SubmissionInspectView
    icon = "openquote"
    menu_label = "Ingestuurde verhalen"
    menu_order = 260
    add_to_admin_menu = True
    name = "ingestuurde-verhalen"
    list_display = [
        "__str__",
        ReadableColumn("state", label="Stand"),
        ReadableColumn("language_name", label="Taal"),
        "consent_website",
        "consent_letters",
        TitleColumn(
            "page",
            label="Verhaalpagina",
            get_url=story_page_edit_url,
            accessor=lambda s: s.page.title if s.page_id else "—",
        ),
        "created_at",
    ]
    list_filter = ["consent_letters"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "language",
        "story",
        "name_choice",
        "shown_name",
        "place",
        "show_place",
        "consent_website",
        "consent_letters",
        "consent_version",
        "consented_at",
        "page",
        "created_at",
        "contact_details",
    ]
    form_fields = ["consent_letters"]


register_permission_policy(
    StorySubmission, LimitedActionsPolicy(StorySubmission, forbidden=("add", "change"))
)
submission_viewset = StorySubmissionViewSet()


@hooks.register("register_admin_viewset")
def register_submission_viewset():
    return submission_viewset


@hooks.register("construct_homepage_panels")
def add_stories_waiting(request, panels):
    if submission_viewset.permission_policy.user_has_permission(request.user, "view"):
        panels.append(StoriesWaitingPanel())
