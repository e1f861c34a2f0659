"""What the review mails to a contributor need beyond Wagtail's context."""

from django import template
from wagtail.models import TaskState, WorkflowState

register = template.Library()


@register.simple_tag
def approval_comment(obj):
    """The comment a reviewer wrote with "Goedkeuren met opmerking" on the latest approved
    review of `obj` (a page), stripped; "" when none. Wagtail keeps it only in the history."""
    states = WorkflowState.objects.for_instance(obj)
    task_state = (
        TaskState.objects.filter(workflow_state__in=states, status=TaskState.STATUS_APPROVED)
        .order_by("-finished_at")
        .first()
    )
    return (task_state.comment or "").strip() if task_state else ""
