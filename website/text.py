"""Text as people meant it: one cleaner for what enters the site and what leaves it in
XML, iCal and JSON, and one normaliser for what search compares. No Django imports: the
document reader's child process (core.extraction) uses this too."""

import re
import unicodedata

# Characters nobody means to type but that arrive with pasted text: C0/C1 control characters
# (NUL, escape, ...; not tab and line feed), lone surrogates and the non-characters U+FFFE/
# U+FFFF (XML 1.0 §2.2 and RFC 5545 §3.3.11 forbid them; one makes a whole feed or calendar
# unreadable), and the bidirectional overrides and isolates that can make text read
# backwards (U+202A–U+202E, U+2066–U+2069). Word's manual line break (vertical tab) and a
# form feed are line breaks to the writer: they become "\n".
INVISIBLE_CONTROLS = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
ONE_LINE = re.compile(r"[ \t]*\n\s*|\t")
# Typographic ligatures ("ﬁ", U+FB00–FB06) and full-width letters (U+FF01–FF5E) that text
# copied from a typeset PDF carries: shown the same as their plain letters, but search and
# the browser's find would not match them.
PRESENTATION_FORMS = {
    code: unicodedata.normalize("NFKC", chr(code))
    for code in [*range(0xFB00, 0xFB07), *range(0xFF01, 0xFF5F)]
}


def clean_text(value, single_line=False):
    """`value` with every line break one "\\n", invisible control characters removed and
    ligatures as plain letters (accents, emoji and tabs kept); with `single_line`, line
    breaks become one space and the ends are trimmed. A non-str is returned as it is.

    Browsers count a line break in a textarea as one character against `maxlength`, but send
    it as "\\r\\n" (HTML standard, form submission): without this, a text the browser said fits
    would be refused as too long. Lone "\\r" (old Mac text) becomes "\\n" too."""
    if not isinstance(value, str):
        return value
    value = INVISIBLE_CONTROLS.sub("", LINE_BREAKS.sub("\n", value)).translate(PRESENTATION_FORMS)
    return ONE_LINE.sub(" ", value).strip() if single_line else value


# Removed before search compares text: soft hyphens and zero-width characters that Word and
# PDF producers put inside words ("finan\u00adcieel").
INVISIBLE_IN_WORDS = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")


def normalise(text):
    """Text as search compares it (str → str): Unicode NFKC (UAX #15: ligatures "ﬁ" → "fi",
    full-width and other compatibility forms to plain letters), words joined where soft
    hyphens and zero-width characters split them, control characters as `clean_text`."""
    text = unicodedata.normalize("NFKC", INVISIBLE_IN_WORDS.sub("", text))
    return clean_text(text)


# The accents Unicode writes as combining marks after a base letter (â = a + U+0302): folded
# away for search only, on both sides alike, so "Fryslan" finds "Fryslân" on PostgreSQL too,
# whose `dutch` configuration keeps accents (SQLite's FTS5 tokenizer already drops them).
COMBINING_ACCENTS = re.compile("[\u0300-\u036f]")


# Letters with a stroke or without a dot that Unicode does not decompose, which people
# type without it on a keyboard that lacks them: "Yilmaz" for "Yılmaz", "Lodz" for "Łódź",
# "Sorensen" for "Sørensen", "Strasse" for "Straße".
PLAIN_LETTERS = str.maketrans(
    {"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ħ": "h",
     "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE"}
)  # fmt: skip


def fold(text):
    """Text as the search index stores it and queries compare it (str → str): `normalise`d
    (NFKC: the Dutch letter "ĳ" U+0133 → "ij", "ﬁ" → "fi"), then without accents on Latin,
    Greek and Cyrillic letters ("Fryslân" → "Fryslan", "İzmir" → "Izmir", "coöperatie" →
    "cooperatie") and with PLAIN_LETTERS for letters that have no decomposition ("Łódź" →
    "Lodz"). Case is kept: both search backends compare without it."""
    decomposed = unicodedata.normalize("NFKD", normalise(text))
    plain = COMBINING_ACCENTS.sub("", decomposed).translate(PLAIN_LETTERS)
    return unicodedata.normalize("NFC", plain)


def clean_data(value):
    """`value` (JSON-shaped: dicts, lists, strings, numbers) with every string through
    `clean_text`; keys too. For stream field data, JSON fields and JSON-LD."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_text(key): clean_data(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [clean_data(item) for item in value]
    return value
