"""Sections of the proposal detail page (registered in apps.ready through `zhengxie.proposals.panels`)."""
from __future__ import annotations

from . import selectors


def similar_panel(request, p):
    user = request.user
    if not selectors.can_see_similar(user) or user.cppcc_id != p.cppcc_id:
        return None
    return {"staff": selectors.is_staff(user)}


def hints_panel(request, p):
    user = request.user
    if not selectors.can_see_hints(user, p) or selectors.audits(user, p):
        return None  # the reviewer sees the hints inside the 审核 form (proposals/_actions.html)
    items = selectors.reply_hints_for(user, p)
    return {"items": items} if items else None
