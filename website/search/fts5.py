"""Two query parts modelsearch's SQLite (FTS5) backend does not write itself. Imported only
on SQLite: modelsearch's SQLite query module needs a model that exists only there."""

from modelsearch.backends.database.sqlite.query import (
    CombinedLexeme,
    Lexeme,
    LexemeCombinable,
    SearchQueryExpression,
)


def prefix(word):
    """An FTS5 query for `word` and the words it begins: "schuldhulp"*."""
    return SearchQueryExpression(Lexeme(word, prefix=True))


def bracketed(built):
    """`built` (modelsearch's SQLite query expression) with a combination of words in
    brackets: modelsearch writes "a OR b" without them, and inside an AND, FTS5 (where AND
    binds first) would read "x AND a OR b" as "(x AND a) OR b"."""
    if isinstance(built, SearchQueryExpression) and isinstance(built.value, CombinedLexeme):
        return SearchQueryExpression(BracketedLexeme(built.value))
    return built


class BracketedLexeme(LexemeCombinable):
    def __init__(self, inner):
        super().__init__()
        self.inner = inner

    def as_sql(self, compiler, connection):
        sql, params = compiler.compile(self.inner)
        return "%s", [f"({sql % tuple(params)})"]
