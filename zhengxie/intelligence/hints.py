"""Reply quality hints: warn staff when a reply looks thin (they decide; hints never block).

`reply_hints(proposal_text, reply_text, result_class)` returns a list of `Hint(code, label, detail)`:

| code | label | fires when |
|---|---|---|
| `unanswered_points` | 未回应建议要点 | fewer than `coverage` (20 %) of the content bigrams of the proposal's 案由/title (`proposal_title`, default its first sentence) occur in the reply; the detail lists the suggestion sentences that are not covered either |
| `missing_result` | 缺少办理结果类别 | no result class is given and the reply states no outcome (only "已转…部门" / greetings) |
| `too_short` | 答复过于简短 | fewer than `min_chars` content characters (default 100, configurable) |
| `no_measures` | 缺少具体措施/时间安排 | the proposal asks for action and the reply names no action taken, no date and no plan with a time |
| `boilerplate` | 套话过多 | at least `boilerplate_share` of the reply's characters are formulaic (问候、收悉、感谢…) |

All rules are transparent regular expressions and overlaps, listed below; the agreement with 50
hand-labelled replies of replies.csv is reported in docs/intelligence.md §5.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .text import content_chars, sentences

LABELS = {
    "unanswered_points": "未回应建议要点",
    "missing_result": "缺少办理结果类别",
    "too_short": "答复过于简短",
    "no_measures": "缺少具体措施/时间安排",
    "boilerplate": "套话过多",
}


@dataclass
class Hint:
    code: str
    label: str
    detail: str = ""


# Formulaic phrases of reply letters (removed before judging what a sentence says).
_FORMULA = re.compile(
    r"(尊敬的)?(网友|网民|市民|同志|先生|女士)?[“\"]?[a-z0-9]*[”\"]?[：:，,]?\s*(你|您)好[！!，,。]?|"
    r"(您|你)?的?(留言|来信|来帖|帖子|信件|问题|反映的问题|诉求)?(已)?收悉|现(将有关情况|就有关问题|将|就)?(答复|回复)如下|"
    r"感谢(您|你)?(及广大网友)?对[^。！!]{0,30}(关心|关注|支持|理解|监督)[^。！!]{0,20}|谢谢(您|你)?|"
    r"(欢迎|敬请)[^。！!]{0,20}(监督|支持|关注|指导)[^。！!]{0,12}|高度重视|特此(回复|答复)|"
    r"(已|我们已|现已)?(将|把)?[^。]{0,16}转(至|交|到|由)?[^。]{0,20}(部门|单位|局|办|分局|政府)[^。]{0,12}(调查|处理|核处|办理|答复|反馈|回复)?|"
    r"请[^。]{0,8}咨询[^。]{0,12}|"
    r"(\d{4}年\d{1,2}月\d{1,2}日|[〇一二三四五六七八九零]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)\s*$"
)
_FORWARD_ONLY = re.compile(r"转[^。]{0,20}(部门|单位|局|办|分局|政府|县|区|市)|请[^。]{0,8}咨询|敬请关注后续")
_OUTCOME = re.compile(
    r"已(经)?[^，。；]{0,12}(解决|处理|办理|办结|完成|整改|拆除|关停|安排|开通|增加|协调|下达|查处|停止|清除|"
    r"清理|修复|建成|落实|启动|组织|移交|约谈|调整|接通|配备|纳入|列入|实施|核实|检查)|"
    r"正在|将于|预计|计划|列入|纳入|不符合|不能|无法|不予|可以|需要|应当|符合|根据|按照|依据|经(调查|核实|查|了解|检查)|"
    r"目前|由于|原因|您可|建议您|请您|下一步"
)
_CONCRETE = re.compile(
    r"已(经)?[^，。；]{0,12}(解决|处理|办理|完成|整改|拆除|关停|安排|开通|增加|协调|下达|查处|停止|清除|清理|"
    r"修复|建成|落实|启动|组织|移交|批评|约谈|联系|调整|接通|配备|实施|监测|检测)|"
    r"立即|当场|现场|\d{1,2}月\d{1,2}日|将于|计划于|预计|力争|争取|年底前|月底前|年内|一是|二是|"
    r"[1-9１-９][、.．]\s*[^，。]{0,10}(增加|调整|开展|加强|整治|建设|检查|招聘)|下一步|"
    r"不符合|不能|无法|不予|不宜|(根据|按照|依据)[^。]{0,30}(规定|文件|办法|通知|政策)|"
    r"\d+(\.\d+)?(万元|亿元|个|家|名|人|台|条|次|场次|起|户|辆)"
)
_REQUEST = re.compile(r"建议|希望|请求|恳请|要求|呼吁|盼|望|请|能否|可否|何时|什么时候|是否|为什么|为何|怎么|如何|[？?]")
_ASKS_ACTION = re.compile(r"建议|希望|请求|恳请|要求|呼吁|整改|解决|处理|查处|严查|取缔|制止|增加|改善|加快|尽快|尽早|治理|管管|撤")
_GENERIC_BIGRAMS = frozenset(
    "您好 领导 尊敬 请问 希望 政府 部门 相关 有关 问题 我们 你们 现在 目前 这个 那个 什么 怎么 如何 是否 能否 "
    "可以 已经 没有 不是 就是 还是 一个 市民 百姓 群众 谢谢 感谢 尽快 解决 要求 请求 建议 反映 情况 处理".split()
)


def _bigrams(text: str) -> set[str]:
    chars = content_chars(text)
    return {chars[i : i + 2] for i in range(len(chars) - 1)} - _GENERIC_BIGRAMS


def _strip_formula(text: str) -> str:
    return _FORMULA.sub("", text or "")


def suggestion_points(proposal_text: str, *, limit: int = 8) -> list[str]:
    """The proposal's sentences that ask for something (建议/希望/请…/questions), at most `limit`."""
    out = []
    for s in sentences(proposal_text):
        if _REQUEST.search(s) and len(content_chars(s)) >= 6:
            out.append(s)
    return out[-limit:]


def reply_hints(proposal_text: str, reply_text: str, result_class: str | None = None, *,
                min_chars: int = 100, coverage: float = 0.2, boilerplate_share: float = 0.5,
                proposal_title: str | None = None) -> list[Hint]:
    """Hints for one reply (see the module docstring); an empty list means nothing to flag."""
    hints: list[Hint] = []
    reply = reply_text or ""
    n_chars = len(content_chars(reply))
    substance = _strip_formula(reply)
    n_substance = len(content_chars(substance))
    forward_only = bool(_FORWARD_ONLY.search(reply)) and n_substance < 40

    reply_grams = _bigrams(substance)
    if proposal_title is None:
        first = sentences(proposal_text)
        proposal_title = first[0] if first else ""
    title_grams = _bigrams(proposal_title)
    if title_grams and len(title_grams & reply_grams) / len(title_grams) < coverage:
        points = [p for p in suggestion_points(proposal_text) if _bigrams(p)]
        missed = [p for p in points if len(_bigrams(p) & reply_grams) / len(_bigrams(p)) < coverage]
        shown = "；".join(m[:40] for m in missed[:3]) or proposal_title[:40]
        hints.append(Hint("unanswered_points", LABELS["unanswered_points"],
                          "答复与提案要点几乎没有对应内容：" + shown))

    if not (result_class or "").strip() and (forward_only or not _OUTCOME.search(substance)):
        hints.append(Hint("missing_result", LABELS["missing_result"], "答复没有写明办理结果，也未选择办理结果类别"))

    if n_chars < min_chars:
        hints.append(Hint("too_short", LABELS["too_short"], f"答复正文只有{n_chars}字（少于{min_chars}字）"))

    if forward_only or (_ASKS_ACTION.search(proposal_text or "") and not _CONCRETE.search(substance)):
        hints.append(Hint("no_measures", LABELS["no_measures"], "答复没有写明已采取或将采取的具体措施和时间安排"))

    if n_chars and (n_chars - n_substance) / n_chars >= boilerplate_share:
        hints.append(Hint("boilerplate", LABELS["boilerplate"],
                          f"约{round(100 * (n_chars - n_substance) / n_chars)}%的文字是问候、收悉、感谢等套话"))
    return hints
