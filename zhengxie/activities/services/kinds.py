"""活动类型: seeded defaults per 政协 and their administration."""
from __future__ import annotations

from zhengxie.accounts.selectors import has_role
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.roles import Role
from zhengxie.core.writes import recorded_write

from ..models import ActivityKind

C = ActivityKind.Category
#: (code, name, category, 请假审批角色, 需要签到) — domain.md §1.1, §5.1, §7, §8, §9.
DEFAULT_KINDS = [
    ("plenary", "全体会议", C.MEETING, Role.LEADER, True),
    ("standing", "常委会议", C.MEETING, Role.LEADER, True),
    ("chair", "主席会议", C.MEETING, Role.LEADER, True),
    ("consultation", "专题协商会", C.CONSULTATION, Role.COMMITTEE_STAFF, True),
    ("biweekly", "双周协商座谈会", C.CONSULTATION, Role.COMMITTEE_STAFF, True),
    ("symposium", "学习座谈会", C.STUDY, Role.COMMITTEE_STAFF, True),
    ("research", "调研", C.RESEARCH, Role.COMMITTEE_STAFF, True),
    ("inspection", "视察", C.INSPECTION, Role.COMMITTEE_STAFF, True),
    ("study", "学习培训", C.STUDY, Role.COMMITTEE_STAFF, True),
    ("reading", "读书活动", C.STUDY, Role.COMMITTEE_STAFF, True),
    ("home", "委员之家活动", C.HOME, Role.COMMITTEE_STAFF, True),
    ("community", "有事来商量协商", C.COMMUNITY, Role.COMMITTEE_STAFF, True),
    ("evaluation", "民主评议", C.EVALUATION, Role.COMMITTEE_STAFF, True),
    ("public", "公益/联系群众", C.PUBLIC, Role.COMMITTEE_STAFF, False),
]


def activity_kinds_ensure(cppcc, *, by=None) -> list[ActivityKind]:
    """Create the default kinds a 政协 does not have yet (existing rows, edited or not, are kept)."""
    from zhengxie.core.system import system_user

    by = by or system_user(cppcc)
    existing = set(ActivityKind.objects.filter(cppcc=cppcc).values_list("code", flat=True))
    for sort, (code, name, category, approver, signin) in enumerate(DEFAULT_KINDS, start=1):
        if code in existing:
            continue
        with recorded_write(by=by, action="activity_kind.create", message=f"新增活动类型「{name}」", timeline=False) as w:
            w.obj = ActivityKind.objects.create(cppcc=cppcc, code=code, name=name, category=category,
                                                leave_approver_role=approver, signin_required=signin, sort=sort)
    return list(ActivityKind.objects.filter(cppcc=cppcc))


def activity_kind_update(*, kind: ActivityKind, by, name: str, leave_approver_role: str, signin_required: bool,
                         is_active: bool = True) -> ActivityKind:
    allowed = has_role(by, Role.ADMIN) and by.cppcc_id == kind.cppcc_id
    with recorded_write(by=by, action="activity_kind.update", obj=kind, allowed=allowed,
                        message=f"修改活动类型「{kind.name}」", timeline=False) as w:
        name = (name or "").strip()
        if not name:
            raise ApplicationError("请填写活动类型名称。", field="name")
        if leave_approver_role not in Role.values:
            raise ApplicationError("请假审批角色不正确。", field="leave_approver_role")
        obj = w.lock()
        obj.name, obj.leave_approver_role, obj.signin_required, obj.is_active = (
            name, leave_approver_role, bool(signin_required), bool(is_active))
        obj.save()
        return obj
