"""Word documents of 民主评议 and 评优 in 公文 layout (zhengxie/documents/docx.py):
《关于…提案办理民主评议结果的通报》 and 《关于表彰…年度优秀提案和提案办理先进承办单位的决定》."""
from __future__ import annotations

from django.utils import timezone

from zhengxie.documents.docx import DOCX_CONTENT_TYPE, GongwenDocument

from . import selectors
from .models import Appraisal, AwardRound, Nomination

CONTENT_TYPE = DOCX_CONTENT_TYPE


def _proposer(p) -> str:
    if p.proposer_org_id and p.is_collective:
        return p.proposer_org.name
    return p.lead_member.name if p.lead_member_id else ""


def _cppcc_name(cppcc) -> str:
    return cppcc.name


def appraisal_report_docx(a: Appraisal) -> bytes:
    """民主评议结果通报: meeting, turnout and quorum, ranking table, 评议意见 and 整改要求 per unit, 回头看."""
    from zhengxie.votes import selectors as vote_selectors

    entries = sorted(selectors.entries_of(a), key=lambda e: (e.rank is None, e.rank or 0, e.sort))
    doc = GongwenDocument(kind="document")
    doc.add_title(f"关于{a.year}年度提案办理工作民主评议结果的通报")
    doc.add_salutation("各承办单位：")
    voted, electorate = vote_selectors.turnout(a.vote) if a.vote_id else (0, 0)
    when = f"{a.meeting_date:%Y年%-m月%-d日}" if a.meeting_date else "近日"
    place = f"在{a.meeting_place}" if a.meeting_place else ""
    doc.add_paragraph(
        f"为推动提案办理提质增效，{_cppcc_name(a.cppcc)}于{when}{place}召开{a.title}会议，听取{len(entries)}个承办单位"
        f"提案办理工作情况汇报，由参加评议人员进行无记名满意度测评。应参加测评{electorate}人，实参加{voted}人"
        + (f"，达到规定的{a.vote.quorum_num}/{a.vote.quorum_den}比例，测评结果有效。" if a.vote_id and a.vote.quorum_met
           else "，未达到规定比例，测评结果无效，仅供参考。"))
    if a.meeting_note:
        doc.add_paragraphs(a.meeting_note)
    doc.add_heading(1, "一、测评结果")
    rows = [[e.rank or "—", e.unit.name, e.satisfied, e.basic, e.unsatisfied, e.abstain,
             f"{e.satisfaction_rate}%" if e.satisfaction_rate is not None else "—"] for e in entries]
    doc.add_table(["名次", "承办单位", "满意", "基本满意", "不满意", "弃权", "满意率"], rows,
                  widths_mm=[14, 52, 16, 20, 18, 16, 20])
    doc.add_paragraph("满意率＝（满意票＋基本满意票）÷有效票，弃权票不计入有效票。")
    doc.add_heading(1, "二、评议意见和整改要求")
    n = 0
    for e in entries:
        items = list(e.rectifications.all())
        if not e.opinion and not items:
            continue
        n += 1
        doc.add_heading(2, f"（{_cn(n)}）{e.unit.name}")
        if e.opinion:
            doc.add_paragraphs(e.opinion)
        for i, r in enumerate(items, start=1):
            doc.add_paragraph(f"{i}.{r.text}（整改期限：{r.due_date:%Y年%-m月%-d日}）", detect_headings=False)
    if n == 0:
        doc.add_paragraph("各被评议单位要对照评议意见认真整改，整改情况于规定期限内书面报送市政协提案委员会。")
    else:
        doc.add_paragraph("请各单位对照评议意见和整改要求逐项整改，按期在平台反馈整改情况，提案委员会将适时开展“回头看”。")
    if a.review_date and a.review_findings:
        doc.add_heading(1, "三、“回头看”情况")
        summary = selectors.rectification_summary(
            selectors.Rectification.objects.filter(entry__appraisal=a))
        doc.add_paragraph(f"{a.review_date:%Y年%-m月%-d日}开展“回头看”，整改事项{summary['total']}项，"
                          f"已完成{summary['done']}项，完成率{summary['rate'] if summary['rate'] is not None else 0}%。")
        doc.add_paragraphs(a.review_findings)
    doc.add_signature(f"{_cppcc_name(a.cppcc)}提案委员会", a.results_at.date() if a.results_at else timezone.localdate())
    return doc.to_bytes()


def _cn(n: int) -> str:
    digits = "零一二三四五六七八九十"
    if n <= 10:
        return digits[n]
    if n < 20:
        return "十" + digits[n - 10]
    return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")


def award_decision_docx(r: AwardRound) -> bytes:
    """《关于表彰{year}年度优秀提案和提案办理先进承办单位的决定》 with the two approved lists."""
    proposals = [n for n in selectors.nominations_of(r, Nomination.Kind.PROPOSAL) if n.state == Nomination.State.SELECTED]
    units = [n for n in selectors.nominations_of(r, Nomination.Kind.UNIT) if n.state == Nomination.State.SELECTED]
    doc = GongwenDocument(kind="document")
    if r.doc_number:
        doc.add_doc_number(r.doc_number)
    doc.add_title(f"关于表彰{r.year}年度优秀提案和提案办理先进承办单位的决定")
    doc.add_salutation("各位委员，各参加单位，各承办单位：")
    body = (f"{r.year}年，广大政协委员和各参加单位围绕全市中心工作和群众急难愁盼问题，积极建言献策，提出了一批"
            f"质量较高的提案；各承办单位认真负责、积极办理，推动了一批问题的解决。为表彰先进、激励担当，经推荐、评审，"
            f"{r.approval_body or '主席会议'}审定，决定对{len(proposals)}件优秀提案和{len(units)}个提案办理先进承办单位予以表彰。")
    doc.add_paragraph(body)
    doc.add_paragraph("希望受到表彰的委员和单位珍惜荣誉、再接再厉；广大委员和各承办单位以先进为榜样，"
                      "进一步提高提案质量和办理实效，为推动全市高质量发展作出新的贡献。")
    doc.add_heading(1, f"一、{r.year}年度优秀提案（{len(proposals)}件）")
    doc.add_table(["序号", "提案号", "案由", "提案者"],
                  [[i, n.proposal.number_display or n.proposal.receipt_no, n.proposal.title, _proposer(n.proposal)]
                   for i, n in enumerate(proposals, start=1)], widths_mm=[14, 26, 80, 36])
    doc.add_heading(1, f"二、{r.year}年度提案办理先进承办单位（{len(units)}个）")
    doc.add_paragraph("、".join(n.unit.name for n in units) + "。", detect_headings=False)
    doc.add_signature(_cppcc_name(r.cppcc), r.approved_on or timezone.localdate())
    return doc.to_bytes()
