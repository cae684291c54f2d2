"""The 社情民意 part of `make bench`: a tiny seed through the real seed steps (SQLite bulk_create; PostgreSQL COPY as
well), checked for consistent rows, gap-free 期号, the review's proportions, an index equal to what textindex writes,
and a score ledger equal to a recompute; and the scenarios answer on it."""
import pytest
from django.db import connection
from django.db.models import Count

from zhengxie.core.bench import foundation, registry
from zhengxie.core.bench.measure import MeasureContext, persona
from zhengxie.core.bench.seeder import SeedContext, run_seed
from zhengxie.core.models import Cppcc
from zhengxie.core.roles import Role
from zhengxie.opinions import bench, scoring
from zhengxie.opinions.models import (
    Adoption,
    Article,
    Issue,
    IssueCounter,
    Opinion,
    ScoreEntry,
    UpwardReport,
    YearFreeze,
)
from zhengxie.opinions.workflow import Status

registry.autodiscover()
METHODS = ["orm"] + (["copy"] if connection.vendor == "postgresql" else [])


def tiny_seed(method: str, items: int = 1500):
    steps = [s for s in registry.seed_steps() if s.fn.__module__ in (foundation.__name__, bench.__name__)]
    ctx = SeedContext(sizes={"members": 60, "notifications": 10, "opinions": items}, method=method, log=lambda _m: None)
    run_seed(ctx, steps)
    return Cppcc.objects.get(code=foundation.BENCH_CPPCC_CODE)


@pytest.mark.parametrize("method", METHODS)
def test_a_tiny_seed_gives_consistent_items_issues_and_results(db, method):
    cppcc = tiny_seed(method)
    items = Opinion.objects.filter(cppcc=cppcc)
    assert items.count() == 1500
    assert set(items.values_list("status", flat=True)) == set(Status.values)
    assert len({d.year for d in items.exclude(received_at=None).values_list("received_at", flat=True)}) == bench.YEARS
    reported = UpwardReport.objects.filter(cppcc=cppcc).values("opinion").distinct().count()
    published = items.filter(status=Status.ISSUED).count()
    assert 0.15 < reported / items.count() < 0.35 and 0.03 < published / items.count() < 0.15  # the review: 28 %, 6 %
    assert not UpwardReport.objects.filter(cppcc=cppcc).exclude(opinion__status__in=bench.USED).exists()
    assert not Adoption.objects.filter(cppcc=cppcc).exclude(opinion__reports__target=models_f("level")).exists()
    for year in {i.year for i in Issue.objects.filter(cppcc=cppcc)}:
        numbers = sorted(Issue.objects.filter(cppcc=cppcc, year=year, state="signed").values_list("number", flat=True))
        assert numbers == list(range(1, len(numbers) + 1))
        assert IssueCounter.objects.get(cppcc=cppcc, series=bench.SERIES, year=year).value == len(numbers)
    sizes = Issue.objects.filter(cppcc=cppcc, state="signed").annotate(n=Count("articles")).values_list("n", flat=True)
    assert max(sizes) == bench.ARTICLES_PER_ISSUE
    assert not items.filter(status=Status.ISSUED, articles__issue__state="draft").exists()
    assert not items.filter(status=Status.ISSUED, issued_at=None).exists()
    assert Article.objects.filter(cppcc=cppcc, kind="combined").exists()


def models_f(name):
    from django.db.models import F

    return F(name)


def test_the_bulk_index_and_ledger_equal_what_the_services_write(db):
    cppcc = tiny_seed("orm", items=800)
    bench.check_index_sample(SeedContextLike(), list(Opinion.objects.filter(cppcc=cppcc).exclude(status="draft")
                                                   .values_list("id", flat=True)[:200]))
    editor = persona(cppcc, Role.INFO_EDITOR)
    for y in YearFreeze.objects.filter(cppcc=cppcc):
        before = sorted(ScoreEntry.objects.filter(cppcc=cppcc, year=y.year).values_list(
            "opinion_id", "user_id", "unit_id", "rule", "points", "fact_id"), key=str)
        assert before, y.year
        if y.is_frozen:
            continue
        scoring.score_recompute(cppcc=cppcc, year=y.year, by=editor)
        after = sorted(ScoreEntry.objects.filter(cppcc=cppcc, year=y.year).values_list(
            "opinion_id", "user_id", "unit_id", "rule", "points", "fact_id"), key=str)
        assert after == before
    assert YearFreeze.objects.filter(cppcc=cppcc, is_frozen=True).count() == bench.YEARS - 1


class SeedContextLike:
    using = "default"


def test_the_scenarios_answer_on_the_tiny_dataset(db, client):
    cppcc = tiny_seed("orm", items=800)
    for sc in registry.scenarios():
        if not sc.name.startswith(("社情民意", "我的社情民意", "API 社情民意")):
            continue
        user = persona(cppcc, sc.as_role)
        url = sc.url(MeasureContext(cppcc, user)) if callable(sc.url) else sc.url
        client.force_login(user)
        r = client.get(url)
        assert r.status_code == 200, (sc.name, url, r.status_code)
        if "?q=" in url:  # a search finds items
            text = str(r.json()["items"]) if url.startswith("/api/") else r.content.decode()
            assert "养老" in text or "营商环境" in text, sc.name
