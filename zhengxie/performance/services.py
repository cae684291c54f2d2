"""Writes of the points ledger: recompute (idempotent), adjustments, year freeze/reopen."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import connection
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
    """Inside a write: lock the year's freeze row, so that a freeze and this write never interleave."""
    freeze, _ = YearFreeze.objects.get_or_create(cppcc_id=getattr(cppcc, "pk", cppcc), year=year)
    if YearFreeze.objects.select_for_update().get(pk=freeze.pk).frozen:
        raise ApplicationError(f"{year}年度积分已冻结（年终签字确认），不能再改动；如需修改请先重新开放该年度。")


def ledger_rows(cppcc_id: int, year: int) -> list[dict]:
    """The ledger of a year as plain rows (ScoreEntry attnames): facts × dated rules, in a stable order."""
    book = RuleBook(cppcc_id)
    seated = selectors.seated_member_ids(cppcc_id, year)
    rows = sorted((f for f in F.all_facts(cppcc_id, year) if f["member_id"] in seated),
                  key=lambda f: (f["member_id"], f["date"], f["rule"], f["source"], f["source_id"]))
    cts: dict[str, int] = {}
    public_sum: dict[int, Decimal] = {}
    out = []
    for f in rows:
        if f["source"] not in cts:
            app, model = f["source"].split(".")
            cts[f["source"]] = ContentType.objects.get_by_natural_key(app, model).pk
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
        out.append({"cppcc_id": cppcc_id, "year": year, "member_id": f["member_id"], "rule": f["rule"],
                    "rule_label": label(f["rule"]), "points": points, "source_type_id": cts[f["source"]],
                    "source_id": f["source_id"], "fact_date": f["date"], "explanation": text[:300]})
    return out


def build_entries(cppcc_id: int, year: int) -> list[ScoreEntry]:
    """The ledger of a year as unsaved rows."""
    return [ScoreEntry(**row) for row in ledger_rows(cppcc_id, year)]


COPY_COLUMNS = ("cppcc_id", "year", "member_id", "rule", "rule_label", "points", "source_type_id", "source_id",
                "fact_date", "explanation")


def _insert(rows: list[dict]) -> None:
    """Write the ledger rows: COPY on PostgreSQL (a year of 10,000 members is ~400,000 rows), else bulk_create."""
    if connection.vendor != "postgresql":
        ScoreEntry.objects.bulk_create([ScoreEntry(**r) for r in rows], batch_size=2000)
        return
    meta = ScoreEntry._meta
    column = {f.attname: f.column for f in meta.concrete_fields}
    cols = ", ".join(f'"{column[c]}"' for c in COPY_COLUMNS)
    with connection.cursor() as wrapper:
        with wrapper.cursor.copy(f'COPY "{meta.db_table}" ({cols}) FROM STDIN') as copy:
            for r in rows:
                copy.write_row([r[c] for c in COPY_COLUMNS])


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
        entries = ledger_rows(cppcc.pk, year)
        ScoreEntry.objects.filter(cppcc=cppcc, year=year).delete()
        _insert(entries)
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
        if w.lock().state != ScoreAdjustment.State.PENDING:  # decided meanwhile by someone else
            raise ApplicationError("该调整已审批，不能重复审批。")
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
        elif w.lock().state != AnnualReport.State.DRAFT:  # submitted meanwhile (another tab)
            raise ApplicationError("履职报告已提交，不能再修改。")
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
        if w.lock().state != AnnualReport.State.SUBMITTED:
            raise ApplicationError("只有已提交的履职报告可以归档。")
        w.obj.state, w.obj.archived_at, w.obj.archived_by = AnnualReport.State.ARCHIVED, timezone.now(), by
        w.obj.save()
    return w.obj


def _parse_date(value, what: str):
    import datetime as dt

    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or "").strip())
    except ValueError:
        raise ApplicationError(f"请填写有效的{what}（如 2025-12-20）。")


def award_record(*, member, data: dict, by):
    """登记表彰 (staff): title, level, date and the 表彰 document are required; counted by the next recompute."""
    from .models import Award

    if not permissions.can_adjust(by, member.cppcc_id):
        raise PermissionDenied(DENIED)
    title = (data.get("title") or "").strip()
    source = (data.get("source_document") or "").strip()
    level = data.get("level") or ""
    if not title:
        raise ApplicationError("请填写表彰名称。")
    if level not in Award.Level.values:
        raise ApplicationError("请选择表彰级别。")
    if not source:
        raise ApplicationError("请填写表彰文件（文号或名称）。")
    day = _parse_date(data.get("awarded_on"), "表彰日期")
    with recorded_write(by=by, action="performance.award", allowed=permissions.can_adjust(by, member.cppcc_id),
                        message=f"登记{member.name}获{Award.Level(level).label}表彰「{title}」") as w:
        _not_frozen(member.cppcc_id, day.year)
        w.obj = Award.objects.create(cppcc_id=member.cppcc_id, member=member, year=day.year, title=title[:120], level=level,
                                     awarded_on=day, source_document=source[:160], recorded_by=by)
    return w.obj


def culture_record(*, member, data: dict, by):
    """登记文史资料稿件 (staff); an adopted one needs its 录用日期 and is counted by the next recompute."""
    from .models import CultureContribution

    if not permissions.can_adjust(by, member.cppcc_id):
        raise PermissionDenied(DENIED)
    title = (data.get("title") or "").strip()
    if not title:
        raise ApplicationError("请填写稿件标题。")
    adopted = str(data.get("adopted") or "").lower() in {"1", "true", "on", "yes", "是"}
    adopted_on = _parse_date(data.get("adopted_on"), "录用日期") if adopted else None
    year = adopted_on.year if adopted_on else _year(data.get("year"))
    with recorded_write(by=by, action="performance.culture", allowed=permissions.can_adjust(by, member.cppcc_id),
                        message=f"登记{member.name}文史资料稿件《{title}》" + ("（已录用）" if adopted else "")) as w:
        _not_frozen(member.cppcc_id, year)
        w.obj = CultureContribution.objects.create(
            cppcc_id=member.cppcc_id, member=member, year=year, title=title[:160],
            publication=(data.get("publication") or "").strip()[:120], adopted=adopted, adopted_on=adopted_on,
            recorded_by=by)
    return w.obj


def record_delete(*, obj, by) -> None:
    """Delete a 表彰 or 文史资料 record entered by mistake (staff; not in a frozen year)."""
    with recorded_write(by=by, action=f"performance.{obj._meta.model_name}_delete", obj=obj,
                        allowed=permissions.can_adjust(by, obj.cppcc_id), message=f"删除{obj._meta.verbose_name}：{obj}",
                        timeline=False):
        _not_frozen(obj.cppcc_id, obj.year)
        type(obj).objects.filter(pk=obj.pk).delete()
