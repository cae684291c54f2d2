"""Writes of the points ledger: recompute (idempotent), adjustments, year freeze/reopen."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.writes import DENIED, recorded_write

from . import facts as F
from . import permissions, selectors
from .models import ScoreAdjustment, ScoreEntry, YearFreeze
from .rules import RuleBook, label


def _year(year) -> int:
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ApplicationError("请填写有效的年度。")
    if not 2000 <= year <= 2100:
        raise ApplicationError("请填写有效的年度。")
    return year


def _not_frozen(cppcc, year: int) -> None:
    if selectors.is_frozen(cppcc, year):
        raise ApplicationError(f"{year}年度积分已冻结（年终签字确认），不能再改动；如需修改请先重新开放该年度。")


def build_entries(cppcc_id: int, year: int) -> list[ScoreEntry]:
    """The ledger of a year as unsaved rows: facts × dated rules, in a stable order."""
    book = RuleBook(cppcc_id)
    seated = selectors.seated_member_ids(cppcc_id, year)
    rows = sorted((f for f in F.all_facts(cppcc_id, year) if f["member_id"] in seated),
                  key=lambda f: (f["member_id"], f["date"], f["rule"], f["source"], f["source_id"]))
    cts = {}
    public_sum: dict[int, Decimal] = {}
    out = []
    for f in rows:
        if f["source"] not in cts:
            app, model = f["source"].split(".")
            cts[f["source"]] = ContentType.objects.get_by_natural_key(app, model)
        per = book.points(f["rule"], f["date"])
        points = per * f["n"]
        text = f["explanation"] + f"：{label(f['rule'])}" + (f"{per:g}分×{f['n']}" if f["n"] != 1 else f"{points:+g}分")
        if f["rule"] == "public.attend":
            cap = book.points("public.cap", f["date"])
            used = public_sum.get(f["member_id"], Decimal(0))
            points = max(Decimal(0), min(points, cap - used))
            public_sum[f["member_id"]] = used + points
            if points < per:
                text = f["explanation"] + f"：已达公益/联系群众年度上限{cap:g}分，记{points:g}分"
        out.append(ScoreEntry(cppcc_id=cppcc_id, year=year, member_id=f["member_id"], rule=f["rule"],
                              rule_label=label(f["rule"]), points=points, source_type=cts[f["source"]],
                              source_id=f["source_id"], fact_date=f["date"], explanation=text[:300]))
    return out


def score_recompute(*, cppcc, year, by) -> int:
    """Rebuild the derived ledger of (政协, year) from the facts. Adjustments are untouched; a frozen year refused."""
    year = _year(year)
    if not permissions.can_recompute(by, cppcc):
        raise PermissionDenied(DENIED)
    freeze, _ = YearFreeze.objects.get_or_create(cppcc=cppcc, year=year)
    with recorded_write(by=by, action="performance.recompute", obj=freeze, allowed=permissions.can_recompute(by, cppcc),
                        message=f"重新计算{year}年度履职积分") as w:
        w.lock()
        _not_frozen(cppcc, year)
        entries = build_entries(cppcc.pk, year)
        ScoreEntry.objects.filter(cppcc=cppcc, year=year).delete()
        ScoreEntry.objects.bulk_create(entries, batch_size=2000)
        w.obj.recomputed_at = timezone.now()
        w.obj.save(update_fields=["recomputed_at"])
        w.data = {"entries": len(entries)}
    return len(entries)


def score_adjust(*, member, year, points, reason, by) -> ScoreAdjustment:
    year = _year(year)
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError("人工加减分必须填写理由。")
    try:
        value = Decimal(str(points).strip())
    except (InvalidOperation, ValueError):
        raise ApplicationError("加减分应填写数字，减分填负数。")
    if value == 0 or abs(value) > 100:
        raise ApplicationError("加减分应为非零数字，且绝对值不超过100分。")
    with recorded_write(by=by, action="performance.adjust", allowed=permissions.can_adjust(by, member.cppcc_id),
                        message=f"申请为{member.name}{year}年度积分{value:+g}分：{reason}") as w:
        _not_frozen(member.cppcc_id, year)
        w.obj = ScoreAdjustment.objects.create(cppcc_id=member.cppcc_id, year=year, member=member, points=value,
                                               reason=reason, requested_by=by)
    return w.obj


def score_adjustment_decide(*, adjustment, approve: bool, by) -> ScoreAdjustment:
    if adjustment.state != ScoreAdjustment.State.PENDING:
        raise ApplicationError("该调整已审批，不能重复审批。")
    verb = "批准" if approve else "不批准"
    with recorded_write(by=by, action="performance.adjust_decide", obj=adjustment,
                        allowed=permissions.can_approve(by, adjustment), message=f"{verb}积分调整") as w:
        _not_frozen(adjustment.cppcc_id, adjustment.year)
        w.obj.state = ScoreAdjustment.State.APPROVED if approve else ScoreAdjustment.State.REFUSED
        w.obj.approver = by
        w.obj.decided_at = timezone.now()
        w.obj.save()
    return w.obj


def year_freeze(*, cppcc, year, by, note: str = "") -> YearFreeze:
    year = _year(year)
    if not permissions.can_freeze(by, cppcc):
        raise PermissionDenied(DENIED)
    freeze, _ = YearFreeze.objects.get_or_create(cppcc=cppcc, year=year)
    with recorded_write(by=by, action="performance.freeze", obj=freeze, allowed=permissions.can_freeze(by, cppcc),
                        message=f"{year}年度履职积分签字确认并冻结") as w:
        w.lock()
        if w.obj.frozen:
            raise ApplicationError(f"{year}年度积分已冻结。")
        if w.obj.recomputed_at is None:
            raise ApplicationError(f"{year}年度积分尚未计算，请先计算再冻结。")
        w.obj.frozen, w.obj.signed_by, w.obj.signed_at, w.obj.note = True, by, timezone.now(), (note or "").strip()[:300]
        w.obj.save()
    return w.obj


def year_reopen(*, cppcc, year, reason: str, by) -> YearFreeze:
    year = _year(year)
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError("重新开放年度必须填写原因。")
    if not permissions.can_freeze(by, cppcc):
        raise PermissionDenied(DENIED)
    freeze, _ = YearFreeze.objects.get_or_create(cppcc=cppcc, year=year)
    with recorded_write(by=by, action="performance.reopen", obj=freeze, allowed=permissions.can_freeze(by, cppcc),
                        message=f"重新开放{year}年度履职积分：{reason}") as w:
        w.lock()
        if not w.obj.frozen:
            raise ApplicationError(f"{year}年度积分未冻结，无需重新开放。")
        w.obj.frozen = False
        w.obj.save()
        w.data = {"reason": reason}
    return w.obj


REPORT_FIELDS = ("achievements", "problems", "suggestions")


def annual_report_save(*, member, year, data: dict, by, submit: bool = False):
    """The 常委 writes (and optionally submits) their own report; a submitted report is no longer edited."""
    from .models import AnnualReport

    year = _year(year)
    report = AnnualReport.objects.filter(member=member, year=year).first()
    if report is not None and report.state != AnnualReport.State.DRAFT:
        raise ApplicationError("履职报告已提交，不能再修改。")
    if submit and not (data.get("achievements") or "").strip():
        raise ApplicationError("提交前请填写“履职成效”。")
    verb = "提交" if submit else "保存"
    with recorded_write(by=by, action="performance.report_submit" if submit else "performance.report_save", obj=report,
                        allowed=permissions.can_write_report(by, member), message=f"{verb}{year}年度履职报告") as w:
        if w.obj is None:
            w.obj = AnnualReport(cppcc_id=member.cppcc_id, member=member, year=year)
        for name in REPORT_FIELDS:
            setattr(w.obj, name, (data.get(name) or "").strip())
        if submit:
            w.obj.state, w.obj.submitted_at = AnnualReport.State.SUBMITTED, timezone.now()
        w.obj.save()
    return w.obj


def annual_report_archive(*, report, by):
    from .models import AnnualReport

    if report.state != AnnualReport.State.SUBMITTED:
        raise ApplicationError("只有已提交的履职报告可以归档。")
    with recorded_write(by=by, action="performance.report_archive", obj=report,
                        allowed=permissions.can_archive_report(by, report), message="履职报告归档") as w:
        w.obj.state, w.obj.archived_at, w.obj.archived_by = AnnualReport.State.ARCHIVED, timezone.now(), by
        w.obj.save()
    return w.obj
