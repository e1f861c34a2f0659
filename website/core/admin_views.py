"""How the admin shows stored values to editors, in one place: "Ja"/"Nee" for booleans, a
dash for nothing, times in the site's time zone (Europe/Amsterdam) in Dutch words, and
exports that open right in Dutch spreadsheet programs.

- `display_value(value)` turns one value into what an editor reads.
- `ReadableIndexView` is the listing (and CSV/Excel export) of a `ModelViewSet`;
  `ReadableInspectView` its detail page. Viewsets set `index_view_class` and
  `inspect_view_class` to them.

Wagtail's own views print booleans as "True"/"False" and `None` as "None", its inspect view
formats times in UTC (the `localize` filter runs before the template's time-zone
conversion), and its exports write UTC times, comma-separated CSV (Dutch Excel expects a
semicolon) and cells that a spreadsheet may read as formulas.
"""

import csv
import datetime
import decimal
import re

from django.core.exceptions import FieldDoesNotExist
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import linebreaksbr
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.views.decorators.http import require_POST
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.mixins import Echo

from website.text import clean_text

EMPTY = "—"
# A cell starting with one of these is a formula to Excel and LibreOffice (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def display_value(value):
    """What an editor reads for `value`: bool → "Ja"/"Nee"; None or "" → "—"; an aware
    datetime → local time as "30 november 2026 16:05"; a date → "30 november 2026"; a
    list → its items joined by ", "; text with line breaks → escaped HTML with <br>;
    anything else unchanged."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "Ja" if value else "Nee"
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return date_format(local, "j F Y H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "j F Y")
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value) or EMPTY
    if isinstance(value, decimal.Decimal):
        return number_format(value)
    if isinstance(value, str) and "\n" in value:
        return linebreaksbr(value, autoescape=True)  # escaped, then <br> per line
    return value


class ReadableColumn(Column):
    def get_value(self, instance):
        return breakable(display_value(super().get_value(instance)))


BREAK_AFTER = re.compile(r"([@./_-])")


def breakable(value):
    """Long text without spaces (an e-mail address, a link) with a possible line break after
    each @ . / _ -, so a narrow column wraps it there; other text as it is (a column may not
    break "Nieuw" into "Nieu/w" to make room)."""
    if not isinstance(value, str) or len(value) < 20 or " " in value:
        return value
    return mark_safe(BREAK_AFTER.sub(r"\1<wbr>", escape(value)))  # noqa: S308 - escaped first


def export_value(value, export_format):
    """One cell of an export: local naive times (Excel has no time zones), "Ja"/"Nee",
    empty for nothing, text without control characters and never read as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ja" if value else "Nee"
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        if export_format == "xlsx":
            return local.replace(tzinfo=None)
        return date_format(local, "d-m-Y H:i")
    if isinstance(value, datetime.date):
        return value if export_format == "xlsx" else date_format(value, "d-m-Y")
    if isinstance(value, decimal.Decimal):
        # A number Excel can add up; in a Dutch CSV with the decimal comma.
        return float(value) if export_format == "xlsx" else number_format(value)
    if isinstance(value, list | tuple):
        value = ", ".join(str(item) for item in value)
    if isinstance(value, str):
        value = clean_text(value)
        # A CSV cell Excel would run as a formula is marked as text; an Excel file's cells
        # are written as text already (the mixin's generate_xlsx_row), so "+31 6 …" stays.
        if export_format != "xlsx" and value.startswith(FORMULA_STARTS):
            return "'" + value
    return value


class ReadableExportMixin:
    """CSV and Excel exports editors can open in Dutch Excel (for any of Wagtail's views with
    `SpreadsheetExportMixin`): local times, "Ja"/"Nee", no formulas (`export_value`)."""

    def preprocess_field_value(self, field, value, export_format):
        return export_value(value, export_format)

    def stream_csv(self, queryset):
        """Semicolons and a byte-order mark: Dutch Excel then opens the file in columns,
        with accents intact."""
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export, delimiter=";")
        heading = {field: self.get_heading(queryset, field) for field in self.list_export}
        yield "\ufeff".encode() + writer.writerow(heading)
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def write_xlsx(self, queryset, output):
        from openpyxl import Workbook  # noqa: PLC0415 - only exports need it

        workbook = Workbook(write_only=True, iso_dates=True)
        worksheet = workbook.create_sheet(title="Blad1")
        worksheet.append(self.get_heading(queryset, field) for field in self.list_export)
        for item in queryset:
            worksheet.append(
                self.generate_xlsx_row(worksheet, self.to_row_dict(item), "dd-mm-yyyy hh:mm")
            )
        workbook.save(output)


class ReadableIndexView(ReadableExportMixin, generic.IndexView):
    """A listing whose cells and exports editors can read (see the module docstring)."""

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        """Read first: the title opens the detail page where there is one (it has the edit
        button); Wagtail opens the edit form, which may leave out what was sent in."""
        column_class = self._get_title_column_class(column_class)

        def get_url(instance):
            return self.get_inspect_url(instance) or self.get_edit_url(instance)

        return self._get_custom_column(field_name, column_class, get_url=get_url, **kwargs)

    def _get_custom_column(self, field_name, column_class=Column, **kwargs):
        if column_class is Column:
            column_class = ReadableColumn
        return super()._get_custom_column(field_name, column_class, **kwargs)


class ReadableInspectView(generic.InspectView):
    """A detail page whose values editors can read (see the module docstring)."""

    def get_field_display_value(self, field_name, field):
        return display_value(super().get_field_display_value(field_name, field))


class MarkOpenedMixin:
    """For the inspect view of something sent in (a message, a story): the first time an
    editor looks at it, its `opened_at` is set, so the dashboard counts only what is new."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if obj.opened_at is None:
            obj.opened_at = timezone.now()
            type(obj).objects.filter(pk=obj.pk, opened_at__isnull=True).update(
                opened_at=obj.opened_at
            )
        return obj


class PostActionsMixin:
    """For a `ModelViewSet`: small actions on one object ("Opnieuw proberen", "Markeer als
    afgehandeld") as POST-only addresses `<pk>/<name>/` (a button in a form, never a link),
    for editors who may view the model. A viewset lists `post_actions` and gives each an
    `act_<name>(request, obj) -> response`."""

    post_actions = ()

    def get_urlpatterns(self):
        actions = [
            path(f"<int:pk>/{name}/", self._post_action_view(name), name=name)
            for name in self.post_actions
        ]
        return [*super().get_urlpatterns(), *actions]

    def _post_action_view(self, name):
        @require_POST
        def view(request, pk):
            if not self.permission_policy.user_has_permission(request.user, "view"):
                return redirect("wagtailadmin_home")
            return getattr(self, f"act_{name}")(request, get_object_or_404(self.model, pk=pk))

        return view


def label_columns_by_their_fields(view_class, model):
    """Give the columns of a Wagtail listing that has no label of its own the field's
    translated name. Wagtail makes such a label from the attribute's name ("Port", "Root
    page" on its Sites screen), which no translation reaches. Changes `view_class.columns`
    in place; returns nothing."""
    for column in view_class.columns:
        if column.label != capfirst(column.name.replace("_", " ")):
            continue  # labelled by Wagtail
        try:
            field = model._meta.get_field(column.name)
        except FieldDoesNotExist:
            continue
        column.label = capfirst(field.verbose_name)
