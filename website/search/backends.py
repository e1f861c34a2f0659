"""The search backend: Wagtail's database backend (PostgreSQL with the `dutch` configuration
in production, SQLite FTS5 for `make run`), with three things added for every search, the
site's and the admin's:

- Queries are normalised as document text is (core.text.normalise: "ﬁnancieel" and
  "financieel" are the same word).
- No query can break the database's query syntax: a `"` ended SQLite's FTS5 string (500 in
  the admin's document and image search), and the admin's per-field searches name columns
  SQLite's index does not have (every member organisation search gave a 500); on SQLite
  they search all fields.
- Singular and plural find each other. PostgreSQL's Dutch (Snowball) stemmer strips "-en"
  but not "-s": "coöperatie" did not find "Sociale coöperaties", nor "organisaties"
  "organisatie". Each word is searched as itself or its other form (+/- "s").

Configured as WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "website.search.backends".
"""

import functools
import re

from django.db import connection
from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.query import And, Boost, MatchAll, Not, Or, Phrase, PlainText

from website.core.text import normalise

MIN_STEM_CHARS = 4  # "bus"/"bu" and "les"/"le" are different words
WORDLIKE = re.compile(r"\w")


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    backend = database_backend(params)
    backend.__class__ = dutch_backend_class(type(backend))
    return backend


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


def safe_query(query, expand=True):
    """A copy of a modelsearch query with every text normalised, quotes and word-less
    tokens ("-", "(") removed, and (with `expand`) each plain word as an Or of its singular
    and plural. None when no word is left."""
    if isinstance(query, PlainText):
        words = clean_words(query.query_string)
        if not words:
            return None
        if not expand:
            return PlainText(" ".join(words), operator=query.operator, boost=query.boost)
        alternatives = [word_forms(word, query.boost) for word in words]
        if len(alternatives) == 1:
            return alternatives[0]
        return And(alternatives) if query.operator == "and" else Or(alternatives)
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
    """The words of a query: normalised like indexed text, without quotes (they end an
    FTS5 string), and only tokens with a letter or digit (PostgreSQL drops the rest, then
    fails on an empty query)."""
    return [word for word in normalise(text).replace('"', " ").split() if WORDLIKE.search(word)]


def word_forms(word, boost=1.0):
    """One word as itself or its other number: "coöperatie" → coöperatie OR coöperaties,
    "gemeentes" → gemeentes OR gemeente, "foto's" → foto's OR foto."""
    other = plural_partner(word)
    if other is None:
        return PlainText(word, boost=boost)
    return PlainText(f"{word} {other}", operator="or", boost=boost)


def plural_partner(word):
    """The singular of a Dutch "-s"/"-'s" plural, or the "-s" plural of a singular; None for
    short words and words that cannot take an "-s" (the stemmer handles "-en")."""
    lower = word.lower()
    if not lower.isalpha() and not lower.endswith("'s"):
        return None
    if lower.endswith("'s"):
        return word[:-2] if len(lower) - 2 >= MIN_STEM_CHARS - 1 else None
    if lower.endswith("s"):
        return word[:-1] if len(lower) - 1 >= MIN_STEM_CHARS else None
    if len(lower) >= MIN_STEM_CHARS:
        return word + "s"
    return None
