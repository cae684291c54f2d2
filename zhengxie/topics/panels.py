"""The 引用选题 panel on the proposal detail page (zhengxie.proposals.panels)."""
from __future__ import annotations

from . import permissions, selectors


def proposal_panel(request, proposal) -> dict | None:
    citation = selectors.citation_of(proposal)
    can_cite = permissions.can_cite(request.user, proposal)
    if citation is None and not can_cite:
        return None
    return {"citation": citation, "can_cite": can_cite,
            "topics": list(selectors.citable_topics(request.user, proposal)) if can_cite else []}
