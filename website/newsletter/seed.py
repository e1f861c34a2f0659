"""Seed step of the newsletter: the archive page "Nieuwsbrieven" (out of the menus while no
newsletter has been sent)."""

from .models import NewsletterIndexPage


def newsletter(ctx):
    ctx.section_index("newsletter", NewsletterIndexPage)
