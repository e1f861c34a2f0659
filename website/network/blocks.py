"""Blocks owned by the network app; imported lazily so core's body can offer them."""

from wagtail import blocks

from .models import ChairTerm


class ChairmanshipBlock(blocks.StructBlock):
    """Shows the current chair and the predecessors, worked out from the term dates."""

    heading = blocks.CharBlock(label="Kop", default="Voorzitterschap", max_length=120)
    intro = blocks.TextBlock(label="Inleiding", required=False)
    show_predecessors = blocks.BooleanBlock(
        label="Toon de vorige voorzitters", required=False, default=True
    )

    class Meta:
        icon = "user"
        label = "Voorzitterschap"
        description = (
            "Wie nu voorzitter is en wie het eerder waren, vanzelf uit de termijnen bij Netwerk."
        )
        template = "network/blocks/chairmanship.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        terms = ChairTerm.objects.select_related("organisation").grouped_by_date()
        context["current_terms"] = terms["current"]
        context["past_terms"] = terms["past"] if value.get("show_predecessors") else []
        context["upcoming_terms"] = terms["upcoming"]
        return context
