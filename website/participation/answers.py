"""Stored answers as the values they are: a form's answers are kept as JSON (numbers and
dates as text), and editors should read "3,5", "25 maart 2027" and "Ja", and add numbers
up in Excel, rather than "3.5", "2027-03-25" and "True"."""

import datetime
import decimal


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
