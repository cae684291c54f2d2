"""The to-do registry. Each app registers a provider `todos_for(user) -> list[TodoItem]`;
the home page shows them together, sorted by deadline."""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

log = logging.getLogger("zhengxie.todos")


@dataclass(frozen=True)
class TodoItem:
    kind: str  # machine code, e.g. "calendar.next_year_missing"
    module: str  # Chinese module name shown as a tag, e.g. "系统管理"
    title: str
    url: str
    deadline: dt.date | None = None
    detail: str = ""

    def status(self, today: dt.date | None = None, soon_days: int = 3) -> str:
        today = today or timezone.localdate()
        if self.deadline is None:
            return "normal"
        if self.deadline < today:
            return "overdue"
        if (self.deadline - today).days <= soon_days:
            return "soon"
        return "normal"

    @property
    def status_label(self) -> str:
        return {"overdue": "已逾期", "soon": "即将到期", "normal": ""}[self.status()]


Provider = Callable[[object], list[TodoItem]]
_providers: list[tuple[str, Provider]] = []


def register(fn: Provider) -> Provider:
    name = f"{fn.__module__}.{fn.__qualname__}"
    if name not in [n for n, _ in _providers]:
        _providers.append((name, fn))
    return fn


def providers() -> list[str]:
    return [n for n, _ in _providers]


def todos_for(user) -> list[TodoItem]:
    items: list[TodoItem] = []
    if not getattr(user, "is_authenticated", False):
        return items
    for name, fn in _providers:
        try:
            items.extend(fn(user))
        except Exception:  # one broken provider must not take the home page down
            log.exception("to-do provider %s failed", name)
    far = dt.date.max
    return sorted(items, key=lambda t: (t.deadline or far, t.module, t.title))
