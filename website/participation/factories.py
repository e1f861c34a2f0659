"""Test data for the "Formulier" page."""

from .models import FormField, FormPage

#: (label, field type, required, choices): one field of each kind the issue names.
EVERY_KIND = [
    ("Je naam", "singleline", True, ""),
    ("Je e-mailadres", "email", True, ""),
    ("Je telefoonnummer", "tel", False, ""),
    ("Hoe kom je?", "radio", True, "Lopend\nMet de fiets\nMet het openbaar vervoer"),
    ("Waar help je mee?", "checkboxes", False, "Koffie\nOpbouwen\nOpruimen"),
    ("Welke dag?", "date", False, ""),
    ("Met hoeveel mensen?", "number", False, ""),
    ("Ik ga akkoord met het bewaren van mijn antwoorden", "consent", True, ""),
]


def make_form_page(parent, fields=EVERY_KIND, **values):
    """A published "Formulier" page under `parent` with `fields` (see EVERY_KIND)."""
    values = {"title": "Doe mee met de buurtdag", "slug": "buurtdag"} | values
    page = FormPage(**values)
    for order, (label, kind, required, choices) in enumerate(fields):
        page.form_fields.add(
            FormField(
                sort_order=order, label=label, field_type=kind, required=required, choices=choices
            )
        )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page
