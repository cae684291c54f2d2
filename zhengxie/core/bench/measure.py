"""Measures the registered scenarios in-process with Django's test Client: server time and queries per request."""
from __future__ import annotations

import math
import statistics
import time
from dataclasses import asdict, dataclass, field

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve

from . import registry

QUERY_PASSES = 3  # requests whose queries are captured (timed requests run without the capture overhead)


def percentile(values, p: float) -> float:
    """The p-th percentile (0–100) with linear interpolation between closest ranks (numpy's default)."""
    data = sorted(values)
    if not data:
        raise ValueError("没有数据，无法计算百分位数")
    if not 0 <= p <= 100:
        raise ValueError("百分位数须在 0 到 100 之间")
    k = (len(data) - 1) * p / 100
    lo, hi = math.floor(k), math.ceil(k)
    if lo == hi:
        return float(data[lo])
    return data[lo] + (data[hi] - data[lo]) * (k - lo)


@dataclass
class MeasureContext:
    """What a scenario's URL callable receives: the bench 政协 and the acting user."""

    cppcc: object
    user: object

    def member_id(self, nth: int = 0) -> int:
        from zhengxie.members.models import Member

        ids = Member.objects.filter(cppcc=self.cppcc).order_by("id").values_list("id", flat=True)
        return ids[min(nth, ids.count() - 1)]

    def org_id(self, kind: str, name: str = "") -> int:
        from zhengxie.accounts.models import Organisation

        qs = Organisation.objects.filter(cppcc=self.cppcc, kind=kind)
        return (qs.filter(name=name) if name else qs).order_by("sort", "id").values_list("id", flat=True)[0]


@dataclass
class Result:
    name: str
    role: str
    url: str
    status: int | str  # HTTP status, or "missing" when no URL pattern matches yet, or "error"
    requests: int = 0
    p50_ms: float | None = None
    p95_ms: float | None = None
    mean_ms: float | None = None
    max_ms: float | None = None
    queries: int | None = None
    queries_min: int | None = None
    sql_ms: float | None = None
    cpu_ms: float | None = None  # p50 CPU time of this (Django) process: insensitive to other load on the machine
    target_p95_ms: float | None = None
    passed: bool | None = None
    group: str = ""
    note: str = ""
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


def persona(cppcc, role: str):
    """The bench user acting in `role`: `bench-<role>` if seeded, else any user holding the role today."""
    from django.utils import timezone

    from zhengxie.accounts.models import RoleAssignment, User

    user = User.objects.filter(cppcc=cppcc, username=f"bench-{role}", is_active=True).first()
    if user is None:
        ra = (RoleAssignment.objects.filter(RoleAssignment.valid_on(timezone.localdate()), cppcc=cppcc, role=role)
              .select_related("user").order_by("user_id").first())
        user = ra.user if ra else None
    return user


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


@dataclass
class _Run:
    """A scenario being measured: its logged-in client, URL, and the timings gathered so far."""

    scenario: registry.Scenario
    result: Result
    client: Client | None = None
    ctx: MeasureContext | None = None
    timings: list = field(default_factory=list)
    cpu: list = field(default_factory=list)
    failures: list = field(default_factory=list)  # (url, status) of requests that did not succeed
    once_queries: list = field(default_factory=list)  # a one-shot scenario: (count, sql seconds) of its request

    def next_url(self) -> str:
        """The URL of the next request: fixed, or (fresh scenarios) a new object's, found outside any timing."""
        sc = self.scenario
        if sc.fresh:
            self.result.url = sc.url(self.ctx)
        return self.result.url

    def send(self, url: str):
        if self.scenario.method == "POST":
            return self.client.post(url, self.scenario.data or {})
        return self.client.get(url)

    def check(self, url: str, response) -> None:
        if response.status_code not in self.scenario.ok_statuses:
            self.failures.append((url, response.status_code))

    def timed_get(self) -> None:
        if self.scenario.once and self.timings:
            return
        try:
            url = self.next_url()
        except Exception as exc:  # e.g. the prepared objects ran out: reported, the other scenarios go on
            self.failures.append((f"（无法生成地址：{exc}）", "—"))
            return
        if self.scenario.once:  # timed once: its queries are counted on the same request
            with CaptureQueriesContext(connection) as cq:
                c0, t0 = time.process_time(), time.perf_counter()
                response = self.send(url)
                self.timings.append(time.perf_counter() - t0)
                self.cpu.append(time.process_time() - c0)
            self.once_queries.append((len(cq.captured_queries), sum(float(q["time"]) for q in cq.captured_queries)))
            self.result.status = response.status_code
            self.check(url, response)
            return
        c0, t0 = time.process_time(), time.perf_counter()
        response = self.send(url)
        self.timings.append(time.perf_counter() - t0)
        self.cpu.append(time.process_time() - c0)
        self.check(url, response)


def _prepare(sc: registry.Scenario, cppcc, warmup: int) -> _Run:
    """Log in as the scenario's role, build the URL, warm up. A run without a client is reported, not timed."""
    result = Result(sc.name, str(sc.as_role), "", "error", target_p95_ms=sc.target_p95_ms, group=sc.group)
    run = _Run(sc, result)
    user = persona(cppcc, sc.as_role)
    if user is None:
        result.note = f"没有角色为 {sc.as_role} 的用户"
        return run
    run.ctx = MeasureContext(cppcc, user)
    try:
        result.url = sc.url(run.ctx) if callable(sc.url) else sc.url
    except Exception as exc:  # the data a URL needs is missing: say so, don't abort the run
        result.note = f"无法生成地址：{exc}"
        return run
    try:
        resolve(result.url.split("?")[0])
    except Resolver404:
        result.status, result.note = "missing", "页面尚未提供"
        return run
    client = Client()
    client.force_login(user)
    run.client = client
    if sc.once:
        return run
    try:
        for i in range(max(1, warmup)):
            response = run.send(run.next_url() if i else result.url)
    except Exception as exc:
        run.client = None
        result.note = f"{type(exc).__name__}: {exc}"[:300]
        return run
    result.status = response.status_code
    if response.status_code not in sc.ok_statuses:
        run.client = None
        result.note = f"返回 {response.status_code}"
        result.passed = False if sc.target_p95_ms else None
        return run
    return run


def _finish(run: _Run) -> Result:
    result = run.result
    if run.client is None:
        return result
    counts, sql = [n for n, _s in run.once_queries], [s for _n, s in run.once_queries]
    for _ in range(0 if run.scenario.once else QUERY_PASSES):
        try:
            url = run.next_url()
        except Exception as exc:
            run.failures.append((f"（无法生成地址：{exc}）", "—"))
            continue
        with CaptureQueriesContext(connection) as cq:
            response = run.send(url)
        run.check(url, response)
        counts.append(len(cq.captured_queries))
        sql.append(sum(float(q["time"]) for q in cq.captured_queries))
    t = run.timings
    if not t or not counts:
        first = run.failures[0][0] if run.failures else ""
        result.note = f"{len(run.failures)} 次请求未能发出{first}"
        result.passed = False if run.scenario.target_p95_ms else None
        return result
    result.requests = len(t)
    result.p50_ms, result.p95_ms = _ms(percentile(t, 50)), _ms(percentile(t, 95))
    result.mean_ms, result.max_ms = _ms(statistics.fmean(t)), _ms(max(t))
    result.queries, result.queries_min = max(counts), min(counts)
    result.sql_ms = _ms(statistics.median(sql))
    result.cpu_ms = _ms(percentile(run.cpu, 50))
    if run.scenario.target_p95_ms is not None:
        result.passed = result.p95_ms <= run.scenario.target_p95_ms
    if run.failures:
        url, status = run.failures[0]
        result.note = f"{len(run.failures)} 次请求未成功（如 {url} 返回 {status}）"
        result.passed = False
    if run.scenario.fresh:
        result.url = _pattern(result.url)
    if run.scenario.once and not result.note:
        result.note = "单次计时，不预热"
    return result


def _pattern(url: str) -> str:
    """The URL of a fresh-object scenario with its ids replaced by <id> (each request used another object)."""
    import re

    return re.sub(r"/\d+/", "/<id>/", url)


def measure_one(sc: registry.Scenario, cppcc, *, requests: int = 50, warmup: int = 5) -> Result:
    run = _prepare(sc, cppcc, warmup)
    if run.client is not None:
        for _ in range(requests):
            run.timed_get()
    return _finish(run)


def check_groups(results: list[Result]) -> dict[str, dict]:
    """Scenarios of one group (e.g. the directory at 20 and 100 rows a page) must issue the same number of queries."""
    groups: dict[str, dict] = {}
    for r in results:
        if r.group and r.queries is not None:
            groups.setdefault(r.group, {"scenarios": {}})["scenarios"][r.name] = r.queries
    for g in groups.values():
        g["equal"] = len(set(g["scenarios"].values())) == 1
    return groups


def measure_all(cppcc, *, scenarios=None, requests: int = 50, warmup: int = 5, log=print) -> list[Result]:
    """Measure every scenario in rounds (one request of each per round), so that load from elsewhere on the
    machine spreads evenly over the scenarios instead of skewing whichever ran at a busy moment."""
    runs = [_prepare(sc, cppcc, warmup) for sc in (scenarios if scenarios is not None else registry.scenarios())]
    live = [run for run in runs if run.client is not None]
    for _ in range(requests):
        for run in live:
            run.timed_get()
    out = []
    for run in runs:
        r = _finish(run)
        if r.p95_ms is not None:
            log(f"  {r.name:<24} p50 {r.p50_ms:>7.1f} ms  p95 {r.p95_ms:>7.1f} ms  {r.queries:>3} 次查询  {r.url}")
        else:
            log(f"  {r.name:<24} {r.status} {r.note} {r.url}")
        out.append(r)
    return out
