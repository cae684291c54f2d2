"""活动类型: seeded defaults per 政协 and their administration."""
from __future__ import annotations

import re

from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.roles import Role
from zhengxie.core.writes import recorded_write

from ..models import ActivityKind, OutcomeFigure
from ..permissions import can_manage_kinds

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

#: outcome figure templates of the default kinds ("名称 单位" per line), e.g. the review's "走访农户540余户".
DEFAULT_TEMPLATES = {
    "research": "走访农户 户\n发放调查问卷 份\n召开座谈会 场\n形成调研报告 篇",
    "inspection": "召开座谈会 场\n实地察看点位 项\n提出意见建议 件",
    "public": "捐款 元\n捐助大学生 人\n服务群众 人",
    "home": "接待群众 人\n收集意见建议 件",
    "community": "协商议题 项\n解决问题 件",
}


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
                                                leave_approver_role=approver, signin_required=signin, sort=sort,
                                                outcome_templates=parse_outcome_templates(DEFAULT_TEMPLATES.get(code, "")))
    return list(ActivityKind.objects.filter(cppcc=cppcc))


UNITS = [u for u, _ in OutcomeFigure.Unit.choices]
CODE_RE = re.compile(r"^[a-z][a-z0-9_-]{1,39}$")


def parse_outcome_templates(text) -> list[dict]:
    """"走访农户 户" per line (name, a space, the unit) → [{"name": "走访农户", "unit": "户"}]; a list passes through."""
    if isinstance(text, list):
        lines = [f"{t.get('name', '')} {t.get('unit', '')}" for t in text]
    else:
        lines = (text or "").splitlines()
    out = []
    for n, line in enumerate(lines, start=1):
        line = line.strip()
        if not line:
            continue
        name, _, unit = line.rpartition(" ")
        name = name.strip()
        if not name or unit not in UNITS:
            raise ApplicationError(f"成果数据模板第{n}行应为“名称 单位”，单位为{'/'.join(UNITS)}之一，如：走访农户 户。",
                                   field="outcome_templates")
        if len(name) > 60:
            raise ApplicationError(f"成果数据模板第{n}行的名称太长（最多60字）。", field="outcome_templates")
        if {"name": name, "unit": unit} not in out:
            out.append({"name": name, "unit": unit})
    return out


def _check(cppcc_id, *, name: str, category: str, leave_approver_role: str, exclude=None) -> str:
    name = (name or "").strip()
    if not name:
        raise ApplicationError("请填写活动类型名称。", field="name")
    if len(name) > 40:
        raise ApplicationError("活动类型名称最多40字。", field="name")
    if category not in ActivityKind.Category.values:
        raise ApplicationError("请选择活动类别。", field="category")
    if leave_approver_role not in Role.values:
        raise ApplicationError("请假审批角色不正确。", field="leave_approver_role")
    same = ActivityKind.objects.filter(cppcc_id=cppcc_id, name=name)
    if exclude is not None:
        same = same.exclude(pk=exclude.pk)
    if same.exists():
        raise ApplicationError(f"已有名为“{name}”的活动类型。", field="name")
    return name


def activity_kind_create(*, cppcc, by, code: str, name: str, category: str, leave_approver_role: str,
                         signin_required: bool = True, counts_for_points: bool = True, outcome_templates=()) -> ActivityKind:
    """A new kind (administrator): code (English letters, digits, _ or -), name, category, approver, options."""
    allowed = can_manage_kinds(by) and by.cppcc_id == cppcc.pk
    with recorded_write(by=by, action="activity_kind.create", allowed=allowed, message=f"新增活动类型「{name}」",
                        timeline=False) as w:
        code = (code or "").strip().lower()
        if not CODE_RE.match(code):
            raise ApplicationError("类型代码应以小写英文字母开头，由小写字母、数字、下划线或连字符组成（2–40位），如 field_trip。",
                                   field="code")
        if ActivityKind.objects.filter(cppcc=cppcc, code=code).exists():
            raise ApplicationError(f"类型代码“{code}”已被使用。", field="code")
        name = _check(cppcc.pk, name=name, category=category, leave_approver_role=leave_approver_role)
        sort = (ActivityKind.objects.filter(cppcc=cppcc).order_by("-sort").values_list("sort", flat=True).first() or 0) + 1
        w.obj = ActivityKind.objects.create(
            cppcc=cppcc, code=code, name=name, category=category, leave_approver_role=leave_approver_role,
            signin_required=bool(signin_required), counts_for_points=bool(counts_for_points),
            outcome_templates=parse_outcome_templates(outcome_templates), sort=sort)
    return w.obj


def activity_kind_update(*, kind: ActivityKind, by, name: str, leave_approver_role: str, signin_required: bool,
                         is_active: bool = True, category: str | None = None, counts_for_points: bool | None = None,
                         outcome_templates=None) -> ActivityKind:
    """Edit a kind (administrator). The code stays (points rules and figures refer to it)."""
    allowed = can_manage_kinds(by) and by.cppcc_id == kind.cppcc_id
    with recorded_write(by=by, action="activity_kind.update", obj=kind, allowed=allowed,
                        message=f"修改活动类型「{kind.name}」", timeline=False) as w:
        name = _check(kind.cppcc_id, name=name, category=category or kind.category,
                      leave_approver_role=leave_approver_role, exclude=kind)
        templates = parse_outcome_templates(outcome_templates) if outcome_templates is not None else None
        obj = w.lock()
        obj.name, obj.leave_approver_role, obj.signin_required, obj.is_active = (
            name, leave_approver_role, bool(signin_required), bool(is_active))
        if category is not None:
            obj.category = category
        if counts_for_points is not None:
            obj.counts_for_points = bool(counts_for_points)
        if templates is not None:
            obj.outcome_templates = templates
        obj.save()
        return obj
