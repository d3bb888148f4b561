"""Full-text search over ideas, behind one function: SQLite FTS5 or PostgreSQL text search.

Both index `Idea.search_text` (normalised by `cocreate.algorithms.text.normalise`), so results
agree across databases: words match from their start ("park" finds "parks"), accents ignored.
The FTS5 table and its triggers, and the PostgreSQL GIN index, are created by migration 0002.
"""

from django.db import connection
from django.db.models import BooleanField, Case, IntegerField, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from cocreate.algorithms.text import keywords, normalise, words

__all__ = ["normalise", "matching", "ranked_ids"]

# Relevance ordering looks at the best this many matches; other sorts see every match.
RANKED_LIMIT = 500


def _terms(text: str, any_word: bool) -> list[str]:
    found = keywords(text) if any_word else words(text)[:12]
    return found or words(text)[:12]


def _fts5_query(terms: list[str], any_word: bool) -> str:
    joiner = " OR " if any_word else " AND "
    return joiner.join(f'"{term}"*' for term in terms)


def _pg_query(terms: list[str], any_word: bool) -> str:
    joiner = " | " if any_word else " & "
    return joiner.join(f"{term}:*" for term in terms)


def matching(queryset: QuerySet, text: str, *, any_word: bool = False) -> QuerySet:
    """Ideas of `queryset` whose text matches every word of `text` (or any, for suggestions)."""
    terms = _terms(text, any_word)
    if not terms:
        return queryset
    table = queryset.model._meta.db_table
    if connection.vendor == "sqlite":
        return queryset.filter(
            pk__in=RawSQL(f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH %s", [_fts5_query(terms, any_word)])
        )
    if connection.vendor == "postgresql":
        return queryset.filter(
            RawSQL(
                f"to_tsvector('simple'::regconfig, {table}.search_text) @@ to_tsquery('simple'::regconfig, %s)",
                [_pg_query(terms, any_word)],
                output_field=BooleanField(),
            )
        )
    raise NotImplementedError(f"Full-text search is not available on {connection.vendor}.")


def ranked_ids(model, text: str, *, space_id: int, any_word: bool = False, limit: int = RANKED_LIMIT) -> list[int]:
    """Ids of the best matches among the visible contributions of one space, best first
    (BM25 on SQLite, ts_rank on PostgreSQL)."""
    terms = _terms(text, any_word)
    if not terms:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                f"SELECT f.rowid FROM {table}_fts f JOIN {table} i ON i.id = f.rowid "
                f"WHERE {table}_fts MATCH %s AND i.space_id = %s AND i.hidden_at IS NULL "
                f"ORDER BY bm25({table}_fts), f.rowid DESC LIMIT %s",
                [_fts5_query(terms, any_word), space_id, limit],
            )
        else:
            query = _pg_query(terms, any_word)
            cursor.execute(
                f"SELECT id FROM {table} WHERE space_id = %s AND hidden_at IS NULL "
                f"AND to_tsvector('simple'::regconfig, search_text) @@ to_tsquery('simple'::regconfig, %s) "
                f"ORDER BY ts_rank(to_tsvector('simple'::regconfig, search_text), "
                f"to_tsquery('simple'::regconfig, %s)) DESC, id DESC LIMIT %s",
                [space_id, query, query, limit],
            )
        return [row[0] for row in cursor.fetchall()]


def order_by_ids(queryset: QuerySet, ids: list[int]) -> QuerySet:
    """Restrict to `ids` and keep their order."""
    if not ids:
        return queryset.none()
    position = Case(*[When(pk=pk, then=Value(i)) for i, pk in enumerate(ids)], output_field=IntegerField())
    return queryset.filter(pk__in=ids).annotate(relevance=position).order_by("relevance")


SQLITE_INDEX = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS ideas_idea_fts USING fts5("
    "search_text, content='ideas_idea', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS ideas_idea_fts_insert AFTER INSERT ON ideas_idea BEGIN "
    "INSERT INTO ideas_idea_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS ideas_idea_fts_delete AFTER DELETE ON ideas_idea BEGIN "
    "INSERT INTO ideas_idea_fts(ideas_idea_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS ideas_idea_fts_update AFTER UPDATE OF search_text ON ideas_idea BEGIN "
    "INSERT INTO ideas_idea_fts(ideas_idea_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO ideas_idea_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
]
POSTGRES_INDEX = [
    "CREATE INDEX IF NOT EXISTS idea_search_text_gin ON ideas_idea "
    "USING gin (to_tsvector('simple'::regconfig, search_text))",
]


def ensure_index(connection, *, rebuild: bool = False) -> None:
    """Create the full-text index if it is missing. Called by the migration and after every
    `migrate`: on SQLite, a later migration that rebuilds the ideas table drops its triggers."""
    statements = SQLITE_INDEX if connection.vendor == "sqlite" else POSTGRES_INDEX
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE 'ideas_idea_fts_%' AND type='trigger'")
            rebuild = rebuild or cursor.fetchone()[0] < 3
        for statement in statements:
            cursor.execute(statement)
        if connection.vendor == "sqlite" and rebuild:
            cursor.execute("INSERT INTO ideas_idea_fts(ideas_idea_fts) VALUES ('rebuild')")
