"""PDF engines: Word → PDF through LibreOffice, HTML → PDF through WeasyPrint, and poppler helpers.

Both converters run with ``FONTCONFIG_FILE`` pointing at ``fontconfig/fonts.conf`` so that the
公文 font names (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312, 宋体) resolve to installed free fonts
(see fonts.py and docs/documents.md).
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from zhengxie.core.exceptions import ApplicationError

from . import fonts

PDF_CONTENT_TYPE = "application/pdf"
SOFFICE_TIMEOUT = 60  # seconds for one Word → PDF conversion
POPPLER_TIMEOUT = 30

MISSING_SOFFICE = (
    "服务器未安装 LibreOffice（soffice），无法把 Word 文档转换为 PDF。"
    "请联系系统管理员安装 libreoffice-writer-nogui，或先下载 Word 版本。"
)
MISSING_POPPLER = "服务器未安装 poppler-utils（pdftotext/pdftoppm），无法读取 PDF。请联系系统管理员安装。"


# ---------------------------------------------------------------------------------------------
# Word → PDF (LibreOffice)
# ---------------------------------------------------------------------------------------------
def soffice_binary() -> str | None:
    """The LibreOffice executable: settings.DOCUMENTS_SOFFICE if set, else soffice/libreoffice on PATH."""
    configured = getattr(settings, "DOCUMENTS_SOFFICE", None)
    if configured:
        return configured
    return shutil.which("soffice") or shutil.which("libreoffice")


def _run(cmd: list[str], *, timeout: int, env: dict | None = None, cwd: str | None = None):
    """Run ``cmd`` in its own process group; on timeout kill the whole group (soffice forks soffice.bin)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=cwd,
                            start_new_session=True)
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.communicate()
        raise
    return proc.returncode, stdout, stderr


def docx_to_pdf(docx_bytes: bytes, *, timeout: int = SOFFICE_TIMEOUT) -> bytes:
    """Convert a .docx to PDF with ``soffice --headless --convert-to pdf``.

    Each call works in its own temporary directory with its own LibreOffice profile
    (``-env:UserInstallation``), so conversions may run in parallel.  Raises ApplicationError
    with a Chinese message when LibreOffice is missing, fails or exceeds ``timeout`` seconds.
    """
    if not docx_bytes:
        raise ApplicationError("没有可转换的 Word 文档内容。")
    binary = soffice_binary()
    if not binary:
        raise ApplicationError(MISSING_SOFFICE)
    with tempfile.TemporaryDirectory(prefix="zx-soffice-") as tmp:
        folder = Path(tmp)
        source = folder / "document.docx"
        source.write_bytes(docx_bytes)
        cmd = [
            binary,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
            "--convert-to", "pdf", "--outdir", str(folder), str(source),
        ]
        try:
            code, _out, err = _run(cmd, timeout=timeout, env=fonts.fontconfig_env(), cwd=tmp)
        except FileNotFoundError:
            raise ApplicationError(MISSING_SOFFICE)
        except subprocess.TimeoutExpired:
            raise ApplicationError(
                f"Word 转 PDF 超时（超过 {timeout} 秒），请稍后重试；如果反复出现，请联系系统管理员。"
            )
        target = folder / "document.pdf"
        if code != 0 or not target.exists() or target.stat().st_size == 0:
            detail = err.decode("utf-8", "replace").strip().splitlines()
            detail = detail[-1] if detail else f"返回码 {code}"
            raise ApplicationError(f"Word 转 PDF 失败：LibreOffice 没有生成 PDF（{detail}）。请检查文档后重试。")
        return target.read_bytes()


# ---------------------------------------------------------------------------------------------
# HTML → PDF (WeasyPrint)
# ---------------------------------------------------------------------------------------------
def html_to_pdf(html: str, base_url: str | None = None) -> bytes:
    """Render an HTML string to PDF with WeasyPrint, fonts resolved through our alias file.

    ``base_url`` resolves relative links (images, stylesheets); defaults to the project folder.
    """
    fonts.use_fontconfig_in_process()
    from weasyprint import HTML  # imported late: loading pango takes ~0.3 s

    if base_url is None:
        base_url = str(settings.BASE_DIR)
    return HTML(string=html, base_url=base_url).write_pdf()


def render_pdf(template_name: str, context: dict | None = None, *, request=None, base_url=None) -> bytes:
    """Render a Django template (usually extending documents/gongwen_base.html) to PDF."""
    html = render_to_string(template_name, context or {}, request=request)
    return html_to_pdf(html, base_url=base_url)


def split_paragraphs(text: str) -> list[str]:
    """Body text → paragraphs: every non-empty line is one paragraph (leading 全角空格 removed)."""
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [line.strip().lstrip("\u3000") for line in lines if line.strip()]


def periodical_context(*, articles: list[dict], number: int, date: dt.date | str,
                       name: str = "政协社情民意", editor: str = "", year: int | None = None,
                       total_number: int | None = None, distribution: str = "", signer: str = "",
                       mark: str = "内部资料　注意保存", printed_by: str = "", copies: int | None = None,
                       show_contents: bool | None = None) -> dict:
    """Context for documents/periodical.html (one issue of 《社情民意》/《政协信息》).

    ``articles``: dicts with ``title``, ``body`` (text; one paragraph a line) or ``paragraphs``
    (list), and ``author`` (反映人 line, e.g. "民建舟山市委会　张三").  Order is kept.
    """
    if not articles:
        raise ApplicationError("本期没有稿件，至少需要一篇文章才能生成期刊。")
    prepared = []
    for i, article in enumerate(articles, start=1):
        title = (article.get("title") or "").strip()
        if not title:
            raise ApplicationError(f"第{i}篇稿件缺少标题。")
        paragraphs = article.get("paragraphs") or split_paragraphs(article.get("body", ""))
        prepared.append({"index": i, "title": title, "paragraphs": paragraphs,
                         "author": (article.get("author") or "").strip()})
    date_text = date if isinstance(date, str) else f"{date.year}年{date.month}月{date.day}日"
    return {
        "name": name,
        "number": number,
        "year": year if year is not None else (None if isinstance(date, str) else date.year),
        "total_number": total_number,
        "date": date_text,
        "editor": editor,
        "distribution": distribution,
        "signer": signer,
        "mark": mark,
        "printed_by": printed_by,
        "copies": copies,
        "articles": prepared,
        "show_contents": len(prepared) > 1 if show_contents is None else show_contents,
    }


def periodical_pdf(**issue) -> bytes:
    """One periodical issue as PDF; keyword arguments as for ``periodical_context``."""
    return render_pdf("documents/periodical.html", periodical_context(**issue))


def sample_periodical_issue(articles: int = 10) -> dict:
    """Sample issue data (tests, docs/screenshots)."""
    topics = [
        ("关于加快老旧小区加装电梯的建议", "民建舟山市委会　张三"),
        ("群众反映渔港码头停车难问题亟待解决", "市政协委员、定海区渔业协会会长　李四"),
        ("关于规范校外培训机构收费的建议", "九三学社舟山市委会　王五"),
        ("农村饮用水提标改造仍有短板", "特邀信息员　赵六"),
        ("关于提升海岛公交服务水平的建议", "市政协委员　钱七"),
        ("社区养老服务中心运营困难需引起重视", "农工党舟山市委会　孙八"),
        ("关于加强海洋垃圾治理的建议", "市政协委员　周九"),
        ("群众对医保异地结算仍有不便", "特邀信息员　吴十"),
        ("关于扶持海岛民宿规范发展的建议", "民盟舟山市委会　郑十一"),
        ("中小微企业融资难问题需持续关注", "市工商联　王十二"),
    ]
    chosen = [topics[i % len(topics)] for i in range(articles)]
    body = (
        "近期，我们在调研中了解到，{t}涉及群众切身利益，社会关注度较高。部分群众反映，相关政策宣传不够到位，"
        "办事流程较为繁琐，基层落实中还存在标准不统一、衔接不顺畅等问题。\n"
        "为此建议：一是加强统筹协调，明确牵头部门和责任分工，建立定期会商机制；二是简化办事流程，"
        "推行“一件事”集成办理，让群众少跑腿；三是加大财政支持力度，将相关经费纳入年度预算，"
        "并建立绩效评价制度；四是加强宣传引导，及时回应群众关切。"
    )
    return {
        "name": "政协社情民意",
        "number": 5,
        "total_number": 128,
        "date": dt.date(2024, 5, 20),
        "editor": "舟山市政协办公室编",
        "signer": "签发：陈明",
        "distribution": "报送：市委、市人大常委会、市政府、市政协领导，省政协办公厅。",
        "printed_by": "舟山市政协办公室　2024年5月20日印发",
        "copies": 40,
        "articles": [{"title": t, "body": body.format(t=t.removeprefix("关于").removesuffix("的建议")),
                      "author": a} for t, a in chosen],
    }


# ---------------------------------------------------------------------------------------------
# poppler helpers (tests, screenshots)
# ---------------------------------------------------------------------------------------------
def _poppler(args: list[str], pdf_bytes: bytes, *, out_name: str | None = None) -> bytes:
    with tempfile.TemporaryDirectory(prefix="zx-poppler-") as tmp:
        source = Path(tmp) / "document.pdf"
        source.write_bytes(pdf_bytes)
        cmd = [a.replace("{pdf}", str(source)).replace("{out}", str(Path(tmp) / "out")) for a in args]
        try:
            code, out, err = _run(cmd, timeout=POPPLER_TIMEOUT)
        except FileNotFoundError:
            raise ApplicationError(MISSING_POPPLER)
        if code != 0:
            raise ApplicationError(f"读取 PDF 失败：{err.decode('utf-8', 'replace').strip()[:200]}")
        if out_name:
            return (Path(tmp) / out_name).read_bytes()
        return out


def pdf_text(pdf_bytes: bytes) -> str:
    """Text of a PDF (``pdftotext -layout``)."""
    return _poppler(["pdftotext", "-layout", "-enc", "UTF-8", "{pdf}", "-"], pdf_bytes).decode("utf-8")


def pdf_words(pdf_bytes: bytes, page: int = 1) -> list[dict]:
    """Words on one page with their boxes in millimetres (``pdftotext -bbox``): text, x0, y0, x1, y1."""
    xml = _poppler(["pdftotext", "-bbox", "-enc", "UTF-8", "-f", str(page), "-l", str(page), "{pdf}", "-"],
                   pdf_bytes).decode("utf-8")
    pattern = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
    to_mm = 25.4 / 72
    return [
        {"text": html_lib.unescape(m.group(5)), "x0": float(m.group(1)) * to_mm, "y0": float(m.group(2)) * to_mm,
         "x1": float(m.group(3)) * to_mm, "y1": float(m.group(4)) * to_mm}
        for m in pattern.finditer(xml)
    ]


def pdf_page_png(pdf_bytes: bytes, page: int = 1, dpi: int = 60) -> bytes:
    """One page of a PDF as PNG (``pdftoppm``)."""
    return _poppler(
        ["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", "{pdf}", "{out}"],
        pdf_bytes, out_name="out.png",
    )


def pdf_info(pdf_bytes: bytes) -> dict:
    """``pdfinfo`` as a dict; adds ``pages`` (int) and ``page_size_mm`` ((width, height) of page 1)."""
    text = _poppler(["pdfinfo", "{pdf}"], pdf_bytes).decode("utf-8", "replace")
    info = {}
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            info[key.strip()] = value.strip()
    info["pages"] = int(info.get("Pages", "0"))
    match = re.match(r"([\d.]+) x ([\d.]+) pts", info.get("Page size", ""))
    if match:
        info["page_size_mm"] = tuple(round(float(v) * 25.4 / 72, 1) for v in match.groups())
    return info


def pdf_fonts(pdf_bytes: bytes) -> list[str]:
    """Names of the fonts in a PDF (``pdffonts``), subset prefixes removed."""
    text = _poppler(["pdffonts", "{pdf}"], pdf_bytes).decode("utf-8", "replace")
    names = []
    for line in text.splitlines()[2:]:
        if line.strip():
            names.append(line.split()[0].split("+", 1)[-1])
    return names
