"""Who may see and change the 委员 directory, 届次 and 会议 (roles from RoleAssignments valid today).

Scope (own 政协 only) is the selectors' job; these functions answer "may this role do it at all".
"""
from __future__ import annotations

from zhengxie.accounts.selectors import has_role, roles_of
from zhengxie.core.models import Cppcc
from zhengxie.core.roles import STAFF_ROLES, Role

#: May open the directory and member profiles.
DIRECTORY_ROLES = frozenset(STAFF_ROLES | {Role.LEADER, Role.MEMBER, Role.STANDING_MEMBER, Role.EXPERT})
#: See every member's contact fields (a member always sees their own).
CONTACT_ROLES = frozenset(STAFF_ROLES | {Role.LEADER})
#: May create, edit and import members and their memberships.
EDIT_ROLES = frozenset({Role.ADMIN, Role.COMMITTEE_STAFF})
#: May create and change 届次, 会议 and 场次.
MANAGE_MEETING_ROLES = frozenset({Role.ADMIN})
#: May read the 会议 list (members need the dates and the 提案 window too).
MEETING_VIEW_ROLES = frozenset(STAFF_ROLES | {Role.LEADER, Role.MEMBER, Role.STANDING_MEMBER})
#: Shown the 会议管理 nav entry.
MEETING_NAV_ROLES = frozenset({Role.ADMIN, Role.PROPOSAL_STAFF, Role.COMMITTEE_STAFF, Role.LEADER})
#: A 市政协 user with one of these roles sees the per-county member counts.
COUNTY_STATS_ROLES = frozenset(STAFF_ROLES | {Role.LEADER})

PUBLIC_FIELDS = ("name", "gender", "ethnicity", "education", "employer", "specialty", "pinyin")
CONTACT_FIELDS = ("phone", "email", "address", "birth_date", "id_code")


def can_view_directory(user) -> bool:
    return has_role(user, *DIRECTORY_ROLES)


def is_own_record(user, member) -> bool:
    return member is not None and member.user_id is not None and member.user_id == getattr(user, "pk", None)


def can_see_contact(user, member=None) -> bool:
    """Contact fields: staff and leaders for everyone; a member for their own record."""
    if has_role(user, *CONTACT_ROLES):
        return True
    return is_own_record(user, member) and can_view_directory(user)


def visible_fields(user, member=None) -> tuple[str, ...]:
    return PUBLIC_FIELDS + (CONTACT_FIELDS if can_see_contact(user, member) else ())


def can_edit_members(user) -> bool:
    return has_role(user, *EDIT_ROLES)


def can_import_members(user) -> bool:
    return can_edit_members(user)


def can_export_members(user) -> bool:
    """Every directory reader may export what they can see (the export is audited)."""
    return can_view_directory(user)


def can_manage_meetings(user) -> bool:
    return has_role(user, *MANAGE_MEETING_ROLES)


def can_view_meetings(user) -> bool:
    return has_role(user, *MEETING_VIEW_ROLES)


def is_city_user(user) -> bool:
    cppcc = getattr(user, "cppcc", None)
    return cppcc is not None and cppcc.level == Cppcc.Level.CITY


def can_view_county_counts(user) -> bool:
    return is_city_user(user) and has_role(user, *COUNTY_STATS_ROLES)


def abilities(user) -> dict[str, bool]:
    """Flags for templates (buttons shown only when the action is allowed)."""
    mine = roles_of(user)
    return {
        "edit": bool(mine & EDIT_ROLES),
        "import": bool(mine & EDIT_ROLES),
        "export": bool(mine & DIRECTORY_ROLES),
        "manage_meetings": bool(mine & MANAGE_MEETING_ROLES),
        "contact": bool(mine & CONTACT_ROLES),
    }
