"""The spam screen of the public form: honeypot, minimum fill time and content rules (all configurable).

`screen(...)` returns Chinese reasons; an empty list means the content passes. The honeypot and the fill
time are reported with a neutral message (a bot learns nothing); content rules say what to fix.
"""
from __future__ import annotations

import re

from zhengxie.core import config

LINK = re.compile(r"(https?://|www\.|\b[a-z0-9-]+\.(com|cn|net|org|top|xyz|cc)\b)", re.IGNORECASE)
BOT = "提交未成功，请稍后重新填写并提交。"


def _longest_run(text: str) -> int:
    best, run, prev = 0, 0, None
    for ch in text:
        if ch.isspace():
            prev, run = None, 0
            continue
        run = run + 1 if ch == prev else 1
        prev = ch
        best = max(best, run)
    return best


def screen(*, cppcc, title: str, body: str, honeypot: str = "", elapsed: float | None = None) -> list[str]:
    if honeypot:
        return [BOT]
    min_seconds = config.get("intake.min_fill_seconds", cppcc=cppcc)
    if elapsed is None or elapsed < min_seconds:
        return [BOT]
    reasons = []
    text = f"{title}\n{body}"
    compact = re.sub(r"\s+", "", body)
    if len(compact) < config.get("intake.min_body_chars", cppcc=cppcc):
        reasons.append(f"内容过短：请至少写{config.get('intake.min_body_chars', cppcc=cppcc)}个字，说明情况和建议。")
    if len(compact) > config.get("intake.max_body_chars", cppcc=cppcc):
        reasons.append(f"内容过长：请精简到{config.get('intake.max_body_chars', cppcc=cppcc)}字以内。")
    if len(LINK.findall(text)) > config.get("intake.max_links", cppcc=cppcc):
        reasons.append("内容中不能包含网址链接，请直接用文字说明。")
    if _longest_run(text) > config.get("intake.max_repeat", cppcc=cppcc):
        reasons.append("内容中有大量重复字符，请修改后再提交。")
    blocked = [w for w in config.get("intake.blocked_words", cppcc=cppcc) if w and w in text]
    if blocked:
        reasons.append("内容含有不予接收的词语（广告、推销等），请修改后再提交。")
    return reasons
