"""The search backend: Wagtail's database backend (PostgreSQL with the `dutch` configuration
in production, SQLite FTS5 for `make run`), with these things added for every search, the
site's and the admin's:

- Indexed text and queries are folded alike (website.text.fold: NFKC and no accents):
  "Ĳsselmonde" (the ligature letter) and "IJsselmonde", "Fryslân" and "Fryslan" are the
  same word on both databases.
- Known other names of a place find each other (`alternative_names.txt`: Friesland and
  Fryslân, Den Haag and 's-Gravenhage).
- Each word of a site search (five letters or more) also finds the words it begins: Dutch
  stemmers do not split compounds (snowball/snowball#1), so "schuldhulp" finds
  "schuldhulpverlening", also in "schuldhulp utrecht"; a page with the word itself matches
  twice and ranks first.
- No query can break the database's query syntax: a `"` ended SQLite's FTS5 string (500 in
  the admin's document and image search), and the admin's per-field searches name columns
  SQLite's index does not have (every member organisation search gave a 500); on SQLite
  they search all fields.
- Each language is indexed with its own PostgreSQL configuration (settings.SEARCH_CONFIGS:
  English pages with the English stemmer, Arabic with the Arabic one) in the one index, and a
  search uses the visitor's language's as well as the original's, so a translated search
  page finds its own language's pages and the Dutch ones. Several backends, one per
  language, would each overwrite the one index table with their configuration
  (wagtail/wagtail#9253).
- Singular and plural find each other. PostgreSQL's Dutch (Snowball) stemmer strips "-en"
  but not "-s": "coöperatie" did not find "Sociale coöperaties", nor "organisaties"
  "organisatie"; and where the plural changes the spelling ("gezin"/"gezinnen") the stems
  differ. Each word is searched as itself or its other form (`other_forms`).

Configured as WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "website.search.backends".
"""

import functools
import re
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.utils.translation import get_language
from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.backends.database.postgres.query import Lexeme as PostgresLexeme
from modelsearch.query import And, Boost, MatchAll, Not, Or, Phrase, PlainText

from website.text import fold

MIN_STEM_CHARS = 4  # "bus"/"bu" and "les"/"le" are different words
WORDLIKE = re.compile(r"\w")
# The backends build a query as nested expressions: hundreds of words exceed Python's
# recursion limit (a 500). Nobody searches with more than a few.
MAX_WORDS = 24
# A shorter last word would find too much as a beginning ("de" → every "de…").
MIN_PREFIX_CHARS = 5


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    backend = database_backend(params)
    fold_indexed_text(sys.modules[type(backend).__module__])
    backend.__class__ = dutch_backend_class(type(backend))
    return backend


class FoldingIndexerMixin:
    """Every value modelsearch indexes (titles, bodies, document text, autocomplete) folded
    as queries are (`website.text.fold`); on PostgreSQL a translated page with its own
    language's configuration."""

    def __init__(self, obj, backend):
        super().__init__(obj, backend)
        if hasattr(self, "config"):  # PostgreSQL's indexer (SQLite's FTS5 has no stemmers)
            self.config = indexed_config(obj, self.config)

    def prepare_value(self, value):
        return fold(super().prepare_value(value))


def indexed_config(obj, default):
    """The PostgreSQL text search configuration to index `obj` with: that of its language
    (settings.SEARCH_CONFIGS) when it has a locale (pages, translatable snippets), else
    `default` (the backend's: documents, images)."""
    if getattr(obj, "locale_id", None) is None:
        return default
    from website.core.languages import language_of  # noqa: PLC0415 - needs the app registry

    return settings.SEARCH_CONFIGS.get(language_of(obj), default)


def original_config():
    return settings.SEARCH_CONFIGS.get(settings.LANGUAGE_CODE, "simple")


def fold_indexed_text(backend_module):
    """Make the backend module's `ObjectIndexer` fold what it indexes. modelsearch builds
    its indexer by that module-level name inside `Index.add_items` and offers no setting
    for it; replacing the name (once) keeps the rest of its indexing as it is. A test reads
    the stored index back, so a modelsearch upgrade that moves this fails there."""
    indexer = backend_module.ObjectIndexer
    if not issubclass(indexer, FoldingIndexerMixin):
        backend_module.ObjectIndexer = type(
            f"Folding{indexer.__name__}", (FoldingIndexerMixin, indexer), {}
        )


@functools.cache
def dutch_backend_class(base):
    def compiler(parent):
        return type(f"Dutch{parent.__name__}", (DutchQueryMixin, parent), {})

    attributes = {
        "query_compiler_class": compiler(base.query_compiler_class),
        "autocomplete_query_compiler_class": compiler(base.autocomplete_query_compiler_class),
    }
    return type(f"Dutch{base.__name__}", (base,), attributes)


class DutchQueryMixin:
    def __init__(self, queryset, query, fields=None, operator=None, **kwargs):
        if isinstance(query, str):
            query = PlainText(query, operator=operator or self.DEFAULT_OPERATOR)
        if connection.vendor == "sqlite":
            fields = None  # its FTS5 table has no per-field columns
        expand = not getattr(self, "LAST_TERM_IS_PREFIX", False)  # autocomplete: prefixes
        query = safe_query(query, expand) or Not(MatchAll())  # no words: nothing found
        super().__init__(queryset, query, fields=fields, **kwargs)

    def get_config(self, backend):  # PostgreSQL
        """The visitor's language's configuration for a site search; autocomplete (the
        admin's searches) keeps "simple", as typed."""
        config = super().get_config(backend)
        if getattr(self, "LAST_TERM_IS_PREFIX", False):
            return config
        return settings.SEARCH_CONFIGS.get(get_language(), config)

    def build_tsquery(self, query, config=None):  # PostgreSQL
        """The query in `config` and, for a search in another language, also in the
        original's: a translated search page also finds the Dutch pages, indexed with the
        Dutch stemmer."""
        tsquery = super().build_tsquery(query, config=config)
        if getattr(self, "LAST_TERM_IS_PREFIX", False) or config in (None, original_config()):
            return tsquery
        return tsquery | super().build_tsquery(query, config=original_config())

    def build_tsquery_content(self, query, config=None, invert=False):  # PostgreSQL
        if isinstance(query, Prefix):
            lexeme = PostgresLexeme(query.query_string, invert=invert, prefix=True)
            return SearchQuery(lexeme, search_type="raw", config=config)
        return super().build_tsquery_content(query, config=config, invert=invert)

    def build_search_query_content(self, query, config=None):  # SQLite
        # modelsearch's SQLite module looks up a model that exists only on SQLite.
        from . import fts5  # noqa: PLC0415

        if isinstance(query, Prefix):
            return fts5.prefix(query.query_string)
        return fts5.bracketed(super().build_search_query_content(query, config=config))


class Prefix(PlainText):
    """One word that also matches the words it begins ("schuldhulp" → "schuldhulp…")."""


def safe_query(query, expand=True):
    """A copy of a modelsearch query with every text folded, quotes and word-less tokens
    ("-", "(") removed, and (with `expand`) each plain word as an Or of its singular and
    plural, a place's other names, and (five letters or more) the words it begins. None when
    no word is left."""
    if isinstance(query, PlainText):
        words = clean_words(query.query_string)
        if not words:
            return None
        if not expand:  # autocomplete (the admin's searches): as typed, or with another name
            typed = PlainText(" ".join(words), operator=query.operator, boost=query.boost)
            others = [PlainText(" ".join(v), operator=query.operator) for v in name_variants(words)]
            return Or([typed, *others]) if others else typed
        alternatives = expanded_words(words, query.boost)
        if len(alternatives) == 1:
            return alternatives[0]
        return And(alternatives) if query.operator.lower() == "and" else Or(alternatives)
    if isinstance(query, Phrase):
        words = clean_words(query.query_string)
        return Phrase(" ".join(words)) if words else None
    if isinstance(query, And | Or):
        parts = [part for sub in query.subqueries if (part := safe_query(sub, expand))]
        return type(query)(parts) if len(parts) > 1 else (parts[0] if parts else None)
    if isinstance(query, Not | Boost):
        inner = safe_query(query.subquery, expand)
        if inner is None:
            return None
        return Not(inner) if isinstance(query, Not) else Boost(inner, query.boost)
    return query


def clean_words(text):
    """The words of a query: folded like indexed text, without quotes (they end an FTS5
    string), and only tokens with a letter or digit (PostgreSQL drops the rest, then fails
    on an empty query)."""
    words = [word for word in fold(text).replace('"', " ").split() if WORDLIKE.search(word)]
    return words[:MAX_WORDS]


def expanded_words(words, boost=1.0):
    """One query part per word, or per place name of several words: [PlainText | Or]."""
    parts, position = [], 0
    while position < len(words):
        name_length, others = other_names_at(words, position)
        if name_length:
            name = " ".join(
                word for word in words[position : position + name_length] if len(word) > 1
            )
            parts.append(Or([PlainText(name, operator="and", boost=boost), *others]))
            position += name_length
            continue
        word = words[position]
        position += 1
        forms = word_forms(word, boost)
        if len(word) >= MIN_PREFIX_CHARS and word.isalpha():
            forms = Or([forms, Prefix(word, boost=boost)])
        parts.append(forms)
    return parts


def other_names_at(words, position):
    """(how many words, [PlainText for each other name]) when `words` from `position` on
    begin with a known name of a place, else (0, [])."""
    for length in range(min(MAX_NAME_WORDS, len(words) - position), 0, -1):
        key = " ".join(words[position : position + length]).lower()
        if key in alternative_names():
            others = alternative_names()[key]
            return length, [PlainText(other, operator="and") for other in others]
    return 0, []


def name_variants(words):
    """`words` with a known place name replaced by each of its other names (at most 8):
    ["den", "haag", "zitting"] → [["gravenhage", "zitting"], ["the", "hague", "zitting"]]."""
    variants = []
    for position in range(len(words)):
        length, _ = other_names_at(words, position)
        if length:
            key = " ".join(words[position : position + length]).lower()
            for other in alternative_names()[key]:
                variants.append([*words[:position], *other.split(), *words[position + length :]])
    return variants[:8]


ALTERNATIVE_NAMES = Path(__file__).with_name("alternative_names.txt")
MAX_NAME_WORDS = 4


@functools.cache
def alternative_names():
    """{name as query words: [each other name as query words]} from
    `alternative_names.txt` (one place per line, its names separated by " = "). Names are
    compared as the search view passes words: folded, lower case, split at anything but
    letters and digits ("'s-Gravenhage" → "s gravenhage"); one-letter words are left out of
    what is searched ("'s") but may be typed."""
    names = {}
    for line in ALTERNATIVE_NAMES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        group = [re.findall(r"\w+", fold(name).lower()) for name in line.split(" = ")]
        searched = [" ".join(word for word in words if len(word) > 1) for words in group]
        for index, words in enumerate(group):
            others = [other for at, other in enumerate(searched) if at != index]
            for key in {" ".join(words), searched[index]}:
                names[key] = others
    return names


def word_forms(word, boost=1.0):
    """One word as itself or its other number: "coöperatie" → coöperatie OR coöperaties,
    "gezin" → gezin OR gezinnen, "huizen" → huizen OR huis, "foto's" → foto's OR foto."""
    forms = [word, *(form for form in other_forms(word) if form != word)]
    if len(forms) == 1:
        return PlainText(word, boost=boost)
    return PlainText(" ".join(forms), operator="or", boost=boost)


VOWELS = set("aeiouyéëèêïöü")
LONG_VOWELS = {"aa", "ee", "oo", "uu", "ie", "oe", "eu", "ei", "ij", "ui", "ou", "au"}
SPELLING_IN_PLURAL = {"f": "v", "s": "z"}  # brief → brieven, huis → huizen
SPELLING_IN_SINGULAR = {"v": "f", "z": "s"}
S_PLURAL_ENDINGS = ("el", "er", "em", "en", "je")  # tafels, kamers, bezems, huisjes


def other_forms(word):
    """Likely singular or plural forms of a Dutch word by the regular spelling rules
    (Algemene Nederlandse Spraakkunst, the plural of nouns): "-s"/"-'s" plurals, and "-en"
    plurals with a doubled consonant (gezin → gezinnen), a single vowel (probleem →
    problemen) or f/s as v/z (brief → brieven, huis → huizen). A guess that is no word
    matches nothing; irregular plurals (stad → steden) are not guessed. Words under four
    letters get none: "les" and "le" are different words."""
    lower = word.lower()
    if lower.endswith("'s"):
        return [word[:-2]] if len(lower) > MIN_STEM_CHARS else []
    if len(lower) < MIN_STEM_CHARS or not lower.isalpha():
        return []
    if lower.endswith("en") and len(lower) > MIN_STEM_CHARS + 1:
        return singulars_of_en_plural(word)
    if lower.endswith("s") and is_s_plural(lower):
        return [word[:-1]]  # organisaties, gemeentes, tafels, thema's without the apostrophe
    if lower.endswith("e"):
        return [word + "s", word + "n"]  # gemeentes, gemeenten
    forms = [en_plural(word)]
    return forms if lower.endswith("s") else [word + "s", *forms]


def is_s_plural(lower):
    if lower[-2] == "e":  # organisatie-s, gemeente-s
        return True
    if lower[-2] in VOWELS:  # thema-s, but not huis
        return lower[-3:-1] not in LONG_VOWELS
    return lower[-3:-1] in S_PLURAL_ENDINGS and len(lower) > MIN_STEM_CHARS + 1  # not mens


def en_plural(word):
    lower = word.lower()
    last = lower[-1]
    if last in VOWELS:
        return word + "en"
    if lower[-3:-1] in LONG_VOWELS:
        if lower[-3] == lower[-2]:  # probleem → problemen
            return word[:-2] + word[-1] + "en"
        return word[:-1] + SPELLING_IN_PLURAL.get(last, last) + "en"  # huis → huizen
    if lower[-2] in VOWELS:  # gezin → gezinnen: a short vowel keeps its sound
        return word + last + "en"
    return word + "en"  # kans → kansen, schuld → schulden


def singulars_of_en_plural(word):
    stem = word[:-2]
    lower = stem.lower()
    forms = [stem, stem + "e"]  # boeken → boek, gemeenten → gemeente
    if lower[-1] == lower[-2] and lower[-1] not in VOWELS:
        forms.append(stem[:-1])  # gezinnen → gezin
    if lower[-1] in SPELLING_IN_SINGULAR and (lower[-2] in VOWELS or lower[-3:-1] in LONG_VOWELS):
        forms.append(stem[:-1] + SPELLING_IN_SINGULAR[lower[-1]])  # huizen → huis
    if lower[-2] in VOWELS and lower[-3] not in VOWELS and lower[-1] not in VOWELS:
        forms.append(stem[:-2] + stem[-2] + stem[-2:])  # problemen → probleem
    if lower.endswith("er") and len(lower) > MIN_STEM_CHARS + 1:
        forms.append(stem[:-2])  # kinderen → kind
    return forms
