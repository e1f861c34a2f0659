"""The editable list of difficult words with a plain alternative, and the editors' guide."""

from django.db import models
from django.db.models.functions import Lower
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.search import index

from website.core.admin_forms import AdminModelForm


class JargonTerm(index.Indexed, models.Model):
    base_form_class = AdminModelForm

    term = models.CharField(
        "Moeilijk woord",
        max_length=80,
        help_text="Zoals het in een tekst staat, bijvoorbeeld 'participatiewet'. Ook meervoud "
        "en vormen op -e, -en of -s worden gevonden.",
    )
    alternative = models.CharField(
        "Schrijf liever",
        max_length=200,
        help_text="Een gewoon woord of een korte uitleg, bijvoorbeeld 'de wet voor werk en "
        "bijstand'.",
    )

    panels = [FieldPanel("term"), FieldPanel("alternative")]
    search_fields = [index.SearchField("term"), index.AutocompleteField("term")]

    class Meta:
        ordering = ["term"]
        constraints = [
            models.UniqueConstraint(
                Lower("term"),
                name="writing_jargonterm_unique_term",
                violation_error_message="Dit woord staat al in de lijst.",
            )
        ]
        verbose_name = "moeilijk woord"
        verbose_name_plural = "moeilijke woorden"

    def __str__(self):
        return self.term


class ScreenshotBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="Schermafbeelding")
    alt = blocks.CharBlock(
        label="Wat staat erop", max_length=250, help_text="Voor wie de afbeelding niet ziet."
    )

    class Meta:
        icon = "image"
        label = "Schermafbeelding"
        template = "writing/blocks/screenshot.html"


class GuideChapter(models.Model):
    """One chapter of the editors' guide ("Handleiding voor de redactie" under Hulp): one
    task in steps, with screenshots. Seeded from the seed's guide (writing.seed.guide); a
    Beheerder or the editors may change it."""

    base_form_class = AdminModelForm

    title = models.CharField("Titel", max_length=120)
    summary = models.CharField("In één zin", max_length=250, blank=True)
    body = StreamField(
        [
            (
                "text",
                blocks.RichTextBlock(features=["h3", "bold", "ol", "ul", "link"], label="Tekst"),
            ),
            ("screenshot", ScreenshotBlock()),
        ],
        verbose_name="Inhoud",
    )
    sort_order = models.PositiveIntegerField("Volgorde", default=0)
    for_publishers = models.BooleanField(
        "Alleen voor wie publiceert",
        default=False,
        help_text="Aan: bijdragers (die niet zelf publiceren) zien dit hoofdstuk niet.",
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("sort_order"),
        FieldPanel("for_publishers"),
        FieldPanel("body"),
    ]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = "hoofdstuk van de handleiding"
        verbose_name_plural = "handleiding voor de redactie"

    def __str__(self):
        return self.title

    @property
    def anchor(self):
        return f"hoofdstuk-{self.pk}"
