from django import forms

from website.core.email_addresses import EmailAddressField
from website.core.protection import ProtectedForm

from .models import Subscriber


class SubscribeForm(ProtectedForm):
    email = EmailAddressField(
        label="Je e-mailadres",
        max_length=Subscriber._meta.get_field("email").max_length,
        error_messages={
            "invalid": (
                "Dit is geen e-mailadres. Kijk of het goed is geschreven, zoals naam@voorbeeld.nl."
            )
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    name = forms.CharField(
        label="Je naam",
        required=False,
        max_length=Subscriber._meta.get_field("name").max_length,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
