"""`make bench`: seed the national dataset on PostgreSQL (or restore its dump) and measure the main pages and API.

The command never touches the development database: it re-runs itself in a child process whose
DATABASE_URL is the bench database (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/zhengxie_bench).
  parent: create/drop the bench database, pg_restore or (child "seed" + pg_dump), then child "measure".
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
import warnings
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from zhengxie.core.bench import registry

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/zhengxie_bench"
FORBIDDEN = {"postgres", "template0", "template1", "test"}


def bench_url(option: str | None) -> str:
    return option or os.environ.get("BENCH_DATABASE_URL") or DEFAULT_URL


def check_bench_db(url: str, *, child: bool = False) -> dict:
    cfg = dj_database_url.parse(url)
    if "postgresql" not in cfg["ENGINE"]:
        raise CommandError("基准测试只在 PostgreSQL 上运行：请把 BENCH_DATABASE_URL 设为 postgres://… 地址。")
    name = cfg["NAME"] or ""
    if name in FORBIDDEN or name.startswith("test"):
        raise CommandError(f"拒绝使用数据库“{name}”：基准测试会清空并重建它，请用单独的库名（如 zhengxie_bench）。")
    dev = settings.DATABASES["default"]
    if not child and "postgresql" in dev["ENGINE"] and dev["NAME"] == name and (dev.get("HOST") or "") == (cfg.get("HOST") or ""):
        raise CommandError(f"基准数据库“{name}”与当前 DATABASE_URL 相同：请用单独的库名。")
    return cfg


def migration_state() -> list[str]:
    """Every migration on disk as `app.name:<sha1 of its file>`: a migration edited in place also counts."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    out = []
    for (app, name), migration in loader.disk_migrations.items():
        path = getattr(sys.modules.get(migration.__module__), "__file__", None)
        digest = hashlib.sha1(Path(path).read_bytes()).hexdigest()[:10] if path else ""
        out.append(f"{app}.{name}:{digest}")
    return sorted(out)


def dataset_hash(scale: float) -> str:
    from zhengxie.core.bench.seeder import SEED_VERSION

    parts = migration_state() + [s.qualname for s in registry.seed_steps()] + [f"v{SEED_VERSION}", f"scale={scale}"]
    return hashlib.sha1("\n".join(parts).encode()).hexdigest()[:12]


class Command(BaseCommand):
    help = "在 PostgreSQL 上灌入全国规模数据集（保留转储以复用），测量主要页面和 API 的 p50/p95 与查询次数。"
    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=50, help="每个场景计时的请求数（默认 50）")
        parser.add_argument("--warmup", type=int, default=5, help="每个场景的预热请求数（默认 5）")
        parser.add_argument("--reseed", action="store_true", help="忽略已有转储，重新灌入")
        parser.add_argument("--scale", type=float, default=1.0, help="数据量比例（默认 1 = 全国规模；小于 1 时不改写 docs/）")
        parser.add_argument("--database-url", default=None, help="基准数据库地址（默认取 BENCH_DATABASE_URL）")
        parser.add_argument("--only", default="", help="只测名称包含此文字的场景")
        parser.add_argument("--seed-only", action="store_true", help="只准备数据（灌入或恢复），不测量")
        parser.add_argument("--no-docs", action="store_true", help="不改写 docs/benchmarks.md 和 .json")
        parser.add_argument("--child", choices=["seed", "measure"], help="(内部) 在基准数据库上执行的阶段")
        parser.add_argument("--meta", default="", help="(内部) 灌入信息 JSON 文件")

    def handle(self, *args, **o):
        registry.autodiscover()
        if o["child"]:
            return self.child(o)
        return self.parent(o)

    # ---------------------------------------------------------------- parent: database admin, dump/restore
    def parent(self, o):
        url = bench_url(o["database_url"])
        cfg = check_bench_db(url)
        for tool in ("pg_dump", "pg_restore"):
            if not shutil.which(tool):
                raise CommandError(f"找不到 {tool}：请安装 PostgreSQL 客户端（make system-deps）。")
        folder = Path(settings.VAR_DIR) / "bench"
        folder.mkdir(parents=True, exist_ok=True)
        key = dataset_hash(o["scale"])
        suffix = "" if o["scale"] == 1 else f"-s{o['scale']:g}"
        dump = folder / f"national-{key}{suffix}.dump"
        meta_path = dump.with_suffix(".json")
        self.stdout.write(f"基准数据库：{cfg['NAME']}（{cfg.get('HOST') or 'localhost'}:{cfg.get('PORT') or 5432}）")
        if o["reseed"] or not dump.exists() or not meta_path.exists():
            self.recreate_database(cfg)
            self.stdout.write("灌入全国规模数据集 …")
            self.run_child(url, "seed", o, meta_path)
            t0 = time.perf_counter()
            tmp = dump.with_suffix(".tmp")
            self.run([ "pg_dump", "-Fc", "-Z", "1", "-f", str(tmp), "-d", url])
            tmp.replace(dump)
            meta = json.loads(meta_path.read_text())
            meta.update(fresh=True, dump=str(dump.relative_to(settings.BASE_DIR)) if dump.is_relative_to(settings.BASE_DIR) else str(dump),
                        dump_seconds=round(time.perf_counter() - t0, 1), dump_mib=round(dump.stat().st_size / 2**20, 1))
            self.stdout.write(f"转储已保存：{dump}（{meta['dump_mib']} MiB，{meta['dump_seconds']} 秒）")
        else:
            self.stdout.write(f"从转储恢复：{dump}")
            self.recreate_database(cfg)
            t0 = time.perf_counter()
            self.run(["pg_restore", "--no-owner", "-j", "2", "-d", url, str(dump)])
            meta = json.loads(meta_path.read_text())
            meta.update(fresh=False, restore_seconds=round(time.perf_counter() - t0, 1))
            self.stdout.write(f"恢复完成：{meta['restore_seconds']} 秒")
        meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2))
        if not o["seed_only"]:
            self.run_child(url, "measure", o, meta_path)

    def recreate_database(self, cfg: dict) -> None:
        import psycopg
        from psycopg import sql

        conninfo = psycopg.conninfo.make_conninfo(
            dbname="postgres", host=cfg.get("HOST") or None, port=cfg.get("PORT") or None,
            user=cfg.get("USER") or None, password=cfg.get("PASSWORD") or None,
        )
        with psycopg.connect(conninfo, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(cfg["NAME"])))
            conn.execute(sql.SQL("CREATE DATABASE {} ENCODING 'UTF8' TEMPLATE template0").format(sql.Identifier(cfg["NAME"])))

    def run(self, cmd: list[str]) -> None:
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            raise CommandError(f"{cmd[0]} 失败：{done.stderr.strip()[:2000]}")

    def run_child(self, url: str, phase: str, o, meta_path: Path) -> None:
        env = {**os.environ, "DATABASE_URL": url, "DB_CONN_MAX_AGE": "600", "DEBUG": "false", "PYTHONUNBUFFERED": "1"}
        cmd = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "bench", "--child", phase,
               "--database-url", url, "--meta", str(meta_path), "--scale", str(o["scale"]),
               "--requests", str(o["requests"]), "--warmup", str(o["warmup"]), "--only", o["only"]]
        if o["no_docs"]:
            cmd.append("--no-docs")
        done = subprocess.run(cmd, env=env)
        if done.returncode != 0:
            raise CommandError(f"基准测试子进程（{phase}）失败，退出码 {done.returncode}。")

    # ---------------------------------------------------------------- child: runs against the bench database
    def child(self, o):
        warnings.filterwarnings("ignore", message="No directory at")  # whitenoise: collectstatic not needed here
        cfg = check_bench_db(bench_url(o["database_url"]), child=True)
        if connection.vendor != "postgresql" or connection.settings_dict["NAME"] != cfg["NAME"]:
            raise CommandError("子进程没有连到基准数据库，已停止（不会改动其他数据库）。")
        call_command("migrate", interactive=False, verbosity=0)
        meta_path = Path(o["meta"])
        if o["child"] == "seed":
            return self.child_seed(o, meta_path)
        return self.child_measure(o, meta_path)

    def child_seed(self, o, meta_path: Path) -> None:
        from zhengxie.core.bench.seeder import SeedContext, run_seed

        ctx = SeedContext(scale=o["scale"], log=self.stdout.write)
        report = run_seed(ctx)
        t0 = time.perf_counter()
        with connection.cursor() as c:
            c.execute("VACUUM ANALYZE")
        self.stdout.write(f"灌入完成：{report.seconds:.1f} 秒（另 VACUUM ANALYZE {time.perf_counter() - t0:.1f} 秒）")
        meta = {"seconds": round(report.seconds, 1), "steps": [[n, round(s, 1)] for n, s in report.steps],
                "loaded": report.loaded, "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                "scale": o["scale"], "target_seconds": 900}
        meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2))

    def child_measure(self, o, meta_path: Path) -> None:
        from zhengxie.core.bench import report
        from zhengxie.core.bench.foundation import BENCH_CPPCC_CODE
        from zhengxie.core.bench.measure import QUERY_PASSES, check_groups, measure_all
        from zhengxie.core.bench.seeder import dataset_status
        from zhengxie.core.models import Cppcc

        with connection.cursor() as c:
            c.execute("VACUUM ANALYZE")
            c.execute("SHOW server_version")
            pg_version = c.fetchone()[0]
        cppcc = Cppcc.objects.get(code=BENCH_CPPCC_CODE)
        machine = report.machine_info()  # the load average before measuring: other work on the machine skews p95
        scenarios = [s for s in registry.scenarios() if o["only"] in s.name]
        self.stdout.write(f"测量 {len(scenarios)} 个场景（每个 {o['requests']} 次请求）…")
        results = measure_all(cppcc, scenarios=scenarios, requests=o["requests"], warmup=o["warmup"],
                              log=self.stdout.write)
        base = Path(settings.BASE_DIR)
        data = {
            "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "git_sha": report.git_sha(base),
            "machine": {**machine, "load_avg_end": report.machine_info()["load_avg"]},
            "postgresql": pg_version,
            "scale": o["scale"],
            "requests": o["requests"], "warmup": o["warmup"], "query_passes": QUERY_PASSES,
            "seed": json.loads(meta_path.read_text()) if meta_path.exists() else {},
            "dataset": dataset_status(),
            "results": [r.as_dict() for r in results],
            "groups": check_groups(results),
        }
        failed = [r.name for r in results if r.passed is False]
        if o["no_docs"] or o["scale"] != 1 or o["only"]:
            out = Path(settings.VAR_DIR) / "bench" / "last-results.json"
            out.write_text(json.dumps(data, ensure_ascii=False, indent=2))
            self.stdout.write(f"结果已写入 {out}（未改写 docs/）")
        else:
            report.write_docs(data, base / "docs" / "benchmarks.md", base / "docs" / "benchmarks.json")
            self.stdout.write("结果已写入 docs/benchmarks.md 和 docs/benchmarks.json")
        if failed:
            self.stdout.write(self.style.WARNING(f"未达标：{'、'.join(failed)}"))
