"""Configurable ([P]) values of 民主评议 and 评优 (domain.md §3.10)."""
from zhengxie.core.config import register

S = "民主评议与评优"
register("appraisals.award_approver", "优秀提案和先进承办单位的审定机构", "主席会议", kind="str", section=S,
         help="如“主席会议”或“常委会议”，写入表彰决定。", source="domain.md §3.9–3.10 [P]")
register("appraisals.excellent_share", "年度好提案约占提案总数的比例(%)", 1, kind="decimal", section=S,
         help="推荐名单超过此比例时提示工作人员（不阻止）。", source="domain.md §3.10 [R39] ≈1%")
register("appraisals.rectify_days", "整改期限(天，自评议会起)", 90, kind="int", section=S,
         help="新增整改事项的默认完成期限。", source="domain.md §3.10 [P]")
