"""Configurable ([P]) values of the 社情民意 module (domain.md §4), registered with their defaults."""
from zhengxie.core.config import register

S = "社情民意"
register("opinions.body_warn", "正文字数提醒线", 1500, kind="int", section=S,
         help="超过时提醒“一事一报、不超过1500字”，不阻止报送。", source="domain.md §4.2 [S3][S7][S14]")
register("opinions.title_max", "标题字数上限", 60, kind="int", section=S, source="domain.md §4.2 [P]")
register("opinions.series", "期刊名称", ["政协社情民意", "政协信息专报"], kind="list", section=S,
         help="第一个为本级《社情民意》，其余为专报等。期号按刊物、按年度连续编号。", source="domain.md §4.3 [S3][S14][S20]")
register("opinions.issue_editor", "期刊编印单位", "市政协办公室编", kind="str", section=S, source="domain.md §4.3 [P]")
register("opinions.default_distribution", "期刊默认报送范围", "报送：市委、市人大常委会、市政府、市政协领导，省政协办公厅。",
         kind="str", section=S, source="domain.md §4.3 [S3][S20] [P]")
register("opinions.instruction_text_visible", "作者可见批示内容(默认)", False, kind="bool", section=S,
         help="作者始终能看到批示领导层级和日期；批示内容是否可见按此默认值，登记时可逐条调整。", source="domain.md §4.4 [P]")
register("opinions.informant_duty", "特邀信息员年度报送任务(篇)", 12, kind="int", section=S,
         source="domain.md §4.6 [S6] ≥1 item per month [P]")
