"""《提案选题参考目录》 as a Word 公文 (GB/T 9704 layout through zhengxie.documents.docx)."""
from __future__ import annotations

from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone

from zhengxie.documents.docx import DOCX_CONTENT_TYPE, GongwenDocument, format_cn_date

from . import selectors

CN = "〇一二三四五六七八九十"


def cn_number(n: int) -> str:
    if n <= 10:
        return CN[n]
    if n < 20:
        return "十" + CN[n - 10]
    tens, ones = divmod(n, 10)
    return CN[tens] + "十" + (CN[ones] if ones else "")


def _committee_name(cppcc) -> str:
    from zhengxie.proposals.exports import proposal_committee_name

    return proposal_committee_name(cppcc)


def group_by_category(topics) -> list[tuple[str, list]]:
    groups: dict[str, list] = {}
    order: dict[str, int] = {}
    for t in topics:
        name = t.category.name if t.category_id else "其他"
        groups.setdefault(name, []).append(t)
        order.setdefault(name, t.category.sort if t.category_id else 999)
    return sorted(groups.items(), key=lambda kv: order[kv[0]])


def build_catalogue(doc: GongwenDocument, catalogue) -> GongwenDocument:
    topics = list(selectors.topics_of(catalogue))
    doc.add_title(catalogue.title, blank_before=0)
    intro = catalogue.intro.strip() or (
        f"为引导委员和参加政协的各单位围绕全市中心工作撰写提案，提案委员会在广泛征集社会各界提案线索、"
        f"听取有关部门和专家意见的基础上，编制了本目录，共{len(topics)}个选题，供撰写提案时参考。"
        "选题仅供参考，提案者可结合自身调研确定题目。")
    doc.add_paragraphs(intro, detect_headings=False)
    for gi, (name, items) in enumerate(group_by_category(topics), start=1):
        n = 0
        doc.add_heading(1, f"{cn_number(gi)}、{name}（{len(items)}个）").paragraph_format.keep_with_next = True
        for t in items:
            n += 1
            doc.add_heading(2, f"（{cn_number(n)}）{t.title}").paragraph_format.keep_with_next = True
            if t.description.strip():
                doc.add_paragraphs(t.description, detect_headings=False)
            units = "、".join(u.name for u in t.suggested_units.all())
            if units:
                doc.add_paragraph(f"建议承办单位：{units}。", detect_headings=False)
    when = timezone.localtime(catalogue.published_at).date() if catalogue.published_at else timezone.localdate()
    doc.add_signature(_committee_name(catalogue.cppcc), format_cn_date(when))
    return doc


def catalogue_docx(catalogue) -> bytes:
    doc = GongwenDocument(kind="compilation")
    build_catalogue(doc, catalogue)
    return doc.to_bytes()


def catalogue_response(catalogue) -> HttpResponse:
    response = HttpResponse(catalogue_docx(catalogue), content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(catalogue.title + '.docx')}"
    return response
