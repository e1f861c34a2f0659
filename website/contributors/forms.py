"""The editors' form to invite a contributor, and to change one's organisation."""

from django import forms
from django.contrib.auth import get_user_model

from website.core.admin_forms import AdminModelForm
from website.core.email_addresses import EmailAddressField, email_q

from .models import Contributor


class ContributorForm(AdminModelForm):
    class Meta:
        model = Contributor
        fields = ["organisation"]


class InviteContributorForm(ContributorForm):
    """An account for a person of a member organisation; the mail asks them to choose a
    password (invitations.invite)."""

    # 150: the longest user name an account can have, and the address is the user name.
    email = EmailAddressField(
        label="E-mailadres",
        max_length=150,
        help_text="Hierheen gaat de uitnodiging. Het is ook de gebruikersnaam.",
        error_messages={"max_length": "Een e-mailadres van meer dan 150 tekens past niet."},
    )
    first_name = forms.CharField(label="Voornaam", max_length=150)
    last_name = forms.CharField(label="Achternaam", max_length=150, required=False)

    field_order = ["email", "first_name", "last_name", "organisation"]

    def clean_email(self):
        email = self.cleaned_data["email"]  # canonical (EmailAddressField)
        users = get_user_model().objects
        if users.filter(email_q("email", email) | email_q("username", email)).exists():
            raise forms.ValidationError(
                "Er is al een account met dit e-mailadres. Een beheerder kan het de rol "
                "Bijdrager geven."
            )
        return email
