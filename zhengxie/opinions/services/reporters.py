"""特邀信息员 and 信息报送单位 management (domain.md §4.6)."""
from __future__ import annotations

import datetime as dt

from zhengxie.accounts.models import Organisation, User
from zhengxie.core import config
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.writes import recorded_write

from .. import permissions
from ..models import Informant, ReportingUnit


def informant_appoint(*, by, user: User, appointed_at: dt.date, term_end: dt.date | None = None,
                      yearly_duty: int | None = None, org: Organisation | None = None, employer: str = "",
                      note: str = "") -> Informant:
    if user.cppcc_id != by.cppcc_id:
        raise ApplicationError("特邀信息员须是本政协的用户。", field="user")
    if appointed_at is None:
        raise ApplicationError("请填写聘任日期。", field="appointed_at")
    if term_end is not None and term_end <= appointed_at:
        raise ApplicationError("聘期截止日期须晚于聘任日期。", field="term_end")
    duty = config.get("opinions.informant_duty", cppcc=by.cppcc_id, on=appointed_at) if yearly_duty is None else yearly_duty
    if duty < 0:
        raise ApplicationError("年度报送任务不能为负数。", field="yearly_duty")
    with recorded_write(by=by, action="opinion.informant_appoint", allowed=permissions.can_manage(by),
                        message=f"聘任特邀信息员：{user.name}") as w:
        if Informant.objects.filter(cppcc_id=by.cppcc_id, user=user, state=Informant.State.ACTIVE).exists():
            raise ApplicationError(f"{user.name}已是在聘的特邀信息员。", field="user")
        w.obj = Informant.objects.create(cppcc_id=by.cppcc_id, user=user, member=getattr(user, "member", None), org=org,
                                         employer=employer, appointed_at=appointed_at, term_end=term_end,
                                         yearly_duty=duty, note=note)
    return w.obj


def informant_set_state(*, informant: Informant, by, state: str, note: str = "") -> Informant:
    if state not in Informant.State.values:
        raise ApplicationError("请选择状态。", field="state")
    with recorded_write(by=by, action="opinion.informant_state", obj=informant,
                        allowed=permissions.can_manage(by) and informant.cppcc_id == by.cppcc_id,
                        message=f"特邀信息员{informant.user.name}：{Informant.State(state).label}") as w:
        i = w.lock()
        i.state = state
        if note:
            i.note = note[:200]
        i.save()
    return i


def reporting_unit_save(*, by, name: str, kind: str, unit: ReportingUnit | None = None,
                        organisation: Organisation | None = None, leader_name: str = "", liaison: User | None = None,
                        yearly_quota: int = 0, is_active: bool = True) -> ReportingUnit:
    name = (name or "").strip()
    if not name:
        raise ApplicationError("请填写单位名称。", field="name")
    if kind not in ReportingUnit.Kind.values:
        raise ApplicationError("请选择单位类型。", field="kind")
    if liaison is not None and liaison.cppcc_id != by.cppcc_id:
        raise ApplicationError("信息联络员须是本政协的用户。", field="liaison")
    if organisation is not None and organisation.cppcc_id != by.cppcc_id:
        raise ApplicationError("对应组织须是本政协的组织。", field="organisation")
    if yearly_quota < 0:
        raise ApplicationError("年度报送任务不能为负数。", field="yearly_quota")
    if ReportingUnit.objects.filter(cppcc_id=by.cppcc_id, name=name).exclude(pk=getattr(unit, "pk", None)).exists():
        raise ApplicationError(f"已有名为「{name}」的报送单位。", field="name")
    allowed = permissions.can_manage(by) and (unit is None or unit.cppcc_id == by.cppcc_id)
    with recorded_write(by=by, action="opinion.unit_save", obj=unit, allowed=allowed,
                        message=("修改" if unit else "新增") + f"信息报送单位：{name}") as w:
        u = w.lock() if unit is not None else ReportingUnit(cppcc_id=by.cppcc_id)
        u.name, u.kind, u.organisation, u.leader_name = name, kind, organisation, leader_name
        u.liaison, u.yearly_quota, u.is_active = liaison, yearly_quota, is_active
        u.save()
        w.obj = u
    return u
