"""Wagtail's admin and users apps as this site needs them (INSTALLED_APPS names these
configs in place of "wagtail.admin" and "wagtail.users").

The admin, without its two mails per page sent for review.

On a submission Wagtail mails every superuser (for the workflow) and every member of the
reviewing group (for its task), each at their own address; a story came to the editors in three
mails, a contribution in two. The editors get one instead, at their shared address
(moderation.tell_editors). Wagtail connects its mailers in its app's ready(), so they are
disconnected here, after it (INSTALLED_APPS names this config in place of "wagtail.admin").
Its mails to the person who submitted (approved, change asked) stay."""

from wagtail.admin.apps import WagtailAdminAppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class WagtailAdminWithOneMailPerReview(WagtailAdminAppConfig):
    def ready(self):
        super().ready()
        from wagtail.models import TaskState, WorkflowState  # noqa: PLC0415 - models ready
        from wagtail.signals import task_submitted, workflow_submitted  # noqa: PLC0415

        task_submitted.disconnect(
            sender=TaskState, dispatch_uid="group_approval_task_submitted_email_notification"
        )
        workflow_submitted.disconnect(
            sender=WorkflowState, dispatch_uid="workflow_state_submitted_email_notification"
        )


class WagtailUsersWithRoles(WagtailUsersAppConfig):
    """Wagtail's users app, whose list of users says each person's role (contributors.users);
    INSTALLED_APPS names it in place of "wagtail.users"."""

    user_viewset = "website.contributors.users.UserViewSet"
