"""Font names used by the document engines, and the fontconfig alias file that stands in for them.

公文 fonts (GB/T 9704-2012) are proprietary and usually absent on a server.  Documents keep the
real names (so that an office PC with the fonts shows them), and the converters run with
``FONTCONFIG_FILE`` pointing at ``fontconfig/fonts.conf``, which maps each name to a free
Debian font (see docs/documents.md).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

# Names written into documents (the names an office PC has installed).
TITLE = "方正小标宋简体"  # 标题: 2号小标宋体
FANGSONG = "仿宋_GB2312"  # 正文: 3号仿宋体
HEITI = "黑体"  # 一级标题, 分类标识
KAITI = "楷体_GB2312"  # 二级标题, 签发人姓名
SONGTI = "宋体"  # 页码: 4号半角宋体
LATIN = "Times New Roman"  # ascii / hAnsi of every run

# CSS font stacks for WeasyPrint: the real name first, then what the alias file maps it to.
CSS_BODY = '"仿宋_GB2312","FangSong","AR PL KaitiM GB","Noto Serif CJK SC",serif'
CSS_TITLE = '"方正小标宋简体","小标宋","Noto Serif CJK SC",serif'
CSS_HEI = '"黑体","SimHei","Noto Sans CJK SC",sans-serif'
CSS_KAI = '"楷体_GB2312","KaiTi","AR PL KaitiM GB",serif'
CSS_SONG = '"宋体","SimSun","Noto Serif CJK SC",serif'

# Which free font stands in for which 公文 font (documentation and tests read this table).
ALIASES = {
    "仿宋_GB2312": "AR PL KaitiM GB",
    "仿宋": "AR PL KaitiM GB",
    "FangSong": "AR PL KaitiM GB",
    "方正小标宋简体": "Noto Serif CJK SC",
    "小标宋": "Noto Serif CJK SC",
    "黑体": "Noto Sans CJK SC",
    "SimHei": "Noto Sans CJK SC",
    "楷体_GB2312": "AR PL KaitiM GB",
    "楷体": "AR PL KaitiM GB",
    "KaiTi": "AR PL KaitiM GB",
    "宋体": "Noto Serif CJK SC",
    "SimSun": "Noto Serif CJK SC",
}

FONTCONFIG_FILE = Path(__file__).resolve().parent / "fontconfig" / "fonts.conf"

_env_lock = threading.Lock()


def fontconfig_env(base: dict | None = None) -> dict:
    """Environment for a converter subprocess: a copy of ``base`` (default os.environ) with our alias file."""
    env = dict(os.environ if base is None else base)
    env["FONTCONFIG_FILE"] = str(FONTCONFIG_FILE)
    return env


def use_fontconfig_in_process() -> None:
    """Point this process's fontconfig at the alias file.

    WeasyPrint creates a fresh fontconfig configuration (``FcInitLoadConfigAndFonts``) for each
    document, which reads ``FONTCONFIG_FILE`` at that moment, so setting it before rendering is enough.
    """
    value = str(FONTCONFIG_FILE)
    if os.environ.get("FONTCONFIG_FILE") != value:
        with _env_lock:
            os.environ["FONTCONFIG_FILE"] = value
