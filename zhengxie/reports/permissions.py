"""Who may compute figures: staff and leaders of a 政协, each for their own 政协; a 市政协 also for its counties."""
from __future__ import annotations

from zhengxie.accounts.selectors import has_role, roles_of
from zhengxie.core.models import Cppcc
from zhengxie.core.roles import READ_ALL_ROLES

#: May open the statistics page, the drill-downs, the Excel exports and the API (default for every module):
#: the roles that read everything in their 政协 anyway (the drill-down lists the records counted).
REPORT_ROLES = frozenset(READ_ALL_ROLES)


def can_view_reports(user) -> bool:
    return has_role(user, *REPORT_ROLES)


def can_view_module(user, module) -> bool:
    roles = module.roles if module.roles is not None else REPORT_ROLES
    return bool(roles_of(user) & roles)


def is_city_user(user) -> bool:
    cppcc = getattr(user, "cppcc", None)
    return cppcc is not None and cppcc.level == Cppcc.Level.CITY


def can_view_county(user, county) -> bool:
    """The 县区 scope: only a 市政协 user, only for a county 政协 under it."""
    return (can_view_reports(user) and is_city_user(user) and county is not None
            and county.level == Cppcc.Level.COUNTY and county.parent_id == user.cppcc_id)
