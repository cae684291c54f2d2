"""Documents of the 社情民意 module: the 报送 package (.docx per item + summary .xlsx, zipped) and an issue
of a periodical as PDF (WeasyPrint) or .docx. Reads only; the engines are zhengxie.documents."""
from __future__ import annotations

import io
import re
import zipfile

from zhengxie.documents.docx import GongwenDocument
from zhengxie.documents.pdf import periodical_pdf
from zhengxie.documents.xlsx import write_xlsx

from .models import Issue, Opinion, UpwardReport
from .selectors import issue_articles

ZIP_CONTENT_TYPE = "application/zip"


def _safe(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", name)[:60]


def opinion_docx(o: Opinion) -> bytes:
    doc = GongwenDocument(kind="document")
    doc.add_title(o.title)
    doc.add_paragraph(f"反映人：{o.reporter_name}", detect_headings=False)
    for heading, text in (("一、基本情况", o.situation), ("二、原因分析", o.analysis), ("三、意见建议", o.suggestions)):
        if text:
            doc.add_heading(1, heading)
            doc.add_paragraphs(text, split="line")
    return doc.to_bytes()


def report_package(reports: list[UpwardReport]) -> bytes:
    """The 报送 package: one .docx per item and 报送清单.xlsx (序号, 标题, 反映人, 报送单位, 报送对象, 报送日期)."""
    buf = io.BytesIO()
    rows = []
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, r in enumerate(reports, start=1):
            o = r.opinion
            zf.writestr(f"{n:03d}_{_safe(o.title)}.docx", opinion_docx(o))
            rows.append([n, o.title, o.reporter_name, o.reporting_unit.name if o.reporting_unit_id else "",
                         r.get_target_display(), r.reported_at])
        zf.writestr("报送清单.xlsx", write_xlsx("报送清单", [("序号", 6), ("标题", 50), ("反映人", 24), ("报送单位", 20),
                                                         ("报送对象", 10), ("报送日期", 12)], rows))
    return buf.getvalue()


def _issue_data(issue: Issue) -> dict:
    return {"name": issue.series, "number": issue.number or 0, "total_number": issue.total_number, "date": issue.date,
            "year": issue.year, "signer": f"签发：{issue.signed_by}" if issue.signed_by_id else "",
            "distribution": issue.distribution,
            "articles": [{"title": a.title, "body": a.body, "author": a.author_line} for a in issue_articles(issue)]}


def issue_pdf(issue: Issue) -> bytes:
    from zhengxie.core import config

    return periodical_pdf(editor=config.get("opinions.issue_editor", cppcc=issue.cppcc_id, on=issue.date),
                          **_issue_data(issue))


def issue_docx(issue: Issue) -> bytes:
    data = _issue_data(issue)
    doc = GongwenDocument(kind="compilation")
    doc.add_paragraph("内部资料　注意保存", detect_headings=False)
    doc.add_title(f"{data['name']}")
    doc.add_paragraph(f"{issue.year}年第{issue.number or '（待签发）'}期" + (f"（总第{issue.total_number}期）" if issue.total_number else ""),
                      detect_headings=False)
    for a in data["articles"]:
        doc.add_title(a["title"])
        if a["author"]:
            doc.add_paragraph(f"反映人：{a['author']}", detect_headings=False)
        doc.add_paragraphs(a["body"], split="line")
    if issue.distribution:
        doc.add_cc(issue.distribution, at_page_bottom=False)
    return doc.to_bytes()
