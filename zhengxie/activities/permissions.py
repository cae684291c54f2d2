"""Who may do what with activities, 请假, appointments and 委员之家.

"谁组织谁记录": an organiser role (专委会, 提案委, 信息编辑) works on the activities of the organisations its role
assignment names; an administrator works on every activity of the 政协. `can()` / `available_actions()`
drive both the buttons and the checks in the services. Expected matrices: docs/workflows/{activities,leave}.csv.
"""
from __future__ import annotations

from zhengxie.accounts.models import Organisation
from zhengxie.accounts.selectors import active_assignments, has_role, roles_of
from zhengxie.core.roles import READ_ALL_ROLES, Role

from .models import Activity, LeaveRequest, MemberHome
from .workflow import (
    EDITABLE_STATES,
    LEAVE_STATES,
    LEAVE_TRANSITIONS,
    NOTIFIED_STATES,
    RECORDING_STATES,
    TRANSITIONS,
    LeaveAction,
    Status,
)

#: Roles that organise and record activities (each for the organisations of its assignment; admin for all).
ORGANISER_ROLES = (Role.COMMITTEE_STAFF, Role.PROPOSAL_STAFF, Role.INFO_EDITOR, Role.ADMIN)
MEMBER_ROLES = (Role.MEMBER, Role.STANDING_MEMBER)
#: Organisation kinds that may organise activities.
ORGANISER_KINDS = (Organisation.Kind.COMMITTEE, Organisation.Kind.OFFICE, Organisation.Kind.MEMBER_HOME,
                   Organisation.Kind.SECTOR, Organisation.Kind.GROUP)


def _same_cppcc(user, obj) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and getattr(user, "cppcc_id", None) == obj.cppcc_id


def organiser_org_ids(user) -> set[int] | None:
    """Organisations the user records activities for; None means every organisation (administrator)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if has_role(user, Role.ADMIN):
        return None
    return {a.organisation_id for a in active_assignments(user) if a.role in ORGANISER_ROLES and a.organisation_id}


def is_organiser_role(user) -> bool:
    return has_role(user, *ORGANISER_ROLES)


def is_organiser(user, a: Activity) -> bool:
    if not _same_cppcc(user, a):
        return False
    ids = organiser_org_ids(user)
    return ids is None or a.organiser_id in ids


def member_of(user):
    if not getattr(user, "is_authenticated", False) or not has_role(user, *MEMBER_ROLES):
        return None
    member = getattr(user, "member", None)
    return member if member is not None and member.cppcc_id == user.cppcc_id else None


def can(user, action: str, a: Activity) -> bool:
    if (a.status, action) not in TRANSITIONS:
        return False
    return is_organiser(user, a)


def available_actions(user, a: Activity) -> list[str]:
    if not is_organiser(user, a):
        return []
    return [act for (s, act) in TRANSITIONS if s == a.status]


# Activities -------------------------------------------------------------------------------------------

def can_create(user) -> bool:
    ids = organiser_org_ids(user)
    return is_organiser_role(user) and (ids is None or bool(ids))


def can_edit(user, a: Activity) -> bool:
    return a.status in EDITABLE_STATES and is_organiser(user, a)


def can_record(user, a: Activity) -> bool:
    """Attendance, 代签, speakers, outcome figures: the organiser while the activity is in progress."""
    return a.status in RECORDING_STATES and is_organiser(user, a)


def can_view(user, a: Activity) -> bool:
    if not _same_cppcc(user, a):
        return False
    if is_organiser(user, a):
        return True
    if a.status == Status.DRAFT:
        return False
    if roles_of(user) & READ_ALL_ROLES:
        return True
    member = member_of(user)
    if member is None:
        return False
    if a.open_registration and a.status in NOTIFIED_STATES:
        return True
    if a.home_id and a.home.lead_member_id == member.pk:
        return True
    return a.participations.filter(member=member).exists()


def my_participation(user, a: Activity):
    member = member_of(user)
    if member is None or not _same_cppcc(user, a):
        return None
    return a.participations.filter(member=member).first()


def can_register(user, a: Activity) -> bool:
    """报名/确认参加: an invited member, or any member when registration is open, before the activity ends."""
    if a.status not in (Status.PUBLISHED, Status.IN_PROGRESS) or member_of(user) is None or not _same_cppcc(user, a):
        return False
    part = my_participation(user, a)
    if part is not None:
        return part.registered_at is None and part.attendance == part.Attendance.PENDING
    return a.open_registration


def can_sign_in(user, a: Activity) -> bool:
    """Role-level: a member of this 政协 who is invited (or registration is open). Window and token: services."""
    if member_of(user) is None or not _same_cppcc(user, a):
        return False
    return a.open_registration or my_participation(user, a) is not None


def can_request_leave(user, a: Activity) -> bool:
    part = my_participation(user, a)
    return a.status in LEAVE_STATES and part is not None and part.attendance == part.Attendance.PENDING


# 请假 -------------------------------------------------------------------------------------------------

def is_leave_approver(user, a: Activity) -> bool:
    """Holds the kind's approver role. The organiser roles (专委会, 提案委, 信息编辑) approve only for the
    organisations their assignment names (谁组织谁审批); other roles (领导, 管理员) approve 政协-wide."""
    if not _same_cppcc(user, a):
        return False
    role = a.kind.leave_approver_role
    assignments = [x for x in active_assignments(user) if x.role == role]
    if not assignments:
        return False
    if role in ORGANISER_ROLES and role != Role.ADMIN:
        return any(x.organisation_id == a.organiser_id for x in assignments)
    return True


def is_leave_requester(user, leave: LeaveRequest) -> bool:
    member = member_of(user)
    return member is not None and leave.member_id == member.pk and _same_cppcc(user, leave)


LEAVE_RULES = {
    LeaveAction.APPROVE: lambda u, lv: is_leave_approver(u, lv.activity),
    LeaveAction.REFUSE: lambda u, lv: is_leave_approver(u, lv.activity),
    LeaveAction.WITHDRAW: is_leave_requester,
}


def can_leave(user, action: str, leave: LeaveRequest) -> bool:
    if (leave.state, action) not in LEAVE_TRANSITIONS:
        return False
    return bool(LEAVE_RULES[action](user, leave))


def leave_actions(user, leave: LeaveRequest) -> list[str]:
    return [act for (s, act) in LEAVE_TRANSITIONS if s == leave.state and LEAVE_RULES[act](user, leave)]


def can_view_leave(user, leave: LeaveRequest) -> bool:
    return is_leave_requester(user, leave) or is_leave_approver(user, leave.activity) or is_organiser(user, leave.activity)


# Appointments and 委员之家 ----------------------------------------------------------------------------

def can_manage_appointments(user) -> bool:
    return has_role(user, *ORGANISER_ROLES)


def can_view_appointments(user) -> bool:
    return has_role(user, *READ_ALL_ROLES)


def can_manage_kinds(user) -> bool:
    """活动类型 are 政协-wide configuration: the administrator adds and edits them."""
    return has_role(user, Role.ADMIN)


def can_view_kinds(user) -> bool:
    return has_role(user, Role.ADMIN, *ORGANISER_ROLES, Role.LEADER)


def can_manage_homes(user) -> bool:
    return has_role(user, Role.ADMIN, Role.COMMITTEE_STAFF)


def can_view_home(user, home: MemberHome) -> bool:
    if not _same_cppcc(user, home):
        return False
    if roles_of(user) & READ_ALL_ROLES:
        return True
    member = member_of(user)
    return member is not None and (home.lead_member_id == member.pk or home.members.filter(pk=member.pk).exists())


def can_record_home(user, home: MemberHome) -> bool:
    """Reception log: the home's lead member, staff of the home's organisation, committee staff, admin."""
    if not _same_cppcc(user, home):
        return False
    if has_role(user, Role.ADMIN, Role.COMMITTEE_STAFF):
        return True
    ids = organiser_org_ids(user)
    if ids and home.organisation_id in ids:
        return True
    member = member_of(user)
    return member is not None and home.lead_member_id == member.pk


def register_shared_rules() -> None:
    """Attachments (photos) and links of activities follow the activity's rules."""
    from zhengxie.attachments.permissions import register_uploader, register_viewer
    from zhengxie.links.permissions import register_linker
    from zhengxie.links.permissions import register_viewer as register_link_viewer

    register_viewer(Activity, can_view)
    register_uploader(Activity, lambda u, a: a.status in (*EDITABLE_STATES, Status.CLOSED) and is_organiser(u, a))
    register_link_viewer(Activity, can_view)
    register_linker(Activity, is_organiser)
    register_viewer(MemberHome, can_view_home)
    register_uploader(MemberHome, can_record_home)
