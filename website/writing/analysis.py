"""Schrijfhulp: what makes a Dutch text harder to read than it needs to be.

`analyse(text)` finds sentences longer than PLAIN_LANGUAGE_MAX_SENTENCE_WORDS words, words
longer than PLAIN_LANGUAGE_MAX_WORD_LETTERS letters, sentences in the passive voice (a
form of "worden" with a past participle, a heuristic) and words from the editable list of
difficult words (JargonTerm), and gives one readability figure for the whole text:

Flesch-Douma, the Dutch adaptation of Flesch's Reading Ease by W.H. Douma, "De
leesbaarheid van landbouwbladen: een onderzoek naar en een toepassing van
leesbaarheidsformules", Landbouwhogeschool Wageningen, 1960:
    206,835 − 0,93 × (words per sentence) − 77 × (syllables per word),
computed by textstat (language "nl"; syllables from pyphen's Dutch hyphenation
dictionary). Higher is easier; like Flesch's, the scale runs roughly from 0 to 100.

It advises; nothing here blocks saving or publishing.
"""

import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.conf import settings

from website.text import normalise

from .models import JargonTerm


@functools.cache
def dutch_statistics():
    """textstat set to Dutch, made on first use: importing textstat imports nltk, which
    would cost every process of the site most of a second at start (the worker, each
    gunicorn worker, every management command) for a figure only the editor asks for."""
    from textstat.textstat import textstatistics  # noqa: PLC0415 - see above

    statistics = textstatistics()
    statistics.set_lang("nl_NL")
    return statistics


WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# A sentence ends at . ! ? or … before a space, or at a line break (headings, list items).
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+|\n+")
WORDEN = {"word", "wordt", "worden", "werd", "werden", "geworden"}
# A past participle: ge-…-d/t/en ("betaald", "gegeven"), the same after a separable particle
# ("uitgevoerd", "opgericht", "samengewerkt"), or with an unstressed prefix and no ge-
# ("verlaagd", "besproken", "ontvangen", "herhaald").
PARTICLES = "aan|af|bij|door|in|los|mee|na|neer|om|onder|op|over|samen|terug|toe|uit|vast|voor|weg"
PARTICIPLE = re.compile(
    rf"^(?:(?:{PARTICLES})?ge\w{{2,}}(?:d|t|en)|(?:be|ver|ont|her|er)\w{{2,}}(?:d|t|en))$"
)
# Common words of that shape that are no participle ("het gebied", "het geld", "de
# gevangenen", words on -heid).
NOT_PARTICIPLES = {
    *["gebied", "geld", "gebed", "gebod", "gemoed", "gevangenen", "geleden", "gebeurt"],
    *["gezicht", "gewicht", "gedicht", "gerecht", "gesprekken", "getuigen", "gebergten"],
    *["verleden", "verschillend", "berucht", "bereid", "verstand", "verband", "herfst"],
    *["ergst", "erkend"],
}

# Flesch's own bands, in Dutch words editors know.
READABILITY_BANDS = [
    (80, "makkelijk"),
    (60, "redelijk makkelijk"),
    (50, "een beetje moeilijk"),
    (30, "moeilijk"),
    (float("-inf"), "erg moeilijk"),
]


# What is not the page's own text: navigation, forms and buttons, the themes and related
# items under it, the share links, and whatever is hidden.
SKIPPED_TAGS = {"nav", "aside", "form", "button", "script", "style", "template", "noscript"}
SKIPPED_CLASSES = {"page-themes", "related", "page-tools", "read-aloud", "breadcrumbs"}
# Elements that end a line of text (a heading, paragraph or list item is a sentence of its
# own when it has no full stop).
BLOCK_TAGS = {
    *["p", "div", "section", "article", "header", "footer", "main", "blockquote", "figure"],
    *["figcaption", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "td", "th", "br"],
    *["h1", "h2", "h3", "h4", "h5", "h6", "address", "pre", "hr"],
}


# Elements that never have content or an end tag.
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}
# Deeper nesting than this is read as text of the element at this depth: the reader stays
# linear however the markup is nested (the admin posts it; it may be anything).
MAX_DEPTH = 200


class _TextReader(HTMLParser):
    """Python's own tolerant HTML tokenizer (html.parser): no tree and no recursion, so
    deeply nested or broken markup costs time in proportion to its length."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.open = []  # [(tag, skipped)] of the elements we are in, at most MAX_DEPTH
        self.open_count = Counter()  # tag → how many of those are open
        self.skipping = 0  # how many of them are skipped

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS and not self.skipping:
            self.parts.append("\n")
        if tag in VOID_TAGS or len(self.open) >= MAX_DEPTH:
            return
        attributes = dict(attrs)
        skipped = (
            tag in SKIPPED_TAGS
            or bool(set((attributes.get("class") or "").split()) & SKIPPED_CLASSES)
            or "hidden" in attributes
            or attributes.get("aria-hidden") == "true"
        )
        self.open.append((tag, skipped))
        self.open_count[tag] += 1
        self.skipping += skipped

    def handle_endtag(self, tag):
        # Close up to the matching element; an end tag that matches nothing is ignored.
        if not self.open_count[tag]:
            return
        while self.open:
            open_tag, skipped = self.open.pop()
            self.open_count[open_tag] -= 1
            self.skipping -= skipped
            if open_tag == tag:
                break
        if tag in BLOCK_TAGS and not self.skipping:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def text_of_html(html):
    """The readable text of an HTML fragment (str → str): each block on its own line,
    SKIPPED_TAGS, SKIPPED_CLASSES and hidden elements left out. Linear in the length of
    `html`, whatever its nesting (see MAX_DEPTH)."""
    reader = _TextReader()
    reader.feed(html)
    reader.close()
    return "".join(reader.parts)


@dataclass
class Finding:
    excerpt: str  # the sentence or word as written
    advice: str = ""  # for jargon: the plain alternative
    count: int = 0  # for sentences: the number of words


@dataclass
class Analysis:
    words: int = 0
    sentences: int = 0
    readability: float | None = None  # Flesch-Douma 0–100, None for a text under 30 words
    long_sentences: list = field(default_factory=list)
    long_words: list = field(default_factory=list)
    passive_sentences: list = field(default_factory=list)
    jargon: list = field(default_factory=list)

    @property
    def readability_label(self):
        if self.readability is None:
            return ""
        return next(label for floor, label in READABILITY_BANDS if self.readability >= floor)

    @property
    def finding_count(self):
        return sum(
            len(found)
            for found in [
                self.long_sentences,
                self.long_words,
                self.passive_sentences,
                self.jargon,
            ]
        )


def sentences_of(text):
    """[str]: the sentences of `text` (plain text), stripped, empty ones left out."""
    return [part.strip() for part in SENTENCE_END.split(text) if WORD.search(part or "")]


def words_of(sentence):
    return WORD.findall(sentence)


def is_passive(words):
    lower = [word.lower() for word in words]
    return any(word in WORDEN for word in lower) and any(
        PARTICIPLE.match(word)
        for word in lower
        if word not in WORDEN and word not in NOT_PARTICIPLES and not word.endswith("heid")
    )


def jargon_pattern(term):
    """The term as a whole word, with -e, -en or -s after it, any case."""
    return re.compile(rf"(?<!\w){re.escape(term)}(?:e|en|s)?(?!\w)", re.IGNORECASE)


def analyse(text, *, terms=None, max_sentence_words=None, max_word_letters=None):
    """Analysis of `text` (plain text; `text_of_html` makes it from HTML; at most
    PLAIN_LANGUAGE_MAX_CHARACTERS are read). `terms`: [(term, alternative)], default every
    JargonTerm (one query)."""
    # Words whole again where Word put soft hyphens or zero-width spaces; controls removed.
    text = normalise(text[: settings.PLAIN_LANGUAGE_MAX_CHARACTERS])
    max_sentence_words = max_sentence_words or settings.PLAIN_LANGUAGE_MAX_SENTENCE_WORDS
    max_word_letters = max_word_letters or settings.PLAIN_LANGUAGE_MAX_WORD_LETTERS
    if terms is None:
        terms = list(JargonTerm.objects.values_list("term", "alternative"))
    result = Analysis()
    seen_words = set()
    for sentence in sentences_of(text):
        words = words_of(sentence)
        result.sentences += 1
        result.words += len(words)
        if len(words) > max_sentence_words:
            result.long_sentences.append(Finding(sentence, count=len(words)))
        if is_passive(words):
            result.passive_sentences.append(Finding(sentence))
        for word in words:
            letters = word.replace("-", "")
            if len(letters) > max_word_letters and word.lower() not in seen_words:
                seen_words.add(word.lower())
                result.long_words.append(Finding(word, count=len(letters)))
    for term, alternative in terms:
        match = jargon_pattern(term).search(text)
        if match:
            result.jargon.append(Finding(match.group(0), advice=alternative))
    if result.words >= 30:
        # Each heading and list item is a sentence of its own, for textstat too; a label of
        # one to three words (a date, a caption) is left out, as it says little about reading.
        sentences = [
            s if s.endswith((".", "!", "?")) else f"{s}."
            for s in sentences_of(text)
            if s.endswith((".", "!", "?")) or len(words_of(s)) > 3
        ]
        score = dutch_statistics().flesch_reading_ease(" ".join(sentences))
        # The formula leaves 0–100 for very hard or very easy text; editors read the scale.
        result.readability = round(min(100.0, max(0.0, score)), 1)
    return result
