from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from website.core.permissions import LimitedActionsPolicy

from .models import StorySubmission


class StorySubmissionViewSet(ModelViewSet):
    """Editors see what was sent in: consents (with the wording's version and time) and,
    apart from the story, the contact details. Read-only; deleting is allowed."""

    model = StorySubmission
    icon = "openquote"
    menu_label = "Ingestuurde verhalen"
    menu_order = 260
    add_to_admin_menu = True
    name = "ingestuurde-verhalen"
    list_display = ["__str__", "consent_website", "consent_letters", "page", "created_at"]
    list_filter = ["consent_letters"]
    inspect_view_enabled = True
    inspect_view_fields = [
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
