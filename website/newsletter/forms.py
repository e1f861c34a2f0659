from django import forms

from website.core.protection import ProtectedForm

from .models import Subscriber


class SubscribeForm(ProtectedForm):
    email = forms.EmailField(
        label="Je e-mailadres",
        max_length=Subscriber._meta.get_field("email").max_length,
        error_messages={"invalid": "Dit is geen e-mailadres. Kijk of er een @ in staat."},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    name = forms.CharField(
        label="Je naam (als je wilt)",
        required=False,
        max_length=Subscriber._meta.get_field("name").max_length,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
