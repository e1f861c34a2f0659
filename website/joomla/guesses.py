"""What an article's words tell that Joomla kept nowhere else: the day of an activity
("Alliantiedag op vrijdag 10 oktober 2014") and the municipality of a local initiative
("Buurtkamer in Zwolle"). The import uses them for events and initiatives, and reports
when it had to fall back, so editors check those pages."""

import datetime
import re

from website.initiatives.municipalities import municipalities

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "jan"), ("februari", "feb"), ("maart", "mrt"), ("april", "apr"),
            ("mei",), ("juni", "jun"), ("juli", "jul"), ("augustus", "aug"),
            ("september", "sep", "sept"), ("oktober", "okt"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
WRITTEN_DATE = re.compile(
    r"\b(\d{1,2})\s+(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+(\d{4})\b",
    re.IGNORECASE,
)
NUMERIC_DATE = re.compile(r"\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b")


def day_in(text):
    """The first date written in Dutch in `text` ("10 oktober 2014", "10 okt. 2014",
    "10-10-2014") as a date, or None (also for a day that does not exist)."""
    found = []
    for match in WRITTEN_DATE.finditer(text):
        found.append(
            (match.start(), match.group(3), MONTHS[match.group(2).lower()], match.group(1))
        )
    for match in NUMERIC_DATE.finditer(text):
        found.append((match.start(), match.group(3), match.group(2), match.group(1)))
    for _position, year, month, day in sorted(found):
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            continue
    return None


def municipality_in(text):
    """The CBS code of the municipality `text` names first (a whole word, the longest name
    where names overlap: "Den Haag" before "Haag"), or None."""
    names = sorted(municipalities().values(), key=lambda m: len(m.name), reverse=True)
    best = None
    for municipality in names:
        match = re.search(rf"(?<!\w){re.escape(municipality.name)}(?!\w)", text)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), municipality.code)
    return best[1] if best else None


def municipality_code(value):
    """A mapping's `municipality` (a CBS code such as "GM0193" or a name such as "Zwolle")
    as a CBS code, or None when it names none."""
    value = str(value).strip()
    if value in municipalities():
        return value
    return next(
        (m.code for m in municipalities().values() if m.name.lower() == value.lower()), None
    )
