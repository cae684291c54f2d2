"""The 提案 documents: 提案表, 不予立案通知, 答复函, 征询意见表, 目录/汇编 (.docx, PDF) and the lists (.xlsx).

Each file is opened and checked the way a reader would: the 公文 fonts and sizes, A4 and the margins, the class
mark and 文号 of the 答复函, the Chinese text in the PDF, the spreadsheet headers and rows; and who may download.
LibreOffice runs in three tests only (≈1.5 s each).
"""
from __future__ import annotations

import datetime as dt
import io
import re
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from openpyxl import load_workbook

from zhengxie.core.roles import Role
from zhengxie.documents import docx as gw
from zhengxie.documents.pdf import pdf_info, pdf_text
from zhengxie.proposals import exports
from zhengxie.proposals.models import (
    Assignment,
    Category,
    CoSigner,
    Evaluation,
    Proposal,
    RejectReason,
    Reply,
)
from zhengxie.proposals.tests.builders import assign, build_world, make_proposal, reply
from zhengxie.proposals.workflow import Action, Status

pytestmark = pytest.mark.django_db

BODY = ("您提出的《关于推进光伏产业高质量发展的建议》收悉。经认真研究，现答复如下：\n\n"
        "一、关于配套电网建设。我局已会同供电公司编制配套电网规划，2026年新建110千伏变电站两座。\n\n"
        "感谢您对全市能源工作的关心和支持。")


# ------------------------------------------------------------------------------------------------
# Fixtures: one 政协 with a filed and answered joint proposal, a rejected one and a second category
# ------------------------------------------------------------------------------------------------
@pytest.fixture
def world(city):
    w = build_world(city)
    lead = w.users[Role.MEMBER].member
    lead.name, lead.employer, lead.address, lead.phone = "张三", "测试市光伏产业协会会长", "测试市解放路1号", "13800001111"
    lead.save()
    cos = w.users["cosigner"].member
    cos.name = "李四"
    cos.save()
    return w


@pytest.fixture
def answered(world):
    now = timezone.now()
    p = make_proposal(world, status=Status.ANSWERED, joint=True, number=123, receipt_no="142-S0007", is_plenary=True,
                      submitted_at=now - dt.timedelta(days=60), received_at=now - dt.timedelta(days=59),
                      decided_at=now - dt.timedelta(days=50), decision=Action.FILE, decision_text="同意立案，交市教育局主办。",
                      answered_at=now - dt.timedelta(days=2), result_class="A")
    CoSigner.objects.filter(proposal=p).update(state=CoSigner.State.CONFIRMED)
    a = assign(p, world.gov_unit, state=Assignment.State.REPLIED)
    assign(p, world.other_unit, role=Assignment.Role.CO, state=Assignment.State.OPINION_SENT)
    r = reply(a, Reply.State.PUBLISHED)
    Reply.objects.filter(pk=r.pk).update(doc_number="长教提〔2026〕12号", body=BODY, contact_person="王五",
                                         contact_phone="0355-2021234", signed_at=now - dt.timedelta(days=3))
    r.refresh_from_db()
    return p, r


@pytest.fixture
def rejected(world):
    return make_proposal(world, status=Status.REJECTED, title="关于为本人子女解决工作问题的建议", receipt_no="142-S0009",
                         submitted_at=timezone.now() - dt.timedelta(days=40), decision=Action.REJECT,
                         decision_reason=RejectReason.PERSONAL, decision_text="建议通过其他渠道反映。",
                         decided_at=timezone.make_aware(dt.datetime(2026, 3, 20, 10, 0)))


def _doc(data: bytes):
    return Document(io.BytesIO(data))


def _text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _east_asia(run) -> str:
    return run._element.rPr.rFonts.get(qn("w:eastAsia"))


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _para(document, needle: str):
    return next(p for p in document.paragraphs if needle in p.text)


def _assert_gongwen_page(document):
    section = document.sections[0]  # stored in twips: compare to 0.1 mm
    for got, want in ((section.page_width, gw.PAGE_WIDTH), (section.page_height, gw.PAGE_HEIGHT),
                      (section.top_margin, gw.MARGIN_TOP), (section.bottom_margin, gw.MARGIN_BOTTOM),
                      (section.left_margin, gw.MARGIN_LEFT), (section.right_margin, gw.MARGIN_RIGHT)):
        assert round(got.mm, 1) == round(want.mm, 1)


def _assert_title(paragraph):
    runs = [r for r in paragraph.runs if r.text.strip()]
    assert runs and all(_east_asia(r) == "方正小标宋简体" and r.font.size == gw.SIZE_TITLE and r.font.bold for r in runs)
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER


def _assert_body(paragraph):
    runs = [r for r in paragraph.runs if r.text.strip()]
    assert runs and all(_east_asia(r) == "仿宋_GB2312" and r.font.size == gw.SIZE_BODY for r in runs)
    pf = paragraph.paragraph_format
    assert pf.line_spacing_rule == WD_LINE_SPACING.EXACTLY and pf.line_spacing == gw.LINE_SPACING
    assert pf.first_line_indent == gw.FIRST_LINE_INDENT


# ------------------------------------------------------------------------------------------------
# 提案表
# ------------------------------------------------------------------------------------------------
def test_the_proposal_form_has_the_six_parts_in_gongwen_fonts_on_a4(world, answered):
    p, _ = answered
    p = exports.proposal_for_documents(world.users[Role.PROPOSAL_STAFF], p.pk)
    document = _doc(exports.proposal_form_docx(p))
    _assert_gongwen_page(document)
    title = document.paragraphs[0]
    assert title.text.replace("\n", "") == "政协测试市第十四届委员会第二次会议提　案　表"
    _assert_title(title)
    text = _text(document)
    for expected in ("提案号：第0123号", "类别：经济建设", "关于推进光伏产业高质量发展的建议", "委员联名提案", "大会提案", "142-S0007",
                     "第一提案人", "张三", "经济界", "测试市光伏产业协会会长", "测试市解放路1号", "13800001111",
                     "李四（经济界）", "一、情况", "二、分析", "三、建议", "立案。同意立案，交市教育局主办。", "收文时间"):
        assert expected in text, expected
    _assert_body(_para(document, "光伏装机规模增长较快"))
    heading = _para(document, "一、情况")
    assert _east_asia(heading.runs[0]) == "黑体"


def test_a_collective_proposal_form_names_the_organisation_and_its_seal(world):
    p = make_proposal(world, proposer=Role.ORG_SUBMITTER, status=Status.RECEIVED, receipt_no="142-S0011")
    p = exports.proposal_for_documents(world.users[Role.PROPOSAL_STAFF], p.pk)
    text = _text(_doc(exports.proposal_form_docx(p)))
    assert "收件号：142-S0011" in text and "提案单位" in text and "民盟" in text and "已加盖公章" in text
    assert "尚未审查。" in text


def test_the_proposal_form_pdf_shows_the_chinese_title_and_body(world, answered, login):
    p, _ = answered
    response = login(world.users[Role.MEMBER]).get(reverse("proposals:doc_form_pdf", args=[p.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert f"filename*=UTF-8''{quote('提案表-第0123号.pdf', safe='')}" in response["Content-Disposition"]
    text = _flat(pdf_text(response.content))
    assert "政协测试市第十四届委员会第二次会议" in text
    assert "关于推进光伏产业高质量发展的建议" in text and "光伏装机规模增长较快" in text
    assert pdf_info(response.content)["page_size_mm"] == (210.0, 297.0)


def test_a_failed_pdf_conversion_is_explained_in_chinese(world, answered, login, settings):
    settings.DOCUMENTS_SOFFICE = "/nonexistent/soffice"
    p, _ = answered
    response = login(world.users[Role.PROPOSAL_STAFF]).get(reverse("proposals:doc_form_pdf", args=[p.pk]))
    assert response.status_code == 400
    assert "服务器未安装 LibreOffice" in response.content.decode()


# ------------------------------------------------------------------------------------------------
# 答复函
# ------------------------------------------------------------------------------------------------
def test_the_reply_letter_has_the_class_mark_first_the_doc_number_and_the_standard_title(world, answered):
    _, r = answered
    r = exports.reply_for_documents(world.users[Role.PROPOSAL_STAFF], r.pk)
    document = _doc(exports.reply_letter_docx(r))
    _assert_gongwen_page(document)
    first = document.paragraphs[0]
    assert first.text == "A" and first.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert _east_asia(first.runs[0]) == "黑体"
    assert any(p.text == "长教提〔2026〕12号" for p in document.paragraphs)
    title = _para(document, "提案的答复")
    assert title.text.replace("\n", "") == "关于市政协十四届二次会议第0123号提案的答复"
    _assert_title(title)
    texts = [p.text for p in document.paragraphs]
    assert "尊敬的张三、李四委员：" in texts
    assert "签发人：李局长" in texts
    assert "（联系人：王五　电话：0355-2021234）" in texts
    assert "抄送：政协测试市委员会提案委员会，市政府督查室。" in texts
    assert any(t.strip() == "市教育局" for t in texts)
    _assert_body(_para(document, "感谢您对全市能源工作的关心和支持"))
    point = _para(document, "我局已会同供电公司")
    assert [_east_asia(x) for x in point.runs] == ["黑体", "仿宋_GB2312"]  # 一、… heading sentence in 黑体


def test_a_party_unit_reply_is_copied_to_the_proposal_committee_only(world, answered):
    p, _ = answered
    a = assign(p, world.party_unit, role=Assignment.Role.SPLIT, state=Assignment.State.REPLIED)
    r = reply(a, Reply.State.PUBLISHED, cls="B")
    r = exports.reply_for_documents(world.users[Role.PROPOSAL_STAFF], r.pk)
    document = _doc(exports.reply_letter_docx(r))
    assert document.paragraphs[0].text == "B"
    assert "抄送：政协测试市委员会提案委员会。" in [x.text for x in document.paragraphs]


def test_the_reply_letter_pdf_shows_title_and_answer(world, answered, login):
    _, r = answered
    response = login(world.users[Role.HANDLING_UNIT]).get(reverse("proposals:doc_reply_pdf", args=[r.pk]))
    assert response.status_code == 200
    text = _flat(pdf_text(response.content))
    assert "关于市政协十四届二次会议第0123号提案的答复" in text
    assert "我局已会同供电公司编制配套电网规划" in text and "长教提〔2026〕12号" in text


# ------------------------------------------------------------------------------------------------
# 不予立案通知, 征询意见表
# ------------------------------------------------------------------------------------------------
def test_the_rejection_notice_gives_the_reason_and_is_signed_by_the_proposal_committee(world, rejected, login):
    response = login(world.users[Role.MEMBER]).get(reverse("proposals:doc_rejection", args=[rejected.pk]))
    assert response.status_code == 200
    document = _doc(response.content)
    _assert_gongwen_page(document)
    _assert_title(_para(document, "不予立案通知书"))
    text = _text(document)
    assert "尊敬的张三委员：" in text
    assert "《关于为本人子女解决工作问题的建议》（收件号：142-S0009）" in text
    assert "不予立案理由：为本人或亲属解决个人问题。" in text
    assert "审查意见：建议通过其他渠道反映。" in text
    assert "政协测试市委员会提案委员会" in text and "2026年3月20日" in text


def test_the_rejection_notice_exists_only_for_rejected_proposals(world, answered, login):
    p, _ = answered
    response = login(world.users[Role.PROPOSAL_STAFF]).get(reverse("proposals:doc_rejection", args=[p.pk]))
    assert response.status_code == 404


def test_the_evaluation_form_is_blank_before_and_ticked_after_the_evaluation(world, answered, login):
    p, r = answered
    client = login(world.users[Role.MEMBER])
    url = reverse("proposals:doc_evaluation_form", args=[r.pk])
    text = _text(_doc(client.get(url).content))
    assert "☐满意　　☐基本满意　　☐不满意" in text
    for expected in ("第0123号", "关于推进光伏产业高质量发展的建议", "市教育局（主办）", "长教提〔2026〕12号", "提案者签名"):
        assert expected in text
    Evaluation.objects.create(reply=r, member=world.users[Role.MEMBER].member, is_lead=True,
                              rating=Evaluation.Rating.BASIC, comment="希望加快储能示范项目进度。")
    document = _doc(client.get(url).content)
    _assert_title(document.paragraphs[0])
    text = _text(document)
    assert "☐满意　　☑基本满意　　☐不满意" in text
    assert "希望加快储能示范项目进度。" in text and "张三（已在网上评价）" in text


# ------------------------------------------------------------------------------------------------
# 提案目录 / 重点提案目录 / 提案汇编
# ------------------------------------------------------------------------------------------------
@pytest.fixture
def catalogue(world):
    society = Category.objects.create(cppcc=world.cppcc, code="society", name="社会建设", sort=5)
    Category.objects.filter(pk=world.category.pk).update(sort=1)
    third = make_proposal(world, status=Status.ASSIGNED, number=3, title="关于完善城乡养老服务体系的建议")
    make_proposal(world, status=Status.FILED, number=2, title="关于加快数字经济发展的建议", is_key=True)
    make_proposal(world, status=Status.CLOSED, number=1, title="关于支持中小企业融资的建议")
    make_proposal(world, status=Status.UNDER_REVIEW, title="关于尚在审查的建议")
    fourth = make_proposal(world, proposer=Role.ORG_SUBMITTER, status=Status.IN_PROGRESS, number=4,
                           title="关于加强学前教育师资建设的提案")
    Proposal.objects.filter(pk__in=[third.pk, fourth.pk]).update(category=society)
    return world


def test_the_catalogue_groups_by_category_then_number(catalogue, login):
    response = login(catalogue.users[Role.PROPOSAL_STAFF]).get(
        reverse("proposals:doc_catalogue"), {"meeting": catalogue.meeting.pk})
    assert response.status_code == 200
    assert quote("提案目录-十四届二次会议.docx", safe="") in response["Content-Disposition"]
    document = _doc(response.content)
    _assert_gongwen_page(document)
    _assert_title(document.paragraphs[0])
    headings = [p.text for p in document.paragraphs if re.match(r"^[一二三]、", p.text)]
    assert headings == ["一、经济建设（2件）", "二、社会建设（2件）"]
    rows = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    assert rows[0] == ["提案号", "案由", "提案者"]
    numbers = [r[0] for r in rows if r[0].startswith("第")]
    assert numbers == ["第0001号", "第0002号", "第0003号", "第0004号"]
    assert ["第0004号", "关于加强学前教育师资建设的提案", "民盟"] in rows
    assert "关于尚在审查的建议" not in _text(document)


def test_the_key_catalogue_lists_only_key_proposals(catalogue, login):
    response = login(catalogue.users[Role.LEADER]).get(reverse("proposals:doc_catalogue"),
                                                       {"meeting": catalogue.meeting.pk, "key": "1"})
    document = _doc(response.content)
    assert document.paragraphs[0].text.replace("\n", "").endswith("重点提案目录")
    numbers = [row.cells[0].text for t in document.tables for row in t.rows][1:]
    assert numbers == ["第0002号"]


def test_the_compilation_prints_each_proposal_on_its_own_page_in_number_order(catalogue, login):
    response = login(catalogue.users[Role.ADMIN]).get(reverse("proposals:doc_compilation"),
                                                      {"meeting": catalogue.meeting.pk})
    document = _doc(response.content)
    body = document.element.body
    assert len(body.findall(".//" + qn("w:br") + f"[@{qn('w:type')}='page']")) == 4
    paragraphs = [p.text for p in document.paragraphs]
    order = [t for t in paragraphs if t in ("关于支持中小企业融资的建议", "关于加快数字经济发展的建议",
                                            "关于完善城乡养老服务体系的建议", "关于加强学前教育师资建设的提案")]
    assert order == ["关于支持中小企业融资的建议", "关于加快数字经济发展的建议", "关于完善城乡养老服务体系的建议",
                     "关于加强学前教育师资建设的提案"]
    assert "一、经济建设" in paragraphs and "二、社会建设" in paragraphs
    assert "提案者：张三（经济界）" in paragraphs
    _assert_title(_para(document, "关于支持中小企业融资的建议"))
    _assert_body(_para(document, "光伏装机规模增长较快"))


def test_an_empty_meeting_gives_a_catalogue_that_says_so(world, login):
    response = login(world.users[Role.PROPOSAL_STAFF]).get(reverse("proposals:doc_catalogue"))
    assert "本次会议暂无已立案的提案。" in _text(_doc(response.content))


# ------------------------------------------------------------------------------------------------
# 交办清单 / 办理进度表
# ------------------------------------------------------------------------------------------------
def _sheet(data: bytes):
    ws = load_workbook(io.BytesIO(data)).worksheets[0]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_the_assignment_list_has_the_domain_columns_and_one_row_per_filed_proposal(world, answered, catalogue, login):
    response = login(world.users[Role.PROPOSAL_STAFF]).get(reverse("proposals:doc_assignment_list"),
                                                           {"meeting": world.meeting.pk})
    assert response.status_code == 200
    assert quote("交办清单-十四届二次会议", safe="") in response["Content-Disposition"]
    rows = _sheet(response.content)
    assert rows[0] == ["提案号", "案由", "提案人类别", "提案人", "界别", "专委会", "类别", "提交时间", "状态",
                       "承办单位（主办）", "承办单位（会办）", "办理期限", "答复时间", "结果类别", "评价"]
    assert [r[0] for r in rows[1:]] == ["第0001号", "第0002号", "第0003号", "第0004号", "第0123号"]
    row = rows[-1]
    assert row[1:5] == ["关于推进光伏产业高质量发展的建议", "委员联名提案", "张三、李四", "经济界"]
    assert row[6] == "经济建设" and row[8] == "已答复"
    assert row[9] == "市教育局" and row[10] == "市交通运输局"
    assert isinstance(row[7], dt.datetime) and isinstance(row[12], dt.datetime)
    assert row[13] == "A"


def test_the_progress_table_follows_the_list_filters_and_flags_overdue_cases(world, answered, catalogue, login):
    p, _ = answered
    late = make_proposal(world, status=Status.IN_PROGRESS, number=7, title="关于治理城区交通拥堵的建议")
    assign(late, world.other_unit, due_date=timezone.localdate() - dt.timedelta(days=3))
    client = login(world.users[Role.PROPOSAL_STAFF])
    rows = _sheet(client.get(reverse("proposals:doc_progress"), {"unit": world.other_unit.pk}).content)
    assert rows[0][-1] == "是否逾期"
    assert {r[0]: r[-1] for r in rows[1:]} == {"第0123号": None, "第0007号": "是"}
    rows = _sheet(client.get(reverse("proposals:doc_progress"), {"status": Status.ANSWERED}).content)
    assert [r[0] for r in rows[1:]] == ["第0123号"]
    society = Category.objects.get(cppcc=world.cppcc, code="society")
    rows = _sheet(client.get(reverse("proposals:doc_progress"), {"category": society.pk}).content)
    assert [r[0] for r in rows[1:]] == ["第0003号", "第0004号"]
    rows = _sheet(client.get(reverse("proposals:doc_progress"), {"year": "1999"}).content)
    assert rows[1:] == []


# ------------------------------------------------------------------------------------------------
# Who may download what
# ------------------------------------------------------------------------------------------------
def test_a_member_not_involved_may_not_download_someone_elses_form_or_reply(world, answered, login):
    p, r = answered
    stranger = world.users[Role.STANDING_MEMBER]  # a 委员 of the same 政协, not a proposer
    client = login(stranger)
    assert client.get(reverse("proposals:doc_form", args=[p.pk])).status_code == 403
    assert client.get(reverse("proposals:doc_reply", args=[r.pk])).status_code == 403
    draft = make_proposal(world, status=Status.DRAFT)
    assert client.get(reverse("proposals:doc_form", args=[draft.pk])).status_code == 404
    assert client.get(reverse("proposals:doc_catalogue")).status_code == 403
    assert client.get(reverse("proposals:doc_progress")).status_code == 403


def test_another_cppcc_sees_nothing_of_ours(world, answered, other_county, login):
    p, r = answered
    theirs = build_world(other_county)
    client = login(theirs.users[Role.PROPOSAL_STAFF])
    for name, pk in (("doc_form", p.pk), ("doc_form_pdf", p.pk), ("doc_reply", r.pk), ("doc_evaluation_form", r.pk)):
        assert client.get(reverse(f"proposals:{name}", args=[pk])).status_code == 404, name
    assert client.get(reverse("proposals:doc_catalogue"), {"meeting": world.meeting.pk}).status_code == 404
    rows = _sheet(client.get(reverse("proposals:doc_progress")).content)
    assert rows[1:] == []


def test_the_reply_letter_reaches_the_proposers_only_once_published(world, answered, login):
    p, r = answered
    url = reverse("proposals:doc_reply", args=[r.pk])
    Reply.objects.filter(pk=r.pk).update(state=Reply.State.AUDITING)
    assert login(world.users[Role.MEMBER]).get(url).status_code == 403
    assert login(world.users["cosigner"]).get(url).status_code == 403
    assert login(world.users[Role.SUPERVISING_OFFICE]).get(url).status_code == 200  # 政府督查室 reviews 政府 units
    assert login(world.users[Role.HANDLING_UNIT]).get(url).status_code == 200
    assert login(world.users["party_unit_user"]).get(url).status_code == 404  # not a unit of this case
    assert login(world.users[Role.MEMBER]).get(reverse("proposals:doc_evaluation_form", args=[r.pk])).status_code == 404
    Reply.objects.filter(pk=r.pk).update(state=Reply.State.PUBLISHED)
    response = login(world.users["cosigner"]).get(url)
    assert response.status_code == 200
    assert f"filename*=UTF-8''{quote('答复函-第0123号-市教育局.docx', safe='')}" in response["Content-Disposition"]


def test_a_draft_reply_without_doc_number_is_visible_to_its_unit_only(world, answered, login):
    p, _ = answered
    a = assign(p, world.party_unit, role=Assignment.Role.SPLIT, state=Assignment.State.ACCEPTED)
    draft = reply(a, Reply.State.DRAFT)
    url = reverse("proposals:doc_reply", args=[draft.pk])
    response = login(world.users["party_unit_user"]).get(url)
    assert response.status_code == 200
    texts = [x.text for x in _doc(response.content).paragraphs]
    assert texts[0] == "A" and "关于市政协十四届二次会议第0123号提案的答复" in "".join(texts)
    assert login(world.users[Role.HANDLING_UNIT]).get(url).status_code == 403  # 市教育局 is another unit
    assert login(world.users[Role.SUPERVISING_OFFICE]).get(url).status_code == 403  # not yet sent for review


def test_the_rejection_notice_is_for_the_proposer_and_staff(world, rejected, login):
    url = reverse("proposals:doc_rejection", args=[rejected.pk])
    assert login(world.users[Role.PROPOSAL_STAFF]).get(url).status_code == 200
    assert login(world.users[Role.STANDING_MEMBER]).get(url).status_code == 404
    assert login(world.users[Role.HANDLING_UNIT]).get(url).status_code == 404


def test_the_detail_page_list_offers_exactly_the_documents_the_user_may_take(world, answered, rejected):
    p, r = answered
    member = world.users[Role.MEMBER]
    labels = [d["label"] for d in exports.available_documents(member, exports.proposal_for_documents(member, p.pk))]
    assert labels == ["提案表（Word）", "提案表（PDF）", "答复函（Word）· 市教育局", "答复函（PDF）· 市教育局",
                      "征询意见表 · 市教育局"]
    Reply.objects.filter(pk=r.pk).update(state=Reply.State.AUDITING)
    labels = [d["label"] for d in exports.available_documents(member, exports.proposal_for_documents(member, p.pk))]
    assert labels == ["提案表（Word）", "提案表（PDF）"]
    staff = world.users[Role.PROPOSAL_STAFF]
    labels = [d["label"] for d in exports.available_documents(staff, exports.proposal_for_documents(staff, rejected.pk))]
    assert "不予立案通知" in labels


def test_the_documents_page_offers_the_meeting_downloads_to_staff_only(world, catalogue, login):
    response = login(world.users[Role.PROPOSAL_STAFF]).get(reverse("proposals:doc_index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "政协测试市第十四届委员会第二次会议" in html and "已立案 4 件，其中重点提案 1 件" in html
    assert reverse("proposals:doc_compilation") in html and "下载办理进度表" in html
    assert login(world.users[Role.MEMBER]).get(reverse("proposals:doc_index")).status_code == 403
