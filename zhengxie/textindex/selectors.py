"""Searching. Every function is scoped: search() and similar() take the 政协 and filter by it in SQL;
search_queryset() narrows a queryset the caller has already scoped (and may also take the 政协)."""
from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.db.models.expressions import RawSQL

from .backends import get_backend
from .registry import facet_values, registration_for
from .tokenize import Query, keywords_query, parse_query

RANKED = 200  # search_queryset orders this many best matches by relevance, the rest by the queryset's order


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
