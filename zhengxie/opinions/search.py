"""社情民意 items in the shared full-text index (zhengxie.textindex, docs/textindex.md).

Searchable: 标题 (A); 反映人, 报送单位 (B); 正文 情况/分析/建议 (C). Facets: status, year (收到年度), unit.
Only items that reached the office are indexed (drafts are private to their author).
"""
from __future__ import annotations

from zhengxie import textindex

from .models import Opinion

FIELDS = {"title": "A", "reporter": "B", "unit": "B", "body": "C"}


def document(o: Opinion) -> dict[str, str]:
    return {"title": o.title, "reporter": o.reporter_name, "unit": o.reporting_unit.name if o.reporting_unit_id else "",
            "body": o.body}


def facets(o: Opinion) -> dict:
    return {"status": o.status, "year": o.received_at.year if o.received_at else None, "unit": o.reporting_unit_id}


def register() -> None:
    if not textindex.is_registered(Opinion):
        textindex.register(Opinion, fields=FIELDS, document=document, filters=facets,
                           queryset=lambda qs: qs.select_related("reporting_unit"))


def reindex_opinion(o: Opinion) -> None:
    textindex.index_on_commit(o)


def similar_items(o: Opinion, limit: int = 5) -> list[tuple[Opinion, float]]:
    """Items already received that share most of this item's keywords (初筛: 防止重复报送)."""
    from .workflow import RECEIVED_STATES

    hits = textindex.similar(Opinion, f"{o.title}\n{o.body}", cppcc=o.cppcc_id, limit=limit, exclude=o,
                             facets={"status": sorted(RECEIVED_STATES)})
    found = {x.pk: x for x in Opinion.objects.filter(pk__in=[pk for pk, _ in hits]).select_related("reporting_unit")}
    return [(found[pk], score) for pk, score in hits if pk in found]
