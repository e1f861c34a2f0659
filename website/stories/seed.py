"""Seed step of the stories app: 'Wat mensen overkomt' with its invitation."""

from .models import StoryIndexPage


def stories(ctx):
    config = ctx.config.get("stories")
    home = ctx.page("home")
    if not config or home is None:
        return
    section = ctx.document.section(config["section"])
    paragraphs = section.paragraphs()
    introduction = paragraphs[config["introduction_paragraph"] - 1].text
    # The invitation's last line pointed to a mail form; the page now has its own form.
    invitation_lines = paragraphs[config["invitation_paragraph"] - 1].lines
    invitation = config.get("invitation") or " ".join(
        invitation_lines[:-1] if len(invitation_lines) > 1 else invitation_lines
    )
    page = ctx.child_page(
        "page:stories",
        home,
        config["slug"],
        lambda: StoryIndexPage(
            title=section.title,
            introduction=introduction,
            invitation=invitation,
            show_in_menus=True,
        ),
    )
    ctx.remember("stories", page)
