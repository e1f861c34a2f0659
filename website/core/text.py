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


def clean_text(value, single_line=False):
    """`value` with every line break one "\\n" and invisible control characters removed
    (accents, emoji and tabs kept); with `single_line`, line breaks become spaces.
    Anything that is not a str is returned as it is.

    Browsers count a line break in a textarea as one character against `maxlength`, but send
    it as "\\r\\n" (HTML standard, form submission): without this, a text the browser said fits
    would be refused as too long. Lone "\\r" (old Mac text) becomes "\\n" too."""
    if not isinstance(value, str):
        return value
    value = INVISIBLE_CONTROLS.sub("", LINE_BREAKS.sub("\n", value))
    return value.replace("\n", " ") if single_line else value


# Removed before search compares text: soft hyphens and zero-width characters that Word and
# PDF producers put inside words ("finan\u00adcieel").
INVISIBLE_IN_WORDS = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")


def normalise(text):
    """Text as search compares it (str → str): Unicode NFKC (UAX #15: ligatures "ﬁ" → "fi",
    full-width and other compatibility forms to plain letters), words joined where soft
    hyphens and zero-width characters split them, control characters as `clean_text`."""
    text = unicodedata.normalize("NFKC", INVISIBLE_IN_WORDS.sub("", text))
    return clean_text(text)
