"""Searching. Every function is scoped: search() and similar() take the 政协 and filter by it in SQL;
search_queryset() narrows a queryset the caller has already scoped (and may also take the 政协)."""
from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.db.models.expressions import RawSQL

from .backends import get_backend
from .registry import facet_values, registration_for
from .tokenize import Query, keywords_query, parse_query

RANKED = 200  # search_queryset orders this many best matches by relevance, the rest by the queryset's order
COUNT_LIMIT = 2000  # search_page counts matches exactly up to this many; past it the page says "more than"


def _cppcc_id(cppcc) -> int:
    if cppcc is None:
        raise ValueError("全文检索必须指定所属政协。")
    return cppcc if isinstance(cppcc, int) else cppcc.pk


def _content_type_id(model) -> int:
    return ContentType.objects.get_for_model(registration_for(model).model).pk


def _run(model, query: Query, *, cppcc_id, facets, limit, exclude_id=None) -> list[tuple[int, float]]:
    if not query or limit <= 0:
        return []
    return get_backend().search(query, content_type_id=_content_type_id(model), cppcc_id=cppcc_id,
                                facets=facet_values(facets), limit=limit, exclude_id=exclude_id)


def search(model: type[models.Model], query: str, *, cppcc, facets: dict | None = None,
           limit: int = 50) -> list[tuple[int, float]]:
    """[(object_id, score)] of the best matches of model in one 政协, best first.

    All query words must match; facets are exact ({"year": 2025, "status": ["a", "b"]}: any of a list).
    Scores compare only within one result list. An empty or punctuation-only query gives [].
    """
    return _run(model, parse_query(query), cppcc_id=_cppcc_id(cppcc), facets=facets, limit=limit)


def similar(model: type[models.Model], text: str, *, cppcc, facets: dict | None = None, limit: int = 5,
            exclude: int | models.Model | None = None) -> list[tuple[int, float]]:
    """[(object_id, score)] of the items sharing most of text's keywords (any of them), best first."""
    exclude_id = exclude.pk if isinstance(exclude, models.Model) else exclude
    return _run(model, keywords_query(text), cppcc_id=_cppcc_id(cppcc), facets=facets, limit=limit,
                exclude_id=exclude_id)


def search_queryset(qs: models.QuerySet, query: str, *, facets: dict | None = None, cppcc=None) -> models.QuerySet:
    """qs narrowed to the objects matching query, best matches first, annotated with `search_rank`.

    qs keeps its own filters (its scoping); an empty query returns qs.none(). All matches are kept
    (counts and paging are exact); the best RANKED are ordered by relevance, then the rest follow in
    qs's own order. Pass cppcc to rank within one 政协 (recommended: the user's).
    """
    parsed = parse_query(query)
    if not parsed:
        return qs.none()
    backend = get_backend()
    ct_id = _content_type_id(qs.model)
    cppcc_id = None if cppcc is None else _cppcc_id(cppcc)
    clean = facet_values(facets)
    sql, params = backend.ids_sql(parsed, content_type_id=ct_id, cppcc_id=cppcc_id, facets=clean)
    top = backend.search(parsed, content_type_id=ct_id, cppcc_id=cppcc_id, facets=clean, limit=RANKED)
    n = len(top)
    rank = Case(*[When(pk=oid, then=Value(n - i)) for i, (oid, _score) in enumerate(top)],
                default=Value(0), output_field=IntegerField()) if top else Value(0, output_field=IntegerField())
    ordering = list(qs.query.order_by or qs.model._meta.ordering or [])
    return (qs.filter(pk__in=RawSQL(sql, params))
            .annotate(search_rank=rank)
            .order_by("-search_rank", *ordering, "-pk"))


class _RankedIds:
    """The primary keys of search_queryset's order, as a sequence a Paginator can page, without sorting every match.

    search_queryset orders all matches by a CASE over the best RANKED ids, which makes the database evaluate that CASE
    for every match (a common word matches thousands). Here the best RANKED that qs keeps come from one small query
    (`pk IN (…200 ids)`), and only pages past them read the rest, in qs's own order."""

    def __init__(self, qs: models.QuerySet, matched: models.QuerySet, counted: models.QuerySet, top: list[int],
                 ordering: list):
        self.qs, self.matched, self.counted, self.top, self.ordering = qs, matched, counted, top, ordering
        self._count: int | None = None
        self._ranked: list[int] | None = None
        self.capped = False

    def count(self) -> int:
        """The number of matches, counted up to COUNT_LIMIT: a common word among half a million items would
        otherwise cost a visit to every match on every page (`capped` tells that there are more)."""
        if self._count is None:
            n = self.counted.order_by()[:COUNT_LIMIT + 1].count()
            self.capped = n > COUNT_LIMIT
            self._count = min(n, COUNT_LIMIT)
        return self._count

    def __len__(self) -> int:
        return self.count()

    def ranked(self) -> list[int]:
        if self._ranked is None:
            kept = set(self.qs.filter(pk__in=self.top).order_by().values_list("pk", flat=True)) if self.top else set()
            self._ranked = [oid for oid in self.top if oid in kept]
        return self._ranked

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index:index + 1][0]
        start, stop = index.start or 0, index.stop if index.stop is not None else self.count()
        ranked = self.ranked()
        out = ranked[start:stop]
        if stop > len(ranked):
            rest = self.matched.exclude(pk__in=ranked).order_by(*self.ordering, "-pk").values_list("pk", flat=True)
            out += list(rest[max(0, start - len(ranked)):stop - len(ranked)])
        return out


def search_page(qs: models.QuerySet, query: str, *, number, per_page: int, facets: dict | None = None,
                cppcc=None) -> Page:
    """One page of the primary keys of `search_queryset(qs, query)` (same order), cheaply.

    Page.object_list holds ids; the caller loads those rows. An empty query gives an empty page. The count is
    exact up to COUNT_LIMIT matches; with more, it is COUNT_LIMIT, the pages stop there and `page.count_capped`
    is true (say "超过 N", and suggest narrowing the search)."""
    parsed = parse_query(query)
    if not parsed:
        page = Paginator(qs.none().values_list("pk", flat=True), per_page).get_page(number)
        page.count_capped = False
        return page
    backend = get_backend()
    ct_id = _content_type_id(qs.model)
    cppcc_id = None if cppcc is None else _cppcc_id(cppcc)
    clean = facet_values(facets)
    sql, params = backend.ids_sql(parsed, content_type_id=ct_id, cppcc_id=cppcc_id, facets=clean)
    top = [oid for oid, _score in backend.search(parsed, content_type_id=ct_id, cppcc_id=cppcc_id, facets=clean,
                                                 limit=RANKED)]
    ordering = list(qs.query.order_by or qs.model._meta.ordering or [])
    count_sql, count_params = backend.ids_sql(parsed, content_type_id=ct_id, cppcc_id=cppcc_id, facets=clean,
                                              fenced=False)
    ids = _RankedIds(qs, qs.filter(pk__in=RawSQL(sql, params)), qs.filter(pk__in=RawSQL(count_sql, count_params)),
                     top, ordering)
    page = Paginator(ids, per_page).get_page(number)
    page.count_capped = ids.capped
    return page
