"""Who screens a channel and sees the personal data of its submissions."""
from __future__ import annotations

from zhengxie.accounts.selectors import has_role, roles_of
from zhengxie.core.roles import Role

from . import registry


def screening_roles(consumer_code: str) -> frozenset:
    consumer = registry.get(consumer_code)
    return consumer.roles if consumer else frozenset({Role.ADMIN})


def can_screen(user, channel) -> bool:
    """Staff of the channel's 政协 holding one of its consumer's roles (they also see name and phone)."""
    if getattr(user, "cppcc_id", None) != channel.cppcc_id:
        return False
    return has_role(user, *screening_roles(channel.consumer))


def screenable_consumers(user) -> list[str]:
    mine = roles_of(user)
    return [c.code for c in registry.consumers() if c.roles & mine]


def can_manage_channels(user) -> bool:
    return has_role(user, Role.ADMIN) or bool(screenable_consumers(user))


def can_edit_channel(user, channel) -> bool:
    return getattr(user, "cppcc_id", None) == channel.cppcc_id and (has_role(user, Role.ADMIN) or can_screen(user, channel))


def channel_consumers(user) -> list[str]:
    """Consumers whose channels this user may create: all for 管理员, else those they screen."""
    if has_role(user, Role.ADMIN):
        return [c.code for c in registry.consumers()]
    return screenable_consumers(user)
