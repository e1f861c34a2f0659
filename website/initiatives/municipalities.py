"""The Dutch municipalities and their provinces, shipped as data (`data/municipalities.csv`,
CBS codes and names as of 1 January 2026; only The Hague is written as people search for it,
"Den Haag", not 's-Gravenhage). When municipalities merge, update the file: pages store the
CBS code, so a page with a code that no longer exists still shows its code, never breaks."""

import csv
import functools
from dataclasses import dataclass
from pathlib import Path

from website.core.geography import PROVINCE_NAMES, PROVINCES

DATA_FILE = Path(__file__).parent / "data" / "municipalities.csv"


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    province: str

    @property
    def province_name(self):
        return PROVINCE_NAMES[self.province]


@functools.cache
def municipalities():
    with DATA_FILE.open(encoding="utf-8", newline="") as file:
        return {row["code"]: Municipality(**row) for row in csv.DictReader(file)}


def get(code):
    return municipalities().get(code)


def name(code):
    """The municipality's name, or the stored code itself if the data no longer has it."""
    municipality = get(code)
    return municipality.name if municipality else code


def grouped_choices(codes=None):
    """Choices for a select: the municipalities under their province; with `codes`, only
    those (a code the data no longer has comes last, under "Overig")."""
    by_province = {slug: [] for slug, _ in PROVINCES}
    for municipality in municipalities().values():
        if codes is None or municipality.code in codes:
            by_province[municipality.province].append((municipality.code, municipality.name))
    groups = [(PROVINCE_NAMES[slug], items) for slug, items in by_province.items() if items]
    unknown = sorted(set(codes or ()) - set(municipalities()))
    return groups + ([("Overig", [(code, code) for code in unknown])] if unknown else [])
