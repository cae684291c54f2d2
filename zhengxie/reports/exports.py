"""Excel files of the statistics table and of a drill-down (zhengxie.documents.xlsx engine)."""
from __future__ import annotations

from . import registry, selectors
from .registry import Context

TABLE_COLUMNS = [("分组", 12), ("指标", 24), ("代码", 30), ("数值", 10), ("单位", 6), ("分子", 10), ("分母", 10),
                 ("占比(%)", 9), ("统计口径", 70), ("计入统计期的日期", 18)]


def _about(ctx: Context, module: registry.Module) -> list[list]:
    rows = [["统计范围", ctx.scope.label], ["统计期间", f"{ctx.period.label}（{ctx.period.start:%Y-%m-%d} 至 {ctx.period.end:%Y-%m-%d}）"],
            ["日期口径", module.date_note], []]
    rows += [[f"归属规则·{r['scope_label']}", r["rule"]] for r in registry.attribution_rules(module.code)]
    return rows


def table_xlsx(rows: list[dict], ctx: Context, module: registry.Module) -> bytes:
    from zhengxie.documents.xlsx import write_xlsx

    data = []
    for row in rows:
        fig, res = row["figure"], row["result"]
        num = res.numerator.value if res.numerator else ""
        den = res.denominator.value if res.denominator else ""
        data.append([fig.group, fig.label, fig.code, res.value if res.value is not None else "—", fig.unit, num, den, "",
                     fig.definition, fig.date_basis])
        for part in res.parts:
            data.append([fig.group, f"　其中：{part.label}", f"{fig.code}#{part.key}", part.value, fig.unit, "", "",
                         part.share if part.share is not None else "", "", ""])
    return write_xlsx(f"{module.label}统计", TABLE_COLUMNS, data, extra_sheets={"统计说明": _about(ctx, module)})


def drill_xlsx(drill: dict, ctx: Context) -> bytes:
    from zhengxie.documents.xlsx import MAX_ROWS, write_xlsx

    rtype = drill["type"]
    columns = [(header, 16 if i else 14) for i, (header, _) in enumerate(rtype.columns)]
    rows = [r["cells"] for r in selectors.drill_rows(drill, drill["records"][:MAX_ROWS])]
    fig = drill["figure"]
    about = [["指标", fig.label], ["口径", fig.definition], ["统计范围", ctx.scope.label], ["统计期间", ctx.period.label]]
    if drill["part"]:
        about.insert(1, ["分项", drill["part"].label])
    return write_xlsx(f"{fig.label}明细", columns, rows, extra_sheets={"统计说明": about})
