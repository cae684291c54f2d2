"""民主评议 from choosing units to 回头看, as staff, voters and 承办单位 experience it."""
import io

import pytest
from django.utils import timezone
from docx import Document

from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.models import Event
from zhengxie.core.roles import Role
from zhengxie.proposals.models import Assignment, Evaluation, Reply
from zhengxie.proposals.tests.builders import assign, make_proposal, reply
from zhengxie.proposals.workflow import Status as PStatus

from .. import documents, selectors, services
from ..models import AppraisalUnit, Rectification
from ..workflow import Action, RectAction, RectState, Status
from .builders import make_round, world_with_voters

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(city):
    return world_with_voters(city)


def test_starting_the_vote_creates_one_item_per_unit_for_the_participants(w):
    a = make_round(w, status=Status.VOTING, ballots=[])
    assert a.status == Status.VOTING and a.vote.status == "open"
    assert [i.title for i in a.vote.items.all()] == ["市教育局", "市交通运输局", "市委宣传部"]
    assert a.vote.electors.count() == 6
    assert all(e.vote_item_id for e in a.units.all())


@pytest.mark.parametrize("missing, message", [("units", "被评议单位"), ("participants", "参加评议人员"), ("date", "评议会日期")])
def test_the_vote_cannot_start_without_units_participants_or_date(w, missing, message):
    staff = w.users[Role.PROPOSAL_STAFF]
    a = make_round(w)
    if missing == "units":
        services.appraisal_set_units(by=staff, appraisal=a, units=[])
    elif missing == "participants":
        services.appraisal_set_participants(by=staff, appraisal=a, users=[])
    else:
        a.meeting_date = None
        a.save()
    with pytest.raises(ApplicationError, match=message):
        services.appraisal_act(by=staff, appraisal=a, action=Action.START_VOTE)
    a.refresh_from_db()
    assert a.status == Status.DRAFT and a.vote_id is None


def test_closing_freezes_counts_rates_and_ranks(w):
    ballots = [("satisfied", "unsatisfied", "basic")] * 4 + [("basic", "unsatisfied", "satisfied"), ("abstain", "satisfied", "unsatisfied")]
    a = make_round(w, status=Status.RECTIFYING, ballots=ballots)
    assert a.vote.status == "published" and a.vote.quorum_met
    rows = {e.unit.name: e for e in AppraisalUnit.objects.filter(appraisal=a).select_related("unit")}
    edu, traffic, party = rows["市教育局"], rows["市交通运输局"], rows["市委宣传部"]
    assert (edu.satisfied, edu.basic, edu.unsatisfied, edu.abstain, edu.valid) == (4, 1, 0, 1, 5)
    assert str(edu.satisfaction_rate) == "100.0" and edu.rank == 1
    assert str(party.satisfaction_rate) == "83.3" and party.rank == 2
    assert str(traffic.satisfaction_rate) == "16.7" and traffic.rank == 3


def test_a_round_below_quorum_is_marked_invalid(w):
    a = make_round(w, status=Status.RECTIFYING, ballots=[("satisfied", "satisfied", "satisfied")] * 3)
    assert a.vote.quorum_met is False
    data = documents.appraisal_report_docx(a)
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert "未达到规定比例" in text


def test_rectification_feedback_accept_and_review(w):
    staff, unit_user = w.users[Role.PROPOSAL_STAFF], w.users[Role.HANDLING_UNIT]
    a = make_round(w, status=Status.RECTIFYING)
    edu = a.units.get(unit=w.gov_unit)
    r = services.rectification_add(by=staff, entry=edu, text="建立提案办理面商台账，逐件落实面商。")
    assert r.due_date > a.meeting_date
    with pytest.raises(ApplicationError, match="不少于10个字"):
        services.rectification_act(by=unit_user, rectification=r, action=RectAction.FEEDBACK, text="已整改")
    r = services.rectification_act(by=unit_user, rectification=r, action=RectAction.FEEDBACK,
                                   text="已建立面商台账，本年度承办的提案全部实现面商。")
    assert r.state == RectState.REPORTED and r.feedback_by == unit_user
    r = services.rectification_act(by=staff, rectification=r, action=RectAction.ACCEPT)
    assert r.state == RectState.DONE and r.done_at
    summary = selectors.rectification_summary(Rectification.objects.filter(entry__appraisal=a))
    assert summary["total"] == 1 and str(summary["rate"]) == "100.0"
    with pytest.raises(ApplicationError, match="回头看"):
        services.appraisal_act(by=staff, appraisal=a, action=Action.REVIEW)
    a = services.appraisal_act(by=staff, appraisal=a, action=Action.REVIEW, review_date=timezone.localdate(),
                               review_findings="走访市教育局，面商台账已建立。")
    assert a.status == Status.REVIEWED
    assert Event.objects.filter(verb="appraisal.review", object_id=str(a.pk)).exists()


def test_another_unit_cannot_report_on_someone_elses_rectification(w):
    staff = w.users[Role.PROPOSAL_STAFF]
    a = make_round(w, status=Status.RECTIFYING)
    r = services.rectification_add(by=staff, entry=a.units.get(unit=w.gov_unit), text="加强答复质量审核。")
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.rectification_act(by=w.users["party_unit_user"], rectification=r, action=RectAction.FEEDBACK,
                                   text="这是别的单位写的反馈内容，应当被拒绝。")


def test_units_listed_with_their_handled_proposals_and_member_satisfaction(w):
    p1 = make_proposal(w, status=PStatus.ANSWERED, assigned_at=timezone.now())
    p2 = make_proposal(w, status=PStatus.IN_PROGRESS, title="关于加强校园安全的建议", assigned_at=timezone.now())
    a1 = assign(p1, w.gov_unit)
    assign(p2, w.gov_unit)
    r = reply(a1, Reply.State.PUBLISHED)
    Evaluation.objects.create(reply=r, member=w.users[Role.MEMBER].member, is_lead=True, rating=Evaluation.Rating.BASIC)
    stats = selectors.handling_stats(w.cppcc.pk, [w.gov_unit.pk], timezone.localdate().year)[w.gov_unit.pk]
    assert (stats["assigned"], stats["answered"], stats["evaluated"], stats["content"]) == (2, 1, 1, 1)
    assert str(stats["rate"]) == "100.0"
    listed = list(selectors.handled_proposals(w.gov_unit.pk, w.cppcc.pk, timezone.localdate().year))
    assert set(listed) == {p1, p2}
    assert Assignment.objects.count() == 2


def test_the_results_report_lists_the_ranking_rectifications_and_review(w):
    staff = w.users[Role.PROPOSAL_STAFF]
    a = make_round(w, status=Status.RECTIFYING)
    e = a.units.get(unit=w.other_unit)
    services.appraisal_unit_update(by=staff, entry=e, opinion="答复针对性不强，面商不够深入。")
    services.rectification_add(by=staff, entry=e, text="对不满意提案重新办理并登门面商。")
    a = services.appraisal_act(by=staff, appraisal=a, action=Action.REVIEW, review_date=timezone.localdate(),
                               review_findings="重新办理的提案已全部答复。")
    doc = Document(io.BytesIO(documents.appraisal_report_docx(a)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "民主评议结果的通报" in text and "测评结果有效" in text
    assert "对不满意提案重新办理并登门面商" in text and "“回头看”情况" in text
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["名次", "承办单位", "满意", "基本满意", "不满意", "弃权", "满意率"]
    assert table.rows[1].cells[1].text == "市教育局" and table.rows[1].cells[6].text == "100.0%"


def test_the_proposal_panel_shows_unit_results(w, rf):
    p = make_proposal(w, status=PStatus.ANSWERED, assigned_at=timezone.now())
    assign(p, w.gov_unit)
    assert selectors.proposal_panel(p) is None
    make_round(w, status=Status.RECTIFYING)
    panel = selectors.proposal_panel(p)
    assert [e.unit.name for e in panel["results"]] == ["市教育局"]
