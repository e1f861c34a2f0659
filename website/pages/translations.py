"""The editors' overview of translations ("Instellingen > Vertalingen"): which translated
pages are machine-made and still to be checked by a native speaker, which lag behind a
Dutch page that changed since, and which of the site's own texts (the .po files) are
machine-made. Translating itself is wagtail-localize's: its editor, "Vertalingen bijwerken"
on the Dutch page, its PO download and upload."""

from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

import polib
from django.conf import settings
from django.contrib import messages
from django.db.models import Count, Exists, OuterRef
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from website.core.languages import MACHINE_MADE_FLAG, language_in_dutch

LOCALE_DIR = Path(settings.BASE_DIR) / "website" / "locale"


@dataclass
class PageTranslation:
    translation: Translation
    original: Page | None
    translated: Page | None
    machine_strings: int
    untranslated: int = 0

    @property
    def language(self):
        """The target language named in Dutch ("Engels")."""
        return language_in_dutch(self.translation.target_locale.language_code)

    @property
    def behind(self):
        """True when the Dutch page was published after its text was last sent to the
        translation (wagtail-localize's "Vertalingen bijwerken" brings it over)."""
        published = self.original.last_published_at if self.original else None
        return bool(published and published > self.translation.source.last_updated_at)

    @property
    def to_check(self):
        return self.machine_strings > 0

    @property
    def done(self):
        return not (self.to_check or self.behind or self.untranslated)


def page_translations():
    """[PageTranslation] for every translation of a page into another language, by Dutch
    title and language. Four queries however many there are."""
    translations = list(
        Translation.objects.select_related("source", "source__locale", "target_locale").order_by(
            "source__object_repr", "target_locale__language_code"
        )
    )
    keys = {t.source.object_id for t in translations}
    pages = {
        (page.translation_key, page.locale_id): page
        for page in Page.objects.filter(translation_key__in=keys).only(
            "id", "title", "translation_key", "locale_id", "last_published_at", "live"
        )
    }
    machine = {
        (row["context__object_id"], row["locale_id"]): row["count"]
        for row in StringTranslation.objects.filter(
            translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
            context__object_id__in=keys,
        )
        .values("context__object_id", "locale_id")
        .annotate(count=Count("id"))
    }
    untranslated = untranslated_segments(translations)
    rows = []
    for item in translations:
        key = item.source.object_id
        original = pages.get((key, item.source.locale_id))
        if original is None:
            continue  # a snippet's translation, or a page deleted since
        rows.append(
            PageTranslation(
                translation=item,
                original=original,
                translated=pages.get((key, item.target_locale_id)),
                machine_strings=machine.get((key, item.target_locale_id), 0),
                untranslated=untranslated.get((item.source_id, item.target_locale_id), 0),
            )
        )
    return rows


def untranslated_segments(translations):
    """{(source id, target locale id): number of the source's sentences without a
    translation} (after "Bijwerken vanuit het Nederlands" the new Dutch sentences; a
    published translation shows them in Dutch). One query per target language."""
    source_ids = {item.source_id for item in translations}
    counts = {}
    for locale_id in {item.target_locale_id for item in translations}:
        translated = StringTranslation.objects.filter(
            translation_of_id=OuterRef("string_id"),
            context_id=OuterRef("context_id"),
            locale_id=locale_id,
            has_error=False,
        )
        rows = (
            StringSegment.objects.filter(source_id__in=source_ids)
            .exclude(Exists(translated))
            .values("source_id")
            .annotate(count=Count("id"))
        )
        counts |= {(row["source_id"], locale_id): row["count"] for row in rows}
    return counts


def machine_made_site_texts():
    """[(code, language named in Dutch, [(Dutch, translation)])] of the site's own texts flagged
    as machine-made in each language's .po file, in the order of settings.LANGUAGES."""
    found = []
    for code, _name in settings.LANGUAGES:
        path = LOCALE_DIR / code / "LC_MESSAGES" / "django.po"
        if code == settings.LANGUAGE_CODE or not path.exists():
            continue
        entries = [
            (entry.msgid, entry.msgstr or next(iter(entry.msgstr_plural.values()), ""))
            for entry in polib.pofile(str(path))
            if MACHINE_MADE_FLAG in entry.flags and not entry.obsolete
        ]
        if entries:
            found.append((code, language_in_dutch(code), entries))
    return found


def mark_checked(item, user):
    """The machine-made segments of translation `item` become checked by a person (they
    were read by a native speaker). Returns how many."""
    return StringTranslation.objects.filter(
        context__object_id=item.source.object_id,
        locale_id=item.target_locale_id,
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
    ).update(
        translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        tool_name="",
        last_translated_by=user,
    )


class TranslationsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "pages/admin/translations.html"
    page_title = "Vertalingen"
    header_icon = "globe"

    def dispatch(self, request, *args, **kwargs):
        if not PagePermissionPolicy().user_has_permission(request.user, "publish"):
            messages.error(request, "Alleen wie pagina's publiceert, kan vertalingen nakijken.")
            return redirect("wagtailadmin_home")
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        rows = page_translations()
        return super().get_context_data(**kwargs) | {
            "rows": rows,
            "to_check": sum(row.to_check for row in rows),
            "behind": sum(row.behind for row in rows),
            "untranslated": sum(bool(row.untranslated) for row in rows),
            "site_texts": machine_made_site_texts(),
        }

    def post(self, request):
        try:
            uuid = UUID(request.POST.get("translation", ""))
        except ValueError:
            uuid = None
        item = Translation.objects.filter(uuid=uuid).first() if uuid else None
        if item is None:
            messages.error(request, "Deze vertaling bestaat niet meer.")
        else:
            count = mark_checked(item, request.user)
            language = language_in_dutch(item.target_locale.language_code)
            if count:
                messages.success(
                    request,
                    f"“{item.source.object_repr}” in het {language} staat als nagekeken.",
                )
            else:
                messages.info(request, "Deze vertaling stond al als nagekeken.")
        return redirect(reverse("translations_overview"))
