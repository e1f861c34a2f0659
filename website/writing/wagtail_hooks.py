"""The schrijfhulp in the page editor's Checks panel, the list of difficult words, and the
content checker with the project's own rules."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import views
from .checker import ProjectContentChecker
from .models import GuideChapter, JargonTerm


@hooks.register("register_admin_urls")
def schrijfhulp_url():
    return [
        path("schrijfhulp/", views.schrijfhulp, name="schrijfhulp"),
        path("handleiding/", views.GuideView.as_view(), name="guide"),
    ]


@hooks.register("construct_help_menu")
def dutch_help_only(request, menu_items):
    """Hulp leads to the Dutch guide and the keyboard shortcuts. Wagtail's "What's new" and
    its manual are English pages on another site, and their "new" badge asked volunteers to
    read them."""
    english = {"editor-guide"}
    menu_items[:] = [
        item
        for item in menu_items
        if item.name not in english and not item.name.startswith("whats-new-in-wagtail")
    ]


@hooks.register("register_help_menu_item")
def guide_menu_item():
    """First under Hulp: the guide in Dutch (Wagtail's own manual, in English, comes after)."""
    return MenuItem("Handleiding voor de redactie", reverse("guide"), icon_name="help", order=900)


@hooks.register("insert_editor_js")
def schrijfhulp_js():
    return format_html(
        '<script src="{}" data-schrijfhulp-url="{}" defer></script>',
        static("writing/schrijfhulp.js"),
        reverse("schrijfhulp"),
    )


@hooks.register("insert_editor_css")
def schrijfhulp_css():
    return format_html('<link rel="stylesheet" href="{}">', static("writing/schrijfhulp.css"))


class JargonTermViewSet(SnippetViewSet):
    model = JargonTerm
    icon = "help"
    menu_label = "Moeilijke woorden"
    menu_order = 280
    add_to_admin_menu = True
    list_display = ["term", "alternative"]
    search_fields = ["term", "alternative"]


register_snippet(JargonTermViewSet)


class GuideChapterViewSet(SnippetViewSet):
    """Changing the guide: reached from the guide itself ("Handleiding aanpassen")."""

    model = GuideChapter
    icon = "help"
    menu_label = "Handleiding"
    add_to_admin_menu = False
    list_display = ["title", "sort_order"]


register_snippet(GuideChapterViewSet)


@hooks.register("construct_wagtail_userbar")
def project_content_checker(request, items, page):
    """Wagtail's content checker (the userbar and the editor's Checks panel) with the
    project's rules (writing/checker.py)."""
    items[:] = [
        ProjectContentChecker(in_editor=item.in_editor)
        if type(item).__name__ in {"ContentCheckerItem", "AccessibilityItem"}
        else item
        for item in items
    ]
