"""抄袭/不实认定 (domain.md §4.5): flag an item (reason, evidence, date), revoke a flag (with a reason).

Both write the item's timeline (Event) and the audit log, notify the authors, and rebuild the scores of every
affected year that was already computed and is not frozen (the flag's year and the years the item has points in).
A frozen year is left as it is: it changes only after a logged reopen and a recompute.
"""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.writes import DENIED, recorded_write

from .. import permissions
from ..models import Opinion, OpinionFlag, ScoreEntry, YearFreeze
from ._common import author_users, notify, today


def _text(value: str, label: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ApplicationError(f"请填写{label}。", field=label)
    return value


def _rescore(o: Opinion, years: set[int], by) -> tuple[list[int], list[int]]:
    """Recompute the affected years already computed and not frozen; return (recomputed, frozen) years."""
    from .. import scoring

    years |= set(ScoreEntry.objects.filter(opinion=o).values_list("year", flat=True))
    rows = {r.year: r for r in YearFreeze.objects.filter(cppcc_id=o.cppcc_id, year__in=years)}
    done, frozen = [], []
    for year in sorted(years):
        row = rows.get(year)
        if row is None or row.computed_at is None:
            continue
        if row.is_frozen:
            frozen.append(year)
            continue
        scoring.score_recompute(cppcc=o.cppcc, year=year, by=by)
        done.append(year)
    return done, frozen


class FlagOutcome:
    def __init__(self, flag: OpinionFlag, recomputed: list[int], frozen: list[int]):
        self.flag, self.recomputed, self.frozen = flag, recomputed, frozen

    @property
    def message(self) -> str:
        parts = []
        if self.recomputed:
            parts.append("已重新计算" + "、".join(f"{y}年度" for y in self.recomputed) + "得分")
        if self.frozen:
            parts.append("、".join(f"{y}年度" for y in self.frozen) + "计分已冻结，未改变；如需调整请先重开该年度")
        return "；".join(parts)


def opinion_flag(*, opinion: Opinion, by, kind: str, reason: str, evidence: str,
                 date: dt.date | None = None) -> FlagOutcome:
    """认定抄袭/不实: the item loses its points and its authors and 报送单位 get the configured penalty."""
    if not permissions.can_flag(by, opinion):
        raise PermissionDenied(DENIED)
    if kind not in OpinionFlag.Kind.values:
        raise ApplicationError("请选择认定类型：抄袭或内容不实。", field="kind")
    reason, evidence = _text(reason, "认定理由"), _text(evidence, "证据/依据")
    date = date or today()
    if date > today():
        raise ApplicationError("认定日期不能晚于今天。", field="date")
    label = OpinionFlag.Kind(kind).label
    with recorded_write(by=by, action="opinion.flag", obj=opinion, allowed=True,
                        message=f"认定为{label}：{reason}") as w:
        o = w.lock()
        if OpinionFlag.objects.filter(opinion=o, revoked_at__isnull=True).exists():
            raise ApplicationError("该信息已有一项抄袭/不实认定，不能重复认定；如认定有误，请先撤销。")
        flag = OpinionFlag.objects.create(cppcc_id=o.cppcc_id, opinion=o, kind=kind, reason=reason, evidence=evidence,
                                          date=date, flagged_by=by, flagged_at=timezone.now())
        w.data = {"flag": flag.pk, "kind": kind, "date": date, "evidence": evidence}
        recomputed, frozen = _rescore(o, {date.year}, by)
        w.data.update(recomputed=recomputed, frozen=frozen)
        notify(author_users(o), f"您的社情民意信息《{o.title}》被认定为{label}",
               f"认定理由：{reason}。按计分办法，该信息不再计分并扣分。如有异议请与市政协信息编辑联系。",
               url=o.get_absolute_url(), by=by, cppcc=o.cppcc_id)
    return FlagOutcome(flag, recomputed, frozen)


def opinion_unflag(*, opinion: Opinion, by, reason: str) -> FlagOutcome:
    """撤销认定 (with a reason): the item's points come back and the penalty goes, in every unfrozen year."""
    if not permissions.can_flag(by, opinion):
        raise PermissionDenied(DENIED)
    reason = _text(reason, "撤销理由")
    with recorded_write(by=by, action="opinion.unflag", obj=opinion, allowed=True,
                        message=f"撤销抄袭/不实认定：{reason}") as w:
        o = w.lock()
        flag = OpinionFlag.objects.select_for_update().filter(opinion=o, revoked_at__isnull=True).first()
        if flag is None:
            raise ApplicationError("该信息没有生效的抄袭/不实认定，无须撤销。")
        flag.revoked_by, flag.revoked_at, flag.revoke_reason = by, timezone.now(), reason
        flag.save(update_fields=["revoked_by", "revoked_at", "revoke_reason"])
        w.data = {"flag": flag.pk, "reason": reason}
        recomputed, frozen = _rescore(o, {flag.date.year}, by)
        w.data.update(recomputed=recomputed, frozen=frozen)
        notify(author_users(o), f"您的社情民意信息《{o.title}》的{flag.get_kind_display()}认定已撤销",
               f"撤销理由：{reason}。", url=o.get_absolute_url(), by=by, cppcc=o.cppcc_id)
    return FlagOutcome(flag, recomputed, frozen)

