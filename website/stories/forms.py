from django import forms
from django.utils.translation import gettext_lazy as _

from website.core.email_addresses import EmailAddressField
from website.core.forms import PhoneInput
from website.core.protection import ProtectedForm

from .models import CONSENT_LETTERS, CONSENT_WEBSITE, SHOW_PLACE, StorySubmission


class ShareStoryForm(ProtectedForm):
    story = forms.CharField(
        label=_("Je verhaal"),
        help_text=_("Schrijf in je eigen woorden wat je hebt meegemaakt. Maximaal 10.000 tekens."),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={
            "required": _("Schrijf je verhaal in dit vak."),
            "max_length": _("Je verhaal is te lang. Maak het korter dan 10.000 tekens."),
        },
    )
    name_choice = forms.ChoiceField(
        label=_("Welke naam zetten we bij je verhaal?"),
        choices=StorySubmission.NameChoice.choices,
        widget=forms.RadioSelect,
        initial=StorySubmission.NameChoice.ANONYMOUS,
        error_messages={"required": _("Kies welke naam we bij je verhaal zetten.")},
    )
    shown_name = forms.CharField(
        label=_("Je voornaam of schuilnaam"),
        help_text=_("Alleen nodig als je hierboven voornaam of schuilnaam kiest."),
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    shown_name.conditionally_required = True  # needed with "voornaam" or "schuilnaam"
    place = forms.CharField(
        label=_("Je woonplaats (gemeente)"),
        help_text=_("Alleen de redactie ziet dit, tenzij je hieronder iets anders kiest."),
        max_length=80,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    show_place = forms.BooleanField(label=SHOW_PLACE, required=False)
    email = EmailAddressField(
        label=_("Je e-mailadres"),
        help_text=_(
            "Alleen de redactie ziet dit. Je krijgt dan een bevestiging met een link om je "
            "verhaal later in te trekken."
        ),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Je telefoonnummer"),
        help_text=_("Alleen de redactie ziet dit, als ze je iets willen vragen."),
        required=False,
        max_length=30,
        widget=PhoneInput(),
    )
    consent_website = forms.BooleanField(
        label=CONSENT_WEBSITE,
        required=True,
        error_messages={
            "required": _("Zonder deze toestemming kunnen we je verhaal niet plaatsen.")
        },
    )
    consent_letters = forms.BooleanField(label=CONSENT_LETTERS, required=False)

    def clean(self):
        cleaned = super().clean()
        choice = cleaned.get("name_choice")
        if choice in ("voornaam", "schuilnaam") and not cleaned.get("shown_name", "").strip():
            self.add_error("shown_name", _("Vul de naam in die we bij je verhaal zetten."))
        if cleaned.get("show_place") and not cleaned.get("place", "").strip():
            self.add_error("place", _("Vul je woonplaats in, of zet het vinkje eronder uit."))
        phone = cleaned.get("phone", "")
        if phone and not all(c.isdigit() or c in " +-()" for c in phone):
            self.add_error("phone", _("Gebruik alleen cijfers, spaties en + of -."))
        return cleaned
