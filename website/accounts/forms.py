"""The admin's login and password-reset forms, with guessing stopped (lockout)."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.utils import timezone
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm

from website.core.protection import address_block, client_ip

from . import lockout
from .models import SignInEvent


class LoginForm(WagtailLoginForm):
    """Wagtail's login form, labelled in Dutch (Wagtail gives the password no label, so
    Django shows "Password"), that refuses to try a password for a locked name or address
    and counts each failure (lockout)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = "Wachtwoord"

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if self.request is not None and lockout.refuses(self.request, username):
            lockout.record(self.request, SignInEvent.Kind.REFUSED, username)
            raise forms.ValidationError(lockout.locked_message(), code="locked")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if self.request is not None and lockout.after_failure(self.request, username):
                raise forms.ValidationError(lockout.locked_message(), code="locked") from None
            raise
        if self.request is not None:
            lockout.record(self.request, SignInEvent.Kind.SUCCEEDED, username, self.get_user())
        return cleaned


class PasswordResetForm(WagtailPasswordResetForm):
    """Wagtail's form to ask for a new password, limited per address typed and per client
    (`PASSWORD_RESET_LIMIT`). Over the limit nothing is sent and the answer is the same
    page as always, for known and unknown addresses alike."""

    def save(self, *args, request=None, **kwargs):
        email = lockout.username_key(self.cleaned_data["email"])
        if request is not None and reset_limited(request, email):
            lockout.record(request, SignInEvent.Kind.RESET_REFUSED, email)
            return
        if request is not None:
            lockout.record(request, SignInEvent.Kind.RESET_REQUESTED, email)
        super().save(*args, request=request, **kwargs)


def reset_limited(request, email):
    """True when `email` or this client asked for a new password too often already."""
    limit = settings.PASSWORD_RESET_LIMIT
    since = timezone.now() - timedelta(minutes=limit["minutes"])
    asked = SignInEvent.objects.filter(kind=SignInEvent.Kind.RESET_REQUESTED, at__gte=since)
    address = address_block(client_ip(request))
    return (
        asked.filter(username=email).count() >= limit["address"]
        or asked.filter(address=address).count() >= limit["client"]
    )
