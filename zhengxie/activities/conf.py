"""Configurable ([P]) values of the 活动 module (domain.md §5–6), registered with their defaults."""
from zhengxie.core.config import register

S = "委员履职活动"
register("activities.signin_slot_seconds", "签到二维码刷新间隔(秒)", 60, kind="int", section=S,
         help="签到码按此间隔轮换；只接受当前和上一个时段的签到码，截屏转发的旧码会被拒绝。", source="issue 6 [P]")
register("activities.signin_open_minutes", "默认签到开始(活动开始前分钟数)", 30, kind="int", section=S,
         help="活动未单独设置签到时间时，签到在活动开始前这些分钟开放，到活动结束时关闭。", source="issue 6 [P]")
register("activities.home_min_per_quarter", "委员之家每季度最少活动次数", 1, kind="int", section=S,
         help="每个委员之家/委员工作室/会客室每个自然季度至少组织的委员活动次数。", source="domain.md §6 [H1][H2] 每季度至少1次")
register("activities.home_alert_days", "季度活动提醒(季度结束前天数)", 15, kind="int", section=S,
         help="季度结束前这些天仍未达到最少活动次数的，提醒负责委员和专委会工作人员。", source="domain.md §6 (alert at quarter −15 days)")
