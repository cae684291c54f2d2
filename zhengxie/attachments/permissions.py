"""Who may see and add attachments of a record. Owning apps register their rules from apps.py ready():

    from zhengxie.attachments.permissions import register_uploader, register_viewer
    register_viewer(Proposal, lambda user, proposal: proposal_permissions.can_view(user, proposal))
    register_uploader(Proposal, lambda user, proposal: proposal.author_id == user.pk)

Whatever is registered, the user's 政协 must be the record's. Without a registration: seeing needs to be the
uploader or hold a staff/leader role; uploading needs a staff/leader role; deleting is for the uploader or
an administrator.
"""
from __future__ import annotations

from collections.abc import Callable

from zhengxie.accounts.selectors import has_role
from zhengxie.core.roles import READ_ALL_ROLES, Role

Rule = Callable[[object, object], bool]
_viewers: dict[type, Rule] = {}
_uploaders: dict[type, Rule] = {}


def register_viewer(model_class: type, fn: Rule) -> None:
    _viewers[model_class] = fn


def register_uploader(model_class: type, fn: Rule) -> None:
    _uploaders[model_class] = fn


def _rule_for(registry: dict[type, Rule], obj) -> Rule | None:
    for cls in type(obj).__mro__:
        if cls in registry:
            return registry[cls]
    return None


def same_cppcc(user, obj) -> bool:
    cid = getattr(obj, "cppcc_id", None)
    return bool(cid) and cid == getattr(user, "cppcc_id", None)


def can_view(user, attachment, target=None) -> bool:
    if not same_cppcc(user, attachment):
        return False
    target = target if target is not None else attachment.target
    rule = _rule_for(_viewers, target) if target is not None else None
    if rule is not None:
        return bool(rule(user, target))
    return attachment.uploaded_by_id == user.pk or has_role(user, *READ_ALL_ROLES)


def can_upload(user, obj) -> bool:
    if not same_cppcc(user, obj):
        return False
    rule = _rule_for(_uploaders, obj)
    if rule is not None:
        return bool(rule(user, obj))
    return has_role(user, *READ_ALL_ROLES)


def can_delete(user, attachment) -> bool:
    if not same_cppcc(user, attachment):
        return False
    return attachment.uploaded_by_id == user.pk or has_role(user, Role.ADMIN)
