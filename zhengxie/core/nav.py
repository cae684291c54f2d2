"""Navigation by role: apps register entries; the shell shows those the user's roles allow."""
from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset | None  # None = every signed-in user
    order: int = 100
    group: str = ""


_items: list[NavItem] = []


def register(label: str, url_name: str, *, roles=None, order: int = 100, group: str = "") -> None:
    item = NavItem(label, url_name, frozenset(roles) if roles is not None else None, order, group)
    if item not in _items:
        _items.append(item)


def items_for(user_roles: set[str]) -> list[dict]:
    out = []
    group_rank: dict[str, int] = {}
    for item in _items:  # a group sits where its first item sits, so a group is never split in two
        group_rank[item.group] = min(group_rank.get(item.group, item.order), item.order)
    for item in sorted(_items, key=lambda i: (group_rank[i.group], i.group, i.order, i.label)):
        if item.roles is not None and not (item.roles & user_roles):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        out.append({"label": item.label, "url": url, "url_name": item.url_name, "group": item.group})
    return out
