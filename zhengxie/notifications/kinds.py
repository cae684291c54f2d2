"""Kinds of notification. Each app registers its own from its apps.py ready():

    from zhengxie.notifications.kinds import register_kind
    register_kind("proposal", "提案办理")

The preferences page offers one row per registered kind.
"""
from __future__ import annotations

_kinds: dict[str, str] = {}

ALL = "*"
ALL_LABEL = "默认（未单独设置的类型）"


def register_kind(code: str, label: str) -> None:
    _kinds[code] = label


def kinds() -> list[tuple[str, str]]:
    return list(_kinds.items())


def is_registered(code: str) -> bool:
    return code in _kinds


def label_for(code: str) -> str:
    if code == ALL:
        return ALL_LABEL
    return _kinds.get(code, code)


register_kind("system", "系统通知")
register_kind("account", "账号与安全")
