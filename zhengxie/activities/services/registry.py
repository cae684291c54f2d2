"""委员聘任 (民主监督员, 特邀监督员 …) and the 委员之家 registry with its reception log."""
from __future__ import annotations

import datetime as dt

from zhengxie.accounts.models import Organisation
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.writes import recorded_write
from zhengxie.members.models import Member

from .. import permissions
from ..models import Appointment, HomeReception, MemberHome


def _member(cppcc_id: int, member) -> Member:
    if member is None or getattr(member, "cppcc_id", None) != cppcc_id:
        raise ApplicationError("请选择本政协的委员。", field="member")
    return member


def _dates(start: dt.date | None, end: dt.date | None) -> None:
    if start is None:
        raise ApplicationError("请填写聘期开始日期。", field="start_date")
    if end is not None and end < start:
        raise ApplicationError("聘期结束日期不能早于开始日期。", field="end_date")


def appointment_create(*, by, member, kind: str, org_name: str, start_date: dt.date, end_date: dt.date | None = None,
                       title: str = "", note: str = "") -> Appointment:
    with recorded_write(by=by, action="appointment.create", allowed=permissions.can_manage_appointments(by),
                        message="登记委员聘任") as w:
        member = _member(by.cppcc_id, member)
        if kind not in Appointment.Kind.values:
            raise ApplicationError("请选择聘任类别。", field="kind")
        if kind == Appointment.Kind.OTHER and not (title or "").strip():
            raise ApplicationError("类别为“其他”时请填写名称，如“营商环境监督员”。", field="title")
        org_name = (org_name or "").strip()
        if not org_name:
            raise ApplicationError("请填写聘任或派驻单位，如“市水利局”。", field="org_name")
        _dates(start_date, end_date)
        a = Appointment.objects.create(cppcc_id=by.cppcc_id, member=member, kind=kind, title=(title or "").strip()[:60],
                                       org_name=org_name[:80], start_date=start_date, end_date=end_date,
                                       note=(note or "").strip()[:200], created_by=by)
        w.obj = a
        w.message = f"聘任{member.name}为{a.label}（{org_name}）"
    return a


def appointment_end(*, appointment: Appointment, by, end_date: dt.date) -> Appointment:
    allowed = permissions.can_manage_appointments(by) and by.cppcc_id == appointment.cppcc_id
    with recorded_write(by=by, action="appointment.end", obj=appointment, allowed=allowed, message="聘期结束") as w:
        a = w.lock()
        _dates(a.start_date, end_date)
        a.end_date = end_date
        a.save()
        return a


def member_home_ensure(*, cppcc, by) -> int:
    """A registry row for every 委员之家 organisation of the 政协 that has none yet (县区 from the short name)."""
    orgs = Organisation.objects.filter(cppcc=cppcc, kind=Organisation.Kind.MEMBER_HOME, home__isnull=True)
    made = 0
    for org in orgs:
        home_type = MemberHome.Type.STUDIO if "工作室" in org.name else (
            MemberHome.Type.RECEPTION if "会客室" in org.name else MemberHome.Type.HOME)
        with recorded_write(by=by, action="member_home.create", allowed=permissions.can_manage_homes(by),
                            message=f"登记委员之家「{org.name}」") as w:
            w.obj = MemberHome.objects.create(cppcc=cppcc, organisation=org, home_type=home_type,
                                              county=org.short_name or "", address=org.address or "")
            made += 1
    return made


def member_home_update(*, home: MemberHome, by, home_type: str, county: str, address: str = "", lead_member=None,
                       member_ids=(), standards: dict | None = None) -> MemberHome:
    allowed = permissions.can_manage_homes(by) and by.cppcc_id == home.cppcc_id
    with recorded_write(by=by, action="member_home.update", obj=home, allowed=allowed, message="修改委员之家信息") as w:
        h = w.lock()
        if home_type not in MemberHome.Type.values:
            raise ApplicationError("请选择类型。", field="home_type")
        if lead_member is not None:
            _member(h.cppcc_id, lead_member)
        ids = [int(i) for i in member_ids]
        members = list(Member.objects.filter(pk__in=ids, cppcc_id=h.cppcc_id))
        if len(members) != len(set(ids)):
            raise ApplicationError("入驻委员必须是本政协的委员。", field="members")
        keys = {k for k, _ in MemberHome.STANDARDS}
        standards = {k: bool(v) for k, v in (standards or {}).items() if k in keys}
        h.home_type, h.county, h.address, h.lead_member, h.standards = (
            home_type, (county or "").strip()[:40], (address or "").strip()[:120], lead_member, standards)
        h.save()
        h.members.set(members)
        w.data = {"members": sorted(m.pk for m in members)}
        return h


def home_reception_add(*, home: MemberHome, by, date: dt.date, visitor: str, issue: str, duty_member=None,
                       follow_up: str = "") -> HomeReception:
    with recorded_write(by=by, action="member_home.reception", obj=home, allowed=permissions.can_record_home(by, home),
                        message=f"登记接待群众：{(visitor or '').strip()}") as w:
        w.lock()
        if date is None:
            raise ApplicationError("请填写接待日期。", field="date")
        if not (visitor or "").strip():
            raise ApplicationError("请填写来访群众（可只写姓氏或“群众”）。", field="visitor")
        if not (issue or "").strip():
            raise ApplicationError("请填写反映的问题。", field="issue")
        if duty_member is not None:
            _member(home.cppcc_id, duty_member)
        r = HomeReception.objects.create(cppcc_id=home.cppcc_id, home=home, date=date, duty_member=duty_member,
                                         visitor=visitor.strip()[:60], issue=issue.strip(), follow_up=(follow_up or "").strip(),
                                         recorded_by=by)
        w.data = {"reception": r.pk}
        return r
