"""Configurable values of the text intelligence (core config registry, per 政协)."""
from zhengxie.core.config import register

S = "提案智能辅助"
register("intelligence.similar_k", "相似提案显示件数", 5, kind="int", section=S,
         help="写提案、审查和提案详情页显示的最相似提案件数。", source="issue 4 相似提案")
register("intelligence.similar_min_score", "相似提案最低相似度", 0.12, kind="decimal", section=S,
         help="0～1 的余弦相似度，低于此值的不显示。", source="issue 4 相似提案")
register("intelligence.group_threshold", "并案建议相似度阈值", 0.35, kind="decimal", section=S,
         help="同一会议两件提案的相似度达到此值即连成一组并案建议（连通分组），由工作人员确认。",
         source="docs/intelligence.md §6")
register("intelligence.unit_boost", "按分类加权(主分类单位)", 0.2, kind="decimal", section=S,
         help="交办建议中，属于自动分类所得类别的承办单位加上此权重（兼管此类的单位加一半）。",
         source="docs/intelligence.md §4")
register("intelligence.hints_min_chars", "答复过短提示字数", 100, kind="int", section=S,
         help="答复正文少于此字数时提示“答复过于简短”。", source="docs/intelligence.md §5")
