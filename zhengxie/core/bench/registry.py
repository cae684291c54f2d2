"""What the benchmark seeds and measures: apps register dataset rows, seed steps and scenarios.

An app adds a module `<app>/bench.py` (imported by `autodiscover()`), for example::

    from zhengxie.core.bench.registry import scenario, seed_step

    @seed_step("提案", order=200, provides=("proposals",))
    def seed_proposals(ctx):
        ids = ctx.load(Proposal, ({"cppcc_id": ctx.cppcc.pk, "title": ctx.text.title(), ...}
                                  for _ in range(ctx.size("proposals"))))

    scenario("提案列表", "/proposals/", as_role=Role.PROPOSAL_STAFF, target_p95_ms=80)
    # a write: a fresh object for every request, found by the URL callable outside the timed region
    scenario("签收", lambda ctx: f"/proposals/{next_pending(ctx)}/act/accept/", as_role=Role.HANDLING_UNIT,
             target_p95_ms=30, method="POST", fresh=True)

`ctx` is a `zhengxie.core.bench.seeder.SeedContext`: the database connection, the bench 政协, a seeded
RNG, the sentence recombiner (`ctx.text`) and a bulk loader (`ctx.load`: PostgreSQL COPY, else bulk_create).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class DatasetRow:
    key: str  # e.g. "members"; seed steps say which keys they provide
    label: str  # Chinese, shown in docs/benchmarks.md
    planned: int  # the national dataset's size
    app: str  # the app that seeds it
    model: str = ""  # "app_label.Model" counted after seeding ("" = not countable yet)
    main: bool = True  # one of the four headline rows (else supporting data)


@dataclass(frozen=True)
class SeedStep:
    name: str
    order: int
    fn: Callable
    provides: tuple[str, ...] = ()

    @property
    def qualname(self) -> str:
        return f"{self.fn.__module__}.{self.fn.__qualname__}"


@dataclass(frozen=True)
class Scenario:
    name: str  # Chinese label
    url: str | Callable  # a path, or fn(ctx) -> path (ctx: zhengxie.core.bench.measure.MeasureContext)
    as_role: str
    target_p95_ms: float | None = None
    group: str = ""  # scenarios of one group must issue the same number of queries (e.g. page sizes)
    order: int = 100
    tags: tuple[str, ...] = field(default=())
    method: str = "GET"  # "POST": a write, timed like a page (server time of the whole request)
    data: dict | None = None  # the POST body
    fresh: bool = False  # call `url` again before every request (outside the timed region): a new object each time
    expect: tuple[int, ...] = ()  # statuses counting as success (default 200 for GET, 200/302 for POST)
    once: bool = False  # a long one-shot write (e.g. a year's recompute): one timed request, no warm-up


    @property
    def ok_statuses(self) -> tuple[int, ...]:
        if self.expect:
            return self.expect
        return (200, 302) if self.method == "POST" else (200,)


_dataset: dict[str, DatasetRow] = {}
_steps: dict[str, SeedStep] = {}
_scenarios: dict[str, Scenario] = {}


def dataset(key: str, label: str, planned: int, *, app: str, model: str = "", main: bool = True) -> DatasetRow:
    row = DatasetRow(key, label, planned, app, model, main)
    _dataset[key] = row
    return row


def seed_step(name: str, order: int, *, provides: tuple[str, ...] | str = ()):
    """Register `fn(ctx)` as a seed step; steps run by `order`, then name."""
    if isinstance(provides, str):
        provides = (provides,)

    def deco(fn):
        _steps[name] = SeedStep(name, order, fn, tuple(provides))
        return fn

    return deco


def scenario(name: str, url, as_role: str, target_p95_ms: float | None = None, *, group: str = "",
             order: int = 100, method: str = "GET", data: dict | None = None, fresh: bool = False,
             expect: tuple[int, ...] = (), once: bool = False) -> Scenario:
    if fresh and not callable(url):
        raise ValueError(f"场景“{name}”每次请求都要新对象（fresh），地址必须是函数")
    item = Scenario(name, url, as_role, target_p95_ms, group, order, method=method.upper(), data=data, fresh=fresh,
                    expect=tuple(expect), once=once)
    _scenarios[name] = item
    return item


def dataset_rows() -> list[DatasetRow]:
    return list(_dataset.values())


def seed_steps() -> list[SeedStep]:
    return sorted(_steps.values(), key=lambda s: (s.order, s.name))


def scenarios() -> list[Scenario]:
    return sorted(_scenarios.values(), key=lambda s: (s.order, s.name))


def provided_keys() -> set[str]:
    return {k for s in _steps.values() for k in s.provides}


def autodiscover() -> None:
    """Import the foundation's registrations and every installed app's `bench` module."""
    from django.utils.module_loading import autodiscover_modules

    from . import foundation  # noqa: F401

    autodiscover_modules("bench")
