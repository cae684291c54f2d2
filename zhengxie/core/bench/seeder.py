"""Runs the registered seed steps with a bulk loader: PostgreSQL COPY, or bulk_create elsewhere (SQLite tests)."""
from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.management.color import no_style
from django.db import connections, models, transaction
from django.utils import timezone

from . import registry
from .texts import SentenceBank

#: Bump when the seed steps change in a way that makes old dumps wrong.
SEED_VERSION = 1
BATCH = 2000

_PASS_THROUGH = (
    models.AutoField, models.BigAutoField, models.IntegerField, models.BigIntegerField,
    models.PositiveIntegerField, models.PositiveSmallIntegerField, models.SmallIntegerField,
    models.CharField, models.TextField, models.BooleanField, models.ForeignKey,
)


@dataclass
class SeedContext:
    """What a seed step receives."""

    using: str = "default"
    scale: float = 1.0
    sizes: dict[str, int] = field(default_factory=dict)  # explicit sizes override planned × scale
    seed: int = 20260101
    method: str = "auto"  # "copy" | "orm" | "auto" (COPY on PostgreSQL)
    log: Callable[[str], None] = print
    cppcc: object = None  # set by the first step (the bench 政协)
    today: dt.date = field(default_factory=timezone.localdate)
    now: dt.datetime = field(default_factory=timezone.now)
    shared: dict = field(default_factory=dict)  # ids and objects steps hand to later steps
    loaded: dict[str, int] = field(default_factory=dict)  # table → rows loaded

    def __post_init__(self):
        self.rng = random.Random(self.seed)
        self.text = SentenceBank(self.rng)

    @property
    def connection(self):
        return connections[self.using]

    def cursor(self):
        return self.connection.cursor()

    @property
    def uses_copy(self) -> bool:
        if self.method == "auto":
            return self.connection.vendor == "postgresql"
        return self.method == "copy"

    def size(self, key: str, default: int | None = None) -> int:
        if key in self.sizes:
            return self.sizes[key]
        planned = {r.key: r.planned for r in registry.dataset_rows()}.get(key, default)
        if planned is None:
            raise KeyError(f"基准数据集中没有“{key}”这一项")
        return max(1, round(planned * self.scale))

    def next_id(self, model) -> int:
        table = model._meta.db_table
        pk = model._meta.pk.column
        with self.cursor() as c:
            c.execute(f'SELECT COALESCE(MAX("{pk}"), 0) FROM "{table}"')
            return int(c.fetchone()[0]) + 1

    def load(self, model, rows: Iterable[dict]) -> list[int]:
        """Insert rows (dicts of attnames → values) fast; missing fields get their defaults.

        Rows without a primary key get consecutive ids after the table's current maximum. Returns the ids
        in row order. Explicit values are kept for every field with COPY; `bulk_create` re-stamps auto_now fields.
        `rows` may be a generator, but it must not query the database: the connection is busy during COPY.
        """
        meta = model._meta
        pk_name = meta.pk.attname
        start = self.next_id(model)  # before COPY starts: the connection is busy during it
        ids: list[int] = []
        fields = list(meta.concrete_fields)
        defaults = {}
        for f in fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                defaults[f.attname] = self.now
            elif f.attname != pk_name:
                defaults[f.attname] = f.get_default()

        def complete(rows):
            for row in rows:
                if pk_name not in row:
                    row[pk_name] = start + len(ids)
                ids.append(row[pk_name])
                yield row

        t0 = time.perf_counter()
        if self.uses_copy:
            self._copy(model, fields, defaults, complete(rows))
        else:
            self._bulk_create(model, fields, defaults, complete(rows))
        self.reset_sequence(model)
        self.loaded[meta.db_table] = self.loaded.get(meta.db_table, 0) + len(ids)
        if len(ids) >= 5000:
            self.log(f"    {meta.db_table}: {len(ids):,} 行，{time.perf_counter() - t0:.1f} 秒")
        return ids

    def _copy(self, model, fields, defaults, rows):
        conn = self.connection
        cols = ", ".join(f'"{f.column}"' for f in fields)
        preps = []
        for f in fields:
            if isinstance(f, _PASS_THROUGH):
                preps.append(None)
            else:
                preps.append(lambda v, f=f: f.get_db_prep_save(v, conn))
        names = [f.attname for f in fields]
        with conn.cursor() as wrapper:
            cur = wrapper.cursor  # the psycopg cursor under Django's wrapper
            with cur.copy(f'COPY "{model._meta.db_table}" ({cols}) FROM STDIN') as copy:
                for row in rows:
                    values = []
                    for name, prep in zip(names, preps, strict=True):
                        v = row[name] if name in row else defaults[name]
                        values.append(v if prep is None or v is None else prep(v))
                    copy.write_row(values)

    def _bulk_create(self, model, fields, defaults, rows):
        batch = []
        for row in rows:
            batch.append(model(**{**defaults, **row}))
            if len(batch) >= BATCH:
                model.objects.using(self.using).bulk_create(batch, batch_size=500)
                batch = []
        if batch:
            model.objects.using(self.using).bulk_create(batch, batch_size=500)

    def reset_sequence(self, model) -> None:
        statements = self.connection.ops.sequence_reset_sql(no_style(), [model])
        if statements:
            with self.cursor() as c:
                for sql in statements:
                    c.execute(sql)


@dataclass
class SeedReport:
    seconds: float
    steps: list[tuple[str, float]]
    loaded: dict[str, int]


def run_seed(ctx: SeedContext, steps: list[registry.SeedStep] | None = None) -> SeedReport:
    """Run the seed steps in order inside one transaction (nothing half-seeded)."""
    steps = registry.seed_steps() if steps is None else steps
    timings = []
    t_all = time.perf_counter()
    with transaction.atomic(using=ctx.using):
        for step in steps:
            t0 = time.perf_counter()
            ctx.log(f"  · {step.name} …")
            step.fn(ctx)
            took = time.perf_counter() - t0
            timings.append((step.name, took))
            ctx.log(f"  · {step.name}：{took:.1f} 秒")
    return SeedReport(time.perf_counter() - t_all, timings, dict(ctx.loaded))


def dataset_status(using: str = "default") -> list[dict]:
    """Each dataset row with its planned size, whether a seed step provides it, and the rows now in the table."""
    from django.apps import apps

    provided = registry.provided_keys()
    out = []
    for row in registry.dataset_rows():
        count = None
        if row.model:
            try:
                model = apps.get_model(row.model)
            except LookupError:
                model = None
            if model is not None:
                count = model.objects.using(using).count()
        out.append({"key": row.key, "label": row.label, "planned": row.planned, "app": row.app, "main": row.main,
                    "seeded": row.key in provided, "count": count})
    return out
