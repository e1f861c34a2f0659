"""Blocks owned by the library app, for the bodies of other pages."""

from wagtail import blocks

from .models import PublicationKind, PublicationPage


class PublicationListBlock(blocks.StructBlock):
    """A heading, a sentence and links to the live publications of one kind (such as the
    manifestos under "Wie zijn wij?"), newest first. Shows nothing at all while there is no
    such publication, so a sentence never ends in a colon with nothing after it."""

    heading = blocks.CharBlock(label="Kop", required=False, max_length=120)
    intro = blocks.TextBlock(label="Inleiding", required=False)
    kind = blocks.ChoiceBlock(label="Soort document", choices=PublicationKind.choices)
    limit = blocks.IntegerBlock(label="Hoeveel hoogstens", default=10, min_value=1, max_value=50)

    class Meta:
        icon = "doc-full"
        label = "Lijst van documenten"
        description = (
            "De nieuwste documenten van één soort (bijvoorbeeld manifesten), vanzelf bijgewerkt."
        )
        template = "library/blocks/publication_list.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        publications = PublicationPage.objects.live().public().filter(kind=value["kind"])
        context["publications"] = list(publications.order_by("-date", "-pk")[: value["limit"]])
        return context
