"""Who may use the platform's administration pages (audit log, parameters, holiday table)."""
from zhengxie.accounts.selectors import has_role
from zhengxie.core.roles import Role


def can_view_audit(user) -> bool:
    return has_role(user, Role.ADMIN)


def can_manage_config(user) -> bool:
    return has_role(user, Role.ADMIN)


def can_edit_calendar(user) -> bool:
    """The holiday table is national and shared by every 政协: only an admin of a top-level 政协 (the city) edits it."""
    cppcc = getattr(user, "cppcc", None)
    return has_role(user, Role.ADMIN) and cppcc is not None and cppcc.parent_id is None
