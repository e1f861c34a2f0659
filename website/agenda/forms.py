from django import forms
from django.utils.translation import gettext_lazy as _

from website.core.email_addresses import EmailAddressField
from website.core.filters import FilterForm, choice_field, normalise_text, text_field
from website.core.geography import PROVINCES
from website.core.protection import ProtectedForm

from .choices import EventKind


class SignupForm(ProtectedForm):
    name = forms.CharField(
        label=_("Je naam"),
        max_length=120,
        error_messages={"required": _("Vul je naam in.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = EmailAddressField(
        label=_("Je e-mailadres"),
        max_length=254,
        help_text=_("Hierheen sturen we de bevestiging en een link om je af te melden."),
        error_messages={
            "required": _("Vul je e-mailadres in."),
            "invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = forms.CharField(
        label=_("Je organisatie"),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    access_needs = forms.CharField(
        label=_("Wat heb je nodig om goed mee te kunnen doen?"),
        help_text=_(
            "Bijvoorbeeld een rolstoelplek, een doventolk of grote letters. Dit hoeft niet. "
            "Alleen de organisatoren zien het, en we wissen het een paar maanden na de bijeenkomst."
        ),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    dietary_wishes = forms.CharField(
        label=_("Wensen voor eten en drinken"),
        help_text=_("Bijvoorbeeld vegetarisch, halal of een allergie."),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # What someone needs or cannot eat can say something about their health or religion:
    # special categories of personal data (AVG art. 9), which need explicit consent.
    needs_consent = forms.BooleanField(
        label=_(
            "Ik vind het goed dat de organisatoren mijn antwoorden over wat ik nodig heb en "
            "over eten en drinken gebruiken, zodat ik mee kan doen"
        ),
        help_text=_(
            "Vink dit aan als je bij een van die twee vragen iets invult. "
            "Je kunt dit altijd intrekken door je af te melden."
        ),
        required=False,
    )
    needs_consent.conditionally_required = True

    def __init__(self, *args, online_only=False, **kwargs):
        super().__init__(*args, **kwargs)
        if online_only:
            # Nobody comes to a place: no food, and the help that counts is on the screen.
            del self.fields["dietary_wishes"]
            self.fields["access_needs"].help_text = _(
                "Bijvoorbeeld ondertiteling, een doventolk in beeld of de stukken vooraf. Dit "
                "hoeft niet. Alleen de organisatoren zien het, en we wissen het een paar "
                "maanden na de bijeenkomst."
            )
            self.fields["needs_consent"].label = _(
                "Ik vind het goed dat de organisatoren mijn antwoord over wat ik nodig heb "
                "gebruiken, zodat ik mee kan doen"
            )
            self.fields["needs_consent"].help_text = _(
                "Vink dit aan als je bij die vraag iets invult. Je kunt dit altijd intrekken "
                "door je af te melden."
            )

    def clean(self):
        cleaned = super().clean()
        if self.has_needs() and not cleaned.get("needs_consent"):
            self.add_error(
                "needs_consent",
                _(
                    "Vink dit vakje aan als de organisatoren je antwoorden mogen gebruiken. "
                    "Wil je dat niet? Maak dan de vakken over wat je nodig hebt en over eten en "
                    "drinken leeg."
                ),
            )
        return cleaned

    def has_needs(self):
        return any(
            self.cleaned_data.get(name, "").strip() for name in ("access_needs", "dietary_wishes")
        )


class AgendaFilterForm(FilterForm):
    soort = choice_field(_("Soort activiteit"), EventKind.choices, _("Alle soorten"))
    provincie = choice_field(_("Provincie"), PROVINCES, _("Heel Nederland"))
    plaats = text_field(_("Plaats"), autocomplete="address-level2")

    lookups = {"soort": "page__kind", "provincie": "province", "plaats": "city__iexact"}

    def clean_plaats(self):
        return normalise_text(self.cleaned_data["plaats"])
