"""Consumers of public intake: the modules that receive what a channel collects.

    from zhengxie.intake import registry
    registry.register_consumer("proposal_clue", label="提案线索", roles=[Role.PROPOSAL_STAFF],
                               on_accept=clue_from_submission, accept_label="采纳为提案线索")

`on_accept(submission=, by=)` runs inside the accepting transaction (a failure rolls the acceptance back) and
may return an object (e.g. the 线索 created) whose `get_absolute_url()` the screening page links to.
`roles` are the roles whose holders (in the channel's 政协) screen the channel and see personal data.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Consumer:
    code: str
    label: str
    roles: frozenset
    on_accept: Callable | None = None
    accept_label: str = "采纳"
    public_accept_reply: str = "您的来信已被采纳，感谢您的参与。"


_consumers: dict[str, Consumer] = {}


def register_consumer(code: str, *, label: str, roles, on_accept: Callable | None = None, accept_label: str = "采纳",
                      public_accept_reply: str = "您的来信已被采纳，感谢您的参与。") -> Consumer:
    consumer = Consumer(code, label, frozenset(roles), on_accept, accept_label, public_accept_reply)
    _consumers[code] = consumer
    return consumer


def get(code: str) -> Consumer | None:
    return _consumers.get(code)


def consumers() -> list[Consumer]:
    return sorted(_consumers.values(), key=lambda c: c.code)


def choices() -> list[tuple[str, str]]:
    return [(c.code, c.label) for c in consumers()]
