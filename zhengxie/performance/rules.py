"""Point rules and grade thresholds as valid-from dated configuration (domain.md §5.2 [P] default)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from zhengxie.core import config
from zhengxie.core.models import ConfigValue

RULES_KEY = "performance.rules"
GRADES_KEY = "performance.grades"

#: rule code → (label, default points)
RULES: dict[str, tuple[str, float]] = {
    "plenary.half_day": ("全体会议出席（每半天）", 5),
    "plenary.absent": ("无故缺席全体会议", -10),
    "standing.absent": ("无故缺席常委会议", -5),
    "meeting.attend": ("常委会议、专题协商会出席", 5),
    "activity.attend": ("调研、视察、民主评议、委员之家、有事来商量", 5),
    "study.full": ("学习培训（全程）", 10),
    "study.partial": ("学习培训（部分）", 5),
    "public.attend": ("公益/联系群众", 2),
    "public.cap": ("公益/联系群众年度上限", 10),
    "home.duty": ("委员之家/工作室值班接待", 5),
    "speech.oral": ("大会口头发言", 10),
    "speech.written": ("大会书面发言", 5),
    "proposal.lead": ("提案立案（个人或领衔）", 15),
    "proposal.cosign": ("提案立案（联名参与）", 3),
    "proposal.collective": ("集体提案立案（主笔）", 15),
    "proposal.sqmy_lead": ("提案转社情民意（领衔）", 10),
    "proposal.sqmy_cosign": ("提案转社情民意（联名）", 2),
    "proposal.key_lead": ("重点提案（领衔）", 15),
    "proposal.key_cosign": ("重点提案（参与）", 3),
    "proposal.excellent_lead": ("优秀提案（领衔/主笔）", 10),
    "proposal.excellent_cosign": ("优秀提案（参与）", 2),
    "opinion.issued": ("社情民意市政协编发", 5),
    "opinion.provincial": ("社情民意省政协采用", 10),
    "opinion.national": ("社情民意全国政协采用", 20),
    "opinion.instruction": ("社情民意获批示（每件次）", 10),
    "culture.adopted": ("文史资料稿件录用", 10),
    "award.national": ("国家级表彰", 20),
    "award.provincial": ("省级表彰", 15),
    "award.city": ("市级表彰", 10),
    "award.county": ("县（区）级表彰", 5),
}
DEFAULT_RULES = {code: points for code, (_, points) in RULES.items()}
DEFAULT_GRADES = {"excellent": 90, "competent": 60}
#: activity kinds per point rule (by kind code or kind category)
MEETING_KINDS = {"standing", "consultation", "biweekly"}
ACTIVITY_CATEGORIES = {"research", "inspection", "evaluation", "home", "community"}
SPEECH_KINDS = {"plenary", "standing"}

config.register(RULES_KEY, "履职积分规则", DEFAULT_RULES, kind="json", section="履职积分",
                help="规则代码→分值；按生效日期对事实日期取值。代码说明见 docs/performance.md。",
                source="domain.md §5.2 [P]")
config.register(GRADES_KEY, "履职等次分数线", DEFAULT_GRADES, kind="json", section="履职积分",
                help="excellent：优秀最低分；competent：称职最低分；低于称职为不称职。", source="domain.md §5.2 [P]")


class RuleBook:
    """All dated versions of the rules of one 政协, read once; `points(code, on)` resolves by fact date."""

    def __init__(self, cppcc_id: int):
        self.versions = [(r.valid_from, r.value) for r in
                         ConfigValue.objects.filter(cppcc_id=cppcc_id, key=RULES_KEY).order_by("valid_from")]

    def table(self, on: dt.date) -> dict:
        value = DEFAULT_RULES
        for valid_from, v in self.versions:
            if valid_from <= on:
                value = {**DEFAULT_RULES, **(v or {})}
        return value

    def points(self, code: str, on: dt.date) -> Decimal:
        return Decimal(str(self.table(on).get(code, 0)))


def label(code: str) -> str:
    return RULES.get(code, (code, 0))[0]


def grades(cppcc, year: int) -> dict:
    return {**DEFAULT_GRADES, **(config.get(GRADES_KEY, cppcc=cppcc, on=dt.date(year, 12, 31)) or {})}


def grades_by_year(cppcc, years) -> dict[int, dict]:
    """`grades` for several years with one query (the dated versions, resolved on 31 Dec of each year)."""
    versions = sorted((v.valid_from, v.value) for v in config.history(GRADES_KEY, cppcc=cppcc))
    out = {}
    for year in years:
        value = None
        for valid_from, v in versions:
            if valid_from <= dt.date(year, 12, 31):
                value = v
        out[year] = {**DEFAULT_GRADES, **(value or {})}
    return out


def grade_of(total, thresholds: dict) -> str:
    if total >= Decimal(str(thresholds["excellent"])):
        return "优秀"
    if total >= Decimal(str(thresholds["competent"])):
        return "称职"
    return "不称职"
