"""The 提案 pages: every action once allowed and once refused, the buttons shown = the actions allowed,
URL × role smoke, lists, the form with its autosave and co-signer picker, review meetings and batch decisions."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from zhengxie.core.roles import Role
from zhengxie.proposals import permissions
from zhengxie.proposals.models import (
    Assignment,
    CoSigner,
    ExtensionRequest,
    Proposal,
    ProposerType,
    Reply,
    ReviewDecision,
    ReviewMeeting,
)
from zhengxie.proposals.views import actions
from zhengxie.proposals.workflow import Status

from .builders import assign, build_world, make_proposal, reply

S = Status
R = Assignment.Role
AS = Assignment.State


@pytest.fixture
def w(city):
    return build_world(city)


@pytest.fixture
def as_user(client, password):
    def do(user):
        client.logout()
        assert client.login(username=user.username, password=password)
        return client

    return do


def buttons_on(html: str) -> set[str]:
    return set(re.findall(r'data-action="([a-z_]+)"', html))


# Arrangements -------------------------------------------------------------------------------------------

def _in_progress(w, *, co=False, **extra):
    p = make_proposal(w, status=S.IN_PROGRESS, number=1, receipt_no="142-S0001", **extra)
    a = assign(p, w.gov_unit, R.LEAD if co else R.SOLE)
    if co:
        assign(p, w.party_unit, R.CO)
    return p, a


def a_draft(w):
    return make_proposal(w, status=S.DRAFT)


def a_returned(w):
    return make_proposal(w, status=S.RETURNED, receipt_no="142-S0001", decision_text="请补充数据")


def a_received(w):
    return make_proposal(w, status=S.RECEIVED, receipt_no="142-S0001")


def a_submitted_joint(w, *, past=False, confirmed=False):
    p = make_proposal(w, status=S.SUBMITTED, joint=True, receipt_no="142-S0001")
    p.cosign_deadline = timezone.now() + dt.timedelta(days=-1 if past else 3)
    p.save()
    if confirmed:
        p.cosigners.update(state=CoSigner.State.CONFIRMED)
    return p


def a_under_review(w):
    return make_proposal(w, status=S.UNDER_REVIEW, receipt_no="142-S0002")


def a_filed(w, **extra):
    return make_proposal(w, status=S.FILED, **{"number": 1, "receipt_no": "142-S0001", **extra})


def an_assigned(w):
    p = a_filed(w)
    p.status = S.ASSIGNED
    p.save()
    assign(p, w.gov_unit, R.SOLE, state=AS.PENDING)
    return p


def a_reassigning(w):
    p = an_assigned(w)
    p.status = S.REASSIGNING
    p.save()
    p.assignments.update(state=AS.DISPUTED, dispute_reason="不属于本单位职责")
    return p


def with_extension(w):
    p, a = _in_progress(w)
    ExtensionRequest.objects.create(assignment=a, days=10, reason="需要调研", requested_by=w.users[Role.HANDLING_UNIT])
    return p


def with_draft_reply(w):
    p, a = _in_progress(w)
    reply(a, Reply.State.DRAFT)
    return p


def with_signed_reply(w):
    p, a = _in_progress(w)
    reply(a, Reply.State.SIGNED)
    return p


def answer_drafted(w):
    p, a = _in_progress(w, co=True)
    p.status = S.ANSWER_DRAFTED
    p.save()
    a.state = AS.REPLIED
    a.save()
    reply(a, Reply.State.COSIGNING)
    return p


def answer_cosigned(w):
    p, a = _in_progress(w)
    p.status = S.ANSWER_COSIGNED
    p.save()
    a.state = AS.REPLIED
    a.save()
    reply(a, Reply.State.AUDITING)
    return p


def answered(w, *, joint=False, cls="A"):
    p, a = _in_progress(w, joint=joint)
    p.status, p.answered_at, p.result_class = S.ANSWERED, timezone.now(), cls
    p.save()
    a.state = AS.REPLIED
    a.save()
    r = reply(a, Reply.State.PUBLISHED, cls=cls)
    if cls == "B":
        r.follow_up_open = True
        r.save()
    if joint:
        p.cosigners.update(state=CoSigner.State.CONFIRMED)
    return p


def evaluated(w, result="satisfied", rounds=0):
    p = answered(w)
    p.status, p.evaluation_result, p.rehandle_rounds = S.EVALUATED, result, rounds
    p.save()
    if rounds:
        Reply.objects.filter(assignment__proposal=p).update(round=rounds + 1)
    return p


def _unit_id(w, name="gov_unit"):
    return getattr(w, name).pk


@dataclass
class Case:
    action: str
    arrange: Any
    actor: str
    refused: str
    data: Any = field(default_factory=dict)
    check: Any = None  # (proposal) -> bool


def _status(status):
    return lambda p: p.status == status


CASES = [
    Case("submit", a_draft, Role.MEMBER, Role.LEADER, check=_status(S.RECEIVED)),
    Case("resubmit", a_returned, Role.MEMBER, "cosigner", check=_status(S.RECEIVED)),
    Case("withdraw", a_received, Role.MEMBER, Role.HANDLING_UNIT, {"reason": "情况已变化"}, _status(S.WITHDRAWN)),
    Case("cosign_confirm", a_submitted_joint, "cosigner", Role.LEADER, check=_status(S.RECEIVED)),
    Case("cosign_decline", a_submitted_joint, "cosigner", Role.STANDING_MEMBER,
         check=lambda p: p.cosigners.get().state == CoSigner.State.DECLINED),
    Case("receive", lambda w: a_submitted_joint(w, past=True, confirmed=True), Role.PROPOSAL_STAFF, Role.MEMBER,
         check=_status(S.RECEIVED)),
    Case("pre_review", a_received, Role.PROPOSAL_STAFF, Role.MEMBER, {"note": "资格、格式符合"}, _status(S.UNDER_REVIEW)),
    Case("file", a_under_review, Role.PROPOSAL_STAFF, Role.LEADER, lambda w: {"review": w.review.pk}, _status(S.FILED)),
    Case("merge", a_under_review, Role.PROPOSAL_STAFF, Role.MEMBER,
         lambda w: {"review": w.review.pk, "merged_into": a_filed(w, title="关于发展光伏的建议").pk, "text": "内容相近"},
         _status(S.MERGED)),
    Case("to_suggestion", a_under_review, Role.PROPOSAL_STAFF, Role.LEADER,
         lambda w: {"review": w.review.pk, "units": [w.other_unit.pk], "text": "供参考"}, _status(S.TO_SUGGESTION)),
    Case("to_sqmy", a_under_review, Role.PROPOSAL_STAFF, Role.LEADER, lambda w: {"review": w.review.pk}, _status(S.TO_SQMY)),
    Case("return", a_under_review, Role.PROPOSAL_STAFF, Role.LEADER, lambda w: {"review": w.review.pk, "text": "补充数据"},
         _status(S.RETURNED)),
    Case("reject", a_under_review, Role.PROPOSAL_STAFF, Role.LEADER,
         lambda w: {"review": w.review.pk, "reason": "empty", "text": "没有具体建议"}, _status(S.REJECTED)),
    Case("assign", a_filed, Role.PROPOSAL_STAFF, Role.HANDLING_UNIT, lambda w: {"unit_0": w.gov_unit.pk, "role_0": "sole"},
         _status(S.ASSIGNED)),
    Case("accept", an_assigned, Role.HANDLING_UNIT, "party_unit_user", check=_status(S.IN_PROGRESS)),
    Case("dispute", an_assigned, Role.HANDLING_UNIT, "party_unit_user", {"reason": "不属于本单位职责"},
         _status(S.REASSIGNING)),
    Case("reassign", a_reassigning, Role.PROPOSAL_STAFF, Role.HANDLING_UNIT,
         lambda w: {"remove": [Assignment.objects.get(unit=w.gov_unit).pk], "add_unit": w.other_unit.pk, "add_role": "sole"},
         _status(S.ASSIGNED)),
    Case("extension_request", lambda w: _in_progress(w)[0], Role.HANDLING_UNIT, "party_unit_user",
         {"days": 10, "reason": "需要实地调研"}, lambda p: ExtensionRequest.objects.filter(assignment__proposal=p).exists()),
    Case("extension_decide", with_extension, Role.PROPOSAL_STAFF, Role.HANDLING_UNIT,
         lambda w: {"request": ExtensionRequest.objects.get().pk, "approve": "1", "note": "同意"},
         lambda p: ExtensionRequest.objects.get().state == ExtensionRequest.State.APPROVED),
    Case("contact", lambda w: _in_progress(w)[0], Role.HANDLING_UNIT, Role.MEMBER,
         lambda w: {"date": timezone.localdate().isoformat(), "stage": "before", "way": "face", "note": "登门面商"},
         lambda p: Assignment.objects.get(proposal=p, unit__name="市教育局").contacts.exists()),
    Case("co_opinion", lambda w: _in_progress(w, co=True)[0], "party_unit_user", Role.HANDLING_UNIT,
         {"text": "同意主办单位意见"}, lambda p: p.assignments.get(role=R.CO).state == AS.OPINION_SENT),
    Case("reply_save", lambda w: _in_progress(w)[0], Role.HANDLING_UNIT, "party_unit_user",
         {"body": "经研究，答复如下……", "proposed_class": "A", "signer": "王局长", "signer_level": "deputy"},
         lambda p: Reply.objects.filter(assignment__proposal=p, state=Reply.State.DRAFT).exists()),
    Case("reply_sign", with_draft_reply, Role.HANDLING_UNIT, Role.PROPOSAL_STAFF,
         check=lambda p: Reply.objects.get(assignment__proposal=p).state == Reply.State.SIGNED),
    Case("submit_answer", with_signed_reply, Role.HANDLING_UNIT, Role.MEMBER, check=_status(S.ANSWER_COSIGNED)),
    Case("cosign", answer_drafted, "party_unit_user", Role.HANDLING_UNIT, {"note": "无意见"}, _status(S.ANSWER_COSIGNED)),
    Case("return_answer", answer_cosigned, Role.SUPERVISING_OFFICE, Role.HANDLING_UNIT, {"note": "请逐条答复"},
         _status(S.IN_PROGRESS)),
    Case("audit", answer_cosigned, Role.SUPERVISING_OFFICE, Role.LEADER, {"corrected_class": "B"}, _status(S.ANSWERED)),
    Case("evaluate", answered, Role.MEMBER, Role.HANDLING_UNIT, {"rating": "satisfied", "comment": "办理认真"},
         _status(S.EVALUATED)),
    Case("evaluate_reply", lambda w: answered(w, joint=True), "cosigner", Role.LEADER, {"rating": "basic"},
         lambda p: Reply.objects.get(assignment__proposal=p).evaluations.filter(is_lead=False).exists()),
    Case("rehandle", answered, Role.PROPOSAL_STAFF, Role.HANDLING_UNIT, {"note": "请登门听取意见"}, _status(S.REHANDLING)),
    Case("close", evaluated, Role.PROPOSAL_STAFF, Role.MEMBER, check=_status(S.CLOSED)),
    Case("close_unsatisfied", lambda w: evaluated(w, "unsatisfied", rounds=2), Role.PROPOSAL_STAFF, Role.LEADER,
         {"note": "两轮重新办理后仍不满意"}, _status(S.CLOSED_UNSATISFIED)),
    Case("follow_up", lambda w: answered(w, cls="B"), Role.HANDLING_UNIT, Role.MEMBER, {"text": "项目已开工", "resolved": "on"},
         lambda p: not Reply.objects.get(assignment__proposal=p).follow_up_open),
]
CASE_IDS = [c.action for c in CASES]


def case_data(case: Case, w) -> dict:
    return case.data(w) if callable(case.data) else dict(case.data)


def test_every_action_has_a_page_case():
    covered = set(CASE_IDS)
    assert set(actions.SERVICES) - {"decide"} == covered


# Each action: allowed once, refused once ---------------------------------------------------------------------

@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_an_allowed_user_performs_the_action_from_the_page(case, w, as_user):
    p = case.arrange(w)
    data = case_data(case, w)
    client = as_user(w.users[case.actor])
    page = client.get(reverse("proposals:detail", args=[p.pk]))
    assert case.action in buttons_on(page.content.decode())
    response = client.post(reverse("proposals:act", args=[p.pk, case.action]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert case.check(Proposal.objects.get(pk=p.pk))
    assert "msg-success" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_a_refused_user_neither_sees_the_button_nor_can_post_the_action(case, w, as_user):
    p = case.arrange(w)
    data = case_data(case, w)
    before = Proposal.objects.get(pk=p.pk).status
    client = as_user(w.users[case.refused])
    page = client.get(reverse("proposals:detail", args=[p.pk]))
    assert page.status_code in (200, 404)
    assert case.action not in buttons_on(page.content.decode())
    response = client.post(reverse("proposals:act", args=[p.pk, case.action]), data)
    assert response.status_code in (403, 404)
    assert Proposal.objects.get(pk=p.pk).status == before


def test_a_refusal_by_the_service_is_shown_in_chinese_and_keeps_the_form_open(w, as_user):
    p = a_under_review(w)
    client = as_user(w.users[Role.PROPOSAL_STAFF])
    response = client.post(reverse("proposals:act", args=[p.pk, "reject"]), {"review": w.review.pk, "text": "空泛"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "不予立案须选择理由" in html
    assert re.search(r'<details class="p-action danger" open>\s*<summary[^>]*data-action="reject"', html)
    assert Proposal.objects.get(pk=p.pk).status == S.UNDER_REVIEW


# The buttons are exactly the actions allowed ---------------------------------------------------------------

def _expected(user, p) -> set[str]:
    return set(permissions.available_actions(user, p)) | set(actions.extra_actions(user, p))


@pytest.mark.parametrize("arrange_fn,actor,must", [
    (a_draft, Role.MEMBER, {"submit", "edit"}),
    (a_under_review, Role.PROPOSAL_STAFF, {"file", "merge", "to_suggestion", "to_sqmy", "return", "withdraw", "reject"}),
    (lambda w: _in_progress(w)[0], Role.HANDLING_UNIT, {"reply_save", "contact", "extension_request"}),
    (answer_cosigned, Role.SUPERVISING_OFFICE, {"audit", "return_answer"}),
], ids=["member-draft", "staff-under-review", "unit-in-progress", "reviewer-answer-cosigned"])
def test_the_buttons_shown_are_exactly_the_available_actions(arrange_fn, actor, must, w, as_user):
    p = arrange_fn(w)
    user = w.users[actor]
    html = as_user(user).get(reverse("proposals:detail", args=[p.pk])).content.decode()
    shown = buttons_on(html)
    assert shown == _expected(user, p)
    assert must <= shown


@pytest.mark.parametrize("arrange_fn", [a_received, a_under_review, a_filed, lambda w: _in_progress(w)[0], answer_cosigned,
                                        answered, evaluated])
def test_a_leader_reads_every_stage_without_any_button(arrange_fn, w, as_user):
    p = arrange_fn(w)
    response = as_user(w.users[Role.LEADER]).get(reverse("proposals:detail", args=[p.pk]))
    assert response.status_code == 200
    assert buttons_on(response.content.decode()) == set()
    assert "可以进行的操作" not in response.content.decode()


# URL × role smoke --------------------------------------------------------------------------------------------

PAGES = ["proposals:list", "proposals:mine", "proposals:create", "proposals:queue", "proposals:inbox", "proposals:audit",
         "proposals:overdue", "proposals:reviews", "proposals:review_create"]
OPEN_FOR = {
    "proposals:list": set(Role.values),
    "proposals:mine": {Role.MEMBER, Role.STANDING_MEMBER, Role.ORG_SUBMITTER},
    "proposals:create": {Role.MEMBER, Role.STANDING_MEMBER, Role.ORG_SUBMITTER},
    "proposals:queue": {Role.PROPOSAL_STAFF},
    "proposals:inbox": {Role.HANDLING_UNIT},
    "proposals:audit": {Role.PROPOSAL_STAFF, Role.SUPERVISING_OFFICE},
    "proposals:overdue": {Role.PROPOSAL_STAFF, Role.INFO_EDITOR, Role.INFO_APPROVER, Role.COMMITTEE_STAFF, Role.ADMIN,
                          Role.LEADER, Role.SUPERVISING_OFFICE, Role.HANDLING_UNIT},
    "proposals:reviews": {Role.PROPOSAL_STAFF, Role.INFO_EDITOR, Role.INFO_APPROVER, Role.COMMITTEE_STAFF, Role.ADMIN,
                          Role.LEADER, Role.SUPERVISING_OFFICE},
    "proposals:review_create": {Role.PROPOSAL_STAFF},
}


@pytest.mark.parametrize("role", Role.values)
def test_each_page_opens_for_its_roles_and_is_refused_in_chinese_to_the_others(role, w, as_user):
    for state_fn in (a_under_review, answered):
        state_fn(w)
    client = as_user(w.users[role])
    for name in PAGES:
        response = client.get(reverse(name))
        expected = 200 if role in OPEN_FOR[name] else 403
        assert response.status_code == expected, (name, role, response.status_code)
        if expected == 403:
            assert "只有" in response.content.decode() or "不能" in response.content.decode()
    p = Proposal.objects.filter(status=S.ANSWERED).get()
    assert client.get(reverse("proposals:detail", args=[p.pk])).status_code in (200, 404)


def test_the_nav_shows_the_proposal_entries_by_role(w, as_user):
    html = as_user(w.users[Role.PROPOSAL_STAFF]).get(reverse("core:home")).content.decode()
    assert "提案审查/交办" in html and "答复审核" in html and "提案查询" in html and "承办提案" not in html
    html = as_user(w.users[Role.MEMBER]).get(reverse("core:home")).content.decode()
    assert "我的提案" in html and "提案审查/交办" not in html


# Visibility on the pages --------------------------------------------------------------------------------------

def test_a_member_sees_anothers_proposal_only_once_filed_and_public(w, as_user, city):
    other = make_proposal(w, proposer=Role.STANDING_MEMBER, status=S.UNDER_REVIEW, title="关于城中村改造的建议")
    client = as_user(w.users[Role.MEMBER])
    assert client.get(reverse("proposals:detail", args=[other.pk])).status_code == 404
    assert "城中村改造" not in client.get(reverse("proposals:list")).content.decode()
    other.status = S.FILED
    other.save()
    assert client.get(reverse("proposals:detail", args=[other.pk])).status_code == 200
    assert "城中村改造" in client.get(reverse("proposals:list")).content.decode()
    other.is_public = False
    other.save()
    assert client.get(reverse("proposals:detail", args=[other.pk])).status_code == 404


def test_the_proposers_contact_details_are_shown_to_the_assigned_unit_and_not_to_other_members(w, as_user):
    member = w.users[Role.MEMBER].member
    member.phone = "13900001111"
    member.save()
    p, _ = _in_progress(w)
    assert "13900001111" in as_user(w.users[Role.HANDLING_UNIT]).get(reverse("proposals:detail", args=[p.pk])).content.decode()
    assert "13900001111" not in as_user(w.users[Role.STANDING_MEMBER]).get(
        reverse("proposals:detail", args=[p.pk])).content.decode()


def test_a_county_user_never_opens_a_city_proposal(w, county, as_user):
    county_world = build_world(county)
    p = a_filed(w)
    client = as_user(county_world.users[Role.PROPOSAL_STAFF])
    assert client.get(reverse("proposals:detail", args=[p.pk])).status_code == 404
    assert p.title not in client.get(reverse("proposals:list")).content.decode()


# Lists -------------------------------------------------------------------------------------------------------

def test_the_staff_queue_counts_each_tab_and_lists_its_proposals(w, as_user):
    a_received(w)
    a_under_review(w)
    a_filed(w, title="关于加强校园周边交通安全的建议")
    client = as_user(w.users[Role.PROPOSAL_STAFF])
    html = client.get(reverse("proposals:queue") + "?tab=to_assign").content.decode()
    assert "校园周边交通安全" in html
    assert re.search(r'待初审<span class="count has">1</span>', html)
    assert "导出 Excel（交办清单）" in html


def test_every_list_exports_its_rows_to_excel(w, as_user):
    from io import BytesIO

    from openpyxl import load_workbook

    a_filed(w, title="关于加快老旧小区改造的建议")
    response = as_user(w.users[Role.PROPOSAL_STAFF]).get(reverse("proposals:queue") + "?tab=to_assign&format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet.cell(1, 3).value == "案由" and sheet.cell(2, 3).value == "关于加快老旧小区改造的建议"
    assert sheet.cell(2, 1).value == "第0001号"


def test_the_unit_inbox_shows_due_dates_and_flags_overdue_work(w, as_user):
    p, a = _in_progress(w)
    a.due_date = timezone.localdate() - dt.timedelta(days=3)
    a.save()
    client = as_user(w.users[Role.HANDLING_UNIT])
    html = client.get(reverse("proposals:inbox") + "?tab=in_progress").content.decode()
    assert p.title in html and "已逾期" in html and "本单位见面率" in html
    overdue = client.get(reverse("proposals:overdue")).content.decode()
    assert "逾期3天" in overdue


def test_my_proposals_shows_what_waits_for_the_member(w, as_user):
    a_submitted_joint(w)
    client = as_user(w.users["cosigner"])
    html = client.get(reverse("proposals:mine") + "?tab=to_confirm").content.decode()
    assert "光伏产业" in html
    assert re.search(r'待我确认联名<span class="count has">1</span>', html)


def test_the_list_filters_by_status_category_unit_and_proposer(w, as_user):
    p, _ = _in_progress(w)
    a_under_review(w)
    client = as_user(w.users[Role.PROPOSAL_STAFF])
    page = client.get(reverse("proposals:list"), {"unit": w.gov_unit.pk}).context["page"]
    assert [x.pk for x in page.object_list] == [p.pk]
    page = client.get(reverse("proposals:list"), {"status": "reviewing"}).context["page"]
    assert {x.status for x in page.object_list} == {S.UNDER_REVIEW}
    page = client.get(reverse("proposals:list"), {"proposer": "委员委员"}).context["page"]
    assert page.paginator.count == 2
    page = client.get(reverse("proposals:list"), {"number": "第0001号"}).context["page"]
    assert [x.pk for x in page.object_list] == [p.pk]


def test_the_number_box_finds_a_proposal_number_or_a_receipt_number_but_not_a_fragment(w, as_user):
    p, _ = _in_progress(w)  # 第0001号, 收件号 142-S0001
    other = a_under_review(w)  # 收件号 142-S0002
    client = as_user(w.users[Role.PROPOSAL_STAFF])

    def found(number):
        return {x.pk for x in client.get(reverse("proposals:list"), {"number": number}).context["page"].object_list}

    assert found("1") == found("0001") == found("第1号") == {p.pk}
    assert found("142-s0002") == {other.pk}  # a 收件号, in any case
    assert found("142-S") == {p.pk, other.pk}  # the beginning of a 收件号
    assert found("S0002") == set()  # not a fragment from the middle: the box searches numbers, “搜索” the text
    assert found("9") == set()


def test_an_htmx_search_returns_only_the_results_partial(w, as_user):
    a_filed(w)
    response = as_user(w.users[Role.PROPOSAL_STAFF]).get(reverse("proposals:list"), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and "共 <strong>1</strong> 件" in html


def test_the_list_page_runs_the_same_number_of_queries_for_5_and_25_rows(w, as_user, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_user(w.users[Role.PROPOSAL_STAFF])

    def count_for(n):
        Proposal.objects.all().delete()
        for i in range(n):
            p = a_filed(w, title=f"关于第{i}件事的建议", number=i + 1)
            assign(p, w.gov_unit, R.LEAD)
            assign(p, w.party_unit, R.CO)
        client.get(reverse("proposals:list"))
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("proposals:list")).status_code == 200
        return len(ctx)

    assert count_for(5) == count_for(20)


# The 提案表 ---------------------------------------------------------------------------------------------------

def _form_data(w, **extra):
    data = {"title": "关于发展社区养老服务的建议", "proposer_type": "individual", "category": w.category.pk,
            "situation": "老年人口增长快。", "analysis": "", "suggestions": "一是建设社区食堂。", "is_public": "on"}
    data.update(extra)
    return data


def test_a_member_saves_a_draft_then_submits_it_from_the_form(w, as_user):
    client = as_user(w.users[Role.MEMBER])
    response = client.post(reverse("proposals:create"), _form_data(w, save="1"))
    p = Proposal.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("proposals:edit", args=[p.pk])
    assert p.status == S.DRAFT
    response = client.post(reverse("proposals:edit", args=[p.pk]), _form_data(w, submit="1"))
    p.refresh_from_db()
    assert p.status == S.RECEIVED and p.receipt_no


def test_the_form_keeps_the_draft_and_explains_why_it_cannot_be_submitted_yet(w, as_user):
    client = as_user(w.users[Role.MEMBER])
    response = client.post(reverse("proposals:create"), _form_data(w, suggestions="", submit="1"), follow=True)
    p = Proposal.objects.get()
    assert p.status == S.DRAFT
    html = response.content.decode()
    assert "还不能提交" in html and "请填写“建议”部分" in html


def test_an_overlong_text_is_refused_with_the_limit_in_the_message(w, as_user):
    client = as_user(w.users[Role.MEMBER])
    response = client.post(reverse("proposals:create"), _form_data(w, situation="字" * 3001, save="1"))
    assert response.status_code == 400
    assert "超过3000字的上限" in response.content.decode()
    assert not Proposal.objects.exists()


def test_the_form_shows_the_1500_character_warning_after_saving(w, as_user):
    client = as_user(w.users[Role.MEMBER])
    client.post(reverse("proposals:create"), _form_data(w, situation="字" * 1600, save="1"))
    html = client.get(reverse("proposals:edit", args=[Proposal.objects.get().pk])).content.decode()
    assert "超过1500字" in html and 'data-warn="1500"' in html and 'data-limit="3000"' in html


def test_autosave_updates_the_draft_and_answers_with_a_status_line(w, as_user):
    p = a_draft(w)
    client = as_user(w.users[Role.MEMBER])
    response = client.post(reverse("proposals:autosave", args=[p.pk]), _form_data(w, title="关于改进社区养老的建议"),
                           HTTP_HX_REQUEST="true")
    assert "已自动保存" in response.content.decode()
    p.refresh_from_db()
    assert p.title == "关于改进社区养老的建议"
    response = as_user(w.users[Role.LEADER]).post(reverse("proposals:autosave", args=[p.pk]), _form_data(w))
    assert response.status_code in (403, 404)


def test_a_joint_proposal_invites_co_signers_picked_by_pinyin(w, as_user):
    client = as_user(w.users[Role.MEMBER])
    html = client.get(reverse("proposals:member_search"), {"q": "lmw"}).content.decode()
    cosigner = w.users["cosigner"].member
    assert f'data-add-member="{cosigner.pk}"' in html and "联名委员" in html
    assert "13" not in html  # no phone numbers in the picker
    client.post(reverse("proposals:create"), _form_data(w, proposer_type="joint", cosigners=[cosigner.pk], submit="1"))
    p = Proposal.objects.get()
    assert p.proposer_type == ProposerType.JOINT and p.status == S.SUBMITTED
    assert p.cosigners.get().member == cosigner


def test_the_detail_tells_the_member_what_is_expected_of_them(w, as_user):
    p = a_returned(w)
    html = as_user(w.users[Role.MEMBER]).get(reverse("proposals:detail", args=[p.pk])).content.decode()
    assert "需要您做的" in html and "请补充数据" in html
    p = answered(w)
    html = as_user(w.users[Role.MEMBER]).get(reverse("proposals:detail", args=[p.pk])).content.decode()
    assert "请对办理情况作出评价" in html and "截止" in html


def test_the_assign_form_shows_the_computed_default_due_date(w, as_user):
    p = a_filed(w)
    w.meeting.handling_deadline = dt.date(2031, 8, 31)
    w.meeting.save()
    html = as_user(w.users[Role.PROPOSAL_STAFF]).get(reverse("proposals:detail", args=[p.pk])).content.decode()
    assert "2031年8月31日" in html and "本次会议设定的办复截止日期" in html


def test_the_timeline_shows_the_events_of_the_proposal(w, as_user):
    client = as_user(w.users[Role.MEMBER])
    client.post(reverse("proposals:create"), _form_data(w, submit="1"))
    p = Proposal.objects.get()
    html = client.get(reverse("proposals:detail", args=[p.pk])).content.decode()
    assert "办理进程" in html and "提交后自动收件" in html


# Review meetings ----------------------------------------------------------------------------------------------

def test_staff_register_a_review_meeting_with_its_participants(w, as_user):
    client = as_user(w.users[Role.PROPOSAL_STAFF])
    response = client.post(reverse("proposals:review_create"), {
        "meeting": w.meeting.pk, "kind": "review", "date": "2025-03-10", "title": "提案委主任会议",
        "participants": "主任、副主任", "invited": "市发改委负责人；专家王教授", "opinions": "同意立案60件"})
    r = ReviewMeeting.objects.get(title="提案委主任会议")
    assert response["Location"] == reverse("proposals:review_detail", args=[r.pk])
    assert "专家王教授" in client.get(response["Location"]).content.decode()
    assert as_user(w.users[Role.MEMBER]).post(reverse("proposals:review_create"), {}).status_code == 403


def test_batch_decisions_are_all_or_nothing_and_name_the_failing_row(w, as_user):
    one = a_under_review(w)
    two = make_proposal(w, status=S.UNDER_REVIEW, receipt_no="142-S0003", title="关于治理校外培训的建议")
    client = as_user(w.users[Role.PROPOSAL_STAFF])
    url = reverse("proposals:review_decide", args=[w.review.pk])
    response = client.post(url, {f"decision_{one.pk}": "file", f"decision_{two.pk}": "reject", f"text_{two.pk}": "空泛"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "关于治理校外培训的建议" in html and "不予立案须选择理由" in html
    assert set(Proposal.objects.values_list("status", flat=True)) == {S.UNDER_REVIEW}
    response = client.post(url, {f"decision_{one.pk}": "file", f"decision_{two.pk}": "merge",
                                 f"merged_{two.pk}": "142-S0002", f"text_{two.pk}": "内容相近"})
    assert response.status_code == 302
    one.refresh_from_db()
    two.refresh_from_db()
    assert one.status == S.FILED and two.status == S.MERGED and two.merged_into == one
    assert ReviewDecision.objects.filter(review=w.review).count() == 2


def test_the_review_page_is_read_only_for_a_leader(w, as_user):
    a_under_review(w)
    html = as_user(w.users[Role.LEADER]).get(reverse("proposals:review_detail", args=[w.review.pk])).content.decode()
    assert "提交审查结果" not in html and w.review.title in html
