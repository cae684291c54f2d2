"""The 履职档案 reads a fixed number of queries, however many records the member and the 政协 have."""
import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zhengxie.activities.models import ActivitySitting, LeaveRequest
from zhengxie.activities.tests.builders import make_activity
from zhengxie.core.roles import Role
from zhengxie.opinions.models import Adoption, Opinion
from zhengxie.performance import services
from zhengxie.performance.models import ScoreAdjustment
from zhengxie.performance.tests.conftest import YEAR, at, attend
from zhengxie.proposals.models import CoSigner, Proposal

DOSSIER_QUERY_LIMIT = 30


def _queries(client, member) -> tuple[int, str]:
    url = reverse("performance:dossier", args=[member.pk])
    with CaptureQueriesContext(connection) as cq:
        r = client.get(url)
    assert r.status_code == 200
    return len(cq.captured_queries), r.content.decode()


def _more(facts, n: int) -> None:
    """n more of everything for alice (and bob), spread over the year, plus unrelated rows of another member."""
    w, alice, bob = facts.world, facts.alice, facts.bob
    meeting = facts.proposal.meeting
    for i in range(n):
        a = make_activity(w, status="closed", kind="standing", title=f"常委会议第{i + 1}次", start=at(2 + i % 9, 3 + i))
        s = ActivitySitting.objects.create(activity=a, seq=1, date=a.start_at.date(), period="am")
        attend(a, alice, is_speaker=True, speech_kind="written").sittings.set([s])
        attend(a, bob, "leave")
        LeaveRequest.objects.create(cppcc=w.cppcc, activity=a, member=bob, reason="出差", state="approved")
        attend(make_activity(w, status="closed", kind="inspection", title=f"视察{i + 1}", start=at(3 + i % 9, 5 + i)), alice)
        p = Proposal.objects.create(cppcc=w.cppcc, meeting=meeting, title=f"关于第{i + 1}项工作的建议", lead_member=bob,
                                    status="filed", decision="file", submitted_at=at(1, 11), decided_at=at(2, 20))
        CoSigner.objects.create(proposal=p, member=alice, state="confirmed")
        Proposal.objects.create(cppcc=w.cppcc, meeting=meeting, title=f"另一委员的建议{i + 1}", lead_member=facts.idle,
                                status="filed", decision="file", submitted_at=at(1, 11), decided_at=at(2, 20))
        o = Opinion.objects.create(cppcc=w.cppcc, title=f"社情民意{i + 1}", reporter=w.users[Role.MEMBER], member=alice,
                                   status="issued", submitted_at=at(6, 1 + i), received_at=at(6, 1 + i), issued_at=at(6, 2 + i))
        Adoption.objects.create(cppcc=w.cppcc, opinion=o, level="national", mode="single", adopted_at=dt.date(YEAR, 7, 1 + i),
                                source_document="全国政协采用通报")
        ScoreAdjustment.objects.create(cppcc=w.cppcc, year=YEAR, member=alice, points=1, reason=f"补记{i + 1}",
                                       state="approved", requested_by=w.users[Role.COMMITTEE_STAFF],
                                       approver=w.users[Role.LEADER])


def test_the_dossier_query_count_does_not_grow_with_the_members_records(facts, login):
    staff = facts.world.users[Role.COMMITTEE_STAFF]
    services.score_recompute(cppcc=facts.world.cppcc, year=YEAR, by=staff)
    c = login(staff)
    _queries(c, facts.alice)  # warm the per-process caches (content types, configuration)
    before, _ = _queries(c, facts.alice)
    _more(facts, 8)
    services.score_recompute(cppcc=facts.world.cppcc, year=YEAR, by=staff)
    after, html = _queries(c, facts.alice)
    assert after == before <= DOSSIER_QUERY_LIMIT
    # the added records are on the page: 8 more 常委会议 (+ the plenary), 8 联名 proposals, 8 opinions adopted nationally
    assert "常委会议第8次" in html and "视察8" in html and "关于第8项工作的建议" in html and "社情民意8" in html
    assert "领衔 1 件，联名 8 件，立案 9 件" in html and "全国政协" in html and "补记8" in html


def test_the_dossier_of_a_member_with_leaves_counts_them_and_the_three_duties(facts, login):
    _more(facts, 2)
    c = login(facts.world.users[Role.COMMITTEE_STAFF])
    _, html = _queries(c, facts.bob)
    assert "请假申请 2 次" in html and "请假 2 次" in html
    assert "“三个一”尚未完成：参加全体会议、参加视察调研" in html


def test_the_dossiers_three_duties_agree_with_the_reminder(facts):
    from zhengxie.performance import selectors

    _more(facts, 1)
    for member in (facts.alice, facts.bob, facts.idle):
        year = next(y for y in selectors.dossier(member)["years"] if y["year"] == YEAR)
        assert year["missing"] == selectors.missing_duties(member, YEAR), member
