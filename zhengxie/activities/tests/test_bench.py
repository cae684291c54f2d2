"""The 出席与履职记录 part of `make bench`: a tiny seed through the real seed steps (SQLite bulk_create; PostgreSQL
COPY as well), checked for consistent attendance, 请假, sittings and outcome figures, a seeded ledger equal to what
the recompute writes; the activity and 履职积分 scenarios open, the year's recompute is timed once."""
import pytest
from django.db import connection
from django.utils import timezone

from zhengxie.activities import bench
from zhengxie.activities.models import Activity, LeaveRequest, OutcomeFigure, Participation
from zhengxie.core.bench import foundation, registry
from zhengxie.core.bench.measure import measure_one
from zhengxie.core.bench.seeder import SeedContext, run_seed
from zhengxie.core.models import Cppcc
from zhengxie.performance import services
from zhengxie.performance.models import ScoreEntry
from zhengxie.proposals import bench as proposal_bench

registry.autodiscover()
METHODS = ["orm"] + (["copy"] if connection.vendor == "postgresql" else [])
ATTENDANCE = 3000


def tiny_seed(method: str):
    modules = (foundation.__name__, proposal_bench.__name__, bench.__name__)
    steps = [s for s in registry.seed_steps() if s.fn.__module__ in modules]
    ctx = SeedContext(sizes={"members": 60, "notifications": 10, "proposals": 200, "attendance": ATTENDANCE}, method=method,
                      log=lambda _msg: None)
    run_seed(ctx, steps)
    return Cppcc.objects.get(code=foundation.BENCH_CPPCC_CODE)


def ledger(cppcc, year):
    return sorted(ScoreEntry.objects.filter(cppcc=cppcc, year=year).values_list(
        "member_id", "rule", "points", "source_type_id", "source_id", "fact_date", "explanation"))


@pytest.mark.parametrize("method", METHODS)
def test_a_tiny_seed_gives_consistent_attendance_leaves_sittings_and_a_ledger(db, method):
    cppcc = tiny_seed(method)
    parts = Participation.objects.filter(cppcc=cppcc)
    assert abs(parts.count() - ATTENDANCE) <= ATTENDANCE // 100  # each year fills its share to within one activity
    today = timezone.localdate()
    years = set(Activity.objects.filter(cppcc=cppcc).values_list("start_at__year", flat=True))
    assert years == set(range(bench.FIRST_YEAR, today.year + 1))
    assert Activity.objects.filter(cppcc=cppcc, kind__code="plenary").count() == len(years)
    # held activities have a recorded attendance; the coming ones are published and pending
    assert not parts.filter(activity__status__in=["closed", "archived"], attendance="pending").exists()
    assert not parts.filter(activity__status="published").exclude(attendance="pending").exists()
    assert not parts.filter(attendance="proxy", proxy_reason="").exists()
    leaves = parts.filter(attendance="leave")
    assert leaves.count() == LeaveRequest.objects.filter(cppcc=cppcc, state="approved").count() > 0
    assert set(LeaveRequest.objects.filter(cppcc=cppcc).values_list("activity_id", "member_id")) == set(
        leaves.values_list("activity_id", "member_id"))
    # sittings: only attendees have them, every plenary attendee at least one
    assert not parts.exclude(attendance__in=["present", "proxy"]).filter(sittings__isnull=False).exists()
    assert not parts.filter(activity__kind__code="plenary", attendance__in=["present", "proxy"], sittings__isnull=True).exists()
    assert set(OutcomeFigure.objects.filter(cppcc=cppcc).values_list("unit", flat=True)) <= set(OutcomeFigure.Unit.values)
    assert parts.filter(is_speaker=True).exclude(speech_title="").exists()
    # the seeded ledger is exactly what the recompute writes
    year = today.year - 1
    seeded = ledger(cppcc, year)
    assert seeded
    staff = foundation_user(cppcc, "committee_staff")
    services.score_recompute(cppcc=cppcc, year=year, by=staff)
    assert ledger(cppcc, year) == seeded


def foundation_user(cppcc, role):
    from zhengxie.accounts.models import User

    return User.objects.get(cppcc=cppcc, username=f"bench-{role}")


def test_the_activity_and_dossier_scenarios_open_and_the_recompute_is_timed_once(db):
    cppcc = tiny_seed("orm")
    names = ["活动管理 第1页", "活动管理：按类型“调研”与年份", "我的活动（委员）", "活动详情（调研，约40人）",
             "API 活动统计（一年）", "履职档案（一名委员）"]
    for name in names:
        sc = next(s for s in registry.scenarios() if s.name == name)
        r = measure_one(sc, cppcc, requests=1, warmup=1)
        assert r.status == 200 and r.queries and r.passed is not False, (name, r.note)
    year = timezone.localdate().year
    before = ledger(cppcc, year)
    sc = next(s for s in registry.scenarios() if s.name.startswith("履职积分：一年重新计算"))
    assert sc.once and sc.method == "POST"
    r = measure_one(sc, cppcc, requests=5, warmup=5)
    assert r.status == 302 and r.requests == 1 and r.queries and r.p50_ms == r.p95_ms and r.note == "单次计时，不预热"
    assert ledger(cppcc, year) == before
