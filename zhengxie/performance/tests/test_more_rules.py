"""优秀提案, 表彰, 文史资料 and the kinds not counted for points: each explained by the recompute, pointing to its source."""
import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.roles import Role
from zhengxie.performance import services
from zhengxie.performance.models import Award, CultureContribution, ScoreEntry

from .conftest import YEAR


@pytest.fixture
def staff(facts):
    return facts.world.users[Role.COMMITTEE_STAFF]


def entries(member, rule_prefix):
    return list(ScoreEntry.objects.filter(member=member, year=YEAR, rule__startswith=rule_prefix))


def recompute(facts, staff):
    services.score_recompute(cppcc=facts.world.cppcc, year=YEAR, by=staff)


def _award_round(facts, *, status, state):
    from zhengxie.appraisals.models import AwardRound, AwardStatus, Nomination

    r = AwardRound.objects.create(cppcc=facts.world.cppcc, year=YEAR, status=getattr(AwardStatus, status))
    Nomination.objects.create(round=r, kind=Nomination.Kind.PROPOSAL, proposal=facts.proposal,
                              state=getattr(Nomination.State, state))


def test_an_excellent_proposal_scores_its_lead_and_confirmed_cosigners(facts, staff):
    _award_round(facts, status="APPROVED", state="SELECTED")  # the approved 年度好提案 list of zhengxie.appraisals
    recompute(facts, staff)
    [lead] = entries(facts.alice, "proposal.excellent")
    [cosign] = entries(facts.bob, "proposal.excellent")
    assert (lead.rule, lead.points, cosign.rule, cosign.points) == ("proposal.excellent_lead", 10, "proposal.excellent_cosign", 2)
    assert f"评为{YEAR}年度优秀提案（领衔）" in lead.explanation and "关于加强社区养老服务的建议" in lead.explanation
    assert lead.source_type.get_object_for_this_type(pk=lead.source_id) == facts.proposal


def test_a_nomination_not_yet_approved_gives_no_excellent_points(facts, staff):
    _award_round(facts, status="NOMINATING", state="NOMINATED")
    recompute(facts, staff)
    assert entries(facts.alice, "proposal.excellent") == []


def test_an_award_entered_by_staff_is_scored_by_level_with_its_document(facts, staff):
    award = services.award_record(member=facts.bob, by=staff, data={
        "title": "优秀政协委员", "level": "city", "awarded_on": f"{YEAR}-12-20", "source_document": "长政协发〔2025〕12号"})
    services.award_record(member=facts.bob, by=staff, data={
        "title": "全国政协委员履职先进个人", "level": "national", "awarded_on": f"{YEAR - 1}-06-01", "source_document": "全国政协通报"})
    recompute(facts, staff)
    [e] = entries(facts.bob, "award.")
    assert e.rule == "award.city" and e.points == 10 and e.fact_date == dt.date(YEAR, 12, 20)
    assert e.explanation.startswith(f"{YEAR}-12-20获市级表彰「优秀政协委员」（长政协发〔2025〕12号）")
    assert e.source_type.get_object_for_this_type(pk=e.source_id) == award


def test_an_award_needs_its_title_level_date_and_document(facts, staff):
    good = {"title": "优秀政协委员", "level": "city", "awarded_on": f"{YEAR}-12-20", "source_document": "长政协发〔2025〕12号"}
    for field, value, message in [("title", "", "请填写表彰名称"), ("level", "world", "请选择表彰级别"),
                                  ("source_document", " ", "请填写表彰文件"), ("awarded_on", "去年", "请填写有效的表彰日期")]:
        with pytest.raises(ApplicationError, match=message):
            services.award_record(member=facts.bob, by=staff, data={**good, field: value})
    assert not Award.objects.exists()
    with pytest.raises(PermissionDenied):
        services.award_record(member=facts.bob, by=facts.world.users[Role.MEMBER], data=good)


def test_only_an_adopted_culture_contribution_scores(facts, staff):
    adopted = services.culture_record(member=facts.alice, by=staff, data={
        "title": "上党梆子百年传承记", "publication": "《长治文史资料》第三十辑", "adopted": "1", "adopted_on": f"{YEAR}-09-10"})
    services.culture_record(member=facts.alice, by=staff, data={"title": "太行山区抗战往事", "year": YEAR})
    with pytest.raises(ApplicationError, match="请填写有效的录用日期"):
        services.culture_record(member=facts.alice, by=staff, data={"title": "无日期", "adopted": "1"})
    recompute(facts, staff)
    [e] = entries(facts.alice, "culture.")
    assert e.points == 10 and e.explanation.startswith(f"文史资料稿件《上党梆子百年传承记》{YEAR}-09-10录用，收入《长治文史资料》第三十辑")
    assert e.source_type.get_object_for_this_type(pk=e.source_id) == adopted
    assert CultureContribution.objects.count() == 2


def test_a_kind_not_counted_for_points_gives_no_points_but_keeps_the_attendance(facts, staff):
    recompute(facts, staff)
    before = sum(e.points for e in entries(facts.alice, "public."))
    assert before == Decimal(10)
    facts.world.kind("public").__class__.objects.filter(pk=facts.world.kind("public").pk).update(counts_for_points=False)
    recompute(facts, staff)
    assert entries(facts.alice, "public.") == []


def test_staff_record_and_delete_awards_from_the_dossier_and_a_frozen_year_refuses(facts, staff, login):
    c = login(staff)
    url = reverse("performance:dossier", args=[facts.bob.pk])
    r = c.post(reverse("performance:award_add", args=[facts.bob.pk]), {"title": "", "level": "city"})
    assert r.status_code == 400 and "请填写表彰名称" in r.content.decode()
    r = c.post(reverse("performance:award_add", args=[facts.bob.pk]), {
        "title": "优秀政协委员", "level": "city", "awarded_on": f"{YEAR}-12-20", "source_document": "长政协发〔2025〕12号"}, follow=True)
    html = r.content.decode()
    assert "已登记表彰" in html and "获市级表彰「优秀政协委员」" in html
    r = c.post(reverse("performance:culture_add", args=[facts.bob.pk]), {
        "title": "上党梆子百年传承记", "adopted": "1", "adopted_on": f"{YEAR}-09-10"}, follow=True)
    assert "《上党梆子百年传承记》" in r.content.decode()
    award = Award.objects.get()
    recompute(facts, staff)
    services.year_freeze(cppcc=facts.world.cppcc, year=YEAR, by=facts.world.users[Role.LEADER])
    r = c.post(reverse("performance:award_delete", args=[award.pk]))
    assert r.status_code == 400 and "已冻结" in r.content.decode() and Award.objects.exists()
    services.year_reopen(cppcc=facts.world.cppcc, year=YEAR, reason="补登表彰", by=facts.world.users[Role.LEADER])
    assert c.post(reverse("performance:award_delete", args=[award.pk])).status_code == 302
    assert not Award.objects.exists()
    recompute(facts, staff)  # the ledger follows at the next recompute
    assert "获市级表彰「优秀政协委员」" not in c.get(url).content.decode()
    member = login(facts.world.users[Role.MEMBER])
    assert member.post(reverse("performance:award_add", args=[facts.alice.pk]), {"title": "x"}).status_code == 403
