"""Every write of 委员, 任职, 届次, 会议 and 场次 (through recorded_write: permission, transaction, timeline, audit)."""
from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from zhengxie.accounts.models import Organisation
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.writes import recorded_write, snapshot

from . import permissions
from .models import Meeting, Member, Membership, Sitting, Term
from .pinyin import initials

MOBILE_RE = re.compile(r"^1\d{10}$")
PHONE_RE = re.compile(r"^(\+?86)?1\d{10}$|^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
PINYIN_RE = re.compile(r"^[a-z]{1,20}$")

MEMBER_FIELDS = ("name", "gender", "ethnicity", "birth_date", "education", "employer", "phone", "email", "address",
                 "specialty", "pinyin_override", "id_code")

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 14 → 十四, 21 → 二十一 (for 届/次 names)."""
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    return str(n)


def _same_cppcc(by, cppcc) -> bool:
    return getattr(by, "cppcc_id", None) == getattr(cppcc, "pk", cppcc)


# Members ------------------------------------------------------------------------------------------

def clean_member_data(data: dict) -> dict:
    out = {k: (v.strip() if isinstance(v, str) else v) for k, v in data.items() if k in MEMBER_FIELDS}
    if "name" in out and not out["name"]:
        raise ApplicationError("请填写委员姓名。", field="name")
    if out.get("gender") and out["gender"] not in Member.Gender.values:
        raise ApplicationError("性别应为“男”或“女”。", field="gender")
    phone = out.get("phone") or ""
    if phone and not PHONE_RE.match(phone.replace(" ", "")):
        raise ApplicationError(f"手机号码「{phone}」格式不正确，应为11位手机号或带区号的固定电话。", field="phone")
    if out.get("email"):
        try:
            validate_email(out["email"])
        except ValidationError:
            raise ApplicationError(f"电子邮箱「{out['email']}」格式不正确。", field="email")
    if "pinyin_override" in out:
        override = (out["pinyin_override"] or "").lower().replace(" ", "")
        if override and not PINYIN_RE.match(override):
            raise ApplicationError("拼音首字母只能填写英文字母（如 sxm），最多20个。", field="pinyin_override")
        out["pinyin_override"] = override
    birth = out.get("birth_date")
    if birth and birth > timezone.localdate():
        raise ApplicationError("出生日期不能晚于今天。", field="birth_date")
    return out


def member_create(*, cppcc, by, name: str, user=None, **data) -> Member:
    """A new person record; the 届 seat comes from membership_add."""
    fields = clean_member_data({"name": name, **data})
    allowed = permissions.can_edit_members(by) and _same_cppcc(by, cppcc)
    with recorded_write(by=by, action="member.create", allowed=allowed, message=f"新建委员档案「{fields['name']}」") as w:
        member = Member(cppcc=cppcc, user=user, pinyin_initials=initials(fields["name"]), **fields)
        member.save()
        w.obj = member
    return member


def member_update(*, member: Member, by, **data) -> Member:
    """Change profile fields; a new name recomputes the pinyin initials (the manual override stays)."""
    fields = clean_member_data(data)
    allowed = permissions.can_edit_members(by) and _same_cppcc(by, member.cppcc_id)
    with recorded_write(by=by, action="member.update", obj=member, allowed=allowed, message="修改了委员信息") as w:
        obj = w.lock()
        for name, value in fields.items():
            setattr(obj, name, value if value is not None or name == "birth_date" else "")
        obj.pinyin_initials = initials(obj.name)
        obj.save()
        after = snapshot(obj)
        changed = [str(Member._meta.get_field(k).verbose_name) for k in fields if w.before.get(k) != after.get(k)]
        if changed:
            w.message = "修改了委员信息：" + "、".join(changed)
    member.refresh_from_db()
    return member


def member_create_with_seat(*, cppcc, by, profile: dict, seat: dict) -> Member:
    """A new member together with their first seat: both or neither."""
    with transaction.atomic():
        member = member_create(cppcc=cppcc, by=by, **profile)
        membership_add(member=member, by=by, **seat)
    return member


# Memberships --------------------------------------------------------------------------------------

def _check_org(org, kind: str, cppcc_id: int, label: str) -> None:
    if org is None:
        return
    if org.cppcc_id != cppcc_id or org.kind != kind:
        raise ApplicationError(f"所选{label}「{org}」不属于本政协的{label}列表。")


def _check_overlap(member, term, start: dt.date, end: dt.date | None, exclude_pk=None) -> None:
    for seat in Membership.objects.filter(member=member, term=term).exclude(pk=exclude_pk):
        seat_end = seat.end_date or dt.date.max
        new_end = end or dt.date.max
        if seat.start_date <= new_end and start <= seat_end:
            until = f"至{seat.end_date:%Y-%m-%d}" if seat.end_date else "起，仍有效"
            raise ApplicationError(
                f"{member.name}在{term.name}已有任职（{seat.start_date:%Y-%m-%d}{until}），日期不能重叠；如需调整，请先办理结束任职。"
            )


def membership_add(*, member: Member, term: Term, sector: Organisation, start_date: dt.date, by,
                   start_reason: str = Membership.StartReason.ADDED, committee: Organisation | None = None,
                   party: Organisation | None = None, position: str = Membership.Position.MEMBER,
                   is_standing: bool = False) -> Membership:
    """A seat in a 届: 当选, 增补 or 调入, from `start_date`."""
    cppcc_id = member.cppcc_id
    if sector is None:
        raise ApplicationError("请选择界别。", field="sector")
    if term.cppcc_id != cppcc_id:
        raise ApplicationError("所选届次不属于本政协。", field="term")
    _check_org(sector, Organisation.Kind.SECTOR, cppcc_id, "界别")
    _check_org(committee, Organisation.Kind.COMMITTEE, cppcc_id, "专委会")
    _check_org(party, Organisation.Kind.PARTY, cppcc_id, "党派")
    if start_date is None:
        raise ApplicationError("请填写任职开始日期。", field="start_date")
    if start_date < term.start_date:
        raise ApplicationError(f"任职开始日期不能早于{term.name}开始日期（{term.start_date:%Y-%m-%d}）。", field="start_date")
    if term.end_date and start_date > term.end_date:
        raise ApplicationError(f"任职开始日期不能晚于{term.name}结束日期（{term.end_date:%Y-%m-%d}）。", field="start_date")
    if start_reason not in Membership.StartReason.values:
        raise ApplicationError("开始原因应为：当选、增补或调入。", field="start_reason")
    if position not in Membership.Position.values:
        raise ApplicationError("职务不在可选范围内。", field="position")
    _check_overlap(member, term, start_date, None)
    allowed = permissions.can_edit_members(by) and _same_cppcc(by, cppcc_id)
    reason = Membership.StartReason(start_reason).label
    with recorded_write(by=by, action="membership.add", allowed=allowed,
                        message=f"{reason}为{term.name}委员（{sector}，自{start_date:%Y-%m-%d}起）") as w:
        seat = Membership.objects.create(
            cppcc_id=cppcc_id, member=member, term=term, sector=sector, committee=committee, party=party,
            position=position, is_standing=bool(is_standing) or position in {
                Membership.Position.STANDING, Membership.Position.CHAIR, Membership.Position.VICE_CHAIR,
                Membership.Position.SECRETARY_GENERAL},
            start_date=start_date, start_reason=start_reason,
        )
        w.obj = seat
    return seat


def membership_end(*, membership: Membership, end_date: dt.date, end_reason: str, by) -> Membership:
    """辞去 / 撤销 / 免去 / 调离 / 去世 / 届满: the seat stays in the record with its end date and reason."""
    if membership.end_date:
        raise ApplicationError(
            f"该任职已于{membership.end_date:%Y-%m-%d}结束（{membership.get_end_reason_display() or '未注明原因'}），不能重复办理。"
        )
    if end_date is None:
        raise ApplicationError("请填写结束日期。", field="end_date")
    if end_date < membership.start_date:
        raise ApplicationError(f"结束日期不能早于任职开始日期（{membership.start_date:%Y-%m-%d}）。", field="end_date")
    if end_reason not in Membership.EndReason.values:
        raise ApplicationError("请选择结束原因（届满、辞去、撤销、免去、调离或去世）。", field="end_reason")
    allowed = permissions.can_edit_members(by) and _same_cppcc(by, membership.cppcc_id)
    label = Membership.EndReason(end_reason).label
    with recorded_write(by=by, action="membership.end", obj=membership, allowed=allowed,
                        message=f"{membership.term}任职结束：{label}（{end_date:%Y-%m-%d}）") as w:
        seat = w.lock()
        seat.end_date = end_date
        seat.end_reason = end_reason
        seat.save(update_fields=["end_date", "end_reason", "updated_at"])
    membership.refresh_from_db()
    return membership


# Terms --------------------------------------------------------------------------------------------

def term_create(*, cppcc, number: int, start_date: dt.date, by, name: str = "", end_date: dt.date | None = None) -> Term:
    if not number or number < 1:
        raise ApplicationError("请填写届数（正整数）。", field="number")
    if start_date is None:
        raise ApplicationError("请填写届次开始日期。", field="start_date")
    if end_date and end_date < start_date:
        raise ApplicationError("届次结束日期不能早于开始日期。", field="end_date")
    name = (name or "").strip() or f"{chinese_number(number)}届"
    if Term.objects.filter(cppcc=cppcc, number=number).exists():
        raise ApplicationError(f"本政协已有第{number}届（{name}），不能重复创建。", field="number")
    allowed = permissions.can_manage_meetings(by) and _same_cppcc(by, cppcc)
    with recorded_write(by=by, action="term.create", allowed=allowed, message=f"新建届次「{name}」") as w:
        term = Term.objects.create(cppcc=cppcc, number=number, name=name, start_date=start_date, end_date=end_date)
        w.obj = term
    return term


# Meetings -----------------------------------------------------------------------------------------

MEETING_FIELDS = ("term", "kind", "number", "name", "start_date", "end_date", "location", "proposal_window_start",
                  "proposal_deadline", "handling_deadline")


def meeting_default_name(cppcc, term: Term, kind: str, number: int) -> str:
    short = getattr(cppcc, "short_name", "") or ""
    n = chinese_number(number)
    if kind == Meeting.Kind.PLENARY:
        return f"{short}政协{term.name}{n}次会议"
    if kind == Meeting.Kind.STANDING:
        return f"{short}政协{term.name}常委会第{n}次会议"
    return f"{short}政协{term.name}第{n}次主席会议"


def _local_day(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _validate_meeting(cppcc_id: int, data: dict, exclude_pk=None) -> None:
    term, kind, number = data.get("term"), data.get("kind"), data.get("number")
    if term is None or term.cppcc_id != cppcc_id:
        raise ApplicationError("请选择本政协的届次。", field="term")
    if kind not in Meeting.Kind.values:
        raise ApplicationError("请选择会议类型（全体会议、常委会议或主席会议）。", field="kind")
    if not number or number < 1:
        raise ApplicationError("请填写会议的“次”（正整数，如 3 表示三次会议）。", field="number")
    start, end = data.get("start_date"), data.get("end_date")
    if start is None or end is None:
        raise ApplicationError("请填写会议开始日期和结束日期。", field="start_date")
    if end < start:
        raise ApplicationError("会议结束日期不能早于开始日期。", field="end_date")
    if term.start_date and start < term.start_date:
        raise ApplicationError(f"会议开始日期不能早于{term.name}开始日期（{term.start_date:%Y-%m-%d}）。", field="start_date")
    window, deadline = data.get("proposal_window_start"), data.get("proposal_deadline")
    if window and window > start:
        raise ApplicationError("大会提案征集开始日期不能晚于会议开始日期。", field="proposal_window_start")
    if deadline and window and _local_day(deadline) <= window:
        raise ApplicationError("提案截止时间应晚于大会提案征集开始日期。", field="proposal_deadline")
    handling = data.get("handling_deadline")
    if handling and handling < start:
        raise ApplicationError("办复截止日期不能早于会议开始日期。", field="handling_deadline")
    clash = Meeting.objects.filter(term=term, kind=kind, number=number).exclude(pk=exclude_pk).first()
    if clash:
        raise ApplicationError(
            f"{term.name}已有第{chinese_number(number)}次{Meeting.Kind(kind).label}（「{clash.name}」），"
            f"同一届次同类会议的“次”不能重复。", field="number",
        )


def meeting_create(*, cppcc, by, term: Term, kind: str, number: int, start_date: dt.date, end_date: dt.date,
                   name: str = "", location: str = "", proposal_window_start: dt.date | None = None,
                   proposal_deadline: dt.datetime | None = None, handling_deadline: dt.date | None = None) -> Meeting:
    data = {"term": term, "kind": kind, "number": number, "start_date": start_date, "end_date": end_date,
            "proposal_window_start": proposal_window_start, "proposal_deadline": proposal_deadline,
            "handling_deadline": handling_deadline}
    _validate_meeting(cppcc.pk, data)
    name = (name or "").strip() or meeting_default_name(cppcc, term, kind, number)
    allowed = permissions.can_manage_meetings(by) and _same_cppcc(by, cppcc)
    with recorded_write(by=by, action="meeting.create", allowed=allowed, message=f"新建会议「{name}」") as w:
        meeting = Meeting.objects.create(cppcc=cppcc, name=name, location=(location or "").strip(), **data)
        w.obj = meeting
    return meeting


def meeting_update(*, meeting: Meeting, by, **changes) -> Meeting:
    data = {f: getattr(meeting, f) for f in MEETING_FIELDS}
    data.update({k: v for k, v in changes.items() if k in MEETING_FIELDS})
    _validate_meeting(meeting.cppcc_id, data, exclude_pk=meeting.pk)
    data["name"] = (data.get("name") or "").strip() or meeting.name
    data["location"] = (data.get("location") or "").strip()
    allowed = permissions.can_manage_meetings(by) and _same_cppcc(by, meeting.cppcc_id)
    with recorded_write(by=by, action="meeting.update", obj=meeting, allowed=allowed, message="修改了会议信息") as w:
        obj = w.lock()
        for key, value in data.items():
            setattr(obj, key, value)
        obj.save()
    meeting.refresh_from_db()
    return meeting


def sitting_add(*, meeting: Meeting, date: dt.date, by, period: str = Sitting.Period.AM, title: str = "") -> Sitting:
    if date is None:
        raise ApplicationError("请填写场次日期。", field="date")
    if not (meeting.start_date <= date <= meeting.end_date):
        raise ApplicationError(
            f"场次日期应在会议日期（{meeting.start_date:%Y-%m-%d}至{meeting.end_date:%Y-%m-%d}）之内。", field="date"
        )
    if period not in Sitting.Period.values:
        raise ApplicationError("请选择时段（上午、下午、晚上或全天）。", field="period")
    allowed = permissions.can_manage_meetings(by) and _same_cppcc(by, meeting.cppcc_id)
    with recorded_write(by=by, action="meeting.sitting_add", obj=meeting, allowed=allowed, message="") as w:
        seq = (Sitting.objects.filter(meeting=meeting).aggregate(m=Max("seq"))["m"] or 0) + 1
        sitting = Sitting.objects.create(meeting=meeting, seq=seq, date=date, period=period, title=(title or "").strip())
        w.message = f"新增第{seq}场：{date:%Y-%m-%d} {sitting.get_period_display()} {sitting.title}".strip()
    return sitting
