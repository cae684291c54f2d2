"""Configurable ([P]) values of 表决 (domain.md §3.10, §10)."""
from zhengxie.core.config import register

S = "表决"
register("votes.quorum", "表决有效的最低投票比例", "2/3", kind="str", section=S,
         help="投票人数占应投票人数（选定的投票人）的最低比例，写作分数，如 2/3、1/2；未达到时表决结果无效。"
              "新建表决时取当日的值并记在表决上。",
         source="domain.md §3.10、§10 [E3]（过半数）；默认三分之二 [P]")
register("votes.options", "默认表决选项", [["satisfied", "满意"], ["basic", "基本满意"], ["unsatisfied", "不满意"],
                                     ["abstain", "弃权"]],
         kind="json", section=S,
         help="[[代码, 名称], …]。代码 satisfied(满意) 与 basic(基本满意) 计入满意率，abstain(弃权) 不计入有效票，"
              "其他代码（如 unknown“不了解”）计入有效票。",
         source="domain.md §3.8、§10 [E2][E3]")
