"""StreamField blocks shared by every page type with a body."""

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

# Rich text never offers h1: the page title is the only h1.
RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Tekst", max_length=120)
    level = blocks.ChoiceBlock(
        label="Niveau",
        choices=[("h2", "Kop 2"), ("h3", "Kop 3"), ("h4", "Kop 4")],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = "Tussenkop"
        description = (
            "Een kop boven een deel van de tekst. Kop 2 voor een hoofdstuk, kop 3 en 4 daaronder."
        )
        preview_value = {"text": "Wat kun je zelf doen?", "level": "h2"}
        template = "core/blocks/heading.html"


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label="Afbeelding")
    caption = blocks.CharBlock(label="Onderschrift", required=False, max_length=250)

    class Meta:
        icon = "image"
        label = "Afbeelding"
        description = (
            "Een foto of tekening met een beschrijving voor wie hem niet kan zien, en eventueel "
            "een onderschrift."
        )
        template = "core/blocks/figure.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label="Citaat")
    attribution = blocks.CharBlock(label="Wie zei het", required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = "Citaat"
        description = "Wat iemand zei, opvallend in beeld, met wie het zei."
        preview_value = {
            "quote": "Aan het eind van de maand kies ik tussen eten en de energierekening.",
            "attribution": "Marieke, Zwolle",
        }
        template = "core/blocks/quote.html"


class DocumentDownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="Document")
    label = blocks.CharBlock(
        label="Linktekst",
        required=False,
        max_length=200,
        help_text="Laat leeg om de titel van het document te gebruiken.",
    )

    class Meta:
        icon = "doc-full"
        label = "Document om te downloaden"
        description = (
            "Een link om een document uit de bibliotheek te downloaden, met het soort bestand en "
            "de grootte erbij."
        )
        template = "core/blocks/document_download.html"


class LinkStructValue(blocks.StructValue):
    @cached_property
    def url(self):
        page = self.get("page")
        return page.url if page else self.get("external_url")


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Knoptekst", max_length=80, help_text="Zeg wat er gebeurt.")
    page = blocks.PageChooserBlock(label="Pagina op deze site", required=False)
    external_url = blocks.URLBlock(label="Of een adres elders", required=False)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("external_url")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": ValidationError(
                        "Kies een pagina óf vul een adres in (precies één van de twee)."
                    )
                }
            )
        return value

    class Meta:
        icon = "link"
        label = "Knop naar een pagina"
        description = (
            "Eén opvallende knop naar een pagina op deze site of een adres elders. Zeg op de knop "
            "wat er gebeurt."
        )
        template = "core/blocks/call_to_action.html"
        value_class = LinkStructValue


class ListBlock(blocks.StructBlock):
    ordered = blocks.BooleanBlock(label="Genummerd", required=False, default=False)
    items = blocks.ListBlock(blocks.CharBlock(label="Punt", max_length=500), label="Punten")

    class Meta:
        icon = "list-ul"
        label = "Opsomming"
        description = "Een lijst met punten, met of zonder nummers."
        preview_value = {
            "ordered": False,
            "items": [
                "Vraag bijzondere bijstand aan",
                "Ga naar het schuldhulploket",
                "Bel de Formulierenbrigade",
            ],
        }
        template = "core/blocks/list.html"


class FactsBlock(blocks.StructBlock):
    """Key figures, e.g. "94.000 mensen geholpen door voedselbanken in 2014"."""

    heading = blocks.CharBlock(label="Kop", required=False, max_length=120)
    facts = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("figure", blocks.CharBlock(label="Getal", max_length=30)),
                ("label", blocks.CharBlock(label="Wat het getal betekent", max_length=200)),
            ]
        ),
        label="Feiten",
    )
    source = blocks.CharBlock(label="Bron", required=False, max_length=200)

    class Meta:
        icon = "table"
        label = "Feiten en cijfers"
        description = "Een paar opvallende getallen, elk met wat het getal betekent, en de bron."
        preview_value = {
            "heading": "Armoede in cijfers",
            "facts": [
                {"figure": "94.000", "label": "mensen kregen hulp van de voedselbank"},
                {"figure": "1 op 9", "label": "kinderen groeit op in armoede"},
            ],
            "source": "Voorbeeld",
        }
        template = "core/blocks/facts.html"


def body_blocks(*extra):
    """The blocks of a content body; apps add their own blocks (e.g. the chairmanship)."""
    return [
        ("heading", HeadingBlock()),
        (
            "paragraph",
            blocks.RichTextBlock(
                label="Tekst",
                features=RICH_TEXT_FEATURES,
                description="Gewone tekst, met vet, cursief, lijstjes en links.",
                preview_value=(
                    "<p>Wie weinig geld heeft, heeft recht op <b>hulp</b>. Lees wat je kunt "
                    "doen en waar je terecht kunt.</p>"
                ),
            ),
        ),
        ("image", FigureBlock()),
        ("quote", QuoteBlock()),
        ("document", DocumentDownloadBlock()),
        ("call_to_action", CallToActionBlock()),
        ("list", ListBlock()),
        ("facts", FactsBlock()),
        *extra,
    ]
