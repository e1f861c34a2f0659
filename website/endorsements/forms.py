from django import forms
from django.utils.translation import gettext_lazy as _

from website.core.email_addresses import EmailAddressField
from website.core.protection import ProtectedForm

SHOW_CHOICES = [
    ("ja", _("Zet mijn naam op de lijst")),
    ("nee", _("Tel mij mee, maar zet mijn naam er niet bij")),
]


class EndorseForm(ProtectedForm):
    name = forms.CharField(
        label=_("Je naam"), max_length=120, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    organisation = forms.CharField(
        label=_("Je organisatie"),
        max_length=120,
        required=False,
        help_text=_("Steun je namens een organisatie? Schrijf hier de naam."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    place = forms.CharField(
        label=_("Je woonplaats"),
        max_length=80,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    email = EmailAddressField(
        label=_("Je e-mailadres"),
        help_text=_(
            "Hierheen sturen we een link om je steun te bevestigen. We laten het adres "
            "nergens zien."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    show_name = forms.ChoiceField(
        label=_("Mag je naam op de lijst?"),
        choices=SHOW_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies of je naam op de lijst mag, of dat we je alleen tellen.")
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
