"""docs/benchmarks.md (a generated section between markers, prose around it kept) and docs/benchmarks.json."""
from __future__ import annotations

import json
import os
import platform
import subprocess
from pathlib import Path

START = "<!-- bench:results:start -->"
END = "<!-- bench:results:end -->"


def rewrite_section(text: str, body: str, start: str = START, end: str = END) -> str:
    """Replace what lies between the markers with `body`; keep everything else. Appends the section if absent."""
    block = f"{start}\n{body.strip()}\n{end}"
    i = text.find(start)
    j = text.find(end, i + len(start)) if i >= 0 else -1
    if i < 0 or j < 0:
        sep = "" if not text or text.endswith("\n\n") else ("\n" if text.endswith("\n") else "\n\n")
        return f"{text}{sep}{block}\n"
    return text[:i] + block + text[j + len(end):]


def machine_info() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gib = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gib = round(int(line.split()[1]) / 1024 / 1024, 1)
                break
    except OSError:
        pass
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except OSError:
        load = None
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gib": ram_gib, "os": platform.platform(),
            "python": platform.python_version(), "load_avg": load}


def git_sha(cwd: Path) -> str:
    try:
        sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=cwd, capture_output=True,
                               text=True, check=True).stdout.strip()
        return sha + ("-dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _n(v) -> str:
    return "—" if v is None else f"{v:,}"


def _ms(v) -> str:
    return "—" if v is None else f"{v:.1f}"


def _pass(r: dict) -> str:
    if r.get("passed") is None:
        return "—"
    return "✅" if r["passed"] else "❌"


def render_section(data: dict) -> str:
    """Markdown for the generated section, from the same dict written to benchmarks.json."""
    m, seed = data["machine"], data.get("seed", {})
    lines = [
        f"_生成于 {data['date']} · git `{data['git_sha'][:12]}` · PostgreSQL {data['postgresql']} · "
        f"{m['cpu']}，{m['cores']} 核，内存 {m['ram_gib']} GiB · Python {m['python']}"
        + (f" · 测量开始时负载 {m['load_avg'][0]}" if m.get("load_avg") else "") + "_",
        "",
        "### 数据集",
        "",
        "| 数据 | 计划行数 | 已灌入行数 | 提供模块 | 状态 |",
        "|---|---:|---:|---|---|",
    ]
    for row in data["dataset"]:
        status = "已灌入" if row["seeded"] else "由后续模块提供"
        label = row["label"] if row["main"] else f"{row['label']}（配套）"
        lines.append(f"| {label} | {row['planned']:,} | {_n(row['count'])} | {row['app']} | {status} |")
    if seed:
        how = "本次重新灌入" if seed.get("fresh") else f"从转储恢复（{seed.get('restore_seconds', 0):.1f} 秒）"
        lines += ["", f"灌入耗时 {seed.get('seconds', 0):.1f} 秒（目标 ≤ 900 秒，{seed.get('date', '')}）；{how}。"
                  f"转储文件 `{seed.get('dump', '')}`。"]
    lines += [
        "",
        "### 结果",
        "",
        f"每个场景预热 {data['warmup']} 次后计时 {data['requests']} 次请求（进程内 Django 测试客户端，服务端耗时，毫秒）；"
        f"查询次数取另外 {data['query_passes']} 次请求的最大值，SQL 耗时为这几次请求 SQL 总耗时的中位数；"
        "应用 CPU 为 Django 进程 CPU 时间的中位数（不含数据库进程，基本不受机器上其他负载影响）。",
        "",
        "| 场景 | 角色 | 地址 | p50 | p95 | 查询次数 | SQL 耗时 | 应用 CPU | p95 目标 | 达标 |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|:-:|",
    ]
    for r in data["results"]:
        if r["p95_ms"] is None:
            lines.append(f"| {r['name']} | {r['role']} | `{r['url']}` | — | — | — | — | — | "
                         f"{_ms(r['target_p95_ms'])} | {r['note'] or r['status']} |")
            continue
        q = str(r["queries"]) if r["queries"] == r["queries_min"] else f"{r['queries_min']}–{r['queries']}"
        lines.append(f"| {r['name']} | {r['role']} | `{r['url']}` | {_ms(r['p50_ms'])} | {_ms(r['p95_ms'])} | {q} | "
                     f"{_ms(r['sql_ms'])} | {_ms(r.get('cpu_ms'))} | {_ms(r['target_p95_ms'])} | {_pass(r)}"
                     + (f" {r['note']}" if r.get("note") else "") + " |")
    if data.get("groups"):
        lines += ["", "### 查询次数与每页条数无关", ""]
        for name, g in data["groups"].items():
            parts = "，".join(f"{k}：{v} 次" for k, v in g["scenarios"].items())
            lines.append(f"- {name}：{parts} → {'相同 ✅' if g['equal'] else '不同 ❌'}")
    return "\n".join(lines)


def write_docs(data: dict, md_path: Path, json_path: Path) -> None:
    json_path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    text = md_path.read_text(encoding="utf-8") if md_path.exists() else ""
    md_path.write_text(rewrite_section(text, render_section(data)), encoding="utf-8")
