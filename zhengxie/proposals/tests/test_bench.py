"""The 提案 part of `make bench`: a tiny seed through the real seed steps (SQLite bulk_create; PostgreSQL COPY as
well), checked for consistent rows, gap-free numbers, valid states and an index equal to what textindex writes;
and the workflow-action scenarios (a POST on a fresh proposal per request)."""
from collections import Counter as Tally

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count

from zhengxie import textindex
from zhengxie.core.bench import foundation, registry
from zhengxie.core.bench.measure import measure_one
from zhengxie.core.bench.seeder import SeedContext, run_seed
from zhengxie.core.models import Cppcc, Event
from zhengxie.core.roles import Role
from zhengxie.members.models import Membership
from zhengxie.proposals import bench
from zhengxie.proposals.models import (
    Assignment,
    Contact,
    CoSign,
    CoSigner,
    Counter,
    Evaluation,
    Proposal,
    Reply,
)
from zhengxie.proposals.search import document
from zhengxie.proposals.workflow import FILED_STATES, Status
from zhengxie.textindex.models import IndexEntry
from zhengxie.textindex.services import _entry_values
from zhengxie.textindex.tokenize import index_tokens

registry.autodiscover()
METHODS = ["orm"] + (["copy"] if connection.vendor == "postgresql" else [])
S = Status


def tiny_seed(method: str, proposals: int = 300):
    steps = [s for s in registry.seed_steps() if s.fn.__module__ in (foundation.__name__, bench.__name__)]
    ctx = SeedContext(sizes={"members": 60, "notifications": 10, "proposals": proposals}, method=method,
                      log=lambda _msg: None)
    run_seed(ctx, steps)
    return Cppcc.objects.get(code=foundation.BENCH_CPPCC_CODE)


@pytest.mark.parametrize("method", METHODS)
def test_a_tiny_seed_gives_consistent_proposals_with_gap_free_numbers(db, method):
    cppcc = tiny_seed(method)
    proposals = Proposal.objects.filter(cppcc=cppcc)
    assert proposals.count() == 300
    meetings = proposals.values("meeting").annotate(n=Count("id"))
    assert len(meetings) == bench.MEETINGS and {m["n"] for m in meetings} == {60}
    assert set(proposals.values_list("status", flat=True)) <= set(S.values)
    for m in {m["meeting"] for m in meetings}:
        mine = proposals.filter(meeting_id=m)
        numbers = sorted(mine.exclude(number=None).values_list("number", flat=True))
        assert numbers == list(range(1, len(numbers) + 1))  # 提案号 gap-free per 会议
        receipts = sorted(int(r.rsplit("S", 1)[1]) for r in mine.exclude(receipt_no="").values_list("receipt_no", flat=True))
        assert receipts == list(range(1, len(receipts) + 1))
        counters = dict(Counter.objects.filter(meeting_id=m).values_list("kind", "value"))
        assert counters == {"number": len(numbers), "receipt": len(receipts)}
        # numbers go with 立案: every filed state has one, nothing else does
        assert not mine.filter(status__in=FILED_STATES, number=None).exists()
        assert not mine.exclude(status__in=FILED_STATES).exclude(number=None).exists()
    assert not proposals.filter(status=S.DRAFT).exclude(receipt_no="").exists()
    assert not proposals.exclude(status=S.DRAFT).filter(receipt_no="").exists()


def test_people_units_replies_and_timeline_follow_each_status(db):
    cppcc = tiny_seed("orm")
    proposals = Proposal.objects.filter(cppcc=cppcc)
    for p in proposals.filter(proposer_type="joint").annotate(n=Count("cosigners")):
        assert 1 <= p.n <= 5
        assert not p.cosigners.filter(member_id=p.lead_member_id).exists()
    assert not proposals.filter(proposer_type="individual").annotate(n=Count("cosigners")).filter(n__gt=0).exists()
    for p in proposals.exclude(lead_member=None).exclude(status=S.DRAFT)[:80]:
        seat = Membership.objects.get(member_id=p.lead_member_id)  # attribution = the 领衔人's seat on the submit date
        assert (p.sector_id, p.committee_id, p.party_id) == (seat.sector_id, seat.committee_id, seat.party_id)
        assert seat.start_date <= p.submitted_at.date() and (seat.end_date is None or seat.end_date >= p.submitted_at.date())
    for p in proposals.filter(proposer_type__in=["sector", "party_org", "committee"]):
        assert p.proposer_org_id and p.lead_member_id is None and p.has_seal
    handled = proposals.filter(status__in=FILED_STATES).exclude(status=S.FILED)
    for p in handled:
        answering = p.assignments.filter(role__in=["lead", "sole"])
        assert answering.count() == 1 and p.assignments.filter(role="co").count() <= 2
    closed = proposals.filter(status=S.CLOSED)
    assert closed.exists()
    for p in closed:
        reply = Reply.objects.get(assignment__proposal=p)
        assert reply.state == Reply.State.PUBLISHED and reply.result_class in "ABC" and p.result_class == reply.result_class
        assert Evaluation.objects.filter(reply=reply, is_lead=True).count() == 1
        assert CoSign.objects.filter(reply=reply).count() == p.assignments.filter(role="co").count()
    assert not Reply.objects.filter(assignment__proposal__status__in=[S.ASSIGNED, S.IN_PROGRESS, S.FILED]).exists()
    assert Contact.objects.filter(assignment__proposal__cppcc=cppcc).exists()
    merged = proposals.filter(status=S.MERGED)
    assert all(m.merged_into.number is not None and m.merged_into.meeting_id == m.meeting_id for m in merged)
    assert not proposals.filter(status=S.TO_SUGGESTION).exclude(assignments__state=Assignment.State.REFERENCE).exists()
    ct = ContentType.objects.get_for_model(Proposal)
    events = Tally(Event.objects.filter(content_type=ct, cppcc=cppcc).values_list("object_id", flat=True))
    for p in proposals:
        expected = 0 if p.status == S.DRAFT else (1 if p.status == S.SUBMITTED else 2)
        assert events[str(p.pk)] == expected
    assert CoSigner.objects.filter(proposal__cppcc=cppcc, state=CoSigner.State.CONFIRMED).exists()


@pytest.mark.parametrize("method", METHODS)
def test_the_bulk_index_is_exactly_what_textindex_writes_and_finds_the_texts(db, method):
    cppcc = tiny_seed(method)
    reg = textindex.registration_for(Proposal)
    ct = ContentType.objects.get_for_model(Proposal)
    stored = {e.object_id: e for e in IndexEntry.objects.filter(content_type=ct, cppcc=cppcc)}
    proposals = list(reg.queryset(Proposal.objects.filter(cppcc=cppcc)))
    assert len(stored) == len(proposals) == 300
    for p in proposals:
        want = _entry_values(reg, p)
        assert {k: getattr(stored[p.pk], k) for k in want} == want
    texts = {p.pk: " ".join(document(p).values()) for p in proposals}
    for word in ("养老", "营商环境", "生态环境"):
        found = set(textindex.search_queryset(Proposal.objects.filter(cppcc=cppcc), word, cppcc=cppcc)
                    .values_list("pk", flat=True))
        assert found == {pk for pk, text in texts.items() if word in text}
    numbered = next(p for p in proposals if p.number)
    hits = textindex.search_queryset(Proposal.objects.filter(cppcc=cppcc), numbered.number_display, cppcc=cppcc)
    assert numbered.pk in set(hits.values_list("pk", flat=True))


def test_the_memoised_tokeniser_gives_the_same_tokens_as_textindex():
    samples = ["关于加强老旧小区改造的建议", "一是统筹协调机制不够健全，部门之间职责交叉、衔接不畅。\n\n二是资金投入",
               "142-S0007 第0123号 0123", "张伟 李娜 欧阳晓东", "市发展和改革委员会 市教育局", "", "   ", "A类 B2 c-3 5G网络",
               "“最后一公里”问题（试点）；100%覆盖"]
    for text in samples:
        assert bench.index_tokens(text) == index_tokens(text)


def test_a_workflow_action_is_measured_on_a_fresh_proposal_per_request(db):
    cppcc = tiny_seed("orm", proposals=600)
    waiting = Proposal.objects.filter(cppcc=cppcc, status=S.RECEIVED).count()
    requests = 2
    assert waiting >= 1 + requests + 3  # warm-up, timed requests and the query-count passes
    sc = next(s for s in registry.scenarios() if s.name.startswith("办理：初审通过"))
    r = measure_one(sc, cppcc, requests=requests, warmup=1)
    assert r.status == 302 and r.p95_ms is not None and r.passed is not None and not r.note
    assert r.url == "/proposals/<id>/act/pre_review/"
    assert Proposal.objects.filter(cppcc=cppcc, status=S.RECEIVED).count() == waiting - (1 + requests + 3)


def test_an_action_scenario_says_so_when_its_prepared_proposals_run_out(db):
    cppcc = tiny_seed("orm", proposals=100)
    Proposal.objects.filter(cppcc=cppcc, status=S.RECEIVED).exclude(
        pk=Proposal.objects.filter(cppcc=cppcc, status=S.RECEIVED).order_by("id").values("pk")[:1]).delete()
    sc = next(s for s in registry.scenarios() if s.name.startswith("办理：初审通过"))
    r = measure_one(sc, cppcc, requests=3, warmup=1)
    assert r.passed is False and "待初审的提案已用完" in r.note


def test_list_and_detail_scenarios_open_on_the_tiny_dataset(db):
    cppcc = tiny_seed("orm")
    names = ["提案查询 第1页", "提案搜索：四字词“营商环境”", "提案详情（已办结，含答复与评价）", "API 提案详情", "我的提案（委员）",
             "承办提案：全部（承办单位）", "提案搜索：提案号"]
    for name in names:
        sc = next(s for s in registry.scenarios() if s.name == name)
        r = measure_one(sc, cppcc, requests=1, warmup=1)
        assert r.status == 200 and r.queries, (name, r.note)


def test_a_fresh_scenario_needs_a_url_function():
    with pytest.raises(ValueError, match="地址必须是函数"):
        registry.scenario("坏场景", "/proposals/1/act/accept/", Role.HANDLING_UNIT, method="POST", fresh=True)
