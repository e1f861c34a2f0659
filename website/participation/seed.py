"""Seed step: one example "Formulier" as a draft under the home page, for editors to copy
or change (it is not published: a form nobody asked for would be an empty corner)."""

from .models import FormField, FormPage

EXAMPLE_FIELDS = [
    ("Je naam", "singleline", True, ""),
    ("Je e-mailadres", "email", True, ""),
    ("Je telefoonnummer", "tel", False, ""),
    ("Namens welke organisatie vul je dit in?", "dropdown", False, "Geen organisatie\nAnders"),
    (
        "Welke onderwerpen vind je belangrijk?",
        "checkboxes",
        False,
        "Inkomen\nSchulden\nWonen\nZorg",
    ),
    ("Met hoeveel mensen kom je?", "number", False, ""),
    ("Welke datum past jou het best?", "date", False, ""),
    ("Wat wil je ons nog vertellen?", "multiline", False, ""),
    (
        "Ik ga akkoord dat jullie mijn antwoorden gebruiken voor deze vragenlijst",
        "consent",
        True,
        "",
    ),
]


def example_form(ctx):
    home = ctx.page("home")
    if home is None:
        return

    def create():
        existing = home.get_children().filter(slug="voorbeeldformulier").first()
        if existing:
            return existing.specific
        page = FormPage(
            title="Voorbeeldformulier",
            slug="voorbeeldformulier",
            introduction="Een voorbeeld voor de redactie: kopieer dit formulier of pas het "
            "aan. Het staat niet online.",
            live=False,
            send_confirmation=True,
        )
        for order, (label, kind, required, choices) in enumerate(EXAMPLE_FIELDS):
            page.form_fields.add(
                FormField(
                    sort_order=order,
                    label=label,
                    field_type=kind,
                    required=required,
                    choices=choices,
                )
            )
        home.add_child(instance=page)
        page.save_revision()
        return page

    ctx.once("page:example-form", create)
