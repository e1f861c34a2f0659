"""Stored answers as the values they are: a form's answers are kept as JSON (numbers and
dates as text), and editors should read "3,5", "25 maart 2027" and "Ja", and add numbers
up in Excel, rather than "3.5", "2027-03-25" and "True"."""

import datetime
import decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _


def typed(field_type, value):
    """`value` as stored for a field of `field_type` (FIELD_TYPES), as a Python value: a
    Decimal for a number, a date for a date, a bool for a box, None for nothing."""
    if value is None or value == "" or value == []:
        return None
    try:
        if field_type == "number":
            return decimal.Decimal(str(value))
        if field_type == "date":
            return datetime.date.fromisoformat(str(value))
    except (decimal.InvalidOperation, ValueError):
        return value
    if field_type in ("checkbox", "consent"):
        return bool(value)
    return value


def as_text(value):
    """An answer in a mail: "Ja"/"Nee", "3,5", "25-3-2027", a list joined, "–" for nothing."""
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
