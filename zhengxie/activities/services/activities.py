"""活动: create and edit ("谁组织谁记录"), invite, publish (通知), start, close (记录完成), reopen, archive, cancel."""
from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from zhengxie.accounts.models import Organisation
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.writes import recorded_write
from zhengxie.members.models import Member, Membership

from .. import permissions
from ..models import Activity, ActivityKind, ActivitySitting, LeaveRequest, Participation
from ..workflow import EDITABLE_STATES, Action, LeaveState, Status
from ._common import member_users, notify, now, transition, when

FIELDS = ("kind", "title", "organiser", "start_at", "end_at", "location", "signin_opens_at", "signin_closes_at",
          "description", "open_registration", "meeting")


def _check(a: Activity, by) -> None:
    a.title = (a.title or "").strip()
    if not a.title:
        raise ApplicationError("请填写活动名称。", field="title")
    if a.kind_id is None or a.kind.cppcc_id != a.cppcc_id:
        raise ApplicationError("请选择活动类型。", field="kind")
    if not a.kind.is_active:
        raise ApplicationError(f"活动类型「{a.kind.name}」已停用。", field="kind")
    if a.organiser_id is None or a.organiser.cppcc_id != a.cppcc_id:
        raise ApplicationError("请选择组织单位。", field="organiser")
    ids = permissions.organiser_org_ids(by)
    if ids is not None and a.organiser_id not in ids:
        raise ApplicationError("只能为本人所在的组织单位记录活动（谁组织谁记录）。", field="organiser")
    if a.start_at is None or a.end_at is None:
        raise ApplicationError("请填写活动的开始和结束时间。", field="start_at")
    if a.end_at < a.start_at:
        raise ApplicationError("结束时间不能早于开始时间。", field="end_at")
    if a.signin_opens_at and a.signin_closes_at and a.signin_closes_at <= a.signin_opens_at:
        raise ApplicationError("签到截止时间须晚于签到开始时间。", field="signin_closes_at")
    if a.meeting_id and a.meeting.cppcc_id != a.cppcc_id:
        raise ApplicationError("所属会议不正确。", field="meeting")
    home = getattr(a.organiser, "home", None) if a.organiser.kind == Organisation.Kind.MEMBER_HOME else None
    a.home = home


def activity_create(*, by, kind: ActivityKind, title: str, organiser: Organisation, start_at: dt.datetime,
                    end_at: dt.datetime, location: str = "", description: str = "", signin_opens_at=None,
                    signin_closes_at=None, open_registration: bool = False, meeting=None, parent=None) -> Activity:
    """A draft activity of the organiser's own organisation."""
    with recorded_write(by=by, action="activity.create", allowed=permissions.can_create(by),
                        message=f"登记活动「{(title or '').strip()}」") as w:
        a = Activity(cppcc_id=by.cppcc_id, kind=kind, title=title, organiser=organiser, start_at=start_at, end_at=end_at,
                     location=location or "", description=description or "", signin_opens_at=signin_opens_at,
                     signin_closes_at=signin_closes_at, open_registration=bool(open_registration), meeting=meeting,
                     created_by=by)
        if parent is not None:
            if getattr(parent, "cppcc_id", None) != by.cppcc_id:
                raise ApplicationError("上级记录不属于本政协。")
            a.parent_type = ContentType.objects.get_for_model(parent)
            a.parent_id = str(parent.pk)
        _check(a, by)
        a.save()
        w.obj = a
    return a


def activity_update(*, activity: Activity, by, **data) -> Activity:
    unknown = set(data) - set(FIELDS)
    if unknown:
        raise ApplicationError(f"不能修改：{'、'.join(sorted(unknown))}")
    with recorded_write(by=by, action="activity.update", obj=activity, allowed=permissions.can_edit(by, activity),
                        message="修改活动信息") as w:
        a = w.lock()
        if a.status not in EDITABLE_STATES:
            raise ApplicationError("活动记录已完成，不能再修改；如需补正请先“重新打开”。")
        for k, v in data.items():
            setattr(a, k, v)
        _check(a, by)
        a.save()
    return a


def sitting_add(*, activity: Activity, by, date: dt.date, period: str, title: str = "") -> ActivitySitting:
    with recorded_write(by=by, action="activity.sitting_add", obj=activity, allowed=permissions.can_edit(by, activity),
                        message=f"增加场次：{date:%Y-%m-%d}{dict(ActivitySitting.Period.choices).get(period, '')}") as w:
        a = w.lock()
        if period not in ActivitySitting.Period.values:
            raise ApplicationError("请选择场次时段。", field="period")
        if not (a.start_at.date() - dt.timedelta(days=1) <= date <= a.end_at.date() + dt.timedelta(days=1)):
            raise ApplicationError("场次日期须在活动日期内。", field="date")
        seq = (a.sittings.order_by("-seq").values_list("seq", flat=True).first() or 0) + 1
        return ActivitySitting.objects.create(activity=a, seq=seq, date=date, period=period, title=(title or "").strip())


def _seat_ok(member: Member, day: dt.date) -> bool:
    return Membership.objects.filter(Membership.valid_on(day), member=member).exists()


def activity_invite(*, activity: Activity, member_ids, by, role: str = Participation.Role.PARTICIPANT) -> int:
    """Invite members (委员 of this 政协 with a seat on the activity's date). Returns how many were added.
    If the notice has already gone out, the newly invited members are notified at once."""
    ids = list(dict.fromkeys(int(i) for i in member_ids))
    if not ids:
        raise ApplicationError("请选择要邀请的委员。", field="members")
    with recorded_write(by=by, action="activity.invite", obj=activity, allowed=permissions.can_edit(by, activity),
                        message="邀请委员") as w:
        a = w.lock()
        day = a.start_at.date()
        members = {m.pk: m for m in Member.objects.filter(pk__in=ids, cppcc_id=a.cppcc_id).select_related("user")}
        existing = set(a.participations.values_list("member_id", flat=True))
        added = []
        for mid in ids:
            m = members.get(mid)
            if m is None:
                raise ApplicationError("只能邀请本政协的委员。", field="members")
            if mid in existing:
                continue
            if not _seat_ok(m, day):
                raise ApplicationError(f"「{m.name}」在{day:%Y年%-m月%-d日}不是本政协委员，不能邀请。", field="members")
            added.append(Participation(cppcc_id=a.cppcc_id, activity=a, member=m, role=role, invited=True, invited_at=now()))
        Participation.objects.bulk_create(added)
        w.message = f"邀请委员{len(added)}人"
        w.data = {"members": [p.member_id for p in added]}
        if a.status != Status.DRAFT and added:
            _notify_invited(a, [p.member for p in added], by)
    return len(added)


def participation_remove(*, participation: Participation, by) -> None:
    a = participation.activity
    with recorded_write(by=by, action="activity.uninvite", obj=a, allowed=permissions.can_edit(by, a),
                        message=f"取消邀请：{participation.member.name}") as w:
        w.lock()
        if participation.attendance != Participation.Attendance.PENDING or participation.is_speaker:
            raise ApplicationError("已签到、已请假或安排了发言的委员不能取消邀请。")
        participation.delete()


def _notify_invited(a: Activity, members, by) -> None:
    body = f"时间：{when(a.start_at)}；地点：{a.location or '另行通知'}。请按时参加，不能参加的请在系统中请假。"
    notify(member_users(members), f"活动通知：{a.title}", body, reverse("activities:detail", args=[a.pk]), by=by,
           cppcc=a.cppcc_id)


def activity_publish(*, activity: Activity, by) -> Activity:
    """发布通知: invited members are notified (inbox and their channels)."""
    if activity.status == Status.DRAFT and not activity.open_registration and not activity.participations.exists():
        raise ApplicationError("请先邀请参加的委员，或设置为“允许委员自行报名”，再发布通知。")
    a = transition(activity, Action.PUBLISH, by, published_at=now())
    _notify_invited(a, Member.objects.filter(participations__activity=a).select_related("user"), by)
    return a


def activity_start(*, activity: Activity, by) -> Activity:
    return transition(activity, Action.START, by)


def activity_close(*, activity: Activity, by, summary: str | None = None) -> Activity:
    """结束并完成记录: whoever has not signed in is recorded 缺席, or 请假 with an approved leave."""
    a = transition(activity, Action.CLOSE, by, closed_at=now(), **({"summary": summary} if summary is not None else {}))
    on_leave = set(LeaveRequest.objects.filter(activity=a, state=LeaveState.APPROVED).values_list("member_id", flat=True))
    pending = a.participations.filter(attendance=Participation.Attendance.PENDING)
    pending.filter(member_id__in=on_leave).update(attendance=Participation.Attendance.LEAVE)
    pending.exclude(member_id__in=on_leave).update(attendance=Participation.Attendance.ABSENT)
    return a


def activity_reopen(*, activity: Activity, by, reason: str) -> Activity:
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError("重新打开须说明原因（如：补录出席情况）。", field="reason")
    return transition(activity, Action.REOPEN, by, message=f"重新打开补正记录：{reason}", data={"reason": reason})


def activity_archive(*, activity: Activity, by) -> Activity:
    return transition(activity, Action.ARCHIVE, by)


def activity_cancel(*, activity: Activity, by, reason: str) -> Activity:
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError("取消活动须说明原因。", field="reason")
    was_published = activity.status == Status.PUBLISHED
    a = transition(activity, Action.CANCEL, by, message=f"取消活动：{reason}", cancel_reason=reason[:200])
    if was_published:
        members = Member.objects.filter(participations__activity=a).select_related("user")
        notify(member_users(members), f"活动取消：{a.title}", f"原定{when(a.start_at)}的活动已取消。原因：{reason}",
               reverse("activities:detail", args=[a.pk]), by=by, cppcc=a.cppcc_id)
    return a


def participation_register(*, activity: Activity, by) -> Participation:
    """报名 (open registration) or 确认参加 (invited)."""
    member = permissions.member_of(by)
    with recorded_write(by=by, action="activity.register", obj=activity, allowed=member is not None,
                        message=f"{getattr(member, 'name', '')}报名参加") as w:
        a = w.lock()
        if not permissions.can_register(by, a):
            part = permissions.my_participation(by, a)
            if part is not None and part.registered_at:
                raise ApplicationError("您已报名，无需重复报名。")
            if a.status not in (Status.PUBLISHED, Status.IN_PROGRESS):
                raise ApplicationError("活动不在报名期间。")
            raise ApplicationError("本活动不接受自行报名，请联系组织单位。")
        part, _ = Participation.objects.get_or_create(
            activity=a, member=member, defaults={"cppcc_id": a.cppcc_id, "invited": False})
        part.registered_at = now()
        part.save(update_fields=["registered_at", "updated_at"])
        return part
