"""报送 upward (independent of local publication) and the external results sent back: 采用 (recorded one
by one or imported from the province's 采用通报 Excel list, matched to items)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction

from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.writes import DENIED
from zhengxie.documents.xlsx import Column, date_value, read_xlsx

from .. import permissions
from ..models import Adoption, Level, Opinion, UpwardReport
from ..workflow import Action
from ._common import author_users, notify, today, transition


@transaction.atomic
def opinion_report_up(*, opinions: list[Opinion], target: str, by, reported_at: dt.date | None = None,
                      batch: str = "") -> list[UpwardReport]:
    """Report items to 省政协 / 全国政协 / 市委 / 市政府: all of them or none."""
    if target not in UpwardReport.Target.values:
        raise ApplicationError("请选择报送对象（省政协、全国政协、市委、市政府）。", field="target")
    if not opinions:
        raise ApplicationError("请选择要报送的信息。", field="opinions")
    reported_at = reported_at or today()
    label = UpwardReport.Target(target).label
    out = []
    for o in sorted({o.pk: o for o in opinions}.values(), key=lambda x: x.pk):
        locked = Opinion.objects.select_for_update().get(pk=o.pk)
        if not permissions.can(by, Action.REPORT_UP, locked):
            if permissions.is_editor(by, locked):
                raise ApplicationError(f"「{locked.title}」当前状态为{locked.get_status_display()}，须初筛采用后才能报送。")
            raise PermissionDenied(DENIED)
        if locked.reports.filter(target=target).exists():
            raise ApplicationError(f"「{locked.title}」已报送{label}，无需重复报送。")
        transition(locked, Action.REPORT_UP, by, message=f"报送{label}" + (f"（{batch}）" if batch else ""), check=False,
                   data={"target": target})
        out.append(UpwardReport.objects.create(cppcc_id=locked.cppcc_id, opinion=locked, target=target,
                                               reported_at=reported_at, batch=batch[:40], reported_by=by))
    return out


def _check_adoption(o: Opinion, level: str, mode: str, source_document: str) -> None:
    if level not in Level.values:
        raise ApplicationError("请选择采用层级。", field="level")
    if mode not in Adoption.Mode.values:
        raise ApplicationError("请选择采用方式（单篇采用、综合采用或转送采用）。", field="mode")
    if not (source_document or "").strip():
        raise ApplicationError("请填写依据（上级的采用通报或来文），采用是上级反馈的事实。", field="source_document")
    if o.adoptions.filter(level=level, mode=mode).exists():
        raise ApplicationError(f"「{o.title}」已登记{Level(level).label}{Adoption.Mode(mode).label}。")


def _adopt(o: Opinion, by, *, level, mode, adopted_at, source_document, by_org="", issue_ref="") -> Adoption:
    locked = Opinion.objects.select_for_update().get(pk=o.pk)
    if not permissions.can(by, Action.ADOPT, locked):
        if permissions.is_editor(by, locked):
            raise ApplicationError(f"「{locked.title}」尚未向上级报送，不能登记上级采用。")
        raise PermissionDenied(DENIED)
    _check_adoption(locked, level, mode, source_document)
    if adopted_at is None:
        raise ApplicationError("请填写采用日期。", field="adopted_at")
    text = f"{Level(level).label}{Adoption.Mode(mode).label}（{source_document.strip()}）"
    transition(locked, Action.ADOPT, by, message=f"登记上级采用：{text}", check=False, data={"level": level, "mode": mode})
    adoption = Adoption.objects.create(cppcc_id=locked.cppcc_id, opinion=locked, level=level, mode=mode,
                                       adopted_at=adopted_at, by_org=by_org[:80], issue_ref=issue_ref[:80],
                                       source_document=source_document.strip()[:200], recorded_by=by)
    notify(author_users(locked), f"信息被{Level(level).label}采用：{locked.title}", text, locked.get_absolute_url(),
           by=by, cppcc=locked.cppcc_id)
    return adoption


@transaction.atomic
def adoption_record(*, opinion: Opinion, by, level: str, mode: str, adopted_at: dt.date, source_document: str,
                    by_org: str = "", issue_ref: str = "") -> Adoption:
    return _adopt(opinion, by, level=level, mode=mode, adopted_at=adopted_at, source_document=source_document,
                  by_org=by_org, issue_ref=issue_ref)


# Import of the province's 采用通报 ------------------------------------------------------------------

LEVEL_NAMES = {label: code for code, label in Level.choices} | {"全国政协办公厅": Level.NATIONAL, "省政协办公厅": Level.PROVINCIAL,
                                                              "省委": Level.PROVINCIAL_PARTY, "市委办公室": Level.CITY_PARTY,
                                                              "市政府办公室": Level.CITY_GOV}
MODE_NAMES = {label: code for code, label in Adoption.Mode.choices} | {"单篇": Adoption.Mode.SINGLE, "综合": Adoption.Mode.COMBINED,
                                                                     "转送": Adoption.Mode.FORWARDED}

SCHEMA = {
    "标题": Column("title", required=True),
    "反映人": Column("reporter"),
    "采用层级": Column("level", required=True),
    "采用方式": Column("mode", required=True),
    "采用日期": Column("adopted_at", required=True, parser=date_value),
    "刊物期号": Column("issue_ref"),
}


@dataclass
class ImportOutcome:
    matched: list[tuple[int, Opinion, dict]] = field(default_factory=list)  # (Excel row, item, data)
    errors: list[str] = field(default_factory=list)
    adoptions: list[Adoption] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _norm(text: str) -> str:
    return re.sub(r"[\s《》“”\"'‘’「」、，,。.：:；;（）()！!？?—\-]", "", text or "")


def adoption_import(*, fileobj, by, source_document: str) -> ImportOutcome:
    """Match every row to one reported item (title, and 反映人 when given) and record all adoptions, or none:
    rows matching no item (or several) are reported with their row numbers and nothing is written."""
    if not permissions.can_manage(by):
        raise PermissionDenied(DENIED)
    if not (source_document or "").strip():
        raise ApplicationError("请填写采用通报的名称（依据），如：省政协办公厅2023年第3期采用情况通报。", field="source_document")
    result = read_xlsx(fileobj, SCHEMA)
    outcome = ImportOutcome(errors=list(result.messages))
    if result.errors:
        return outcome
    reported = list(Opinion.objects.filter(cppcc_id=by.cppcc_id, reports__isnull=False).distinct()
                    .select_related("reporter"))
    by_title: dict[str, list[Opinion]] = {}
    for o in reported:
        by_title.setdefault(_norm(o.title), []).append(o)
    for row in result.rows:
        d = row.data
        level, mode = LEVEL_NAMES.get(d["level"]), MODE_NAMES.get(d["mode"])
        if level is None:
            outcome.errors.append(f"第{row.number}行：采用层级「{d['level']}」无法识别（可填：{'、'.join(Level.labels)}）")
            continue
        if mode is None:
            outcome.errors.append(f"第{row.number}行：采用方式「{d['mode']}」无法识别（可填：单篇、综合、转送）")
            continue
        candidates = by_title.get(_norm(d["title"]), [])
        if d.get("reporter"):
            named = [o for o in candidates if d["reporter"] in (o.reporter_name or "") or d["reporter"] == o.reporter.name]
            candidates = named
        if not candidates:
            outcome.errors.append(f"第{row.number}行：「{d['title']}」没有找到对应的已报送信息")
            continue
        if len(candidates) > 1:
            outcome.errors.append(f"第{row.number}行：「{d['title']}」对应多篇已报送信息，请在“反映人”列注明作者")
            continue
        outcome.matched.append((row.number, candidates[0], {**d, "level": level, "mode": mode}))
    if outcome.errors:
        return outcome
    try:
        with transaction.atomic():
            for number, o, d in outcome.matched:
                try:
                    outcome.adoptions.append(_adopt(o, by, level=d["level"], mode=d["mode"], adopted_at=d["adopted_at"],
                                                    source_document=source_document, issue_ref=d.get("issue_ref") or ""))
                except ApplicationError as exc:
                    raise ApplicationError(f"第{number}行：{exc.message}") from None
    except ApplicationError as exc:
        outcome.adoptions = []
        outcome.errors.append(exc.message)
    return outcome
