"""Small builders for 表决 tests."""
from __future__ import annotations

from zhengxie.core.roles import Role
from zhengxie.core.testing import make_user

from .. import services


def voters(city, n: int, prefix: str = "voter") -> list:
    return [make_user(city, f"{prefix}{i}", roles=[Role.MEMBER], name=f"委员{i}") for i in range(n)]


def make_vote(staff, electors, *, items=("市教育局", "市交通运输局"), open_=True, **kw):
    v = services.vote_create(by=staff, title=kw.pop("title", "承办单位民主评议"), items=list(items), electors=electors, **kw)
    if open_:
        v = services.vote_open(by=staff, vote=v)
    return v


def choices(v, *codes: str) -> dict:
    items = list(v.items.all())
    return {str(i.pk): codes[min(n, len(codes) - 1)] for n, i in enumerate(items)}
