"""The core's part of the admin: the inbox panels' stylesheet. (What a review did is said
by contributors.wagtail_hooks.say_what_the_review_did.)"""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_css")
def inbox_css():
    return format_html('<link rel="stylesheet" href="{}">', static("core/admin.css"))
