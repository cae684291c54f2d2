"""常委年度履职报告 .docx: the text sections plus a statistics annex prefilled from the 履职档案."""
from __future__ import annotations

import io

from docx import Document


def report_docx(report, dossier: dict) -> bytes:
    doc = Document()
    doc.add_heading(f"{report.member.name}{report.year}年度履职报告", level=1)
    for title, text in (("一、履职成效", report.achievements), ("二、存在问题", report.problems),
                        ("三、意见建议", report.suggestions)):
        doc.add_heading(title, level=2)
        for para in (text or "（未填写）").splitlines():
            if para.strip():
                doc.add_paragraph(para.strip())
    doc.add_heading("附件：履职情况统计", level=2)
    a, pc = dossier["attendance"], dossier["proposal_counts"]
    year = next((y for y in dossier["years"] if y["year"] == report.year), None)
    rows = [
        ("全体会议、常委会议", f"应出席{a['meetings']}次，出席{a['attended']}次，请假{a['leave']}次，缺席{a['absent']}次"),
        ("其他履职活动", f"参加{a['activities']}次"),
        ("提案", f"领衔{pc['lead']}件，联名{pc['cosign']}件，立案{pc['filed']}件，重点提案{pc['key']}件"),
        ("社情民意", f"{len(dossier['opinions'])}篇，上级采用{sum(bool(o['adopted']) for o in dossier['opinions'])}篇"),
        ("发言", f"{len(dossier['speeches'])}次"),
        ("履职积分", f"{year['total']}分，{year['grade']}" if year else "尚未计算"),
    ]
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for k, v in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = k, v
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
