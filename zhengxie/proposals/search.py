"""Proposals in the shared full-text index (zhengxie.textindex, docs/textindex.md).

Searchable: 提案号 and 收件号, 案由 (A); 提案人 names, 界别, 类别 (B); 承办单位 (C, with the body);
正文 情况/分析/建议 (C). Facets: status, year, category, meeting.
Services call `reindex_proposal(p)` after each committed write (on commit; nothing on rollback).
"""
from __future__ import annotations

from django.db.models import Prefetch

from zhengxie import textindex

from .models import Assignment, CoSigner, Proposal

FIELDS = {"number": "A", "title": "A", "proposers": "B", "sector": "B", "category": "B", "units": "C", "body": "C"}


def _number_text(p: Proposal) -> str:
    parts = [p.receipt_no]
    if p.number is not None:
        parts += [p.number_display, f"{p.number:04d}"]
    return " ".join(x for x in parts if x)


def document(p: Proposal) -> dict[str, str]:
    proposers = [p.lead_member.name if p.lead_member_id else "", p.proposer_org.name if p.proposer_org_id else ""]
    proposers += [c.member.name for c in p.cosigners.all() if c.state != CoSigner.State.DECLINED]
    units = [a.unit.name for a in p.assignments.all() if a.state != Assignment.State.REMOVED]
    return {
        "number": _number_text(p),
        "title": p.title,
        "proposers": " ".join(x for x in proposers if x),
        "sector": p.sector.name if p.sector_id else "",
        "category": p.category.name if p.category_id else "",
        "units": " ".join(units),
        "body": "\n".join(x for x in (p.situation, p.analysis, p.suggestions) if x),
    }


def facets(p: Proposal) -> dict:
    return {"status": p.status, "year": p.meeting.start_date.year if p.meeting_id else None,
            "category": p.category_id, "meeting": p.meeting_id}


def queryset(qs):
    return qs.select_related("lead_member", "proposer_org", "sector", "category", "meeting").prefetch_related(
        Prefetch("cosigners", queryset=CoSigner.objects.select_related("member")),
        Prefetch("assignments", queryset=Assignment.objects.select_related("unit")))


def register() -> None:
    """Called from ProposalsConfig.ready()."""
    if not textindex.is_registered(Proposal):
        textindex.register(Proposal, fields=FIELDS, document=document, filters=facets, queryset=queryset)


def reindex_proposal(p: Proposal) -> None:
    """Refresh the proposal's index entry once the current transaction commits."""
    textindex.index_on_commit(p)


def reindex_all(cppcc=None) -> int:
    return textindex.reindex(Proposal, cppcc=cppcc)
