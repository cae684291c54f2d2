"""Configurable ([P]) values of public intake: rate limits and the spam screen (per 政协, dated)."""
from zhengxie.core.config import register

S = "公众征集"
register("intake.ip_limit", "同一IP每时段最多提交条数", 5, kind="int", section=S,
         help="超过后提示稍后再试。时段长度见「限流时段(分钟)」。")
register("intake.phone_limit", "同一手机号每时段最多提交条数", 3, kind="int", section=S)
register("intake.window_minutes", "限流时段(分钟)", 60, kind="int", section=S)
register("intake.min_fill_seconds", "最短填写时间(秒)", 5, kind="int", section=S,
         help="打开表单后少于此时间即提交的，视为自动程序。")
register("intake.min_body_chars", "内容最少字数", 20, kind="int", section=S)
register("intake.max_body_chars", "内容最多字数", 2000, kind="int", section=S, source="domain.md §3.3 线索约500字")
register("intake.max_links", "内容中允许的网址个数", 0, kind="int", section=S)
register("intake.max_repeat", "同一字符连续重复上限", 6, kind="int", section=S)
register("intake.blocked_words", "屏蔽词", ["代开发票", "刷单", "博彩", "贷款秒批"], kind="list", section=S,
         help="内容含任一屏蔽词的来信不予接收。")
