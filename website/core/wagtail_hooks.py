"""The core's part of the admin: the inbox panels' stylesheet, and a truthful message after
approving a page."""

from django.contrib import messages
from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_css")
def inbox_css():
    return format_html('<link rel="stylesheet" href="{}">', static("core/admin.css"))


@hooks.register("after_edit_page")
def say_published_after_approval(request, page):
    """Approving the last step publishes the page, but Wagtail then says "bijgewerkt"
    (updated): say what happened."""
    if request.POST.get("workflow-action-name") != "approve":
        return
    page.refresh_from_db()
    if not page.live or page.has_unpublished_changes or page.workflow_in_progress:
        return
    storage = messages.get_messages(request)
    # Django's message storage has no public way to take a queued message back.
    queued = getattr(storage, "_queued_messages", [])
    storage._queued_messages = [m for m in queued if "bijgewerkt" not in str(m.message)]
    messages.success(
        request, f"Pagina '{page.get_admin_display_title()}' is goedgekeurd en gepubliceerd."
    )
