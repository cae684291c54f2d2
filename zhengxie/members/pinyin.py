"""Pinyin initials for the directory search, reading polyphonic surnames as surnames (单 → s, 曾 → z)."""
from pypinyin import Style, lazy_pinyin

# Compound surnames first, then single-character surnames whose surname reading differs from the
# most common reading pypinyin picks (platform-notes.md).
COMPOUND_SURNAMES = {"欧阳": "oy", "司马": "sm", "上官": "sg", "诸葛": "zg", "东方": "df", "皇甫": "hf", "尉迟": "yc",
                     "长孙": "zs", "令狐": "lh", "慕容": "mr", "司徒": "st", "夏侯": "xh", "端木": "dm", "公孙": "gs"}
SURNAME_INITIAL = {"单": "s", "曾": "z", "解": "x", "仇": "q", "朴": "p", "查": "z", "盖": "g", "区": "o", "乐": "y",
                   "尉": "y", "翟": "z", "缪": "m", "覃": "q", "召": "s", "种": "c", "柏": "b", "秘": "b", "车": "c",
                   "重": "c", "长": "c", "藏": "z", "员": "y", "隗": "w", "折": "s", "葛": "g", "宿": "s", "繁": "p",
                   "洗": "x", "冼": "x", "贲": "b", "能": "n", "燕": "y", "钟": "z", "沈": "s", "石": "s", "薄": "b"}


def _given_initials(text: str) -> str:
    return "".join(p[0] for p in lazy_pinyin(text, style=Style.FIRST_LETTER, errors=lambda s: list(s)) if p).lower()


def initials(name: str) -> str:
    name = (name or "").strip()
    if not name:
        return ""
    for surname, ini in COMPOUND_SURNAMES.items():
        if name.startswith(surname):
            return ini + _given_initials(name[len(surname):])
    head = SURNAME_INITIAL.get(name[0]) or _given_initials(name[0])
    return head + _given_initials(name[1:])
