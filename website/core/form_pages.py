"""Pages whose form editors build with Wagtail's form builder (the contact page, the
"Formulier" page): the field types, the form class with the shared protection, and the
routes every such page serves.

The form is `ProtectedForm` (honeypot, length limits, plain Dutch messages) and is answered
by `protected_form_response` (413, 429, the input kept, a repeat not handled twice). A page
using `ProtectedFormPageMixin` stores the submission in its `process_form_submission` and
queues its mails there; the mixin redirects to `bedankt/` afterwards.
"""

import datetime
import decimal
import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import FormBuilder
from wagtail.contrib.routable_page.models import path

from .email_addresses import EmailAddressField, canonical_email
from .forms import PhoneInput
from .protection import ProtectedForm, protected_form_response

# The field types editors can choose, in the editors' words. Wagtail's own list also has
# "multiple select" (hard to use on a phone or with a keyboard), date/time and hidden fields.
FIELD_TYPES = (
    ("singleline", "Tekst (één regel)"),
    ("multiline", "Tekst (meer regels)"),
    ("email", "E-mailadres"),
    ("tel", "Telefoonnummer"),
    ("number", "Getal"),
    ("date", "Datum"),
    ("url", "Internetadres"),
    ("dropdown", "Keuzelijst"),
    ("radio", "Keuze uit rondjes (één antwoord)"),
    ("checkboxes", "Vinkjes (meer antwoorden)"),
    ("checkbox", "Eén vinkje (ja of nee)"),
    ("consent", "Toestemming (verplicht vinkje)"),
)


class BuiltFormBase(ProtectedForm):
    """The base of every form built by editors: Wagtail passes the page and the user."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        self.user = kwargs.pop("user", None)
        self.page = kwargs.pop("page", None)
        super().__init__(*args, **kwargs)


# Browsers fill these in for the visitor (WCAG 1.3.5) when the field says what it asks for.
AUTOCOMPLETE_BY_LABEL = [
    ("e-mail", "email"),
    ("telefoon", "tel"),
    ("organisatie", "organization"),
    ("woonplaats", "address-level2"),
    ("naam", "name"),
]

# How a form speaks to the visitor ("Je naam"), left out where the editors read the answers.
VISITOR_WORDS = re.compile(r"^\s*(je|jouw|uw)\s+", re.IGNORECASE)


def editors_label(label):
    """A form field's label as the editors read it: without the visitor's "Je"/"Jouw"
    ("Je naam" → "Naam")."""
    label = VISITOR_WORDS.sub("", str(label)).strip()
    return label[:1].upper() + label[1:]


def answer_text(value):
    """An answer as a mail shows it: "Ja"/"Nee", "3,5", "25-3-2027", a list joined, "–"
    for nothing, text as typed."""
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return _("Ja") if value else _("Nee")
    if isinstance(value, decimal.Decimal):
        return number_format(value)
    if isinstance(value, datetime.date):
        return date_format(value, "j-n-Y")
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


def autocomplete_for(label):
    """The HTML autocomplete token for a field labelled `label` ("Je naam" → "name"), or
    None when the label asks for nothing a browser knows."""
    label = label.lower()
    return next((token for word, token in AUTOCOMPLETE_BY_LABEL if word in label), None)


class DutchNumberField(forms.DecimalField):
    """A number of 0 or more as Dutch visitors write it: "3,5", "1.000" (a thousand), "1.250,75";
    "3.5" is three and a half. At most 12 digits before and 4 after the comma; no exponent
    ("1e9999" is no answer anyone means)."""

    THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")

    def __init__(self, **kwargs):
        super().__init__(max_digits=16, decimal_places=4, min_value=0, **kwargs)
        self.error_messages |= {
            "invalid": _("Vul een getal in, zoals 12 of 3,5."),
            "max_digits": _("Dit getal is te groot. Gebruik hoogstens 12 cijfers."),
            "max_whole_digits": _("Dit getal is te groot. Gebruik hoogstens 12 cijfers."),
            "max_decimal_places": _("Gebruik hoogstens 4 cijfers na de komma."),
            "min_value": _("Vul een getal van 0 of meer in."),
        }

    def to_python(self, value):
        text = str(value or "").strip().replace(" ", "")
        if not text:
            return None
        if not re.fullmatch(r"-?[\d.,]+", text):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        if self.THOUSANDS.match(text):
            text = text.replace(".", "")
        return super().to_python(text.replace(",", "."))


class ProtectedFormBuilder(FormBuilder):
    """Wagtail's form builder with the project's fields: checked e-mail addresses, a phone
    keyboard for phone numbers, a date picker, and a consent box that must be ticked."""

    def get_form_class(self):
        return type("BuiltForm", (BuiltFormBase,), self.formfields)

    def create_singleline_field(self, field, options):
        form_field = super().create_singleline_field(field, options)
        asks_for = autocomplete_for(field.label)
        if asks_for == "tel":
            form_field.widget = PhoneInput(form_field.widget.attrs)
        elif asks_for:
            form_field.widget.attrs["autocomplete"] = asks_for
        return form_field

    def create_email_field(self, field, options):
        form_field = EmailAddressField(**options)
        form_field.widget.attrs["autocomplete"] = "email"
        return form_field

    def create_tel_field(self, field, options):
        options["max_length"] = 40
        return forms.CharField(widget=PhoneInput(), **options)

    def create_date_field(self, field, options):
        # The browser's own date picker; it sends the ISO form whatever the language.
        widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        form_field = forms.DateField(widget=widget, **options)
        form_field.error_messages["invalid"] = _("Vul een datum in, zoals 25-3-2027.")
        return form_field

    def create_number_field(self, field, options):
        """A number as people write it (`DutchNumberField`), with the phone's number keys."""
        return DutchNumberField(widget=forms.TextInput(attrs={"inputmode": "decimal"}), **options)

    def create_dropdown_field(self, field, options):
        """A list that starts empty: an answer nobody chose must not be stored as the
        first choice (the field's "Verplicht" then means something)."""
        form_field = super().create_dropdown_field(field, options)
        form_field.choices = [("", _("Maak een keuze")), *form_field.choices]
        return form_field

    def create_consent_field(self, field, options):
        """A box that must be ticked, whatever "Verplicht" says: without it the answer is
        not sent."""
        options["required"] = True
        form_field = forms.BooleanField(**options)
        form_field.error_messages["required"] = _("Zet een vinkje als je hiermee akkoord gaat.")
        return form_field


class ProtectedFormPageMixin:
    """The routes of a page with a form editors build (with Wagtail's `FormMixin` and
    `RoutablePageMixin`): the form at the page's address, through the shared protection
    under `form_scope`, and the thank-you page at `bedankt/`. The page's
    `process_form_submission(form)` stores the answer (and queues mail) and returns it, or
    None when the form closed meanwhile; `closed_reason()` says why a form takes no answers
    (None while it does)."""

    form_builder = ProtectedFormBuilder
    form_scope = "form"

    def closed_reason(self):
        return None

    def answers_text(self, form, labelled_by=None):
        """The answers as text, one per field ("Naam: Kees"; a long answer on the lines
        below its label), labelled as the editors read them (without "Je"), by the fields
        of `labelled_by` (the Dutch page, for a message sent from a translation)."""
        labels = {f.clean_name: f.label for f in (labelled_by or self).form_fields.all()}
        parts = []
        for name, field in form.fields.items():
            if name not in form.cleaned_data:
                continue  # the honeypot, taken out before
            value = answer_text(form.cleaned_data[name])
            label = editors_label(labels.get(name, field.label))
            parts.append(f"{label}:\n{value}" if "\n" in value else f"{label}: {value}")
        return "\n\n".join(parts)

    def sender_address(self, data):
        """The first e-mail field's value in `data` if it is one valid address (in its
        canonical form), else ''."""
        email_fields = [f.clean_name for f in self.form_fields.all() if f.field_type == "email"]
        value = next((str(data[name]).strip() for name in email_fields if data.get(name)), "")
        try:
            validate_email(value)
        except ValidationError:
            return ""
        return canonical_email(value)

    def render_form_page(self, request, form, closed=None):
        """The page with `form`, or, `closed` (why), without one."""
        context = self.get_context(request) | {"form": form, "closed": closed}
        return TemplateResponse(request, self.get_template(request), context)

    @path("")
    def form_view(self, request):
        if closed := self.closed_reason():
            return self.render_form_page(request, None, closed)

        def on_valid(form):
            if self.process_form_submission(form) is None:  # closed while it was filled in
                return self.render_form_page(request, None, self.closed_reason())
            return redirect(self.url + self.reverse_subpage("thanks"))

        return protected_form_response(
            request,
            scope=self.form_scope,
            make_form=lambda *data: self.get_form(*data, page=self, user=request.user),
            render_form=lambda form: self.render_form_page(request, form),
            on_valid=on_valid,
        )

    @path("bedankt/", name="thanks")
    def thanks_view(self, request):
        """After a successful POST (a redirect, so reloading sends nothing twice)."""
        return TemplateResponse(request, self.landing_page_template, self.get_context(request))

    def serve_preview(self, request, mode_name):
        """Wagtail's two preview modes of a form page: the form, and the thank-you page."""
        if mode_name == "landing":
            return self.thanks_view(request)
        return super().serve_preview(request, mode_name)
