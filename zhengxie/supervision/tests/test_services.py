"""重点提案遴选 end to end, 督办 records and follow-ups, 并案集中督办: what a clerk, a leader and a unit notice."""
import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from zhengxie.core import todos
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.models import ConfigValue, Event
from zhengxie.core.roles import Role
from zhengxie.proposals.models import Proposal
from zhengxie.proposals.workflow import Status as PStatus
from zhengxie.supervision import selectors, services
from zhengxie.supervision.models import CaseMember, FollowUp, KeyRecommendation
from zhengxie.supervision.workflow import Action, FollowUpAction, FollowUpState, Status

from .builders import APPROVE, MEETING, build, filed, selection

pytestmark = pytest.mark.django_db


def events_of(p) -> list[str]:
    ct = ContentType.objects.get_for_model(Proposal)
    return list(Event.objects.filter(content_type=ct, object_id=str(p.pk)).order_by("id").values_list("message", flat=True))


@pytest.fixture
def w(city):
    return build(city)


def test_a_full_round_makes_the_approved_proposals_key_with_their_leaders_in_the_timeline(w):
    staff, leader = w.users[Role.PROPOSAL_STAFF], w.users[Role.LEADER]
    a, b, c = filed(w, "关于加快光伏产业发展的建议"), filed(w, "关于推进老旧小区改造的建议"), filed(w, "关于发展文旅产业的建议")
    s = services.selection_create(meeting=w.meeting, by=staff, recommend_until=dt.date(2026, 3, 1))
    services.recommend(selection=s, proposal=a, by=w.users[Role.ORG_SUBMITTER], reason="事关全市能源转型")
    services.recommend(selection=s, proposal=a, by=w.users[Role.COMMITTEE_STAFF], reason="与经济委年度调研衔接")
    services.recommend(selection=s, proposal=b, by=w.users[Role.HANDLING_UNIT], reason="群众关注度高")
    rec = services.recommend(selection=s, proposal=c, by=staff, reason="提案委推荐")
    assert {r.source for r in KeyRecommendation.objects.filter(item__proposal=a)} == {"party", "committee"}
    for item in s.items.exclude(proposal=c):
        services.item_shortlist(item=item, by=staff)
    services.item_shortlist(item=rec.item, by=staff, on=False)
    s = services.selection_act(selection=s, action=Action.SHORTLIST, by=staff)
    s = services.selection_act(selection=s, action=Action.HOLD_MEETING, by=staff, **MEETING)
    assert set(s.items.filter(selected=True).values_list("proposal_id", flat=True)) == {a.pk, b.pk}
    with pytest.raises(ApplicationError, match="尚未确定督办领导"):
        services.selection_act(selection=s, action=Action.SUBMIT, by=staff)
    item_a, item_b = s.items.get(proposal=a), s.items.get(proposal=b)
    services.item_set_leader(item=item_a, by=staff, form="领衔督办", leader=leader, leader_title="市政协副主席")
    services.item_set_leader(item=item_b, by=staff, form="领办", leader_name="李市长", leader_title="市人民政府市长",
                             committee=w.committee)
    ConfigValue.objects.create(cppcc=w.cppcc, key="supervision.key_max_ratio", value=100, valid_from=dt.date(2000, 1, 1))
    s = services.selection_act(selection=s, action=Action.SUBMIT, by=staff)
    assert s.approval_body == "chair"
    s = services.selection_act(selection=s, action=Action.APPROVE, by=staff, **APPROVE)
    assert s.status == Status.APPROVED
    assert list(Proposal.objects.filter(is_key=True).order_by("pk").values_list("pk", flat=True)) == [a.pk, b.pk]
    assert not Proposal.objects.get(pk=c.pk).is_key
    assert any("确定为重点提案（十四届市政协主席会议第十二次会议，主席会议审定）；领衔督办：领导（市政协副主席）" in m for m in events_of(a))
    assert any("民盟" in m and "推荐为重点提案候选" in m for m in events_of(a))
    assert [p.pk for p in selectors.key_proposals_for(leader, mine=True)] == [a.pk]


def test_only_filed_proposals_of_the_rounds_meeting_can_be_recommended(w):
    staff = w.users[Role.PROPOSAL_STAFF]
    from zhengxie.proposals.tests.builders import make_proposal

    draft = make_proposal(w, status=PStatus.UNDER_REVIEW, title="审查中的提案")
    s = services.selection_create(meeting=w.meeting, by=staff)
    with pytest.raises(ApplicationError, match="只有已立案的提案才能推荐为重点提案"):
        services.recommend(selection=s, proposal=draft, by=staff, reason="理由")
    with pytest.raises(ApplicationError, match="请填写推荐理由"):
        services.recommend(selection=s, proposal=filed(w), by=staff, reason=" ")
    with pytest.raises(PermissionDenied):
        services.recommend(selection=s, proposal=filed(w, "另一件"), by=w.users[Role.MEMBER], reason="想推荐")
    assert not s.items.exists()


def test_a_recommender_cannot_recommend_the_same_proposal_twice_and_one_open_round_per_meeting(w):
    staff = w.users[Role.PROPOSAL_STAFF]
    s = services.selection_create(meeting=w.meeting, by=staff)
    p = filed(w)
    services.recommend(selection=s, proposal=p, by=w.users[Role.ORG_SUBMITTER], reason="理由一")
    with pytest.raises(ApplicationError, match="民盟已推荐过该提案"):
        services.recommend(selection=s, proposal=p, by=w.users[Role.ORG_SUBMITTER], reason="理由二")
    with pytest.raises(ApplicationError, match="已有一轮正在进行"):
        services.selection_create(meeting=w.meeting, by=staff)


def test_the_key_count_limits_are_enforced_at_submission(w):
    staff = w.users[Role.PROPOSAL_STAFF]
    props = [filed(w, f"提案{i}") for i in range(4)]
    s = selection(w, Status.DISCUSSED, proposals=props[:2])
    with pytest.raises(ApplicationError, match="超过本次会议立案数4件的5%（最多1件）"):
        services.selection_act(selection=s, action=Action.SUBMIT, by=staff)
    ConfigValue.objects.create(cppcc=w.cppcc, key="supervision.key_max_ratio", value=100, valid_from=dt.date(2000, 1, 1))
    ConfigValue.objects.create(cppcc=w.cppcc, key="supervision.key_max_count", value=1, valid_from=dt.date(2000, 1, 1))
    with pytest.raises(ApplicationError, match="超过每次会议1件的上限"):
        services.selection_act(selection=s, action=Action.SUBMIT, by=staff)
    ConfigValue.objects.create(cppcc=w.cppcc, key="supervision.approval_body", value="standing", valid_from=dt.date(2000, 1, 1))
    ConfigValue.objects.filter(key="supervision.key_max_count").update(value=0)
    s = services.selection_act(selection=s, action=Action.SUBMIT, by=staff)
    assert s.approval_body == "standing"


def test_approval_needs_the_meeting_and_date(w):
    s = selection(w, Status.SUBMITTED, proposals=[filed(w)])
    with pytest.raises(ApplicationError, match="请填写审定会议"):
        services.selection_act(selection=s, action=Action.APPROVE, by=w.users[Role.PROPOSAL_STAFF])
    assert not Proposal.objects.filter(is_key=True).exists()


def test_a_supervision_record_lands_in_the_proposal_timeline_and_follow_ups_notify_and_become_todos(w):
    staff = w.users[Role.PROPOSAL_STAFF]
    p = filed(w, unit=w.gov_unit)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    r = services.record_create(proposal=p, by=staff, form="走访", date=yesterday, place="市教育局",
                               leaders="市政协副主席王××", unit_people="市教育局副局长", minutes="走访承办单位，听取办理情况。",
                               followups=[{"content": "制定光伏消纳方案", "owner_unit": w.gov_unit, "due_date": yesterday},
                                          {"content": "", "owner_unit": None, "due_date": None}])
    assert r.followups.count() == 1
    assert f"督办：走访（{yesterday:%Y-%m-%d}，市教育局），参加领导：市政协副主席王××，跟进事项1项" in events_of(p)
    unit_user = w.users[Role.HANDLING_UNIT]
    items = [t for t in todos.todos_for(unit_user) if t.kind == "supervision.followup"]
    assert len(items) == 1 and items[0].status() == "overdue"
    staff_items = [t for t in todos.todos_for(staff) if t.kind == "supervision.followup_overdue"]
    assert len(staff_items) == 1
    f = r.followups.get()
    services.followup_act(followup=f, action=FollowUpAction.REPORT, by=unit_user, note="方案已印发")
    assert not [t for t in todos.todos_for(unit_user) if t.kind == "supervision.followup"]
    assert any("报送落实情况：方案已印发" in m for m in events_of(p))
    f = services.followup_act(followup=f, action=FollowUpAction.CLOSE, by=staff)
    assert f.state == FollowUpState.CLOSED


def test_record_refusals_are_clear(w):
    staff = w.users[Role.PROPOSAL_STAFF]
    p = filed(w)
    with pytest.raises(ApplicationError, match="请选择督办形式"):
        services.record_create(proposal=p, by=staff, form="喝茶", date=timezone.localdate(), minutes="x")
    with pytest.raises(ApplicationError, match="督办日期不能晚于今天"):
        services.record_create(proposal=p, by=staff, form="走访", date=timezone.localdate() + dt.timedelta(days=2), minutes="x")
    with pytest.raises(ApplicationError, match="请为跟进事项选择本政协的责任单位"):
        services.record_create(proposal=p, by=staff, form="走访", date=timezone.localdate(), minutes="x",
                               followups=[{"content": "事项", "owner_unit": None, "due_date": "2026-01-01"}])
    # a leader records only on the key proposals he leads; committee staff only on key proposals
    with pytest.raises(ApplicationError, match="不是该提案的督办领导"):
        services.record_create(proposal=p, by=w.users[Role.LEADER], form="领衔督办", date=timezone.localdate(), minutes="x")
    with pytest.raises(PermissionDenied):
        services.record_create(proposal=p, by=w.users[Role.MEMBER], form="走访", date=timezone.localdate(), minutes="x")
    assert not p.supervision_records.exists()


def test_a_leader_records_on_his_key_proposal(w):
    leader = w.users[Role.LEADER]
    p = filed(w, is_key=True)
    selection(w, Status.APPROVED, proposals=[p], leader=leader)
    r = services.record_create(proposal=p, by=leader, form="领衔督办", date=timezone.localdate(), minutes="召开督办座谈会")
    assert r.created_by == leader


def make_case_world(w):
    staff = w.users[Role.PROPOSAL_STAFF]
    lead = filed(w, "关于加快新能源汽车充电桩建设的建议", is_key=True, situation="我市新能源汽车保有量快速增长，充电桩建设滞后，老旧小区充电难。",
                 suggestions="一是编制充电基础设施专项规划；二是推动老旧小区充电桩改造；三是完善充电桩运营补贴政策。")
    similar = filed(w, "关于破解老旧小区充电难的建议", situation="老旧小区充电难问题突出，电动汽车车主私拉电线存在安全隐患。",
                    suggestions="推动老旧小区充电桩改造，完善充电桩运营补贴政策。", unit=w.gov_unit)
    other = filed(w, "关于加强中小学课后服务的建议", situation="中小学课后服务供给不足。", suggestions="增加课后服务经费。")
    return staff, lead, similar, other


def test_a_case_suggests_similar_proposals_with_shared_passages_and_tracks_them_together(w):
    staff, lead, similar, other = make_case_world(w)
    c = services.case_create(lead=lead, by=staff, plan="集中走访、召开督办协商会", lead_units=[w.gov_unit.pk],
                             milestones=[{"title": "召开督办协商会", "due_date": "2026-06-30"}])
    sugg = selectors.case_suggestions(c)
    assert [s["proposal"].pk for s in sugg][0] == similar.pk
    assert other.pk not in [s["proposal"].pk for s in sugg[:1]]
    assert any("充电桩运营补贴政策" in x for x in sugg[0]["passages"])
    m = services.case_add_member(case=c, proposal=similar, by=staff, score=sugg[0]["score"])
    assert similar.pk not in [s["proposal"].pk for s in selectors.case_suggestions(c)]
    assert any("一同纳入并案集中督办" in x for x in events_of(similar))
    rows = selectors.case_rows(c, staff)
    assert [r["proposal"].pk for r in rows] == [lead.pk, similar.pk]
    assert rows[1]["proposal"].units_text == "市教育局（主办）"
    with pytest.raises(ApplicationError, match="还有1件提案未登记办理成效"):
        services.case_close(case=c, by=staff, summary="办结")
    with pytest.raises(ApplicationError, match="请简要说明办理成效"):
        services.member_set_outcome(member=m, by=staff, outcome_state=CaseMember.Outcome.RESOLVED, outcome="")
    services.member_set_outcome(member=m, by=staff, outcome_state=CaseMember.Outcome.RESOLVED, outcome="新建充电桩1200个")
    c = services.case_close(case=c, by=staff, summary="8件提案一同办理，主要建议均已采纳。")
    assert any("办结" in x for x in events_of(similar))


def test_case_membership_rules(w):
    staff, lead, similar, other = make_case_world(w)
    with pytest.raises(ApplicationError, match="不是重点提案"):
        services.case_create(lead=similar, by=staff)
    c = services.case_create(lead=lead, by=staff)
    with pytest.raises(ApplicationError, match="已有并案集中督办"):
        services.case_create(lead=lead, by=staff)
    with pytest.raises(ApplicationError, match="主案"):
        services.case_add_member(case=c, proposal=lead, by=staff)
    services.case_add_member(case=c, proposal=similar, by=staff)
    with pytest.raises(ApplicationError, match="已纳入集中督办"):
        services.case_add_member(case=c, proposal=similar, by=staff)
    from zhengxie.proposals.tests.builders import make_proposal

    with pytest.raises(ApplicationError, match="只有已立案的提案才能纳入集中督办"):
        services.case_add_member(case=c, proposal=make_proposal(w, status=PStatus.UNDER_REVIEW), by=staff)
    with pytest.raises(PermissionDenied):
        services.case_add_member(case=c, proposal=other, by=w.users[Role.LEADER])


def test_units_see_only_their_follow_ups_and_cases(w):
    staff, lead, similar, other = make_case_world(w)
    c = services.case_create(lead=lead, by=staff)
    services.case_add_member(case=c, proposal=similar, by=staff)
    r = services.record_create(proposal=other, by=staff, form="走访", date=timezone.localdate(), minutes="走访",
                               followups=[{"content": "甲", "owner_unit": w.gov_unit, "due_date": "2026-12-31"},
                                          {"content": "乙", "owner_unit": w.party_unit, "due_date": "2026-12-31"}])
    unit = w.users[Role.HANDLING_UNIT]
    assert [f.content for f in selectors.followup_list_for(unit)] == ["甲"]
    assert [x.pk for x in selectors.case_list_for(unit)] == [c.pk]
    assert list(selectors.case_list_for(w.users["party_unit_user"])) == []
    assert [x.pk for x in selectors.record_list_for(unit)] == [r.pk]
    assert list(selectors.record_list_for(w.users[Role.MEMBER])) == [r]  # the proposer of `other`
    assert list(selectors.record_list_for(w.users[Role.STANDING_MEMBER])) == []
    f = FollowUp.objects.get(content="乙")
    with pytest.raises(PermissionDenied):
        services.followup_act(followup=f, action=FollowUpAction.REPORT, by=unit, note="不是我们的")


def test_each_leader_is_told_which_key_proposals_he_supervises(w, django_capture_on_commit_callbacks):
    from zhengxie.notifications.models import Notification

    leader = w.users[Role.LEADER]
    a, b = filed(w, "甲提案"), filed(w, "乙提案")
    s = selection(w, Status.SUBMITTED, proposals=[a, b], leader=leader)
    with django_capture_on_commit_callbacks(execute=True):
        services.selection_act(selection=s, action=Action.APPROVE, by=w.users[Role.PROPOSAL_STAFF], **APPROVE)
    n = Notification.objects.get(recipient=leader)
    assert n.title == "请督办重点提案（2件）" and "领衔督办：甲提案" in n.body and "领衔督办：乙提案" in n.body
