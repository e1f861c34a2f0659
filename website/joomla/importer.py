"""The import of a Joomla 3 site: categories as sections, articles as pages, files below
`images/` as images and documents (`manage.py import_joomla`).

A run reads the whole old site, then works in one transaction: first every section and a page
for every article that has none yet (so links between articles can be made whatever their
order), then each page's content, saved as a revision and published when the old site showed
the article to everyone. What the import made is recorded (`ImportedItem`), with a hash of
what it was made from: an article that did not change is left as it is, one that changed is
updated only while nobody edited its page since (else it is listed as left alone). A dry run
does the same and rolls everything back, files included.
"""

import dataclasses
import hashlib
import json
import re
import tomllib
from pathlib import Path
from urllib.parse import unquote

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Collection, Page, Site

from website.agenda.choices import EventKind
from website.agenda.models import AgendaIndexPage, EventDate, EventPage
from website.articles.models import ArticleIndexPage, ArticlePage
from website.core.models import CustomDocument, CustomImage
from website.documents.files import readable_title
from website.initiatives.models import InitiativeIndexPage, InitiativePage
from website.library.models import LibraryIndexPage, PublicationKind, PublicationPage
from website.pages.models import StandardPage
from website.stories.models import StoryIndexPage, StoryPage

from . import cleaning, guesses
from .models import ImportedItem
from .source import TRASHED, Article

KINDS = {
    # kind in the mapping file: (page model, section model, one section for the whole site)
    "articles": (ArticlePage, ArticleIndexPage, False),
    "pages": (StandardPage, StandardPage, False),
    "publications": (PublicationPage, LibraryIndexPage, True),
    "stories": (StoryPage, StoryIndexPage, True),
    "events": (EventPage, AgendaIndexPage, True),
    "initiatives": (InitiativePage, InitiativeIndexPage, True),
}
DEFAULT_KIND = "articles"


# A file below the old site's images/ folder, as articles refer to it.
FILE_REFERENCE = re.compile(r"images/([^\"'?#<>\s]+)")


@dataclasses.dataclass(frozen=True)
class DryRunFile:
    """What a dry run uses for a picture or file that it found but does not store."""

    pk: int


class MappingError(Exception):
    """The mapping file cannot be used (a Dutch message for the terminal)."""


class DryRun(Exception):
    """Raised at the end of a dry run to roll its transaction back."""


@dataclasses.dataclass
class Report:
    """What a run made, changed and left alone, and every problem, by article id."""

    created: list = dataclasses.field(default_factory=list)
    updated: list = dataclasses.field(default_factory=list)
    unchanged: int = 0
    left_alone: list = dataclasses.field(default_factory=list)  # edited since the import
    not_public: list = dataclasses.field(default_factory=list)  # drafts: unpublished, restricted
    skipped: list = dataclasses.field(default_factory=list)  # trashed
    files: int = 0
    unlinked_files: int = 0  # of those, in no article: kept for links from elsewhere
    problems: list = dataclasses.field(default_factory=list)  # (article id or None, text)


def load_mapping(path):
    """{category path: {"kind": …, "section": …, "publication_kind": …}} from a TOML file
    with `[categories."<path of aliases>"]` tables ({} without a file).

    Raises MappingError for a file that is not TOML or names an unknown kind."""
    if not path:
        return {}
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise MappingError(f"Het koppelbestand is niet te lezen: {error}") from error
    categories = data.get("categories", {})
    for name, rule in categories.items():
        if rule.get("kind", DEFAULT_KIND) not in KINDS:
            raise MappingError(
                f"Onbekende soort {rule.get('kind')!r} bij categorie {name!r}; "
                f"kies uit: {', '.join(KINDS)}."
            )
        if rule.get("publication_kind") and rule["publication_kind"] not in PublicationKind:
            raise MappingError(f"Onbekende soort publicatie bij categorie {name!r}.")
    return categories


class Importer:
    """One run: `Importer(site_data, files_dir, mapping).run(dry_run)` → Report.

    `site_data` is a `source.JoomlaSite` (or anything with the same three methods);
    `files_dir` the old site's `images/` folder (or the folder that holds it)."""

    def __init__(self, site_data, files_dir, mapping, progress=None, old_hosts=()):
        self.data = site_data
        self.files_dir = _images_folder(files_dir) if files_dir else None
        self.mapping = mapping
        self.progress = progress or (lambda done, total: None)
        self.old_hosts = {host.lower() for host in old_hosts}
        self.report = Report()
        self.site = Site.objects.get(is_default_site=True)
        self.home = self.site.root_page.specific

    def run(self, dry_run=False):
        self.dry_run = dry_run
        categories = self.data.categories()
        articles = self.data.articles()
        menu = self.data.menu_items()
        try:
            with transaction.atomic():
                self._import(categories, articles)
                from .links import record_old_addresses  # noqa: PLC0415 - links imports this

                record_old_addresses(self.site, categories, articles, menu)
                if dry_run:
                    raise DryRun
        except DryRun:
            pass
        return self.report

    # Sections ---------------------------------------------------------------------------

    def _import(self, categories, articles):
        self.categories = categories
        known = {category.path for category in categories.values()}
        for path in self.mapping:
            if path not in known:
                self._problem(None, f"het koppelbestand noemt categorie {path!r}, die er niet is")
        self.sections = {}
        self.pages = {}  # article id → page (existing or made in this run)
        for category in categories.values():
            if self.category_state(category.id) != "trashed":
                self._section(category)
        importable = []
        for article in articles:
            if article.catid not in categories:
                self._problem(article.id, f"categorie {article.catid} bestaat niet")
            elif article.state == TRASHED or self.category_state(article.catid) == "trashed":
                self.report.skipped.append(article.id)
                self._trashed_since(article)
            else:
                importable.append(article)
        self.public_ids = {a.id for a in importable if self.is_public(a)}
        for article in importable:
            self.pages[article.id] = self._page_for(article)
        importable = [a for a in importable if self.pages[a.id] is not None]
        self.public_ids &= {number for number, page in self.pages.items() if page is not None}
        for done, article in enumerate(importable, start=1):
            self._fill(article)
            self.progress(done, len(importable))
        self._unlinked_files()

    def category_state(self, category_id):
        """ "trashed" when the category or one above it is in Joomla's trash, "hidden" when
        one is unpublished or not for everyone (Joomla then shows none of its articles),
        else "public"."""
        state, category = "public", self.categories.get(category_id)
        while category is not None:  # up to the top (the root is not an article category)
            if category.published == TRASHED:
                return "trashed"
            if category.published != 1 or category.access not in (1, 5):
                state = "hidden"
            category = self.categories.get(category.parent_id)
        return state

    def is_public(self, article):
        return article.public and self._public_category(article)

    def _public_category(self, article):
        return self.category_state(article.catid) == "public"

    def _trashed_since(self, article):
        """An article imported before and trashed in Joomla since: its old addresses are
        a 404 from now on, and its page goes offline unless editors changed it here."""
        item = ImportedItem.objects.filter(kind="article", joomla_id=article.id).first()
        if item is None or item.page_id is None:
            return
        page = Page.objects.filter(pk=item.page_id).first()
        if page is not None and page.live and item.imported_revision_id == page.latest_revision_id:
            page.specific.unpublish()
        item.public = False
        item.save(update_fields=["public"])

    def rule(self, category):
        """The mapping's rule for `category`, else its parent's, else the default."""
        while category is not None:
            if category.path in self.mapping:
                return {"kind": DEFAULT_KIND, **self.mapping[category.path]}
            category = self.categories.get(category.parent_id)
        return {"kind": DEFAULT_KIND}

    def _section(self, category):
        """The page `category`'s articles go below (made once, recorded)."""
        if category.id in self.sections:
            return self.sections[category.id]
        rule = self.rule(category)
        own_rule = category.path in self.mapping
        _page_model, section_model, single = KINDS[rule["kind"]]
        item = ImportedItem.objects.filter(kind="category", joomla_id=category.id).first()
        if item and item.page_id and Page.objects.filter(pk=item.page_id).exists():
            section = item.page.specific
        elif own_rule and rule.get("section"):
            section = self._existing_page(rule["section"], category)
        elif single:
            section = section_model.objects.descendant_of(self.home).first()
            if section is None:
                raise MappingError(
                    f"Categorie {category.path!r} wordt {rule['kind']}, maar de site heeft "
                    f"geen {section_model._meta.verbose_name}."
                )
        else:
            parent = self._section(self.categories[category.parent_id]) if (
                category.parent_id in self.categories
            ) else self.home  # fmt: skip
            if (
                not parent.specific_class
                or section_model not in parent.specific_class.allowed_subpage_models()
            ):
                parent = self.home
            public = self.category_state(category.id) == "public"
            section = section_model(
                title=category.title,
                slug=self._free_slug(parent, category.alias or category.title),
                introduction=cleaning.plain_text(category.description)[:600],
                show_in_menus=False,  # the menu is the editors' choice
                live=False,  # a draft until published below: a hidden category stays one
            )
            parent.add_child(instance=section)
            revision = section.save_revision()
            if public:
                revision.publish()
        ImportedItem.objects.update_or_create(
            kind="category", joomla_id=category.id, path="",
            defaults={"page": section, "alias": category.alias,
                      "public": self.category_state(category.id) == "public"},
        )  # fmt: skip
        self.sections[category.id] = section
        return section

    def _existing_page(self, path, category):
        url_path = self.home.url_path.rstrip("/") + "/" + path.strip("/") + "/"
        page = Page.objects.filter(url_path=url_path.replace("//", "/")).first()
        if page is None:
            raise MappingError(f"Categorie {category.path!r}: geen pagina op {path!r}.")
        return page.specific

    # Pages ------------------------------------------------------------------------------

    def _page_for(self, article):
        """The page of an article: the one made before, else a new draft in its section."""
        item = ImportedItem.objects.filter(kind="article", joomla_id=article.id).first()
        if item and item.page_id:
            page = Page.objects.filter(pk=item.page_id).first()
            if page is not None:
                return page.specific
        section = self._section(self.categories[article.catid])
        model = KINDS[self.rule(self.categories[article.catid])["kind"]][0]
        required = self._required_fields(model, article)
        if required is None:
            return None
        page = model(
            title=article.title[:255] or f"Artikel {article.id}",
            slug=self._free_slug(section, article.alias or article.title),
            live=False,
            **required,
        )
        section.add_child(instance=page)
        ImportedItem.objects.update_or_create(
            kind="article", joomla_id=article.id, path="",
            defaults={"page": page, "alias": article.alias, "public": False},
        )  # fmt: skip
        self.report.created.append(article.id)
        return page

    def _required_fields(self, model, article):
        """{field: value} a new page of `model` needs, or None when the article cannot be
        one (an initiative whose municipality neither the mapping nor its words name)."""
        rule = self.rule(self.categories[article.catid])
        if model is PublicationPage:
            return {"kind": rule.get("publication_kind") or PublicationKind.OTHER}
        if model is EventPage:
            kind = rule.get("event_kind")
            return {"kind": kind if kind in EventKind.values else EventKind.MEETING}
        if model is InitiativePage:
            code = guesses.municipality_code(rule.get("municipality", "")) or (
                guesses.municipality_in(f"{article.title} {cleaning.plain_text(article.introtext)}")
            )
            if code is None:
                self._problem(
                    article.id,
                    "geen gemeente gevonden voor dit lokale initiatief: niet geïmporteerd "
                    "(zet municipality in het koppelbestand)",
                )
            return {"municipality": code} if code else None
        return {}

    def _event_date(self, page, article):
        """A new event's date: the first day its title or text names, else its publish
        date (reported, for editors to check). A date editors set stays."""
        if list(page.dates.all()):
            return
        text = f"{article.title} {cleaning.plain_text(article.introtext + article.fulltext)}"
        day = guesses.day_in(text)
        if day is None:
            when = _first_date(article) or timezone.now()
            day = timezone.localtime(when).date()
            self._problem(
                article.id, f"geen datum in de tekst: {day:%d-%m-%Y} (publicatie) gebruikt"
            )
        page.dates = [EventDate(start_date=day, sort_order=0)]

    def _fill(self, article):
        """The page's content from the article, unless nothing changed or editors changed
        the page since the import."""
        page = self.pages[article.id]
        item = ImportedItem.objects.get(kind="article", joomla_id=article.id)
        source_hash = self._hash(article)
        fresh = article.id in self.report.created
        if not fresh and item.source_hash == source_hash:
            self.report.unchanged += 1
            self._repeat(article, item)
            return
        if not fresh and item.imported_revision_id != page.latest_revision_id:
            self.report.left_alone.append(article.id)
            self._repeat(article, item)
            return
        links = cleaning.Links(
            article=self._linked_page, image=self._image, document=self._document,
            is_old_site=lambda host: host.lower() in self.old_hosts,
        )  # fmt: skip
        self._set_content(page, article, links)
        for problem in links.problems:
            self._problem(article.id, problem)
        page.first_published_at = page.first_published_at or _first_date(article)
        public = self.is_public(article)
        # Joomla shows it from its start date on: Wagtail publishes it then (publish_scheduled).
        scheduled = not public and article.starts_later and self._public_category(article)
        scheduled = scheduled and article.public_later
        page.go_live_at = article.publish_up if scheduled else None
        revision = page.save_revision(log_action=True)
        if public or scheduled:
            revision.publish()
        elif page.live:
            page.unpublish()
        if not public:
            self.report.not_public.append(article.id)
        if not fresh:
            self.report.updated.append(article.id)
        item.source_hash = source_hash
        item.problems = self._problems_of(article.id)
        item.public = public
        item.alias = article.alias
        item.imported_revision = page.latest_revision
        item.save()

    def _set_content(self, page, article, links):
        intro, full = cleaning.split_readmore(article.introtext, article.fulltext)
        introduction = cleaning.plain_text(intro) if full.strip() else ""
        if introduction and len(introduction) <= 600:
            # The intro becomes plain text: its pictures go to the top of the body.
            body_html = cleaning.pictures(intro) + full
        else:
            body_html = intro + full
        page.title = article.title[:255] or page.title
        page.introduction = introduction if len(introduction) <= 600 else ""
        page.search_description = article.metadesc[:255]
        page.body = cleaning.body_blocks(body_html, links)
        when = _first_date(article)
        if hasattr(page, "date") and when:
            page.date = timezone.localtime(when).date()
        if isinstance(page, EventPage):
            self._event_date(page, article)
        if hasattr(page, "author"):
            page.author = article.author[:120]
        if hasattr(page, "image"):
            self._lead_image(page, article, links)
            # Joomla showed the article's own image above the text; the same picture in
            # the text as well would show twice.
            page.body = [
                block for block in page.body.raw_data
                if not (block["type"] == "image" and page.image
                        and block["value"]["image"]["image"] == page.image.pk)
            ]  # fmt: skip

    def _lead_image(self, page, article, links):
        for name in ("image_fulltext", "image_intro"):
            path = cleaning.old_file_path(article.images.get(name) or "", links)
            alt = (article.images.get(f"{name}_alt") or "").strip()
            if path is None:
                continue
            if not alt:
                self._problem(
                    article.id, f"afbeelding {path} zonder beschrijving: niet bovenaan gezet"
                )
                return
            image = self._image(path)
            if isinstance(image, DryRunFile):
                return
            if image is not None:
                page.image, page.image_alt = image, alt[:250]
                caption = article.images.get(f"{name}_caption") or ""
                page.image_caption = caption[:250]
            else:
                self._problem(article.id, f"afbeelding ontbreekt: {path}")
            return

    def _linked_page(self, article_id):
        """The page a link to another article leads to: only one visitors can see."""
        return self.pages.get(article_id) if article_id in self.public_ids else None

    # Files ------------------------------------------------------------------------------

    def _image(self, path):
        return self._file(path, image=True)

    def _document(self, path):
        if cleaning.is_image_path(path):
            return None
        return self._file(path, image=False)

    def _unlinked_files(self):
        """Every other file below `images/` that a link may name (member sites, old
        newsletters and search engines link to PDFs directly): stored too, in a collection
        of its own for editors to sort out, so that its old address keeps working."""
        if self.files_dir is None:
            return
        known = set(ImportedItem.objects.filter(kind="file").values_list("path", flat=True))
        for source in sorted(self.files_dir.rglob("*")):
            relative = source.relative_to(self.files_dir).as_posix()
            path = f"images/{relative}"
            kept = source.suffix.lower() in cleaning.FILE_EXTENSIONS | cleaning.IMAGE_EXTENSIONS
            hidden = any(part.startswith(".") for part in relative.split("/"))
            if not kept or hidden or path in known or not source.is_file():
                continue  # Joomla's index.html in every folder, .htaccess, what is stored
            # A drawing (.svg) no text shows is kept as a file: Wagtail's images are pixels.
            image = cleaning.is_image_path(path) and source.suffix.lower() != ".svg"
            if self._file(path, image, collection=UNLINKED):
                self.report.unlinked_files += 1

    def _file(self, path, image, collection=None):
        item = ImportedItem.objects.filter(kind="file", joomla_id=None, path=path).first()
        if item is not None:
            found = item.image if image else item.document
            if found is not None:
                return found
        if self.files_dir is None:
            return None
        source = self.files_dir / path.removeprefix("images/")
        if not source.is_file():
            return None
        if self.dry_run:
            self.report.files += 1
            # Found, and not stored: a stand-in the rolled-back pages may point at.
            return DryRunFile(pk=0)
        made = self._store(source, CustomImage if image else CustomDocument, collection)
        if made is None:
            self._problem(None, f"{path} is geen bestand dat te lezen is; niet overgenomen")
            return None
        self.report.files += 1
        ImportedItem.objects.update_or_create(
            kind="file", joomla_id=None, path=path,
            defaults={"image": made if image else None,
                      "document": None if image else made, "public": True},
        )  # fmt: skip
        return made

    def _store(self, source, model, collection):
        """The file as a new image or document, or None when it cannot be read as one (a
        damaged picture, a file named .jpg that is none)."""
        try:
            with transaction.atomic(), source.open("rb") as handle:
                made = model(title=readable_title(source.name)[:255] or source.name,
                             file=File(handle, name=source.name))  # fmt: skip
                if collection:
                    made.collection = _collection(collection)
                made.save()
                return made
        except (ValidationError, OSError, ValueError, DatabaseError):
            return None

    # Helpers ----------------------------------------------------------------------------

    def _free_slug(self, parent, wanted):
        base = slug_for(wanted)[:200] or "pagina"
        taken = set(parent.get_children().values_list("slug", flat=True))
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        return slug

    def _hash(self, article: Article):
        rule = self.rule(self.categories[article.catid])
        # Which of its files are there: one added to images/ later brings the article back.
        files = sorted(
            path for path in set(FILE_REFERENCE.findall(article.introtext + article.fulltext
                                                        + json.dumps(article.images)))
            if self.files_dir and (self.files_dir / unquote(path)).is_file()
        )  # fmt: skip
        data = dataclasses.asdict(article) | {"rule": rule, "files": files,
                                              "public": self.is_public(article)}  # fmt: skip
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()

    def _problem(self, article_id, text):
        self.report.problems.append((article_id, text))

    def _problems_of(self, article_id):
        return [text for number, text in self.report.problems if number == article_id]

    def _repeat(self, article, item):
        """An article this run leaves as it is still shows in the report as it did: a draft
        when it is not public, and the problems its import had."""
        if not item.public:
            self.report.not_public.append(article.id)
        known = set(self._problems_of(article.id))
        for text in item.problems:
            if text not in known:
                self._problem(article.id, text)


# The collection of what no article linked to (a Dutch name: editors see it in the admin).
UNLINKED = "Oude site: in geen artikel gebruikt"


def _collection(name):
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=name).first() or root.add_child(name=name)


def _first_date(article):
    return article.publish_up or article.created


def _images_folder(path):
    path = Path(path)
    return path / "images" if (path / "images").is_dir() else path


# Letters that Unicode does not decompose into a letter and an accent, which slugify would
# drop ("Straße" became "strae"); written as Joomla's own transliteration writes them.
SPELLED_OUT = str.maketrans(
    {"ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE",
     "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "þ": "th", "Þ": "TH", "ı": "i"}
)  # fmt: skip


def slug_for(text):
    """An address part for a Joomla alias or title: lower case a–z, digits and hyphens
    ("Straße en Œuvre" → "strasse-en-oeuvre"); empty for text with no such letters."""
    return slugify(str(text).translate(SPELLED_OUT))
