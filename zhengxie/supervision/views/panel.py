"""The 督办 section on the proposal detail page (zhengxie.proposals.panels)."""
from zhengxie.supervision import selectors


def panel_context(request, proposal) -> dict | None:
    return selectors.panel_for(request.user, proposal)
