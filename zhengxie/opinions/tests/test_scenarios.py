"""The review's 社情民意 figures replayed through the figures registry (docs/figures.md, 社情民意).

Records are inserted in bulk as a finished year leaves them, then every number is read back through
`zhengxie.reports.registry.compute`.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from zhengxie.accounts.models import Organisation
from zhengxie.core.roles import Role
from zhengxie.core.testing import make_org
from zhengxie.opinions.models import Adoption, Article, Instruction, Issue, Level, Opinion, UpwardReport
from zhengxie.opinions.workflow import Status
from zhengxie.reports.registry import Context, Period, ScopeKind, compute

from .builders import SERIES, build_world

YEAR = Period.year(2023)
RECEIVED = timezone.make_aware(dt.datetime(2023, 3, 10, 10), timezone.get_fixed_timezone(8 * 60))


def items(w, n: int, *, status=Status.ACCEPTED, title="关于完善农村养老服务体系的建议", **extra) -> list[Opinion]:
    objs = [Opinion(cppcc=w.cppcc, title=f"{title}（{i + 1}）", situation="情况", analysis="分析", suggestions="建议",
                    reporter=w.users[Role.MEMBER], reporter_name="委员甲", status=status, submitted_at=RECEIVED,
                    received_at=RECEIVED, **extra) for i in range(n)]
    return Opinion.objects.bulk_create(objs)


def publish(w, opinions: list[Opinion], n_issues: int) -> None:
    """`opinions` published one article each, spread over `n_issues` signed issues of 2023."""
    issues = Issue.objects.bulk_create([
        Issue(cppcc=w.cppcc, series=SERIES, year=2023, number=i + 1, date=dt.date(2023, 1, 15) + dt.timedelta(days=12 * i),
              state=Issue.State.SIGNED, signed_at=RECEIVED) for i in range(n_issues)])
    arts = Article.objects.bulk_create([
        Article(cppcc=w.cppcc, kind=Article.Kind.SINGLE, title=o.title, body="正文", issue=issues[i % n_issues],
                position=i // n_issues + 1) for i, o in enumerate(opinions)])
    Article.items.through.objects.bulk_create([Article.items.through(article_id=a.pk, opinion_id=o.pk)
                                               for a, o in zip(arts, opinions, strict=True)])
    Opinion.objects.filter(pk__in=[o.pk for o in opinions]).update(status=Status.ISSUED)


def report(w, opinions, target, day=dt.date(2023, 6, 1)) -> None:
    UpwardReport.objects.bulk_create([UpwardReport(cppcc=w.cppcc, opinion=o, target=target, reported_at=day)
                                      for o in opinions])


def adopt(w, opinions, level=Level.PROVINCIAL, mode=Adoption.Mode.SINGLE) -> None:
    Adoption.objects.bulk_create([Adoption(cppcc=w.cppcc, opinion=o, level=level, mode=mode, adopted_at=dt.date(2023, 9, 1),
                                           source_document="省政协办公厅采用通报") for o in opinions])


def value(code: str, ctx: Context):
    return compute(f"opinions.{code}", ctx).value


@pytest.fixture
def w(city):
    return build_world(city)


@pytest.fixture
def review(w):
    """全年: 征集2773 (农业委206), 编报29期160篇 (农业委24), 报送780 (农业委报省级47, 上级采用5)."""
    agri = w.committee
    agri_items = items(w, 206, committee=agri, sector=w.sector)
    others = items(w, 2773 - 206, title="关于优化营商环境的建议")
    publish(w, agri_items[:24] + others[:136], 29)
    report(w, agri_items[:47], UpwardReport.Target.PROVINCIAL)
    adopt(w, agri_items[:5])
    # 733 more distinct items to 全国政协 or 省政协; 100 of them went to both (counted once)
    report(w, others[:433], UpwardReport.Target.PROVINCIAL)
    report(w, others[333:733], UpwardReport.Target.NATIONAL)
    report(w, others[733:740], UpwardReport.Target.CITY_GOV)  # 市政府: not 向全国政协和省政协
    adopt(w, others[:20], level=Level.NATIONAL, mode=Adoption.Mode.COMBINED)
    return agri


def test_the_review_2773_received_29_issues_160_articles_and_780_reported_upward(w, review):
    ctx = Context.build(w.cppcc, YEAR)
    assert value("received", ctx) == 2773
    assert (value("issues", ctx), value("issue_articles", ctx), value("issued", ctx)) == (29, 160, 160)
    assert value("reported", ctx) == 780
    targets = {p.key: p.value for p in compute("opinions.reported_by_target", ctx).parts}
    assert targets == {"provincial": 480, "national": 400, "city_party": 0, "city_gov": 7}
    assert compute("opinions.reported", ctx).records.count() == 780


def test_the_agriculture_committee_206_reported_24_city_level_47_to_the_province_5_adopted_above(w, review):
    ctx = Context.build(w.cppcc, YEAR, ScopeKind.COMMITTEE, review)
    assert (value("received", ctx), value("issued", ctx), value("reported_provincial", ctx), value("adopted", ctx)) == (
        206, 24, 47, 5)
    assert value("adoption_rate_provincial", ctx) == Decimal("10.6")
    levels = {p.key: p.value for p in compute("opinions.adopted_by_level", ctx).parts}
    assert levels["provincial"] == 5 and levels["national"] == 0


def test_adoption_by_level_and_mode_and_the_adoption_rate_of_the_whole_year(w, review):
    ctx = Context.build(w.cppcc, YEAR)
    assert value("adopted", ctx) == 25
    modes = {p.key: p.value for p in compute("opinions.adopted_by_mode", ctx).parts}
    assert modes == {"single": 5, "combined": 20, "forwarded": 0}
    assert value("adoption_rate", ctx) == Decimal("3.2")
    assert value("adoption_rate_national", ctx) == Decimal("5.0")


def test_an_item_counts_toward_its_reporting_unit_and_the_party_of_its_author(w):
    other_party = make_org(w.cppcc, "民建", Organisation.Kind.PARTY)
    items(w, 3, reporting_unit=w.unit)  # 民盟市委会 reports for 民盟
    items(w, 2, party=w.party)  # 民盟 members on their own
    items(w, 4, party=other_party)
    assert value("received", Context.build(w.cppcc, YEAR, ScopeKind.PARTY, w.party)) == 5
    assert value("received", Context.build(w.cppcc, YEAR, ScopeKind.PARTY, other_party)) == 4
    assert value("received", Context.build(w.cppcc, Period.year(2024))) == 0


def test_instructions_count_in_leader_level_times(w):
    a, b = items(w, 2, status=Status.ISSUED)
    ct = ContentType.objects.get_for_model(Opinion)
    for o, leader, level in ((a, "李书记", "prefectural"), (a, "王市长", "prefectural"), (b, "赵省长", "provincial")):
        Instruction.objects.create(cppcc=w.cppcc, content_type=ct, object_id=str(o.pk), leader_name=leader,
                                   leader_level=level, date=dt.date(2023, 5, 1))
    res = compute("opinions.instructions", Context.build(w.cppcc, YEAR))
    assert res.value == 3
    assert {p.key: p.value for p in res.parts}["prefectural"] == 2
    committee = compute("opinions.instructions", Context.build(w.cppcc, YEAR, ScopeKind.COMMITTEE, w.committee))
    assert committee.value == 0


def test_a_county_counts_only_its_own_items(w, county):
    items(w, 3)
    assert value("received", Context.build(county, YEAR)) == 0
