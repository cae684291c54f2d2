"""Figures of the review: "全年共组织学习座谈活动7次，先后有106人次参与，50余名委员交流发言" (经济委员会) and the
outcome figures "走访农户540余户、发放调查问卷600份", "捐款70余万元，捐助大学生264名"."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from zhengxie.activities import selectors
from zhengxie.activities.models import OutcomeFigure, Participation
from zhengxie.activities.workflow import Status
from zhengxie.core.testing import make_member
from zhengxie.reports.registry import Context, Period, Scope, ScopeKind, compute

from .builders import build_world, make_activity

TZ = timezone.get_current_timezone()
ATTENDEES = (15, 15, 15, 15, 15, 15, 16)  # 106 人次
SPEAKERS = (8, 8, 8, 7, 7, 7, 7)  # 52 distinct speakers: "50余名委员交流发言"


def _at(month: int, day: int, year: int = 2023):
    return dt.datetime.combine(dt.date(year, month, day), dt.time(9), tzinfo=TZ)


@pytest.fixture
def year_2023(world):
    econ = world.orgs["经济委员会"]
    pool = [make_member(world.cppcc, f"经济委员{i:02d}", term=world.term, sector=world.sector, committee=econ) for i in range(60)]
    first_speaker = 0
    rows = []
    for i, (n, s) in enumerate(zip(ATTENDEES, SPEAKERS, strict=True)):
        a = make_activity(world, kind="symposium", status=Status.CLOSED if i else Status.ARCHIVED, organiser=econ,
                          start=_at(i + 2, 12), title=f"经济委员会学习座谈第{i + 1}次")
        speakers = pool[first_speaker:first_speaker + s]
        first_speaker += s
        others = [m for m in pool[52:] + pool[:52] if m not in speakers][: n - s]
        for m in speakers:
            rows.append(Participation(cppcc=world.cppcc, activity=a, member=m, attendance="present", is_speaker=True,
                                      speech_kind="oral", speech_title="学习体会"))
        for j, m in enumerate(others):
            rows.append(Participation(cppcc=world.cppcc, activity=a, member=m, attendance="proxy" if j == 0 else "present"))
        absent = [m for m in pool if m not in speakers and m not in others][:2]
        rows.append(Participation(cppcc=world.cppcc, activity=a, member=absent[0], attendance="leave"))
        rows.append(Participation(cppcc=world.cppcc, activity=a, member=absent[1], attendance="absent"))
    Participation.objects.bulk_create(rows)
    # Not counted for the 经济委员会 in 2023: a 2022 activity, a cancelled one, a notice not yet held, another committee's.
    for status, start, org in ((Status.CLOSED, _at(12, 1, 2022), econ), (Status.CANCELLED, _at(10, 1), econ),
                               (Status.PUBLISHED, _at(11, 1), econ), (Status.CLOSED, _at(9, 1), world.orgs["农业和农村委员会"])):
        other = make_activity(world, kind="symposium", status=status, organiser=org, start=start, title="不计入")
        Participation.objects.create(cppcc=world.cppcc, activity=other, member=pool[0], attendance="present", is_speaker=True)
    agri = make_activity(world, kind="research", status=Status.CLOSED, organiser=world.orgs["农业和农村委员会"], start=_at(6, 1),
                         title="乡村振兴专题调研")
    for name, unit, value in (("走访农户", "户", 540), ("发放调查问卷", "份", 600), ("召开座谈会", "次", 20)):
        OutcomeFigure.objects.create(cppcc=world.cppcc, activity=agri, name=name, unit=unit, value=value,
                                     approximate=name != "发放调查问卷")
    charity = make_activity(world, kind="public", status=Status.CLOSED, organiser=world.orgs["研究室"], start=_at(7, 1),
                            title="金秋助学")
    OutcomeFigure.objects.create(cppcc=world.cppcc, activity=charity, name="捐款", unit="元", value=Decimal("500000"),
                                 approximate=True)
    charity2 = make_activity(world, kind="public", status=Status.CLOSED, organiser=world.orgs["研究室"], start=_at(8, 1),
                             title="爱心捐助")
    OutcomeFigure.objects.create(cppcc=world.cppcc, activity=charity2, name="捐款", unit="元", value=Decimal("200000"))
    OutcomeFigure.objects.create(cppcc=world.cppcc, activity=charity2, name="捐助大学生", unit="人", value=264)
    return econ


def test_the_economic_committee_figures_of_the_review(world, year_2023):
    ctx = Context.build(world.cppcc, Period.year(2023), ScopeKind.COMMITTEE, org=year_2023)
    assert compute("activities.count", ctx).value == 7
    assert compute("activities.person_times", ctx).value == 106
    assert compute("activities.speakers", ctx).value == 52
    assert compute("activities.speeches", ctx).value == 52
    assert compute("activities.members", ctx).value >= 52
    assert compute("activities.person_times", ctx).records.count() == 106
    assert sorted(compute("activities.count", ctx).records.values_list("title", flat=True))[0] == "经济委员会学习座谈第1次"


def test_the_same_figures_from_the_selector_with_a_kind_filter(world, year_2023):
    data = selectors.activity_figures(world.cppcc.pk, dt.date(2023, 1, 1), dt.date(2023, 12, 31), organiser=year_2023,
                                      kinds=["symposium"])
    assert (data["activities"], data["person_times"], data["speakers"]) == (7, 106, 52)


def test_outcome_figures_are_summed_by_name_and_unit(world, year_2023):
    ctx = Context.build(world.cppcc, Period.year(2023))
    result = compute("activities.outcomes", ctx)
    parts = {p.key: p.value for p in result.parts}
    assert parts == {"走访农户|户": Decimal("540.00"), "发放调查问卷|份": Decimal("600.00"), "召开座谈会|次": Decimal("20.00"),
                     "捐款|元": Decimal("700000.00"), "捐助大学生|人": Decimal("264.00")}
    assert "走访农户540余户" in result.note and "捐款700000余元" in result.note and "发放调查问卷600份" in result.note
    assert compute("activities.count", ctx).value == 11  # 7 座谈 + 农业委 座谈 + 调研 + 2 公益


def test_a_county_activity_is_not_counted_in_the_city_and_is_counted_in_the_county_scope(world, year_2023, county):
    cw = build_world(county)
    make_activity(cw, kind="home", status=Status.CLOSED, organiser=cw.orgs["经济委员会"], start=_at(5, 5), title="县委员之家活动")
    city_ctx = Context.build(world.cppcc, Period.year(2023))
    assert compute("activities.count", city_ctx).value == 11
    county_ctx = Context(cppcc=county, period=Period.year(2023), scope=Scope(ScopeKind.COUNTY, county), viewer_cppcc=world.cppcc)
    assert compute("activities.count", county_ctx).value == 1
