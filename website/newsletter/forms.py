import unicodedata

from django import forms

from website.core.protection import ProtectedForm

from .models import Subscriber


class VisibleEmailField(forms.EmailField):
    """Marks a phone or a pasted line may carry around an address (right-to-left marks,
    zero-width spaces) are invisible: they are dropped rather than the address refused."""

    def to_python(self, value):
        value = "".join(c for c in value or "" if unicodedata.category(c) != "Cf")
        return super().to_python(value)


class SubscribeForm(ProtectedForm):
    email = VisibleEmailField(
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
