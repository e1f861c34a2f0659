"""Pictures made from the site's identity (its name, tagline and logo in the site
settings), for links shared on social networks and for search engines: nothing fetched,
nothing to upload. Pillow draws them; its bundled font covers Dutch letters.

- `share_image_png`: 1200×630 (the size Facebook, LinkedIn and Bluesky show large; each
  asks for at least 200×200), for pages without an image of their own.
- `square_logo_png`: 512×512, the Organization logo in JSON-LD (Google asks for at least
  112×112): the uploaded logo on white when it is a bitmap, else the short name.
"""

import io
import textwrap

from PIL import Image, ImageDraw, ImageFont

SHARE_SIZE = (1200, 630)
LOGO_SIZE = 512
ACCENT = "#0a4f7a"  # the site's accent colour (site.css --colour-accent)
ON_ACCENT = "#ffffff"


def share_image_png(name, tagline=""):
    """PNG bytes, SHARE_SIZE: `name` large and `tagline` below it, white on the accent."""
    image = Image.new("RGB", SHARE_SIZE, ACCENT)
    draw = ImageDraw.Draw(image)
    y = 150
    for line in textwrap.wrap(name, 26)[:3]:
        draw.text((80, y), line, font=ImageFont.load_default(size=76), fill=ON_ACCENT)
        y += 96
    for line in textwrap.wrap(tagline, 48)[:2]:
        draw.text((80, y + 30), line, font=ImageFont.load_default(size=40), fill=ON_ACCENT)
        y += 52
    return _png(image)


def square_logo_png(short_name, logo_file=None):
    """PNG bytes, LOGO_SIZE square: `logo_file` (an open bitmap) fitted on white, or
    `short_name` in white on the accent."""
    if logo_file is not None:
        logo = Image.open(logo_file).convert("RGBA")
        logo.thumbnail((LOGO_SIZE - 64, LOGO_SIZE - 64))
        image = Image.new("RGB", (LOGO_SIZE, LOGO_SIZE), "#ffffff")
        offset = ((LOGO_SIZE - logo.width) // 2, (LOGO_SIZE - logo.height) // 2)
        image.paste(logo, offset, logo)
        return _png(image)
    image = Image.new("RGB", (LOGO_SIZE, LOGO_SIZE), ACCENT)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=140 if len(short_name) <= 4 else 72)
    lines = "\n".join(textwrap.wrap(short_name, 11)[:4])
    draw.multiline_text(
        (LOGO_SIZE / 2, LOGO_SIZE / 2), lines, font=font, fill=ON_ACCENT, anchor="mm",
        align="center", spacing=12,
    )  # fmt: skip
    return _png(image)


def _png(image):
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
