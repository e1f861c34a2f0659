from django.db import models
from wagtail.models import Page, Revision

from website.core.models import CustomDocument, CustomImage


class ImportedItem(models.Model):
    """One thing of the old Joomla site and what the import made of it: an article (a
    page), a category (a section page) or a file below `images/` (an image or a document).

    The import finds it again by (kind, Joomla id, path), so a second run changes nothing and
    a later one updates a page only while its newest version is the one the import made
    (`imported_revision`): what editors changed since stays. The old addresses are answered
    from here (`website.joomla.links`): only what the old site showed to everyone
    (`public`) and still has a live page or a file leads anywhere; the rest is a 404."""

    class Kind(models.TextChoices):
        ARTICLE = "article", "Artikel"
        CATEGORY = "category", "Categorie"
        FILE = "file", "Bestand"

    kind = models.CharField("Soort", max_length=10, choices=Kind)
    joomla_id = models.PositiveIntegerField("Joomla-nummer", null=True, blank=True)
    path = models.CharField("Pad of alias", max_length=400, blank=True)
    alias = models.CharField("Alias", max_length=400, blank=True, db_index=True)
    public = models.BooleanField("Openbaar op de oude site", default=False)
    page = models.ForeignKey(
        Page, verbose_name="Pagina", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    image = models.ForeignKey(
        CustomImage, verbose_name="Afbeelding", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    document = models.ForeignKey(
        CustomDocument, verbose_name="Document", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    source_hash = models.CharField(max_length=64, blank=True)
    # What the import could not do for this article (a broken link, a missing file), so a
    # later run that leaves it unchanged still names it in its report.
    problems = models.JSONField("Problemen bij de import", default=list, blank=True)
    imported_revision = models.ForeignKey(
        Revision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField("Geïmporteerd", auto_now=True)

    class Meta:
        verbose_name = "geïmporteerd onderdeel van Joomla"
        verbose_name_plural = "geïmporteerde onderdelen van Joomla"
        constraints = [
            models.UniqueConstraint(fields=["kind", "joomla_id", "path"], name="one_per_item")
        ]
        indexes = [models.Index(fields=["kind", "joomla_id"])]

    def __str__(self):
        return f"{self.get_kind_display()} {self.joomla_id or self.path}"


class MissedAddress(models.Model):
    """An address on this site that answered 404, and how often: for the report "Niet
    gevonden", where editors make a redirect for links from elsewhere that still lead to
    the old site's addresses. Only the path and query are kept (no visitor's address, no
    referrer); `missed.record` says which 404s count."""

    path = models.CharField("Adres", max_length=400, unique=True)
    hits = models.PositiveIntegerField("Aantal keer", default=1)
    first_seen = models.DateTimeField("Eerst gezien", auto_now_add=True)
    last_seen = models.DateTimeField("Laatst gezien", auto_now=True)

    class Meta:
        verbose_name = "adres dat niet gevonden werd"
        verbose_name_plural = "adressen die niet gevonden werden"

    def __str__(self):
        return self.path
