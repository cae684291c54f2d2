"""The write pages: one allowed and one refused case per action, the buttons shown, and the Chinese messages."""
from __future__ import annotations

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from zhengxie.core.roles import Role
from zhengxie.core.testing import make_user
from zhengxie.opinions.models import (
    Adoption,
    Article,
    Commission,
    Informant,
    Instruction,
    Issue,
    Opinion,
    ReportingUnit,
    Topic,
)
from zhengxie.opinions.workflow import Status

from .builders import arrange, build_world, make_article, make_issue, make_opinion, report

TODAY = timezone.localdate()


@pytest.fixture
def w(city):
    return build_world(city)


def as_(login, w, role):
    return login(w.users[role])


def test_a_member_writes_a_draft_and_submits_it_with_the_length_warning(w, login):
    c = as_(login, w, Role.MEMBER)
    assert "写社情民意" in c.get(reverse("opinions:new")).content.decode()
    long = "字" * 1600
    r = c.post(reverse("opinions:new"), {"title": "关于农村寄递物流的建议", "situation": long, "analysis": "分析",
                                         "suggestions": "建议", "submit": "1"}, follow=True)
    o = Opinion.objects.get(title="关于农村寄递物流的建议")
    assert o.status == Status.SUBMITTED
    assert "已报送" in r.content.decode()


def test_a_submission_missing_an_element_is_refused_with_the_missing_part_named(w, login):
    c = as_(login, w, Role.MEMBER)
    r = c.post(reverse("opinions:new"), {"title": "关于路灯的建议", "situation": "情况", "submit": "1"}, follow=True)
    o = Opinion.objects.get(title="关于路灯的建议")
    assert o.status == Status.DRAFT
    assert "原因分析" in r.content.decode()


def test_an_editor_cannot_write_an_item(w, login):
    assert as_(login, w, Role.INFO_EDITOR).get(reverse("opinions:new")).status_code == 403


def test_the_reporter_changes_a_returned_item_and_resubmits_it_another_member_cannot(w, login):
    o = arrange(w, Status.RETURNED, Role.MEMBER)
    c = as_(login, w, Role.MEMBER)
    r = c.post(reverse("opinions:change", args=[o.pk]), {"title": o.title, "situation": "补充了数据", "analysis": "分析",
                                                         "suggestions": "建议", "submit": "1"})
    assert r.status_code == 302
    o.refresh_from_db()
    assert o.status == Status.SUBMITTED and o.situation == "补充了数据"
    other = make_user(w.cppcc, "member-2", roles=[Role.MEMBER], name="委员乙")
    assert login(other).get(reverse("opinions:change", args=[o.pk])).status_code == 404


@pytest.mark.parametrize("action,state,allowed,refused,text,after", [
    ("submit", Status.DRAFT, Role.MEMBER, Role.INFO_EDITOR, "", Status.SUBMITTED),
    ("resubmit", Status.RETURNED, Role.INFORMANT, Role.INFO_EDITOR, "", Status.SUBMITTED),
    ("accept", Status.SUBMITTED, Role.INFO_EDITOR, Role.INFO_APPROVER, "", Status.ACCEPTED),
    ("return", Status.SUBMITTED, Role.INFO_EDITOR, Role.LEADER, "请补充具体数据", Status.RETURNED),
    ("not_use", Status.SUBMITTED, Role.INFO_EDITOR, Role.ADMIN, "属于一般工作情况", Status.NOT_USED),
])
def test_screening_and_submission_buttons_do_what_they_say_for_the_allowed_role_only(w, login, action, state, allowed,
                                                                                      refused, text, after):
    o = arrange(w, state, allowed)
    url = reverse("opinions:act", args=[o.pk, action])
    refused_user = w.users[refused]
    if refused in (Role.MEMBER, Role.INFORMANT):
        refused_user = make_user(w.cppcc, "other", roles=[refused], name="他人")
    r = login(refused_user).post(url, {"text": text})
    assert r.status_code in (403, 404)
    o.refresh_from_db()
    assert o.status == state
    page = as_(login, w, allowed).get(reverse("opinions:detail", args=[o.pk])).content.decode()
    assert url in page
    assert as_(login, w, allowed).post(url, {"text": text}).status_code == 302
    o.refresh_from_db()
    assert o.status == after


def test_returning_without_comments_is_refused_with_a_message_and_nothing_changes(w, login):
    o = arrange(w, Status.SUBMITTED, Role.MEMBER)
    r = as_(login, w, Role.INFO_EDITOR).post(reverse("opinions:act", args=[o.pk, "return"]), {"text": ""}, follow=True)
    o.refresh_from_db()
    assert o.status == Status.SUBMITTED
    assert "修改意见" in r.content.decode()


def test_a_reporter_sees_no_screening_buttons(w, login):
    o = arrange(w, Status.SUBMITTED, Role.MEMBER)
    page = as_(login, w, Role.MEMBER).get(reverse("opinions:detail", args=[o.pk])).content.decode()
    assert reverse("opinions:act", args=[o.pk, "accept"]) not in page


def test_the_editor_edits_and_the_author_sees_the_differences(w, login):
    o = arrange(w, Status.ACCEPTED, Role.MEMBER)
    assert as_(login, w, Role.INFO_APPROVER).get(reverse("opinions:editing", args=[o.pk])).status_code == 403
    c = as_(login, w, Role.INFO_EDITOR)
    r = c.post(reverse("opinions:editing", args=[o.pk]), {"title": o.title, "situation": "管护主体不明确。", "analysis": o.analysis,
                                                          "suggestions": o.suggestions, "note": "压缩文字"})
    assert r.status_code == 302
    page = as_(login, w, Role.MEMBER).get(reverse("opinions:detail", args=[o.pk])).content.decode()
    assert "修改记录" in page and "<del>" in page


def test_combined_editing_merges_several_items_and_credits_every_author(w, login):
    a = arrange(w, Status.ACCEPTED, Role.MEMBER)
    b = arrange(w, Status.ACCEPTED, Role.INFORMANT)
    url = reverse("opinions:article_new")
    assert as_(login, w, Role.MEMBER).get(url).status_code == 403
    c = as_(login, w, Role.INFO_EDITOR)
    assert "合并所选" in c.get(url).content.decode()
    r = c.post(url, {"items": [a.pk, b.pk], "kind": "combined", "title": "关于农田管护的综合反映", "body": "综合正文",
                     "author_line": "委员甲　特邀信息员甲", "save": "1"})
    assert r.status_code == 302
    art = Article.objects.get(title="关于农田管护的综合反映")
    assert set(art.items.values_list("pk", flat=True)) == {a.pk, b.pk}


def test_an_issue_is_composed_by_the_editor_and_signed_by_the_approver_only(w, login):
    editor, approver = as_(login, w, Role.INFO_EDITOR), None
    assert login(w.users[Role.INFO_APPROVER]).post(reverse("opinions:issue_new"), {"series": "政协社情民意"}).status_code == 403
    editor = as_(login, w, Role.INFO_EDITOR)
    r = editor.post(reverse("opinions:issue_new"), {"series": "政协社情民意", "date": TODAY.isoformat(), "distribution": "市委"})
    issue = Issue.objects.get()
    assert r.url == issue.get_absolute_url()
    art = make_article(w, [arrange(w, Status.EDITED, Role.MEMBER)])
    assert editor.post(reverse("opinions:issue_change", args=[issue.pk, "add"]), {"article": art.pk}).status_code == 302
    assert issue.articles.count() == 1
    assert editor.post(reverse("opinions:issue_change", args=[issue.pk, "sign"])).status_code == 403
    approver = as_(login, w, Role.INFO_APPROVER)
    page = approver.get(issue.get_absolute_url()).content.decode()
    assert "签发" in page
    approver.post(reverse("opinions:issue_change", args=[issue.pk, "sign"]))
    issue.refresh_from_db()
    assert issue.state == Issue.State.SIGNED and issue.number == 1


def test_a_signed_issue_is_not_changed_and_an_empty_issue_cannot_be_signed(w, login):
    issue = make_issue(w)
    r = as_(login, w, Role.INFO_APPROVER).post(reverse("opinions:issue_change", args=[issue.pk, "sign"]), follow=True)
    issue.refresh_from_db()
    assert issue.state == Issue.State.DRAFT
    assert "msg" in r.content.decode()


def test_issue_downloads_for_the_office_and_not_for_a_member_outside_the_distribution(w, login):
    issue = make_issue(w, signed=True, number=1)
    make_article(w, [arrange(w, Status.ISSUED, Role.MEMBER)], issue=issue)
    r = as_(login, w, Role.INFO_EDITOR).get(reverse("opinions:issue_download", args=[issue.pk, "docx"]))
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    assert as_(login, w, Role.MEMBER).get(reverse("opinions:issue_download", args=[issue.pk, "docx"])).status_code == 404


def test_report_upward_independent_of_local_publication_and_the_package(w, login):
    o = make_opinion(w, status=Status.ACCEPTED)
    url = reverse("opinions:report")
    assert as_(login, w, Role.LEADER).post(url, {"items": [o.pk], "target": "provincial"}).status_code == 403
    c = as_(login, w, Role.INFO_EDITOR)
    r = c.post(url, {"items": [o.pk], "target": "provincial", "reported_at": TODAY.isoformat()})
    assert r.status_code == 302 and o.reports.filter(target="provincial").exists()
    again = c.post(url, {"items": [o.pk], "target": "provincial", "reported_at": TODAY.isoformat()})
    assert again.status_code == 400 and "无需重复报送" in again.content.decode()
    pkg = c.get(reverse("opinions:report_package"), {"target": "provincial", "date": TODAY.isoformat()})
    assert pkg.status_code == 200 and pkg["Content-Type"] == "application/zip"
    assert as_(login, w, Role.MEMBER).get(reverse("opinions:report_package")).status_code == 403


def test_adoption_is_recorded_with_its_source_on_a_reported_item_only(w, login):
    o = arrange(w, Status.EDITED, Role.MEMBER)
    url = reverse("opinions:adopt", args=[o.pk])
    data = {"level": "provincial", "mode": "single", "adopted_at": TODAY.isoformat(), "source_document": "省政协采用通报"}
    assert as_(login, w, Role.ADMIN).post(url, data).status_code == 403
    as_(login, w, Role.INFO_EDITOR).post(url, data)
    assert Adoption.objects.filter(opinion=o, level="provincial").exists()
    unreported = make_opinion(w, status=Status.ACCEPTED)
    assert as_(login, w, Role.INFO_EDITOR).post(reverse("opinions:adopt", args=[unreported.pk]), data).status_code == 403


def test_a_leader_records_an_instruction_and_a_member_cannot(w, login):
    o = arrange(w, Status.ISSUED, Role.MEMBER)
    url = reverse("opinions:instruct", args=[o.pk])
    data = {"leader_name": "李市长", "leader_level": "prefectural", "date": TODAY.isoformat(), "text": "请农业农村局研究"}
    assert as_(login, w, Role.MEMBER).post(url, data).status_code == 403
    assert as_(login, w, Role.LEADER).post(url, data).status_code == 302
    assert Instruction.objects.filter(object_id=str(o.pk), leader_level="prefectural").exists()


def _xlsx(rows) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.append(["标题", "反映人", "采用层级", "采用方式", "采用日期", "刊物期号"])
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "采用通报.xlsx"
    return buf


def test_the_province_adoption_list_is_imported_and_unmatched_rows_are_listed(w, login):
    o = arrange(w, Status.EDITED, Role.MEMBER)
    url = reverse("opinions:import")
    assert as_(login, w, Role.MEMBER).get(url).status_code == 403
    c = as_(login, w, Role.INFO_EDITOR)
    bad = c.post(url, {"source_document": "省政协采用通报", "file": _xlsx([[o.title, "", "省政协", "单篇", "2023-06-01", ""],
                                                                         ["不存在的标题", "", "省政协", "单篇", "2023-06-01", ""]])})
    assert bad.status_code == 400 and "第3行" in bad.content.decode()
    assert not Adoption.objects.exists()
    good = c.post(url, {"source_document": "省政协采用通报", "file": _xlsx([[o.title, "", "省政协", "单篇", "2023-06-01", ""]])})
    assert good.status_code == 302 and Adoption.objects.filter(opinion=o).count() == 1


def test_topics_and_commissions_with_due_dates_reach_the_member(w, login):
    url = reverse("opinions:planning")
    assert as_(login, w, Role.MEMBER).post(url, {"form": "topic"}).status_code == 403
    c = as_(login, w, Role.INFO_EDITOR)
    c.post(url, {"form": "topic", "period_label": "2023年第二季度", "title": "乡村振兴", "start_date": "2023-04-01",
                 "end_date": "2023-06-30"})
    topic = Topic.objects.get()
    due = (TODAY.replace(day=1) + __import__("datetime").timedelta(days=40)).isoformat()
    c.post(url, {"form": "commission", "title": "农村养老", "assignees": [w.users[Role.MEMBER].pk], "due_date": due,
                 "topic": topic.pk})
    commission = Commission.objects.get()
    page = as_(login, w, Role.MEMBER).get(reverse("opinions:commissions")).content.decode()
    assert "农村养老" in page
    assert as_(login, w, Role.MEMBER).post(reverse("opinions:commission_cancel", args=[commission.pk])).status_code == 403
    as_(login, w, Role.INFO_EDITOR).post(reverse("opinions:commission_cancel", args=[commission.pk]))
    commission.refresh_from_db()
    assert commission.state == Commission.State.CANCELLED


def test_a_commission_due_in_the_past_is_refused(w, login):
    r = as_(login, w, Role.INFO_EDITOR).post(reverse("opinions:planning"), {
        "form": "commission", "title": "农村养老", "assignees": [w.users[Role.MEMBER].pk], "due_date": "2020-01-01"})
    assert r.status_code == 400 and "交稿期限不能早于今天" in r.content.decode()


def test_informants_and_reporting_units_are_managed_by_the_editor_only(w, login):
    url = reverse("opinions:reporters")
    assert as_(login, w, Role.MEMBER).get(url).status_code == 403
    c = as_(login, w, Role.INFO_EDITOR)
    new = make_user(w.cppcc, "informant-2", roles=[Role.INFORMANT], name="信息员乙")
    c.post(url, {"form": "informant", "user": new.pk, "appointed_at": "2023-01-01", "term_end": "2027-12-31", "yearly_duty": "12"})
    inf = Informant.objects.get(user=new)
    c.post(url, {"form": "state", "informant": inf.pk, "state": "suspended"})
    inf.refresh_from_db()
    assert inf.state == Informant.State.SUSPENDED
    c.post(url, {"form": "unit", "name": "农工党市委会", "kind": "party", "leader_name": "赵主委", "yearly_quota": "10"})
    assert ReportingUnit.objects.filter(name="农工党市委会").exists()
    assert "农工党市委会" in c.get(url).content.decode()


def test_the_query_list_exports_to_excel_for_the_office_not_for_members(w, login):
    make_opinion(w, status=Status.SUBMITTED)
    r = as_(login, w, Role.INFO_EDITOR).get(reverse("opinions:export"))
    assert r.status_code == 200 and "spreadsheetml" in r["Content-Type"]
    assert as_(login, w, Role.MEMBER).get(reverse("opinions:export")).status_code == 403


def test_a_county_editor_cannot_reach_city_items_or_issues(w, login, county):
    o = arrange(w, Status.SUBMITTED, Role.MEMBER)
    issue = make_issue(w)
    county_editor = make_user(county, "editor-county", roles=[Role.INFO_EDITOR], name="县编辑")
    c = login(county_editor)
    assert c.post(reverse("opinions:act", args=[o.pk, "accept"])).status_code == 404
    assert c.get(reverse("opinions:issue", args=[issue.pk])).status_code == 404


def test_navigation_shows_the_work_pages_per_role(w, login):
    editor = as_(login, w, Role.INFO_EDITOR).get(reverse("opinions:queue")).content.decode()
    assert "报送上级" in editor and "选题与约稿" in editor
    member = as_(login, w, Role.MEMBER).get(reverse("opinions:mine")).content.decode()
    assert "写社情民意" in member and "选题与约稿" not in member


def test_reported_items_show_in_the_report_page_with_their_targets(w, login):
    o = make_opinion(w, status=Status.ACCEPTED)
    report(o)
    assert "全国政协" in as_(login, w, Role.INFO_EDITOR).get(reverse("opinions:report")).content.decode()


def test_the_editor_orders_and_removes_articles_of_a_draft_issue_the_approver_cannot(w, login):
    issue = make_issue(w)
    first = make_article(w, [arrange(w, Status.IN_ISSUE, Role.MEMBER)], issue=issue)
    second = make_article(w, [arrange(w, Status.IN_ISSUE, Role.INFORMANT)], issue=issue)
    url = reverse("opinions:issue_change", args=[issue.pk, "up"])
    assert as_(login, w, Role.INFO_APPROVER).post(url, {"article": second.pk}).status_code == 403
    c = as_(login, w, Role.INFO_EDITOR)
    c.post(url, {"article": second.pk})
    assert [a.pk for a in issue.articles.order_by("position")] == [second.pk, first.pk]
    c.post(reverse("opinions:issue_change", args=[issue.pk, "remove"]), {"article": first.pk})
    assert list(issue.articles.values_list("pk", flat=True)) == [second.pk]


def test_the_commission_to_do_leads_to_my_commissions(w, login):
    from zhengxie.opinions.todos import reporter_todos

    Commission.objects.create(cppcc=w.cppcc, title="农村养老", assignee=w.users[Role.INFORMANT], due_date=TODAY)
    item = next(t for t in reporter_todos(w.users[Role.INFORMANT]) if "约稿" in t.title)
    assert as_(login, w, Role.INFORMANT).get(item.url).status_code == 200


def test_an_instruction_is_transferred_by_the_editor_and_answered_by_the_unit(w, login):
    from zhengxie.opinions.services import instruction_record

    o = arrange(w, Status.ISSUED, Role.MEMBER)
    ins = instruction_record(target=o, by=w.users[Role.LEADER], leader_name="李市长", leader_level="prefectural",
                             date=TODAY, text="请研究")
    url = reverse("opinions:instruction_transfer", args=[ins.pk])
    assert "转办" in as_(login, w, Role.INFO_EDITOR).get(reverse("opinions:detail", args=[o.pk])).content.decode()
    assert as_(login, w, Role.MEMBER).post(url, {"unit": w.agency.pk}).status_code == 403
    as_(login, w, Role.INFO_EDITOR).post(url, {"unit": w.agency.pk})
    ins.refresh_from_db()
    assert ins.state == Instruction.State.TRANSFERRED
    unit = as_(login, w, Role.HANDLING_UNIT)
    assert "请研究" in unit.get(reverse("opinions:instructions")).content.decode()
    empty = unit.post(reverse("opinions:instructions"), {"instruction": ins.pk, "text": ""}, follow=True)
    assert "请填写办理反馈" in empty.content.decode()
    unit.post(reverse("opinions:instructions"), {"instruction": ins.pk, "text": "已制定专项方案"})
    ins.refresh_from_db()
    assert ins.state == Instruction.State.HANDLED
    other = make_user(w.cppcc, "unit-2", roles=[Role.HANDLING_UNIT], name="他单位")
    assert login(other).post(reverse("opinions:instructions"), {"instruction": ins.pk, "text": "x"}).status_code == 403
