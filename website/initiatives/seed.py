"""Seed step of the initiatives app: the "Lokale aanpak" overview with the seed's text.
The seed names no initiatives, so editors add them; none are invented here."""

from website.seed.context import page_content

from .models import InitiativeIndexPage


def initiatives(ctx):
    config = ctx.config.get("initiatives")
    home = ctx.page("home")
    if not config or home is None:
        return
    section = ctx.document.section(config["section"])

    def build():
        introduction, body = page_content(section, config)
        return InitiativeIndexPage(
            title=section.title, introduction=introduction, body=body, show_in_menus=True
        )

    ctx.child_page("page:initiatives", home, config["slug"], build)
