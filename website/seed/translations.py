"""Seeding translations of pages through wagtail-localize, the tool editors use for them.

A catalog is a PO file per language (`seed/translations/<code>.po`) whose msgid is the Dutch
text of a segment (a title, a paragraph, a list item) and msgstr its translation. The seed
does what an editor's "Vertalen" does (a translation source and a translation per language),
fills every segment the catalog knows, marked as machine-made, and publishes the result; a
segment the catalog lacks stays Dutch and is named in the log.
"""

from pathlib import Path

import polib
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from website.core.models import SiteNameTranslation

# How the seed's translations are named in wagtail-localize's editor ("Vertaald met een
# computer op …"; StringTranslation.tool_name).
SEED_TOOL_NAME = "een computer"


def load_catalog(path):
    """{Dutch segment text: translation} from the PO file at `path` ({} when it is missing).

    Raises OSError or ValueError (polib) for a file that cannot be read as PO."""
    path = Path(path)
    if not path.exists():
        return {}
    return {entry.msgid: entry.msgstr for entry in polib.pofile(str(path)) if entry.msgstr}


def translate_page(page, language_code, catalog):
    """Create or update the `language_code` translation of `page` (a live Dutch page) from
    `catalog` and publish it. Returns (translated page, [Dutch texts the catalog lacked]).

    Parents without a translation are copied first (wagtail-localize's `copy_parent_pages`),
    so translating a page below an untranslated section makes that section too."""
    locale, _ = Locale.objects.get_or_create(language_code=language_code)
    source, _ = TranslationSource.get_or_create_from_instance(page)
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    po = translation.export_po()
    missing = []
    for entry in po:
        entry.msgstr = catalog.get(entry.msgid, "")
        if not entry.msgstr:
            missing.append(entry.msgid)
    translation.import_po(po, translation_type="machine", tool_name=SEED_TOOL_NAME)
    # Published here rather than by wagtail-localize's `publish=True`, which publishes when
    # the transaction commits, from the page as it was then: inside the seed's one
    # transaction a translated home page published that way lost its children's count
    # (numchild 0, so no menu).
    translation.save_target(publish=False)
    translated = page.get_translation(locale)
    translated.get_latest_revision().publish()
    return page.get_translation(locale), missing


def translate_site_names(site_settings, language_code, catalog):
    """The organisation's name, short name and tagline in `language_code` from `catalog`
    (SiteNameTranslation), made once: an existing one is left as editors made it. A name the
    catalog lacks stays empty (the Dutch one is shown). Returns the translation or None."""
    names = {
        field: catalog.get(getattr(site_settings, field), "")
        for field in ("organisation_name", "short_name", "tagline")
    }
    if not any(names.values()):
        return None
    translation, _created = SiteNameTranslation.objects.get_or_create(
        settings=site_settings, language=language_code, defaults=names
    )
    return translation
