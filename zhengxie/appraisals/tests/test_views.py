"""民主评议 and 评优 pages per role: staff runs the round, a 承办单位 sees its own results and reports on 整改,
a leader reads everything, a member votes on the phone ballot."""
import pytest
from django.urls import reverse
from django.utils import timezone

from zhengxie.core.roles import Role
from zhengxie.proposals.tests.builders import assign, make_proposal
from zhengxie.proposals.workflow import Status as PStatus

from .. import services
from ..models import Appraisal, Rectification
from ..workflow import AwardAction, RectState, Status
from .builders import make_round, world_with_voters

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(city):
    return world_with_voters(city)


def test_staff_build_a_round_from_the_pages(client, login, w):
    c = login(w.users[Role.PROPOSAL_STAFF])
    resp = c.post(reverse("appraisals:create"), {"year": "2025", "meeting_date": "2025-11-20", "meeting_place": "常委会议室"})
    a = Appraisal.objects.get()
    assert resp.status_code == 302 and a.title == "2025年度提案办理工作民主评议"
    c.post(reverse("appraisals:units", args=[a.pk]), {"units": [w.gov_unit.pk, w.other_unit.pk]})
    c.post(reverse("appraisals:participants", args=[a.pk]), {"role_groups": ["standing_member"]})
    assert a.units.count() == 2 and a.participants.count() >= 6
    page = c.get(reverse("appraisals:detail", args=[a.pk])).content.decode()
    assert "召开评议会并开始投票" in page and "市教育局" in page
    assert c.post(reverse("appraisals:act", args=[a.pk, "start_vote"])).status_code == 302
    assert Appraisal.objects.get(pk=a.pk).status == Status.VOTING


def test_a_refused_action_shows_a_chinese_message(client, login, w):
    a = make_round(w)
    a.meeting_date = None
    a.save()
    resp = login(w.users[Role.PROPOSAL_STAFF]).post(reverse("appraisals:act", args=[a.pk, "start_vote"]))
    assert resp.status_code == 400 and "请先填写评议会日期" in resp.content.decode()


def test_a_participant_votes_on_the_ballot_page(client, login, w):
    a = make_round(w, status=Status.VOTING, ballots=[])
    c = login(w.voters[0])
    page = c.get(reverse("votes:ballot", args=[a.vote.pk])).content.decode()
    assert "市委宣传部" in page and "提交选票" in page
    data = {f"item_{i.pk}": "satisfied" for i in a.vote.items.all()}
    assert c.post(reverse("votes:ballot", args=[a.vote.pk]), data).status_code == 302


def test_a_unit_sees_its_results_and_reports_on_its_rectification(client, login, w):
    staff = w.users[Role.PROPOSAL_STAFF]
    a = make_round(w, status=Status.RECTIFYING)
    r = services.rectification_add(by=staff, entry=a.units.get(unit=w.gov_unit), text="建立面商台账。")
    c = login(w.users[Role.HANDLING_UNIT])
    page = c.get(reverse("appraisals:detail", args=[a.pk])).content.decode()
    assert "测评结果" in page and "本单位" in page and "反馈整改情况" in page
    page = c.get(reverse("appraisals:rectifications")).content.decode()
    assert "建立面商台账" in page
    c.post(reverse("appraisals:rectification_act", args=[r.pk, "feedback"]), {"text": "已建立台账，全部提案实现面商。"})
    assert Rectification.objects.get(pk=r.pk).state == RectState.REPORTED
    # a unit that was not evaluated sees nothing of the round
    other = login(w.users["party_unit_user"])
    assert other.get(reverse("appraisals:rectifications")).content.decode().count("建立面商台账") == 0


def test_a_unit_not_in_the_round_gets_404_and_the_leader_reads(client, login, w):
    staff = w.users[Role.PROPOSAL_STAFF]
    a = services.appraisal_create(by=staff, year=2025, meeting_date=timezone.localdate())
    services.appraisal_set_units(by=staff, appraisal=a, units=[w.other_unit])
    services.appraisal_set_participants(by=staff, appraisal=a, users=w.voters)
    services.appraisal_act(by=staff, appraisal=a, action="start_vote")
    assert login(w.users[Role.HANDLING_UNIT]).get(reverse("appraisals:detail", args=[a.pk])).status_code == 404
    page = login(w.users[Role.LEADER]).get(reverse("appraisals:detail", args=[a.pk])).content.decode()
    assert "评议投票中" in page and "流转记录" in page
    assert "/act/start_vote/" not in page and "/act/close_vote/" not in page  # reads, no buttons


def test_lists_export_and_documents(client, login, w):
    a = make_round(w, status=Status.RECTIFYING)
    c = login(w.users[Role.PROPOSAL_STAFF])
    assert c.get(reverse("appraisals:list") + "?format=xlsx")["Content-Type"].startswith("application/vnd.openxmlformats")
    assert c.get(reverse("appraisals:rectifications") + "?format=xlsx").status_code == 200
    resp = c.get(reverse("appraisals:report_docx", args=[a.pk]))
    assert resp.status_code == 200 and "wordprocessingml" in resp["Content-Type"]
    assert "民主评议" in c.get(reverse("appraisals:list") + "?q=民主").content.decode()


def test_award_pages_and_the_proposal_panel(client, login, w):
    staff = w.users[Role.PROPOSAL_STAFF]
    year = timezone.localdate().year
    p = make_proposal(w, status=PStatus.CLOSED, number=7, decided_at=timezone.now(), assigned_at=timezone.now())
    assign(p, w.gov_unit)
    c = login(staff)
    c.post(reverse("appraisals:awards"), {"year": str(year)})
    r = services.award_round_create.__globals__["AwardRound"].objects.get(year=year)
    c.post(reverse("appraisals:nominate", args=[r.pk]), {"proposal_number": "7", "reason": "成效明显"})
    c.post(reverse("appraisals:nominate", args=[r.pk]), {"unit": w.gov_unit.pk})
    assert r.nominations.count() == 2
    services.award_act(by=staff, round=r, action=AwardAction.START_REVIEW)
    for n in r.nominations.all():
        c.post(reverse("appraisals:nomination_act", args=[n.pk, "select"]))
    c.post(reverse("appraisals:award_act", args=[r.pk, "approve"]), {"approved_on": f"{year}-01-20"})
    r.refresh_from_db()
    assert r.status == "approved"
    assert c.get(reverse("appraisals:decision_docx", args=[r.pk])).status_code == 200
    page = login(w.users[Role.MEMBER]).get(reverse("appraisals:award_detail", args=[r.pk])).content.decode()
    assert p.title in page and "入选" in page
    detail = login(w.users[Role.LEADER]).get(reverse("proposals:detail", args=[p.pk])).content.decode()
    assert f"{year}年度优秀提案" in detail


def test_htmx_filters_return_only_the_results(client, login, w):
    make_round(w)
    c = login(w.users[Role.PROPOSAL_STAFF])
    body = c.get(reverse("appraisals:list") + "?q=教育", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in body and "民主评议" in body
    body = c.get(reverse("appraisals:rectifications") + "?state=open", HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in body and "共" in body


def test_the_vote_page_links_back_to_its_appraisal(client, login, w):
    a = make_round(w, status=Status.VOTING, ballots=[])
    page = login(w.users[Role.LEADER]).get(reverse("votes:detail", args=[a.vote_id])).content.decode()
    assert reverse("appraisals:detail", args=[a.pk]) in page
