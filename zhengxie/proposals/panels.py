"""Extension panels on the proposal detail page.

Other apps (similar proposals, 督办, 重点提案, 民主评议 …) add a section to the detail page without editing its
template: they register a panel in their AppConfig.ready():

    from zhengxie.proposals import panels
    panels.register("supervision", "supervision/_proposal_panel.html", context_fn, order=50, where="main")

`context_fn(request, proposal) -> dict | None` returns the template context, or None to hide the panel for this
user and proposal (it must apply its own permission checks). `where` is "main" (below the replies) or "side"
(above the timeline). Panels render in `order`.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    code: str
    template: str
    context: Callable
    order: int = 100
    where: str = "main"


_panels: dict[str, Panel] = {}


def register(code: str, template: str, context: Callable, *, order: int = 100, where: str = "main") -> None:
    if where not in {"main", "side"}:
        raise ValueError("where must be 'main' or 'side'")
    _panels[code] = Panel(code, template, context, order, where)


def render_for(request, proposal) -> dict[str, list[dict]]:
    """{"main": [{"code", "template", "ctx"}…], "side": […]} of the panels visible to this user."""
    out: dict[str, list[dict]] = {"main": [], "side": []}
    for panel in sorted(_panels.values(), key=lambda x: (x.order, x.code)):
        ctx = panel.context(request, proposal)
        if ctx is None:
            continue
        out[panel.where].append({"code": panel.code, "template": panel.template, "ctx": ctx})
    return out
