"""How the site's public forms render (Django's form rendering API): one form template and
one field template for every public form, one field template for list filters. Templates
are found in the apps' template folders, Django's own widget templates included."""

from django import forms
from django.forms.renderers import DjangoTemplates


class PublicFormRenderer(DjangoTemplates):
    """Public forms (core.protection.ProtectedForm): `{{ form }}` gives the error summary,
    every field with its label, hint and errors, and the honeypot."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


class FilterFormRenderer(DjangoTemplates):
    """The GET filters of list pages (core.filters.FilterForm)."""

    field_template_name = "core/forms/filter_field.html"


class PhoneInput(forms.TextInput):
    """A telephone number: `type="tel"`, so phones show the number keys (a text input shows
    letters), and `autocomplete="tel"`. Numbers are not checked by the browser."""

    input_type = "tel"

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "tel", **(attrs or {})})
