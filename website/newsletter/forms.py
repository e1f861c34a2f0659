from django import forms
from django.utils.translation import gettext_lazy as _

from website.core.email_addresses import EmailAddressField
from website.core.protection import ProtectedForm

from .models import Subscriber


class SubscribeForm(ProtectedForm):
    email = EmailAddressField(
        label=_("Je e-mailadres"),
        max_length=Subscriber._meta.get_field("email").max_length,
        error_messages={
            "invalid": _(
                "Dit is geen e-mailadres. Kijk of het goed is geschreven, zoals naam@voorbeeld.nl."
            )
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    name = forms.CharField(
        label=_("Je naam"),
        required=False,
        max_length=Subscriber._meta.get_field("name").max_length,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
