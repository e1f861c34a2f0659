"""The editable list of difficult words with a plain alternative."""

from django.db import models
from django.db.models.functions import Lower
from wagtail.admin.panels import FieldPanel
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
        verbose_name = "Moeilijk woord"
        verbose_name_plural = "Moeilijke woorden"

    def __str__(self):
        return self.term
