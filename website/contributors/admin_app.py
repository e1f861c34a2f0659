"""Wagtail's admin app, without its two mails per page sent for review.

On a submission Wagtail mails every superuser (for the workflow) and every member of the
reviewing group (for its task), each at their own address; a story came to the editors in three
mails, a contribution in two. The editors get one instead, at their shared address
(moderation.tell_editors). Wagtail connects its mailers in its app's ready(), so they are
disconnected here, after it (INSTALLED_APPS names this config in place of "wagtail.admin").
Its mails to the person who submitted (approved, change asked) stay."""

from wagtail.admin.apps import WagtailAdminAppConfig


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
