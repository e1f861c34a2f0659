"""Model fields whose form fields know what people type into them."""

from django.db import models

from .forms import PhoneInput


class PhoneNumberField(models.CharField):
    """A telephone number, stored as typed; every form made from it (the admin's, a model
    form) shows the phone's number keys (PhoneInput, `type="tel"`)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"widget": PhoneInput, **kwargs})
