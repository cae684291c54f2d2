"""One search backend per database vendor, behind the same small interface.

Every query is restricted to one content type and (when given) one 政协 inside the SQL itself.
Query text never reaches the SQL string: the match expression is built from tokens made only of
[0-9a-z] and CJK characters (see tokenize.py) and is passed as a parameter.
"""
from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Iterable

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from .tokenize import AnyOf, Phrase, Prefix, Query

TABLE = "textindex_indexentry"


class Backend(ABC):
    vendor = ""

    # keeping the structure in step with IndexEntry rows
    def written(self, entries: Iterable) -> None:
        """Called after IndexEntry rows were inserted or updated (PostgreSQL: the column is generated)."""
        return None

    def deleted(self, entry_ids: list[int]) -> None:
        """Called before IndexEntry rows are deleted (PostgreSQL: the column goes with the row)."""
        return None

    def vacuum(self) -> int:
        """Drop search rows without an entry; returns how many."""
        return 0

    # queries
    @abstractmethod
    def match_expression(self, query: Query) -> str:
        ...

    @abstractmethod
    def _match_sql(self) -> str:
        ...

    @abstractmethod
    def _rank_sql(self, flat: bool) -> str:
        ...

    @abstractmethod
    def _from_sql(self) -> str:
        ...

    @abstractmethod
    def _facet_sql(self, key: str, values: list[str]) -> tuple[str, list]:
        ...

    def _where(self, query: Query, content_type_id: int, cppcc_id: int | None, facets: dict) -> tuple[str, list]:
        sql = [self._match_sql(), "e.content_type_id = %s"]
        params: list = [self.match_expression(query), content_type_id]
        if cppcc_id is not None:
            sql.append("e.cppcc_id = %s")
            params.append(cppcc_id)
        for key, value in facets.items():
            values = value if isinstance(value, list) else [value]
            if not values:
                sql.append("1 = 0")
                continue
            fragment, fparams = self._facet_sql(key, values)
            sql.append(fragment)
            params.extend(fparams)
        return " AND ".join(sql), params

    def search(self, query: Query, *, content_type_id: int, cppcc_id: int | None, facets: dict, limit: int,
               exclude_id: int | None = None) -> list[tuple[int, float]]:
        where, params = self._where(query, content_type_id, cppcc_id, facets)
        if exclude_id is not None:
            where += " AND e.object_id <> %s"
            params.append(exclude_id)
        sql, sql_params = self._ranked_sql(query, where, params, limit)
        with connection.cursor() as cursor:
            cursor.execute(sql, sql_params)
            return [(int(oid), float(score)) for oid, score in cursor.fetchall()]

    def _ranked_sql(self, query: Query, where: str, params: list, limit: int) -> tuple[str, list]:
        """The SQL of the best `limit` matches with their scores, and its parameters: every match is ranked."""
        rank = self._rank_sql(query.match_any)
        return (f"SELECT e.object_id, {rank} AS score FROM {self._from_sql()} WHERE {where} "
                f"ORDER BY score DESC, e.object_id DESC LIMIT %s"), [*self._rank_params(query), *params, limit]

    def _rank_params(self, query: Query) -> list:
        return []

    def ids_sql(self, query: Query, *, content_type_id: int, cppcc_id: int | None, facets: dict,
                fenced: bool = True) -> tuple[str, list]:
        """SQL selecting the matching object ids (for `pk IN (...)`), with its parameters.

        fenced=False lets the database drive a join from the matches and stop early (a count up to a limit)."""
        where, params = self._where(query, content_type_id, cppcc_id, facets)
        return f"SELECT e.object_id FROM {self._from_sql()} WHERE {where}{self._fence if fenced else ''}", params

    _fence = ""


class PostgresBackend(Backend):
    """A generated `ti_vector` tsvector column ('simple' config, weights A–D) with a GIN index.

    Match: `ti_vector @@ to_tsquery('simple', …)`; phrases use `<->`, prefixes `:*`. Rank: ts_rank (term
    frequency with weights; cheaper than ts_rank_cd, which reads positions), in two steps for searches
    (see _ranked_sql). Migration 0003 keeps the rows narrow: long values live out of line.
    """

    vendor = "postgresql"
    # OFFSET 0 keeps the id subquery of search_queryset() a unit that runs once on the GIN index,
    # instead of being pulled up into a per-row probe of the entries when the outer table is large
    _fence = " OFFSET 0"

    def vacuum(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {TABLE}")  # fresh statistics after a rebuild
        return 0

    def match_expression(self, query: Query) -> str:
        def unit(u) -> str:
            if isinstance(u, Prefix):
                return f"'{u.token}':*"
            if isinstance(u, Phrase):
                inner = " <-> ".join(f"'{t}'" for t in u.tokens)
                return f"({inner})" if len(u.tokens) > 1 else inner
            if isinstance(u, AnyOf):
                return "(" + " | ".join(unit(o) for o in u.options) + ")"
            raise TypeError(u)

        return (" | " if query.match_any else " & ").join(unit(u) for u in query.units)

    def _from_sql(self) -> str:
        return f"{TABLE} AS e"

    def _match_sql(self) -> str:
        # textindex_prefer_index (migration 0002) is always true; it steers the planner to the GIN index
        return "e.ti_vector @@ to_tsquery('simple', %s) AND textindex_prefer_index(e.id)"

    def _rank_sql(self, flat: bool) -> str:
        # weights {D, C, B, A}: the default for searches; flatter for similar(), where sharing many
        # keywords in the body should count about as much as sharing one in the title
        weights = "'{0.4, 0.6, 0.8, 1.0}'::float4[], " if flat else ""
        return f"ts_rank({weights}e.ti_vector, to_tsquery('simple', %s))"

    def _rank_params(self, query: Query) -> list:
        return [self.match_expression(query)]

    CANDIDATES = 400

    def _ranked_sql(self, query: Query, where: str, params: list, limit: int) -> tuple[str, list]:
        """A search (all words must match) ranks in two steps, so that a common word stays cheap.

        ts_rank on the full vector has to detoast it, about 4 KB per match: for a word found in 20 000
        items that alone took 260–430 ms. Step one orders the matches by ts_rank on the small inline
        `ti_head` vector (titles, numbers, names: weights A and B), newest first among equals, and keeps
        CANDIDATES of them; step two ranks those on the full vector. When a search has no more matches
        than CANDIDATES, every match is ranked on its full vector, as in one step. similar() (any word
        may match, flat weights) ranks every match on the full vector: its best five may sit anywhere.
        """
        if query.match_any or limit > self.CANDIDATES:
            return super()._ranked_sql(query, where, params, limit)
        expression = self.match_expression(query)
        sql = (f"SELECT c.object_id, ts_rank(c.ti_vector, to_tsquery('simple', %s)) AS score FROM ("
               f"SELECT e.object_id, e.ti_vector FROM {self._from_sql()} WHERE {where} "
               f"ORDER BY ts_rank(e.ti_head, to_tsquery('simple', %s)) DESC, e.object_id DESC LIMIT %s) AS c "
               f"ORDER BY score DESC, c.object_id DESC LIMIT %s")
        return sql, [expression, *params, expression, self.CANDIDATES, limit]

    def _facet_sql(self, key: str, values: list[str]) -> tuple[str, list]:
        parts = " OR ".join("(e.facets -> %s) @> %s::jsonb" for _ in values)
        params: list = []
        for value in values:
            params.extend([key, json.dumps(value)])
        return f"({parts})", params


class SqliteBackend(Backend):
    """An FTS5 table `textindex_fts` (rowid = entry id) written by this backend.

    Match: `textindex_fts MATCH …` with quoted tokens (phrases "a b", prefixes "a"*). Rank: bm25()
    with column weights A=10, B=4, C=2, D=1 (similar(): 2.5, 2, 1.5, 1), negated so that higher is better.
    """

    vendor = "sqlite"
    FTS = "textindex_fts"

    def written(self, entries: Iterable) -> None:
        rows = [(e.id, e.tokens_a, e.tokens_b, e.tokens_c, e.tokens_d) for e in entries]
        if not rows:
            return
        with connection.cursor() as cursor:
            cursor.executemany(f"DELETE FROM {self.FTS} WHERE rowid = %s", [(r[0],) for r in rows])
            cursor.executemany(
                f"INSERT INTO {self.FTS}(rowid, tokens_a, tokens_b, tokens_c, tokens_d) VALUES (%s, %s, %s, %s, %s)", rows
            )

    def deleted(self, entry_ids: list[int]) -> None:
        if entry_ids:
            with connection.cursor() as cursor:
                cursor.executemany(f"DELETE FROM {self.FTS} WHERE rowid = %s", [(i,) for i in entry_ids])

    def vacuum(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.FTS} WHERE rowid NOT IN (SELECT id FROM {TABLE})")
            removed = cursor.rowcount
            cursor.execute(f"INSERT INTO {self.FTS}({self.FTS}) VALUES ('optimize')")
        return max(removed, 0)

    def match_expression(self, query: Query) -> str:
        def unit(u) -> str:
            if isinstance(u, Prefix):
                return f'"{u.token}"*'
            if isinstance(u, Phrase):
                return '"' + " ".join(u.tokens) + '"'
            if isinstance(u, AnyOf):
                return "(" + " OR ".join(unit(o) for o in u.options) + ")"
            raise TypeError(u)

        return (" OR " if query.match_any else " AND ").join(unit(u) for u in query.units)

    def _from_sql(self) -> str:
        # CROSS JOIN fixes the loop order in SQLite: run the full-text match once, then look up the
        # entries by id (the other order would re-run the match for every entry of the content type).
        return f"{self.FTS} CROSS JOIN {TABLE} AS e ON e.id = {self.FTS}.rowid"

    def _match_sql(self) -> str:
        return f"{self.FTS} MATCH %s"

    def _rank_sql(self, flat: bool) -> str:
        weights = "2.5, 2.0, 1.5, 1.0" if flat else "10.0, 4.0, 2.0, 1.0"
        return f"-bm25({self.FTS}, {weights})"

    def _facet_sql(self, key: str, values: list[str]) -> tuple[str, list]:
        marks = ", ".join("%s" for _ in values)
        return (f"EXISTS (SELECT 1 FROM json_each(e.facets, %s) AS f WHERE f.value IN ({marks}))",
                [f'$."{key}"', *values])


_BACKENDS = {b.vendor: b for b in (PostgresBackend(), SqliteBackend())}


def get_backend() -> Backend:
    try:
        return _BACKENDS[connection.vendor]
    except KeyError:
        raise ImproperlyConfigured(f"全文检索不支持数据库 {connection.vendor}（支持 PostgreSQL 与 SQLite）。") from None
