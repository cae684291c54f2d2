"""Configurable ([P]) values of the 提案 module (domain.md §3), registered with their defaults."""
from zhengxie.core.config import register

S = "提案"
register("proposals.title_max", "案由字数上限", 50, kind="int", section=S, source="domain.md §3.2 [R52]")
register("proposals.body_warn", "正文字数提醒线", 1500, kind="int", section=S, source="domain.md §3.2 [P] warn at 1500")
register("proposals.body_max", "正文字数上限", 3000, kind="int", section=S, source="domain.md §3.2 [P] hard limit 3000")
register("proposals.cosign_days", "联名确认期限(天，自提交起)", 7, kind="int", section=S,
         help="联名人须在此期限内在线确认，否则不计为联名人。", source="domain.md §3.1 [R28] [P]")
register("proposals.number_pattern", "提案号格式", "第{n:04d}号", kind="str", section=S, source="domain.md §3.5 [P]")
register("proposals.receipt_pattern", "收件号格式", "{term}{session}-S{n:04d}", kind="str", section=S,
         source="domain.md §3.5 [P]")
register("proposals.handling_rule", "办理期限(自交办起)", {"months": 3}, kind="json", section=S,
         help='如 {"months": 3}、{"workdays": 60}；会议设定的办复截止日期优先。', source="domain.md §3.7 [P]")
register("proposals.co_opinion_rule", "会办意见期限", {"months": 1}, kind="json", section=S, source="domain.md §3.6 [P]")
register("proposals.dispute_rule", "申请调整期限", {"days": 10}, kind="json", section=S, source="domain.md §3.6 [P] 10 calendar days")
register("proposals.extension_max_days", "延期最长天数", 31, kind="int", section=S, source="domain.md §3.7 [P] ≤1 month")
register("proposals.evaluation_rule", "评价期限(自答复起)", {"workdays": 15}, kind="json", section=S, source="domain.md §3.8 [R29]")
register("proposals.rehandle_rule", "重新办理答复期限", {"months": 1}, kind="json", section=S, source="domain.md §3.8 [P]")
register("proposals.rehandle_rounds", "重新办理最多轮次", 2, kind="int", section=S, source="domain.md §3.8 [P]")
register("proposals.result_rule", "办理结果以谁的评价为准", "lead", kind="str", section=S,
         help="lead=领衔人的评价；worst=所有提案者中最差的评价。", source="domain.md §3.8 [P]")
register("proposals.result_classes", "答复结果分类", [["A", "已解决或采纳"], ["B", "正在解决或列入计划"], ["C", "留作参考"]],
         kind="json", section=S, source="domain.md §3.7 [P] A/B/C")
register("proposals.follow_up_classes", "需跟踪办理的结果类别", ["B"], kind="list", section=S, source="domain.md §3.7 [R59]")
register("proposals.reviewer_by_system", "督办审核部门(按承办单位系统)",
         {"government": "supervising_office", "party_committee": "proposal_staff", "peoples_congress": "proposal_staff",
          "judicial": "proposal_staff", "mass_org": "proposal_staff", "other": "proposal_staff"},
         kind="json", section=S, help="值为角色代码：supervising_office(政府督查室) 或 proposal_staff(提案委)。",
         source="domain.md §3.7 [R27] [P]")
register("proposals.sector_outside_plenary", "界别提案可在闭会期间提出", False, kind="bool", section=S,
         source="domain.md §3.1 [C] 北京2024")
register("proposals.county_may_submit", "县区政协可作为提案者", False, kind="bool", section=S, source="domain.md §3.1 [R7] [P]")
