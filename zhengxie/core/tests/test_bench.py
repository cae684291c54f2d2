"""`make bench`: the pure parts (percentiles, the docs section, the sentence recombiner, the report) and a tiny
seed through the same seed steps, on SQLite (bulk_create) and PostgreSQL (COPY as well)."""
import random

import pytest
from django.core.management.base import CommandError
from django.db import connection

from zhengxie.accounts.models import Organisation, RoleAssignment, User
from zhengxie.core.bench import registry
from zhengxie.core.bench.foundation import BENCH_CPPCC_CODE, MEMBER_PERSONA, PERSONA_NOTIFICATIONS
from zhengxie.core.bench.measure import Result, check_groups, measure_all, measure_one, percentile
from zhengxie.core.bench.report import END, START, render_section, rewrite_section
from zhengxie.core.bench.seeder import SeedContext, dataset_status, run_seed
from zhengxie.core.bench.texts import SentenceBank
from zhengxie.core.management.commands.bench import check_bench_db, dataset_hash
from zhengxie.core.models import Cppcc
from zhengxie.core.roles import Role
from zhengxie.members.models import Member, Membership
from zhengxie.notifications.models import Notification

registry.autodiscover()
# bulk_create everywhere; COPY too when the suite runs on PostgreSQL.
METHODS = ["orm"] + (["copy"] if connection.vendor == "postgresql" else [])
TINY = {"members": 50, "notifications": 200}


def tiny_seed(method: str):
    ctx = SeedContext(sizes=TINY, method=method, log=lambda _msg: None)
    return ctx, run_seed(ctx)


# Percentiles ---------------------------------------------------------------------------------------

def test_percentiles_interpolate_between_closest_ranks():
    values = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5]
    assert percentile(values, 50) == 5.5
    assert percentile(values, 95) == pytest.approx(9.55)
    assert percentile(values, 0) == 1 and percentile(values, 100) == 10
    assert percentile([42.0], 95) == 42.0


def test_a_percentile_of_nothing_is_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="没有数据"):
        percentile([], 50)
    with pytest.raises(ValueError, match="0 到 100"):
        percentile([1, 2], 101)


# The generated section of docs/benchmarks.md --------------------------------------------------------

def test_rewriting_the_results_section_keeps_the_prose_around_it():
    text = f"# 性能基准\n\n说明文字。\n\n{START}\n旧结果\n{END}\n\n## 如何运行\n\n`make bench`\n"
    out = rewrite_section(text, "| 新结果 |")
    assert out.startswith("# 性能基准\n\n说明文字。\n\n")
    assert out.endswith(f"{END}\n\n## 如何运行\n\n`make bench`\n")
    assert "新结果" in out and "旧结果" not in out
    assert rewrite_section(out, "| 新结果 |") == out


def test_a_document_without_markers_gets_the_section_appended():
    out = rewrite_section("# 性能基准\n\n说明。\n", "结果")
    assert out == f"# 性能基准\n\n说明。\n\n{START}\n结果\n{END}\n"


# The sentence recombiner ---------------------------------------------------------------------------

def _draw(bank: SentenceBank) -> list[str]:
    return [bank.title(), bank.text(), bank.paragraph(), bank.notice_title(), bank.person_name(), bank.employer(),
            bank.specialty()]


def test_the_sentence_recombiner_gives_the_same_texts_for_the_same_seed():
    a, b = SentenceBank(random.Random(7)), SentenceBank(random.Random(7))
    assert [_draw(a) for _ in range(20)] == [_draw(b) for _ in range(20)]
    assert _draw(SentenceBank(random.Random(8))) != _draw(SentenceBank(random.Random(7)))


def test_the_sentence_recombiner_never_emits_an_empty_text():
    bank = SentenceBank(random.Random(1))
    for _ in range(300):
        assert all(part.strip() for part in _draw(bank))
    assert bank.paragraph(sentences=0).endswith(("。", "！"))


# A tiny seed through the real seed steps ------------------------------------------------------------

@pytest.mark.parametrize("method", METHODS)
def test_a_tiny_seed_gives_consistent_row_counts(db, method):
    ctx, report = tiny_seed(method)
    bench = Cppcc.objects.get(code=BENCH_CPPCC_CODE)
    members = Member.objects.filter(cppcc=bench)
    assert members.count() == 50 and not members.filter(pinyin_initials="").exists()
    assert Membership.objects.filter(cppcc=bench).count() == 50
    assert Membership.objects.filter(cppcc=bench, end_date__isnull=True).exists()
    users = User.objects.filter(cppcc=bench)
    assert users.count() == 50 + 10 + 60  # members, staff personas, one liaison per 承办单位
    assert RoleAssignment.objects.filter(cppcc=bench, role=Role.MEMBER).count() == 50
    assert (RoleAssignment.objects.filter(cppcc=bench, role=Role.STANDING_MEMBER).count()
            == Membership.objects.filter(cppcc=bench, is_standing=True).count())
    orgs = Organisation.objects.filter(cppcc=bench)
    assert orgs.count() == 109 and orgs.filter(kind=Organisation.Kind.SECTOR).count() == 30
    assert Notification.objects.filter(cppcc=bench).count() == 200
    assert Notification.objects.filter(recipient__username=MEMBER_PERSONA).count() >= PERSONA_NOTIFICATIONS
    assert report.loaded["members_member"] == 50 and report.loaded["notifications_notification"] == 200
    assert [name for name, _ in report.steps] == [s.name for s in registry.seed_steps()]


@pytest.mark.parametrize("method", METHODS)
def test_loaded_rows_get_ids_after_the_existing_ones_and_new_rows_still_insert(city, method):
    existing = Organisation.objects.create(cppcc=city, name="已有单位", kind=Organisation.Kind.HANDLING_UNIT)
    ctx = SeedContext(method=method, log=lambda _msg: None)
    ids = ctx.load(Organisation, ({"cppcc_id": city.pk, "name": f"单位{i}", "kind": "handling_unit"} for i in range(3)))
    assert ids == [existing.pk + 1, existing.pk + 2, existing.pk + 3]
    later = Organisation.objects.create(cppcc=city, name="之后新增", kind=Organisation.Kind.HANDLING_UNIT)
    assert later.pk > ids[-1]
    assert Organisation.objects.get(pk=ids[0]).is_active  # a field left out gets its default


def test_the_seed_leaves_other_cppccs_alone(city, persona):
    persona(Role.ADMIN)
    before = User.objects.filter(cppcc=city).count()
    tiny_seed("orm")
    assert User.objects.filter(cppcc=city).count() == before
    assert not Member.objects.filter(cppcc=city).exists()


def test_the_dataset_table_says_what_is_seeded_and_what_later_modules_provide(db):
    tiny_seed("orm")
    rows = {r["key"]: r for r in dataset_status()}
    assert rows["members"]["planned"] == 10_000 and rows["members"]["count"] == 50 and rows["members"]["seeded"]
    assert rows["attendance"]["planned"] == 2_000_000
    for key in ("proposals", "opinions", "attendance"):
        if key not in registry.provided_keys():
            assert not rows[key]["seeded"]


# Measuring ---------------------------------------------------------------------------------------

def test_measuring_a_page_gives_timings_and_a_query_count(db):
    tiny_seed("orm")
    bench = Cppcc.objects.get(code=BENCH_CPPCC_CODE)
    home = registry.Scenario("首页", "/", Role.MEMBER, target_p95_ms=60_000)
    r = measure_one(home, bench, requests=4, warmup=1)
    assert r.status == 200 and r.requests == 4
    assert 0 < r.p50_ms <= r.p95_ms <= r.max_ms
    assert r.queries >= r.queries_min > 0 and r.passed is True


def test_a_page_that_does_not_exist_yet_is_reported_not_measured(db):
    tiny_seed("orm")
    bench = Cppcc.objects.get(code=BENCH_CPPCC_CODE)
    r = measure_one(registry.Scenario("提案列表", "/no-such-page/", Role.PROPOSAL_STAFF, 50), bench, requests=2)
    assert r.status == "missing" and r.note == "页面尚未提供" and r.p95_ms is None


def test_measuring_all_scenarios_in_rounds_keeps_their_order_and_reports_missing_pages(db):
    tiny_seed("orm")
    bench = Cppcc.objects.get(code=BENCH_CPPCC_CODE)
    scenarios = [registry.Scenario("首页", "/", Role.MEMBER), registry.Scenario("未来页面", "/later/", Role.MEMBER),
                 registry.Scenario("首页（工作人员）", "/", Role.PROPOSAL_STAFF)]
    lines = []
    results = measure_all(bench, scenarios=scenarios, requests=3, warmup=1, log=lines.append)
    assert [r.name for r in results] == ["首页", "未来页面", "首页（工作人员）"]
    assert [r.requests for r in results] == [3, 0, 3] and results[1].status == "missing"
    assert len(lines) == 3 and "页面尚未提供" in lines[1]


def test_query_counts_of_a_group_must_be_equal():
    rows = [Result("第1页", "x", "/a", 200, queries=9, group="名录"), Result("第50页", "x", "/b", 200, queries=9, group="名录"),
            Result("API 第1页", "x", "/c", 200, queries=5, group="API"), Result("API 第50页", "x", "/d", 200, queries=7, group="API")]
    groups = check_groups(rows)
    assert groups["名录"]["equal"] is True and groups["API"]["equal"] is False


def test_the_report_marks_targets_and_unseeded_rows_honestly():
    data = {
        "date": "2026-01-01T00:00:00+08:00", "git_sha": "abc123", "postgresql": "15.2", "requests": 50, "warmup": 5,
        "query_passes": 3, "machine": {"cpu": "CPU", "cores": 2, "ram_gib": 24.0, "python": "3.11"},
        "seed": {"seconds": 6.0, "fresh": True, "dump": "var/bench/x.dump", "date": "2026-01-01"},
        "dataset": [{"key": "members", "label": "委员", "planned": 10000, "app": "members", "main": True, "seeded": True,
                     "count": 10000},
                    {"key": "proposals", "label": "提案", "planned": 100000, "app": "proposals", "main": True,
                     "seeded": False, "count": None}],
        "results": [Result("委员名录", "proposal_staff", "/members/", 200, 50, 20.0, 40.0, queries=9, queries_min=9,
                           target_p95_ms=50, passed=True).as_dict(),
                    Result("搜索", "proposal_staff", "/members/?q=张", 200, 50, 60.0, 80.0, queries=9, queries_min=9,
                           target_p95_ms=50, passed=False).as_dict(),
                    Result("提案", "member", "/proposals/", "missing", note="页面尚未提供").as_dict()],
        "groups": {"名录": {"scenarios": {"第1页": 9, "第50页": 9}, "equal": True}},
    }
    md = render_section(data)
    assert "| 委员 | 10,000 | 10,000 | members | 已灌入 |" in md
    assert "| 提案 | 100,000 | — | proposals | 由后续模块提供 |" in md
    assert "| 40.0 | 9 |" in md and "✅" in md and "❌" in md and "页面尚未提供" in md
    assert "相同 ✅" in md


# The command's guards --------------------------------------------------------------------------------

def test_the_bench_refuses_anything_but_a_separate_postgresql_database():
    with pytest.raises(CommandError, match="只在 PostgreSQL"):
        check_bench_db("sqlite:///var/zhengxie.sqlite3")
    for name in ("test", "test_zx", "postgres"):
        with pytest.raises(CommandError, match="拒绝使用"):
            check_bench_db(f"postgres://postgres@127.0.0.1:5432/{name}")
    assert check_bench_db("postgres://postgres@127.0.0.1:5432/zhengxie_bench")["NAME"] == "zhengxie_bench"


def test_the_dump_name_changes_with_the_scale():
    assert dataset_hash(1.0) == dataset_hash(1.0) != dataset_hash(0.1)
