"""Wagtail's content checker (axe-core, in the userbar and in the editor's Checks panel)
with the project's rules: Wagtail's own, an image without a description (axe's image-alt),
a skipped heading level (axe's heading-order) and our own rule "link-text-quality": a link
whose text says nothing on its own ("klik hier", "lees meer"), WCAG 2.4.4. Its check runs
in the page: static/writing/content_checks.js registers it with the userbar, as Wagtail's
own checks are registered."""

from wagtail.admin.userbar import ContentCheckerItem

# Link texts that say nothing without the sentence around them (lower case, no full stop).
VAGUE_LINK_TEXTS = [
    "klik hier",
    "klik",
    "hier",
    "lees meer",
    "lees verder",
    "meer",
    "meer lezen",
    "meer informatie",
    "meer info",
    "verder",
    "link",
    "deze link",
    "via deze link",
    "download",
    "bekijk",
    "click here",
    "read more",
    "here",
]


# An image description that is a file or camera name: Wagtail's own pattern (an extension or
# an underscore), plus what a title made from a camera's file name looks like after the
# upload form made it readable ("IMG 20240312 123456", "PXL 2024…", "WhatsApp Image …",
# "Schermafbeelding 2024-…"), and a description of digits only.
ALT_TEXT_FILE_NAME = (
    r"\.(avif|gif|jpg|jpeg|png|svg|webp|heic)$|_"
    r"|^(img|dsc|dscn|dscf|pxl|mvimg|p|wp|photo|foto|image|afbeelding)[\s-]*\d{3,}"
    r"|^(whatsapp image|schermafbeelding|screenshot)\b"
    r"|^[\d\s._-]+$"
)


class ProjectContentChecker(ContentCheckerItem):
    axe_run_only = [
        *ContentCheckerItem.axe_run_only,
        "image-alt",
        "role-img-alt",
        "link-text-quality",
    ]
    axe_custom_rules = [
        *ContentCheckerItem.axe_custom_rules,
        {
            "id": "link-text-quality",
            "impact": "serious",
            "selector": "a[href]",
            "tags": ["best-practice"],
            "any": ["check-link-text"],
            "enabled": True,
        },
    ]
    axe_custom_checks = [
        *[
            check
            for check in ContentCheckerItem.axe_custom_checks
            if check["id"] != "check-image-alt-text"
        ],
        {"id": "check-image-alt-text", "options": {"pattern": ALT_TEXT_FILE_NAME}},
        {"id": "check-link-text", "options": {"vague": VAGUE_LINK_TEXTS}},
    ]
    axe_messages = {
        **ContentCheckerItem.axe_messages,
        "heading-order": {
            "error_name": "Een kopniveau overgeslagen",
            "help_text": "Zet onder een kop van niveau 2 eerst een kop van niveau 3, niet 4.",
        },
        "image-alt": {
            "error_name": "Afbeelding zonder beschrijving",
            "help_text": "Beschrijf wat er op de afbeelding te zien is, voor wie hem niet ziet.",
        },
        "role-img-alt": {
            "error_name": "Afbeelding zonder beschrijving",
            "help_text": "Beschrijf wat er op de afbeelding te zien is, voor wie hem niet ziet.",
        },
        "alt-text-quality": {
            "error_name": "De beschrijving van een afbeelding lijkt een bestandsnaam",
            "help_text": "Beschrijf in gewone woorden wat er op de afbeelding te zien is.",
        },
        "link-text-quality": {
            "error_name": "Linktekst zegt niet waar de link heen gaat",
            "help_text": "Schrijf waar de link heen gaat, zoals 'Lees het manifest', "
            "niet 'klik hier' of 'lees meer'.",
        },
    }

    class Media:
        js = ["writing/content_checks.js"]
