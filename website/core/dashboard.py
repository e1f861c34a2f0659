"""The admin dashboard as the editors' inbox: one kind of panel, filled by each app.

An app adds its panel in its `wagtail_hooks.py` (`construct_homepage_panels`) by
subclassing `InboxPanel` and giving `items()` and, where some items are new, `new_count()`.
The mail app adds two: the red notice while no editors' address is set, and the mail that
could not be delivered. Panel order: 10 warnings, 100 contact messages, 110 stories,
120 sign-ups, 130 mail.
"""

from dataclasses import dataclass, field

from wagtail.admin.ui.components import Component

SHOWN = 5  # items per panel; "Bekijk alles" leads to the full list


@dataclass(frozen=True)
class InboxItem:
    title: str
    url: str
    details: list = field(default_factory=list)  # short lines such as a time or a count
    new: bool = False
    action_url: str = ""  # a POST button beside the item (e.g. try a mail again)
    action_label: str = ""


class InboxPanel(Component):
    """A dashboard panel: a heading with the number of new items, the newest items, a link
    to all of them, and a sentence when there is nothing."""

    template_name = "core/admin/inbox_panel.html"
    heading = ""
    empty_text = ""
    all_label = "Bekijk alles"
    count_label = "nieuw"  # "3 nieuw"

    def items(self):
        return []

    def new_count(self):
        return 0

    def all_url(self):
        return ""

    def get_context_data(self, parent_context=None):
        return {
            "panel": self,
            "items": self.items(),
            "new_count": self.new_count(),
            "all_url": self.all_url(),
            "request": (parent_context or {}).get("request"),
            "csrf_token": (parent_context or {}).get("csrf_token"),
        }
