"""Who may see a linked record and who may link records. Owning apps register rules from apps.py ready():

    from zhengxie.links.permissions import register_linker, register_viewer
    register_viewer(Proposal, proposal_permissions.can_view)
    register_linker(Proposal, lambda user, proposal: proposal.author_id == user.pk or is_staff_user(user))

A record of another 政协 is never visible or linkable. Without a registration: any user of the 政协 may see it
(the link panel then only names it), and 政协机关 staff roles may link it.
"""
from __future__ import annotations

from collections.abc import Callable

from zhengxie.accounts.selectors import has_role
from zhengxie.core.roles import STAFF_ROLES

Rule = Callable[[object, object], bool]
_viewers: dict[type, Rule] = {}
_linkers: dict[type, Rule] = {}


def register_viewer(model_class: type, fn: Rule) -> None:
    _viewers[model_class] = fn


def register_linker(model_class: type, fn: Rule) -> None:
    _linkers[model_class] = fn


def _rule(registry: dict[type, Rule], obj) -> Rule | None:
    for cls in type(obj).__mro__:
        if cls in registry:
            return registry[cls]
    return None


def same_cppcc(user, obj) -> bool:
    cid = getattr(obj, "cppcc_id", None)
    return bool(cid) and cid == getattr(user, "cppcc_id", None)


def can_view(user, obj) -> bool:
    if not same_cppcc(user, obj):
        return False
    rule = _rule(_viewers, obj)
    return True if rule is None else bool(rule(user, obj))


def can_link(user, obj) -> bool:
    """May the user add or remove links of this record?"""
    if not can_view(user, obj):
        return False
    rule = _rule(_linkers, obj)
    return has_role(user, *STAFF_ROLES) if rule is None else bool(rule(user, obj))
