"""What users notice of the 社情民意 services: Chinese refusals with nothing half-written, versions and
differences, issues numbered without gaps, reporting independent of publication, external results."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from openpyxl import Workbook

from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.models import Event
from zhengxie.core.roles import Role
from zhengxie.core.testing import make_user
from zhengxie.notifications.models import Notification
from zhengxie.opinions import exports, permissions, selectors, services
from zhengxie.opinions.models import (
    Adoption,
    Article,
    Commission,
    Instruction,
    Issue,
    Level,
    Opinion,
    UpwardReport,
)
from zhengxie.opinions.search import similar_items
from zhengxie.opinions.versions import diff_html, version_diffs
from zhengxie.opinions.workflow import Status

from .builders import SERIES, build_world, make_article, make_opinion, report


@pytest.fixture
def w(city):
    return build_world(city)


@pytest.fixture
def editor(w):
    return w.users[Role.INFO_EDITOR]


@pytest.fixture
def approver(w):
    return w.users[Role.INFO_APPROVER]


def test_a_draft_missing_an_element_is_refused_with_the_missing_parts_named(w):
    member = w.users[Role.MEMBER]
    o = services.opinion_create(by=member, title="关于农村客运班线的建议", situation="部分班线停运。")
    before = Event.objects.count()
    with pytest.raises(ApplicationError) as exc:
        services.opinion_submit(opinion=o, by=member)
    assert "原因分析、意见建议" in exc.value.message
    o.refresh_from_db()
    assert o.status == Status.DRAFT and o.received_at is None and Event.objects.count() == before


def test_a_long_item_is_submitted_with_a_warning_on_its_timeline(w, django_capture_on_commit_callbacks):
    member = w.users[Role.MEMBER]
    o = services.opinion_create(by=member, title="关于农村客运班线的建议", situation="情况。" * 600, analysis="分析。",
                                suggestions="建议。")
    assert "超过1500字" in services.length_warning(o)
    with django_capture_on_commit_callbacks(execute=True):
        o = services.opinion_submit(opinion=o, by=member)
    assert o.status == Status.SUBMITTED and o.received_at is not None
    assert "超过1500字" in Event.objects.filter(verb="opinion.submit").latest("id").message
    assert o.committee == w.committee and o.sector == w.sector  # attribution taken on the submit date
    assert Notification.objects.filter(recipient=w.users[Role.INFO_EDITOR], title__contains="新收社情民意信息").exists()


def test_return_needs_comments_and_not_use_needs_a_reason(w, editor):
    o = make_opinion(w, status=Status.SUBMITTED)
    with pytest.raises(ApplicationError, match="须写明修改意见"):
        services.opinion_return(opinion=o, by=editor, comments=" ")
    with pytest.raises(ApplicationError, match="须写明理由"):
        services.opinion_not_use(opinion=o, by=editor, reason="")
    o.refresh_from_db()
    assert o.status == Status.SUBMITTED
    services.opinion_return(opinion=o, by=editor, comments="请补充数据")
    o.refresh_from_db()
    assert o.status == Status.RETURNED and o.screen_note == "请补充数据"


def test_the_editor_sees_similar_items_already_received(w, editor, django_capture_on_commit_callbacks):
    member, informant = w.users[Role.MEMBER], w.users[Role.INFORMANT]
    with django_capture_on_commit_callbacks(execute=True):
        first = services.opinion_create(by=member, title="关于加强高标准农田建后管护的建议", situation="高标准农田灌排设施损毁无人管护。",
                                        analysis="管护经费不足。", suggestions="建立高标准农田管护资金。")
        services.opinion_submit(opinion=first, by=member)
        other = services.opinion_create(by=member, title="关于老旧小区加装电梯的建议", situation="老旧小区加装电梯协调难。",
                                        analysis="意见不一。", suggestions="出台补贴办法。")
        services.opinion_submit(opinion=other, by=member)
        second = services.opinion_create(by=informant, title="高标准农田管护亟待加强", situation="高标准农田建成后管护缺位。",
                                         analysis="管护主体不明确。", suggestions="落实高标准农田管护责任。")
        second = services.opinion_submit(opinion=second, by=informant)
    titles = [o.title for o, _score in similar_items(second)]
    assert titles and titles[0] == first.title and other.title not in titles


def test_every_version_is_kept_and_the_author_sees_the_differences(w, editor, django_capture_on_commit_callbacks):
    o = make_opinion(w, status=Status.ACCEPTED)
    with django_capture_on_commit_callbacks(execute=True):
            services.opinion_edit(opinion=o, by=editor, title=o.title, situation=o.situation, analysis=o.analysis,
                              suggestions="一是明确管护主体；二是建立管护资金保障机制；三是纳入考核。", note="补充第三条")
    rows = version_diffs(o)
    assert [r["version"].number for r in rows] == [2, 1]
    assert rows[1]["version"].note == "原稿" and rows[1]["version"].author == w.users[Role.MEMBER]
    assert "<ins>；三是纳入考核</ins>" in rows[0]["diff"]
    assert str(diff_html("甲<乙", "甲丙")) == "甲<del>&lt;乙</del><ins>丙</ins>"
    o.refresh_from_db()
    assert o.status == Status.EDITED
    assert Notification.objects.filter(recipient=w.users[Role.MEMBER], title__contains="已编辑修改").exists()


def test_a_combined_article_credits_every_author_and_single_takes_one_item(w, editor):
    a = make_opinion(w, status=Status.ACCEPTED, title="甲县耕地撂荒问题")
    b = make_opinion(w, reporter=w.users[Role.INFORMANT], status=Status.ACCEPTED, title="乙县耕地撂荒问题")
    with pytest.raises(ApplicationError, match="单篇编发只能选择一篇"):
        services.article_create(items=[a, b], by=editor, kind=Article.Kind.SINGLE, title="耕地撂荒", body="正文")
    art = services.article_create(items=[a, b], by=editor, kind=Article.Kind.COMBINED, title="关于遏制耕地撂荒的建议",
                                  body="综合稿正文")
    assert "委员甲" in art.author_line and "特邀信息员甲" in art.author_line
    assert set(art.items.values_list("status", flat=True)) == {Status.EDITED}
    with pytest.raises(ApplicationError, match="不能重复编发"):
        services.article_create(items=[a], by=editor, kind=Article.Kind.SINGLE, title="再编", body="正文")


def _issue_with(w, editor, n_items=1, date=None):
    issue = services.issue_create(by=editor, series=SERIES, date=date or timezone.localdate())
    for _ in range(n_items):
        o = make_opinion(w, status=Status.EDITED)
        services.issue_add_article(issue=issue, article=make_article(w, [o]), by=editor)
    return issue


def test_issue_numbers_are_gap_free_per_year_and_series_and_given_at_sign_off(w, editor, approver):
    this_year = timezone.localdate()
    first, second = _issue_with(w, editor), _issue_with(w, editor)
    assert first.number is None
    services.issue_sign(issue=second, by=approver)
    services.issue_sign(issue=first, by=approver)
    first.refresh_from_db(), second.refresh_from_db()
    assert (second.number, first.number) == (1, 2) and (second.total_number, first.total_number) == (1, 2)
    special = services.issue_create(by=editor, series="政协信息专报", date=this_year)
    services.issue_add_article(issue=special, article=make_article(w, [make_opinion(w, status=Status.EDITED)]), by=editor)
    assert services.issue_sign(issue=special, by=approver).number == 1
    next_year = _issue_with(w, editor, date=this_year.replace(year=this_year.year + 1, month=1, day=5))
    signed = services.issue_sign(issue=next_year, by=approver)
    assert signed.number == 1 and signed.total_number == 3


def test_an_issue_signed_twice_is_refused_and_its_items_are_issued_once(w, editor, approver):
    issue = _issue_with(w, editor, n_items=2)
    services.issue_sign(issue=issue, by=approver)
    with pytest.raises(ApplicationError, match="不能重复签发"):
        services.issue_sign(issue=issue, by=approver)
    assert set(Opinion.objects.filter(articles__issue=issue).values_list("status", flat=True)) == {Status.ISSUED}
    assert Event.objects.filter(verb="opinion.issue_sign").count() == 1


def test_an_empty_issue_cannot_be_signed_and_a_signed_issue_cannot_change(w, editor, approver):
    empty = services.issue_create(by=editor, series=SERIES, date=timezone.localdate())
    with pytest.raises(ApplicationError, match="没有稿件"):
        services.issue_sign(issue=empty, by=approver)
    issue = _issue_with(w, editor)
    services.issue_sign(issue=issue, by=approver)
    art = make_article(w, [make_opinion(w, status=Status.EDITED)])
    with pytest.raises(ApplicationError, match="已签发"):
        services.issue_add_article(issue=issue, article=art, by=editor)


def test_an_editor_cannot_sign_and_the_issue_is_read_by_its_distribution_only(w, editor, approver):
    leader, other_leader = w.users[Role.LEADER], make_user(w.cppcc, "leader-2", roles=[Role.LEADER])
    issue = services.issue_create(by=editor, series=SERIES, date=timezone.localdate(), reader_ids=[leader.pk])
    services.issue_add_article(issue=issue, article=make_article(w, [make_opinion(w, status=Status.EDITED)]), by=editor)
    with pytest.raises(PermissionDenied):
        services.issue_sign(issue=issue, by=editor)
    assert not permissions.can_view_issue(leader, issue)  # not before 签发
    issue = services.issue_sign(issue=issue, by=approver)
    assert permissions.can_view_issue(leader, issue) and not permissions.can_view_issue(other_leader, issue)
    assert list(selectors.issue_list_for(leader)) == [issue] and not selectors.issue_list_for(other_leader).exists()


def test_reporting_upward_does_not_need_local_publication_and_is_not_repeated(w, editor):
    accepted = make_opinion(w, status=Status.ACCEPTED)
    services.opinion_report_up(opinions=[accepted], target=UpwardReport.Target.PROVINCIAL, by=editor)
    accepted.refresh_from_db()
    assert accepted.status == Status.ACCEPTED and accepted.reports.count() == 1
    draft = make_opinion(w, status=Status.SUBMITTED, title="未初筛的信息")
    with pytest.raises(ApplicationError, match="须初筛采用后才能报送"):
        services.opinion_report_up(opinions=[accepted, draft], target=UpwardReport.Target.NATIONAL, by=editor)
    assert UpwardReport.objects.count() == 1  # all or nothing
    with pytest.raises(ApplicationError, match="无需重复报送"):
        services.opinion_report_up(opinions=[accepted], target=UpwardReport.Target.PROVINCIAL, by=editor)


def test_the_report_package_has_a_docx_per_item_and_a_summary_sheet(w, editor):
    items = [make_opinion(w, status=Status.ACCEPTED, title=f"信息{i}") for i in range(3)]
    reports = services.opinion_report_up(opinions=items, target=UpwardReport.Target.NATIONAL, by=editor)
    data = exports.report_package(reports)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert "报送清单.xlsx" in names and sum(n.endswith(".docx") for n in names) == 3


def test_adoption_and_instruction_on_an_unreported_item_are_refused(w, editor):
    o = make_opinion(w, status=Status.ACCEPTED)
    with pytest.raises(ApplicationError, match="尚未向上级报送"):
        services.adoption_record(opinion=o, by=editor, level=Level.PROVINCIAL, mode=Adoption.Mode.SINGLE,
                                 adopted_at=timezone.localdate(), source_document="省政协通报")
    with pytest.raises(ApplicationError, match="尚未编发或报送，不能登记领导批示"):
        services.instruction_record(target=o, by=editor, leader_name="李市长",
                                    leader_level=Instruction.LeaderLevel.PREFECTURAL, date=timezone.localdate())
    assert not Adoption.objects.exists() and not Instruction.objects.exists()


def test_an_adoption_needs_its_source_document(w, editor):
    o = make_opinion(w, status=Status.ACCEPTED)
    report(o)
    with pytest.raises(ApplicationError, match="请填写依据"):
        services.adoption_record(opinion=o, by=editor, level=Level.NATIONAL, mode=Adoption.Mode.SINGLE,
                                 adopted_at=timezone.localdate(), source_document="")


def test_the_author_sees_the_instruction_level_and_date_but_the_text_only_where_visible(w, editor):
    o = make_opinion(w, status=Status.ISSUED)
    services.instruction_record(target=o, by=editor, leader_name="李市长", leader_level=Instruction.LeaderLevel.PREFECTURAL,
                                date=timezone.localdate(), text="请农业农村局研究。")
    author_view = selectors.instructions_for(w.users[Role.MEMBER], o)[0]
    assert author_view["level"] == "市领导" and author_view["date"] == timezone.localdate()
    assert author_view["text"] == "" and author_view["leader"] == ""
    assert selectors.instructions_for(editor, o)[0]["text"] == "请农业农村局研究。"
    services.instruction_record(target=o, by=editor, leader_name="王省长", leader_level=Instruction.LeaderLevel.PROVINCIAL,
                                date=timezone.localdate(), text="转省农业农村厅。", text_visible=True)
    assert "转省农业农村厅。" in [r["text"] for r in selectors.instructions_for(w.users[Role.MEMBER], o)]


def test_an_instruction_is_transferred_to_a_unit_which_gives_feedback(w, editor):
    o = make_opinion(w, status=Status.ISSUED)
    ins = services.instruction_record(target=o, by=editor, leader_name="李市长",
                                      leader_level=Instruction.LeaderLevel.PREFECTURAL, date=timezone.localdate())
    unit_user = w.users[Role.HANDLING_UNIT]
    with pytest.raises(PermissionDenied):
        services.instruction_feedback(instruction=ins, by=unit_user, text="已落实")
    services.instruction_transfer(instruction=ins, unit=w.agency, by=editor)
    ins = services.instruction_feedback(instruction=ins, by=unit_user, text="已制定管护办法。")
    assert ins.state == Instruction.State.HANDLED
    messages = [e.message for e in selectors.timeline_of(o)]
    assert any("转办市农业农村局" in m for m in messages) and any("反馈批示办理情况" in m for m in messages)


def _sheet(rows) -> io.BytesIO:
    wb = Workbook()
    ws = wb.active
    ws.append(["标题", "反映人", "采用层级", "采用方式", "采用日期", "刊物期号"])
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


def test_the_provincial_adoption_list_is_imported_matched_to_items_or_not_at_all(w, editor):
    a = make_opinion(w, status=Status.ACCEPTED, title="关于加强高标准农田建后管护的建议")
    b = make_opinion(w, status=Status.ISSUED, title="关于遏制耕地撂荒的建议")
    report(a, UpwardReport.Target.PROVINCIAL), report(b, UpwardReport.Target.PROVINCIAL)
    bad = _sheet([["关于加强高标准农田建后管护的建议", "", "省政协", "单篇", "2023-05-04", "第12期"],
                  ["一篇没有报送过的信息", "", "省政协", "综合", "2023-05-04", ""]])
    outcome = services.adoption_import(fileobj=bad, by=editor, source_document="省政协2023年第3期采用通报")
    assert not outcome.ok and outcome.errors == ["第3行：「一篇没有报送过的信息」没有找到对应的已报送信息"]
    assert not Adoption.objects.exists()
    good = _sheet([["关于加强高标准农田建后管护的建议", "委员甲", "省政协", "单篇", "2023-05-04", "第12期"],
                   ["《关于遏制耕地撂荒的建议》", "", "全国政协", "综合采用", dt.date(2023, 6, 1), ""]])
    outcome = services.adoption_import(fileobj=good, by=editor, source_document="省政协2023年第3期采用通报")
    assert outcome.ok and len(outcome.adoptions) == 2
    assert set(Adoption.objects.values_list("level", "mode")) == {("provincial", "single"), ("national", "combined")}


def test_a_proposal_turned_into_an_item_needs_consent_and_is_linked_on_both_sides(city, django_capture_on_commit_callbacks):
    from zhengxie.links.selectors import links_for
    from zhengxie.proposals.tests.builders import build_world as proposal_world
    from zhengxie.proposals.tests.builders import make_proposal

    pw = proposal_world(city)
    staff = pw.users[Role.PROPOSAL_STAFF]
    p = make_proposal(pw, status="under_review")
    p.consent_to_sqmy = False
    p.save()
    with pytest.raises(ApplicationError, match="未同意转为社情民意"):
        services.opinion_create_from_proposal(proposal=p, by=staff)
    p.consent_to_sqmy = True
    p.save()
    with django_capture_on_commit_callbacks(execute=True):
        o = services.opinion_create_from_proposal(proposal=p, by=staff)
    assert o.status == Status.DRAFT and o.source == Opinion.Source.PROPOSAL and o.reporter == pw.users[Role.MEMBER]
    assert [x.other for x in links_for(staff, p)] == [o]
    assert [x.other for x in links_for(pw.users[Role.MEMBER], o)] == [p]
    assert Notification.objects.filter(recipient=pw.users[Role.MEMBER], title__contains="转为社情民意信息草稿").exists()


def test_a_commission_is_delivered_when_its_item_is_submitted(w, editor):
    informant = w.users[Role.INFORMANT]
    [c] = services.commission_create(by=editor, title="春耕备耕情况", assignee_ids=[informant.pk],
                                     due_date=timezone.localdate() + dt.timedelta(days=10))
    from zhengxie.core.todos import todos_for

    assert any(t.title == "约稿：春耕备耕情况" for t in todos_for(informant))
    o = services.opinion_create(by=informant, title="春耕备耕中农资价格上涨", situation="化肥价格上涨。", analysis="原料涨价。",
                                suggestions="加强储备。", commission=c)
    assert o.is_commissioned
    services.opinion_submit(opinion=o, by=informant)
    c.refresh_from_db()
    assert c.state == Commission.State.DELIVERED and not any(t.title.startswith("约稿") for t in todos_for(informant))


def test_a_county_never_sees_nor_acts_on_the_city_items(w, county, editor):
    county_editor = make_user(county, "editor-county", roles=[Role.INFO_EDITOR])
    o = make_opinion(w, status=Status.SUBMITTED)
    assert not permissions.can_view(county_editor, o)
    assert not selectors.opinion_list_for(county_editor).exists()
    with pytest.raises(PermissionDenied):
        services.opinion_accept(opinion=o, by=county_editor)
    with pytest.raises(PermissionDenied):
        services.opinion_report_up(opinions=[o], target=UpwardReport.Target.PROVINCIAL, by=county_editor)


def test_a_member_sees_own_items_and_the_unit_liaison_sees_the_units(w):
    mine = make_opinion(w, status=Status.SUBMITTED)
    unit_item = make_opinion(w, reporter=w.users[Role.STANDING_MEMBER], status=Status.SUBMITTED, reporting_unit=w.unit)
    assert list(selectors.opinion_list_for(w.users[Role.MEMBER])) == [mine]
    assert list(selectors.opinion_list_for(w.users[Role.ORG_SUBMITTER])) == [unit_item]
    assert not permissions.can_view(w.users[Role.INFORMANT], mine)


def test_an_issue_renders_as_pdf_and_docx(w, editor, approver):
    issue = _issue_with(w, editor, n_items=2)
    services.issue_sign(issue=issue, by=approver)
    assert exports.issue_pdf(issue).startswith(b"%PDF")
    assert exports.issue_docx(issue)[:2] == b"PK"
    assert Issue.objects.get(pk=issue.pk).articles.count() == 2
