"""Configurable ([P]) values of 重点提案与督办 (domain.md §3.9), registered with their defaults."""
from zhengxie.core.config import register

S = "重点提案与督办"
APPROVAL_BODIES = {"chair": "主席会议", "standing": "常委会"}
register("supervision.approval_body", "重点提案审批机构", "chair", kind="str", section=S,
         help="chair=主席会议；standing=常委会。遴选结果报该会议审定后生效。", source="domain.md §3.9 [R34][R35] [C]")
register("supervision.key_max_ratio", "重点提案占立案比例上限(%)", 5, kind="decimal", section=S,
         help="报请审批时，重点提案数不得超过本次会议立案数的该比例。", source="domain.md §3.9 [P] ≤5%")
register("supervision.key_max_count", "重点提案件数上限(每次会议)", 10, kind="int", section=S,
         help="每年确定的重点提案硬性件数上限；0 表示不限。", source="domain.md §3.9 [P] hard count per year")
register("supervision.forms", "督办形式", ["领办", "领衔督办", "对口督办", "走访", "督办协商会", "现场督办"], kind="list", section=S,
         source="domain.md §3.9 [R34][R36][R37][R38][R42]")
register("supervision.leader_forms", "重点提案领导督办方式", ["领办", "领衔督办", "对口督办"], kind="list", section=S,
         help="确定重点提案时为每件提案指定的督办方式。", source="domain.md §3.9")
register("supervision.case_suggestions", "并案集中督办候选数", 15, kind="int", section=S,
         help="系统按文本相似度为一件重点提案推荐的同类普通提案件数。", source="[P]")
register("supervision.case_min_score", "并案集中督办候选最低相似度", 0.12, kind="decimal", section=S,
         help="相似度（0～1）低于此值的提案不作为候选。", source="[P]")
