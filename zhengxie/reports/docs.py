"""docs/figures.md, generated from the registry (``manage.py figures_doc``) so it never drifts from the code."""
from __future__ import annotations

from pathlib import Path

from django.conf import settings

from . import registry
from .registry import ScopeKind

DOC_PATH = Path(settings.BASE_DIR) / "docs" / "figures.md"
KIND_LABELS = {"count": "计数", "ratio": "比率", "breakdown": "分布"}

INTRO = """# 统计指标（figures registry）

> 本文件由 `python manage.py figures_doc` 根据 `zhengxie/reports` 的指标注册表生成，请勿手工修改；
> 测试 `zhengxie/reports/tests/test_docs.py` 检查它与代码一致。

每个统计指标以代码注册（`@figure(code, label, module=…, definition=…, unit=…, kind=…, scopes=…)`），
对给定的 **统计期间**（年度、会议、日期范围）和 **统计范围**（本政协、专委会、界别、党派、县区政协）计算，
并能下钻到计入该数的记录。统计页面（`/reports/`）、Excel 导出和接口
（`GET /api/v1/reports/figures?module=proposals&year=2023&scope=…`）都从注册表读取。

## 统计期间

- **年度**：1月1日至12月31日（北京时间）。
- **会议**：该次全体会议的提案编号序列，即大会提案和闭会期间接续编号的平时提案；有会议字段的模块按会议筛选记录，
  其他模块按日期范围（征集开始日至下次全体会议征集开始前一日）。
- **日期范围**：起止日期（含两端）。

每个指标在“计入统计期的日期”一栏写明按哪个日期计入统计期；涉及任职的指标按统计期末当天有效的任职计算。

## 统计范围与权限

- 本政协：用户所属政协的全部记录。县区政协用户只能统计本政协。
- 专委会 / 界别 / 党派：本政协的一个组织，归属规则见各模块。
- 县区政协：仅市政协用户可选所辖县区政协；这是市政协查看县区数据的唯一途径（县区记录在明细中列示，但不能打开详情）。
- 可查看统计的角色（未另行规定的模块）：{roles}。

## 为模块注册指标

```python
# <app>/figures.py —— ReportsConfig.ready() 会自动导入每个已安装应用的 figures 模块
from zhengxie.reports.registry import FigureResult, figure, ratio, register_module

register_module("opinions", "社情民意", attribution={{"cppcc": "…", "committee": "…"}}, date_note="…")

@figure("opinions.received", "收到信息数", module="opinions", unit="篇", kind="count",
        definition="统计期内收到（按收到时间计）的社情民意信息篇数。", date_basis="收到时间")
def received(ctx) -> FigureResult:   # ctx.cppcc / ctx.period / ctx.scope
    qs = Item.objects.filter(cppcc_id=ctx.cppcc.pk).filter(ctx.period.q("received_at"))
    return FigureResult(qs.count(), qs)  # 值 + 下钻记录（QuerySet）
```

比率用 `ratio(ctx, "分子代码", "分母代码")`；分布返回 `parts=[Part(key, label, value, records)]`。
指标只能用聚合查询计算（不得逐条记录查询）；同一模块的多个计数可通过 `ctx.memo()` 共用一次聚合。
"""


def _cell(text: str) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def _scopes(fig) -> str:
    if tuple(fig.scopes) == ScopeKind.ALL:
        return "全部"
    return "、".join(ScopeKind.LABELS[s] for s in fig.scopes)


def generate() -> str:
    from zhengxie.core.roles import Role

    from .permissions import REPORT_ROLES

    roles = "、".join(Role(r).label for r in Role.values if r in REPORT_ROLES)
    out = [INTRO.format(roles=roles)]
    for mod in registry.modules():
        out.append(f"\n## {mod.label}（`{mod.code}`）\n")
        if mod.date_note:
            out.append(f"日期口径：{mod.date_note}\n")
        out.append("\n### 归属规则\n")
        for rule in registry.attribution_rules(mod.code):
            out.append(f"- **{rule['scope_label']}**：{rule['rule']}")
        out.append("\n### 指标\n")
        out.append("| 代码 | 指标 | 类型 | 单位 | 计入统计期的日期 | 范围 | 定义 |")
        out.append("|---|---|---|---|---|---|---|")
        for fig in registry.figures_for(mod.code):
            out.append(f"| `{fig.code}` | {_cell(fig.label)} | {KIND_LABELS[fig.kind]} | {fig.unit} | {_cell(fig.date_basis)} | "
                       f"{_scopes(fig)} | {_cell(fig.definition)} |")
        if mod.notes:
            out.append("")
            out.append(mod.notes)
    return "\n".join(out).rstrip() + "\n"

