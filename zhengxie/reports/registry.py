"""The figures registry: every statistic of the platform, registered by name with a written definition.

A module registers itself and its figures at import time (``<app>/figures.py``, imported by
``ReportsConfig.ready()`` for every installed app):

    register_module("proposals", "提案", attribution={"cppcc": "…", "committee": "…", …})

    @figure("proposals.received", "收到提案数", module="proposals", unit="件", kind="count",
            definition="统计期内提交（以提交时间计）的提案件数……")
    def received(ctx) -> FigureResult:
        ...

A figure function takes a :class:`Context` — ``ctx.cppcc`` (the 政协 whose records are counted: the
user's own, or for the 县区 scope that county), ``ctx.period`` and ``ctx.scope`` — and returns a
:class:`FigureResult`: its value plus the QuerySet of the records counted (the drill-down), or for a
breakdown one :class:`Part` per category, or for a ratio the numerator and denominator parts.
Figures compute with aggregate queries: never one query per record. ``ctx.memo`` shares one
aggregate between figures of a module, ``ratio()`` builds a ratio from two registered figures.
"""
from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from zhengxie.core.exceptions import ApplicationError


class ScopeKind:
    CPPCC = "cppcc"
    COMMITTEE = "committee"
    SECTOR = "sector"
    PARTY = "party"
    COUNTY = "county"

    LABELS = {CPPCC: "本政协", COMMITTEE: "专委会", SECTOR: "界别", PARTY: "党派", COUNTY: "县区政协"}
    ALL = (CPPCC, COMMITTEE, SECTOR, PARTY, COUNTY)
    #: Scopes that select an organisation of the 政协 (Organisation.kind has the same code).
    ORG_KINDS = (COMMITTEE, SECTOR, PARTY)


KINDS = ("count", "ratio", "breakdown")


# Period ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    """A statistics period: 年度, one 会议 (a plenary's numbering session) or a custom date range.

    ``start``/``end`` are inclusive dates (Asia/Shanghai). For a 会议 period a module whose records
    carry the plenary (``meeting_field``) selects that session's records instead of a date range.
    """

    kind: str  # year | meeting | range
    start: dt.date
    end: dt.date
    label: str
    meeting_id: int | None = None

    @classmethod
    def year(cls, year: int) -> Period:
        if not 1949 <= int(year) <= 2100:
            raise ApplicationError("年份不正确。", field="year")
        year = int(year)
        return cls("year", dt.date(year, 1, 1), dt.date(year, 12, 31), f"{year}年度")

    @classmethod
    def range(cls, start: dt.date, end: dt.date) -> Period:
        if start is None or end is None:
            raise ApplicationError("请填写统计的开始日期和结束日期。", field="start")
        if end < start:
            raise ApplicationError("结束日期不能早于开始日期。", field="end")
        return cls("range", start, end, f"{start:%Y年%-m月%-d日}至{end:%Y年%-m月%-d日}")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        last = calendar.monthrange(year, month)[1]
        return cls("range", dt.date(year, month, 1), dt.date(year, month, last), f"{year}年{month}月")

    @classmethod
    def meeting(cls, meeting) -> Period:
        """From the opening of the plenary's proposal window to the day before the next plenary's window
        (the 平时提案 of the 闭会期间 continue its numbering); open-ended sessions end today."""
        from zhengxie.members.models import Meeting

        start = meeting.proposal_window_start or meeting.start_date
        later = (Meeting.objects.filter(cppcc_id=meeting.cppcc_id, kind=Meeting.Kind.PLENARY, start_date__gt=meeting.start_date)
                 .order_by("start_date").values_list("proposal_window_start", "start_date").first())
        if later:
            end = (later[0] or later[1]) - dt.timedelta(days=1)
        else:
            end = max(timezone.localdate(), meeting.end_date)
        return cls("meeting", start, max(start, end), meeting.name, meeting_id=meeting.pk)

    @property
    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """[start, end) as aware datetimes: the end is the midnight after the last day."""
        tz = timezone.get_current_timezone()
        return (dt.datetime.combine(self.start, dt.time.min, tzinfo=tz),
                dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz))

    def q(self, field: str, *, meeting_field: str | None = None) -> Q:
        """Records whose `field` (a date basis such as ``submitted_at``) falls in the period; for a 会议
        period and a module with a plenary field: the session's records with that date set."""
        if self.kind == "meeting" and meeting_field:
            return Q(**{f"{meeting_field}_id": self.meeting_id, f"{field}__isnull": False})
        lo, hi = self.bounds
        return Q(**{f"{field}__gte": lo, f"{field}__lt": hi})

    def before_end(self, field: str) -> Q:
        return Q(**{f"{field}__lt": self.bounds[1]})

    def as_params(self) -> dict[str, str]:
        if self.kind == "year":
            return {"period": "year", "year": str(self.start.year)}
        if self.kind == "meeting":
            return {"period": "meeting", "meeting": str(self.meeting_id)}
        return {"period": "range", "start": self.start.isoformat(), "end": self.end.isoformat()}


# Scope ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Scope:
    """政协 (the user's own), 专委会 / 界别 / 党派 (an organisation of it) or 县区 (a county 政协, city only)."""

    kind: str
    cppcc: Any  # the 政协 whose records are counted
    org: Any = None

    @property
    def label(self) -> str:
        if self.kind in ScopeKind.ORG_KINDS:
            return f"{ScopeKind.LABELS[self.kind]}：{self.org.name}"
        if self.kind == ScopeKind.COUNTY:
            return f"县区：{self.cppcc.name}"
        return self.cppcc.name

    def as_param(self) -> str:
        if self.kind in ScopeKind.ORG_KINDS:
            return f"{self.kind}:{self.org.pk}"
        if self.kind == ScopeKind.COUNTY:
            return f"county:{self.cppcc.pk}"
        return "cppcc"


@dataclass
class Context:
    """What a figure is computed for. ``cppcc`` is the 政协 whose records are counted;
    ``viewer_cppcc`` the 政协 of the person asking (they differ only for the 县区 scope)."""

    cppcc: Any
    period: Period
    scope: Scope
    viewer_cppcc: Any = None
    _memo: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        if self.viewer_cppcc is None:
            self.viewer_cppcc = self.cppcc

    @classmethod
    def build(cls, cppcc, period: Period, scope_kind: str = ScopeKind.CPPCC, org=None) -> Context:
        """A context for tests and jobs: `cppcc` is counted (no permission check, see selectors for users)."""
        return cls(cppcc=cppcc, period=period, scope=Scope(scope_kind, cppcc, org))

    @property
    def is_foreign(self) -> bool:
        """True when the records belong to another 政协 (a city looking at a county)."""
        return getattr(self.cppcc, "pk", None) != getattr(self.viewer_cppcc, "pk", None)

    def memo(self, key: str, fn: Callable[[], Any]) -> Any:
        if key not in self._memo:
            self._memo[key] = fn()
        return self._memo[key]


# Results --------------------------------------------------------------------------------------------

@dataclass
class Part:
    """One value with its records: a breakdown category, or a ratio's numerator/denominator."""

    key: str
    label: str
    value: int | Decimal | None
    records: QuerySet | None = None
    share: Decimal | None = None  # percent of the figure's total, for breakdowns


@dataclass
class FigureResult:
    value: int | Decimal | None
    records: QuerySet | None = None
    parts: list[Part] = field(default_factory=list)
    numerator: Part | None = None
    denominator: Part | None = None
    note: str = ""

    def part(self, key: str) -> Part | None:
        if key == "numerator":
            return self.numerator
        if key == "denominator":
            return self.denominator
        return next((p for p in self.parts if p.key == key), None)

    def records_for(self, key: str = "") -> QuerySet | None:
        if not key:
            return self.records if self.records is not None else (self.numerator.records if self.numerator else None)
        part = self.part(key)
        return part.records if part else None


def percent(numerator, denominator, places: int = 1) -> Decimal | None:
    """numerator/denominator in percent, rounded half up (378/464 → 81.5); None when nothing to divide by."""
    if not denominator:
        return None
    q = Decimal(1).scaleb(-places)
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(q, rounding=ROUND_HALF_UP)


def with_shares(parts: list[Part], total) -> list[Part]:
    for p in parts:
        p.share = percent(p.value or 0, total)
    return parts


# Registry -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Module:
    code: str
    label: str
    attribution: dict[str, str]
    date_note: str = ""
    order: int = 100
    roles: frozenset | None = None  # who may compute its figures (None: the registry default)
    notes: str = ""  # Markdown for docs/figures.md: interpretations and worked examples


@dataclass(frozen=True)
class Figure:
    code: str
    label: str
    module: str
    definition: str
    unit: str
    kind: str
    scopes: tuple[str, ...]
    fn: Callable[[Context], FigureResult]
    group: str = ""
    date_basis: str = ""
    order: int = 0


@dataclass(frozen=True)
class RecordType:
    """How the drill-down lists records of one model: columns (header, value function), link, loading."""

    columns: tuple[tuple[str, Callable[[Any], Any]], ...]
    url: Callable[[Any], str] | None = None
    select_related: tuple[str, ...] = ()
    order_by: tuple[str, ...] = ()
    prepare: Callable[[list], None] | None = None  # called once per page/export with the objects (bulk look-ups)
    link_column: int = 0  # the column that links to the record's detail page


_modules: dict[str, Module] = {}
_figures: dict[str, Figure] = {}
_records: dict[type, RecordType] = {}


def register_module(code: str, label: str, *, attribution: dict[str, str], date_note: str = "", order: int = 100,
                    roles: Iterable[str] | None = None, notes: str = "") -> Module:
    """A module's figures and its written attribution rules (scope kind → Chinese sentence)."""
    unknown = set(attribution) - set(ScopeKind.ALL)
    if unknown:
        raise ValueError(f"unknown scope kinds in attribution of {code}: {sorted(unknown)}")
    mod = Module(code, label, dict(attribution), date_note, order, frozenset(roles) if roles is not None else None,
                 notes.strip())
    _modules[code] = mod
    return mod


def figure(code: str, label: str, *, module: str, definition: str, unit: str, kind: str = "count",
           scopes: Iterable[str] = ScopeKind.ALL, group: str = "", date_basis: str = ""):
    """Register `fn(ctx) -> FigureResult` as the figure `code`. The definition is one Chinese sentence
    that names the records counted and their date basis (shown on the page and in docs/figures.md)."""
    if kind not in KINDS:
        raise ValueError(f"figure {code}: kind must be one of {KINDS}")
    if not code.startswith(f"{module}."):
        raise ValueError(f"figure {code}: code must start with its module '{module}.'")
    if module not in _modules:
        raise ValueError(f"figure {code}: register_module('{module}', …) first")
    scopes = tuple(scopes)
    bad = set(scopes) - set(ScopeKind.ALL)
    if bad:
        raise ValueError(f"figure {code}: unknown scopes {sorted(bad)}")

    def wrap(fn):
        if code in _figures and _figures[code].fn.__module__ != fn.__module__:
            raise ValueError(f"figure {code} is registered twice ({_figures[code].fn.__module__}, {fn.__module__})")
        order = _figures[code].order if code in _figures else len(_figures)
        _figures[code] = Figure(code, label, module, definition, unit, kind, scopes, fn, group, date_basis, order)
        return fn

    return wrap


def register_records(model: type, *, columns, url: Callable[[Any], str] | None = None, select_related=(), order_by=(),
                     prepare: Callable[[list], None] | None = None, link_column: int = 0) -> None:
    """How drill-downs list records of `model`: columns [(header, fn(obj))], detail link, loading and ordering."""
    _records[model] = RecordType(tuple(columns), url, tuple(select_related), tuple(order_by), prepare, link_column)


def record_type(model: type) -> RecordType:
    if model in _records:
        return _records[model]
    return RecordType(columns=(("记录", str),), url=lambda obj: obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else "")


def get(code: str) -> Figure:
    try:
        return _figures[code]
    except KeyError:
        raise ApplicationError(f"没有名为「{code}」的统计指标。") from None


def modules() -> list[Module]:
    return sorted(_modules.values(), key=lambda m: (m.order, m.code))


def module(code: str) -> Module:
    try:
        return _modules[code]
    except KeyError:
        raise ApplicationError(f"没有「{code}」模块的统计。") from None


def figures_for(module_code: str) -> list[Figure]:
    return sorted((f for f in _figures.values() if f.module == module_code), key=lambda f: f.order)


def all_figures() -> list[Figure]:
    return sorted(_figures.values(), key=lambda f: (module(f.module).order, f.order))


def attribution_rules(module_code: str | None = None) -> list[dict]:
    """The written attribution rules as data: [{module, scope, scope_label, rule}]."""
    out = []
    for m in modules():
        if module_code and m.code != module_code:
            continue
        for kind in ScopeKind.ALL:
            if kind in m.attribution:
                out.append({"module": m.code, "module_label": m.label, "scope": kind, "scope_label": ScopeKind.LABELS[kind],
                            "rule": m.attribution[kind]})
    return out


def compute(code: str, ctx: Context) -> FigureResult:
    """One figure for the context; results are kept in the context, so ratios reuse their parts."""
    fig = get(code)
    if ctx.scope.kind not in fig.scopes:
        raise ApplicationError(f"「{fig.label}」不支持按{ScopeKind.LABELS[ctx.scope.kind]}统计。")
    return ctx.memo(f"figure:{code}", lambda: fig.fn(ctx))


def compute_many(codes: Iterable[str], ctx: Context) -> list[tuple[Figure, FigureResult]]:
    """Several figures; those not available for the scope are left out."""
    out = []
    for code in codes:
        fig = get(code)
        if ctx.scope.kind in fig.scopes:
            out.append((fig, compute(code, ctx)))
    return out


def ratio(ctx: Context, numerator: str, denominator: str, *, places: int = 1) -> FigureResult:
    """A ratio (in %) of two registered count figures; both parts carry their records for the drill-down."""
    num, den = compute(numerator, ctx), compute(denominator, ctx)
    return FigureResult(
        value=percent(num.value or 0, den.value, places),
        numerator=Part("numerator", get(numerator).label, num.value, num.records),
        denominator=Part("denominator", get(denominator).label, den.value, den.records),
    )


def format_value(fig: Figure, value) -> str:
    if value is None:
        return "—"
    if fig.unit == "%":
        return f"{value}%"
    return f"{value}{fig.unit}"


# Discovery ------------------------------------------------------------------------------------------

def autodiscover() -> None:
    """Import `<app>.figures` of every installed app (called from ReportsConfig.ready())."""
    from importlib import import_module
    from importlib.util import find_spec

    from django.apps import apps

    for config in apps.get_app_configs():
        name = f"{config.name}.figures"
        if find_spec(config.name) is not None and find_spec(name) is not None:
            import_module(name)
