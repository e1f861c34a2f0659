from django import forms

from website.core.email_addresses import EmailAddressField
from website.core.protection import ProtectedForm

SHOW_CHOICES = [
    ("ja", "Zet mijn naam op de lijst"),
    ("nee", "Tel mij mee, maar zet mijn naam er niet bij"),
]


class EndorseForm(ProtectedForm):
    name = forms.CharField(
        label="Je naam", max_length=120, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    organisation = forms.CharField(
        label="Je organisatie",
        max_length=120,
        required=False,
        help_text="Steun je namens een organisatie? Schrijf hier de naam.",
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    place = forms.CharField(
        label="Je woonplaats",
        max_length=80,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    email = EmailAddressField(
        label="Je e-mailadres",
        help_text="Hierheen sturen we een link om je steun te bevestigen. We laten het "
        "adres nergens zien.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    show_name = forms.ChoiceField(
        label="Mag je naam op de lijst?",
        choices=SHOW_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Kies of je naam op de lijst mag, of dat we je alleen tellen."},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
