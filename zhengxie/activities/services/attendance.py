"""签到 (QR token or short code), 代签 with a reason, attendance corrections, speakers and outcome figures."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.writes import recorded_write

from .. import permissions, signin
from ..models import Activity, OutcomeFigure, Participation
from ..workflow import Status
from ._common import now as _now

NOT_INVITED = "您不在本活动的参加名单中。如需参加，请联系组织单位。"
PA = Participation.Attendance


def _hm(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%H:%M")


def _sittings_on(a: Activity, day: dt.date):
    return list(a.sittings.filter(date=day))


def activity_sign_in(*, activity: Activity, by, token: str = "", code: str = "", now: dt.datetime | None = None) -> Participation:
    """A member signs in with the QR token (or the 6-digit code) of the current or previous slot, inside the window."""
    now = now or _now()
    member = permissions.member_of(by)
    if member is None or getattr(by, "cppcc_id", None) != activity.cppcc_id:
        raise PermissionDenied("只有本政协的委员可以签到。")
    with recorded_write(by=by, action="activity.sign_in", obj=activity, message=f"{member.name}扫码签到") as w:
        a = w.lock()
        if a.status == Status.PUBLISHED:
            raise ApplicationError("活动尚未开始签到，请等待组织单位开放签到。")
        if a.status != Status.IN_PROGRESS:
            raise ApplicationError(f"活动{a.get_status_display()}，不能签到。")
        if token:
            signin.check_token(a, token, now)
        else:
            signin.check_code(a, code, now)
        signin.check_window(a, now)
        part = Participation.objects.select_for_update().filter(activity=a, member=member).first()
        if part is None:
            if not a.open_registration:
                raise ApplicationError(NOT_INVITED)
            part = Participation.objects.create(cppcc_id=a.cppcc_id, activity=a, member=member, invited=False,
                                                registered_at=now)
        if part.attended:
            raise ApplicationError(f"您已于{_hm(part.signed_in_at or now)}签到，无需重复签到。")
        part.attendance, part.signed_in_at, part.signed_by, part.proxy_reason = PA.PRESENT, now, by, ""
        part.save()
        part.sittings.add(*_sittings_on(a, timezone.localtime(now).date()))
        w.data = {"member": member.pk, "way": "token" if token else "code"}
        return part


def activity_proxy_sign_in(*, participation: Participation, by, reason: str) -> Participation:
    """代签 by the organiser: only with a reason, recorded in the timeline and the audit log."""
    a = participation.activity
    reason = (reason or "").strip()
    with recorded_write(by=by, action="activity.proxy_sign_in", obj=a, allowed=permissions.can_record(by, a),
                        message=f"代签：{participation.member.name}（{reason}）") as w:
        w.lock()
        if not reason:
            raise ApplicationError("代签必须填写原因（如：手机无法扫码，经现场核实到会）。", field="reason")
        part = Participation.objects.select_for_update().get(pk=participation.pk)
        if part.attended:
            raise ApplicationError(f"「{part.member.name}」已签到，无需代签。")
        at = _now()
        part.attendance, part.signed_in_at, part.signed_by, part.proxy_reason = PA.PROXY, at, by, reason[:200]
        part.save()
        part.sittings.add(*_sittings_on(a, timezone.localtime(at).date()))
        w.data = {"member": part.member_id, "reason": reason}
        return part


def attendance_set(*, participation: Participation, attendance: str, by, note: str = "") -> Participation:
    """Correct a row: 缺席, 请假 (leave given by other means: a note is required) or back to 未签到.
    出席 is only recorded by the member's own sign-in or by 代签 with a reason."""
    a = participation.activity
    with recorded_write(by=by, action="activity.attendance_set", obj=a, allowed=permissions.can_record(by, a),
                        message=f"登记出席情况：{participation.member.name} → {PA(attendance).label if attendance in PA.values else attendance}") as w:
        w.lock()
        if attendance not in (PA.ABSENT, PA.LEAVE, PA.PENDING):
            raise ApplicationError("出席只能由委员本人签到或经代签（须填写原因）登记。", field="attendance")
        if attendance == PA.LEAVE and not (note or "").strip():
            raise ApplicationError("登记请假须注明请假方式和事由。", field="note")
        part = Participation.objects.select_for_update().get(pk=participation.pk)
        w.data = {"member": part.member_id, "from": part.attendance, "to": attendance, "note": note}
        part.attendance = attendance
        if attendance != PA.PRESENT:
            part.signed_in_at, part.signed_by, part.proxy_reason = None, None, ""
            part.sittings.clear()
        part.save()
        return part


def attendance_sittings_set(*, participation: Participation, sitting_ids, by) -> Participation:
    a = participation.activity
    with recorded_write(by=by, action="activity.sittings_set", obj=a, allowed=permissions.can_record(by, a),
                        message=f"登记出席场次：{participation.member.name}") as w:
        w.lock()
        if not participation.attended:
            raise ApplicationError("只有已签到的委员才能登记出席场次。")
        sittings = list(a.sittings.filter(pk__in=[int(i) for i in sitting_ids]))
        participation.sittings.set(sittings)
        w.data = {"member": participation.member_id, "sittings": [s.seq for s in sittings]}
        return participation


def speaker_set(*, participation: Participation, by, is_speaker: bool, speech_title: str = "",
                speech_kind: str = Participation.SpeechKind.ORAL) -> Participation:
    """交流发言: planned while the activity is being prepared, confirmed while it is held."""
    a = participation.activity
    label = "登记发言" if is_speaker else "取消发言"
    with recorded_write(by=by, action="activity.speaker_set", obj=a, allowed=permissions.can_edit(by, a),
                        message=f"{label}：{participation.member.name}") as w:
        w.lock()
        part = Participation.objects.select_for_update().get(pk=participation.pk)
        if is_speaker:
            if speech_kind not in Participation.SpeechKind.values:
                raise ApplicationError("请选择发言形式（口头或书面）。", field="speech_kind")
            if part.attendance in (PA.ABSENT, PA.LEAVE) and speech_kind == Participation.SpeechKind.ORAL:
                raise ApplicationError(f"「{part.member.name}」未出席，不能登记口头发言（可登记为书面发言）。")
            part.is_speaker, part.speech_kind, part.speech_title = True, speech_kind, (speech_title or "").strip()[:200]
        else:
            part.is_speaker, part.speech_kind, part.speech_title = False, "", ""
        part.save()
        w.data = {"member": part.member_id, "speaker": part.is_speaker, "title": part.speech_title}
        return part


def _decimal(value) -> Decimal:
    try:
        d = Decimal(str(value).strip().replace(",", "").replace("，", ""))
    except (InvalidOperation, ValueError):
        raise ApplicationError("数量应填写数字，如 540 或 70.5。", field="value") from None
    if not d.is_finite() or d <= 0:
        raise ApplicationError("数量应大于0。", field="value")
    if d >= Decimal("1e12"):
        raise ApplicationError("数量过大，请检查单位（如“万元”请换算为元）。", field="value")
    return d.quantize(Decimal("0.01"))


def outcome_add(*, activity: Activity, by, name: str, unit: str, value, approximate: bool = False,
                note: str = "") -> OutcomeFigure:
    """成果数据: "走访农户540余户" = outcome_add(name="走访农户", unit="户", value=540, approximate=True)."""
    name = (name or "").strip()
    with recorded_write(by=by, action="activity.outcome_add", obj=activity, allowed=permissions.can_record(by, activity),
                        message=f"登记成果数据：{name}") as w:
        a = w.lock()
        if not name:
            raise ApplicationError("请填写成果名称，如“走访农户”。", field="name")
        if unit not in OutcomeFigure.Unit.values:
            raise ApplicationError(f"单位应为：{'、'.join(OutcomeFigure.Unit.values)}。", field="unit")
        o = OutcomeFigure.objects.create(cppcc_id=a.cppcc_id, activity=a, name=name[:60], unit=unit, value=_decimal(value),
                                         approximate=bool(approximate), note=(note or "").strip()[:200])
        w.message = f"登记成果数据：{o}"
        w.data = {"outcome": o.pk, "name": o.name, "unit": o.unit, "value": str(o.value)}
        return o


def outcome_delete(*, outcome: OutcomeFigure, by) -> None:
    a = outcome.activity
    with recorded_write(by=by, action="activity.outcome_delete", obj=a, allowed=permissions.can_record(by, a),
                        message=f"删除成果数据：{outcome}") as w:
        w.lock()
        w.data = {"name": outcome.name, "unit": outcome.unit, "value": str(outcome.value)}
        outcome.delete()
