"""表决: creating, opening, casting once, anonymity, results and quorum."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.models import AuditLog, Event
from zhengxie.core.roles import Role
from zhengxie.votes import selectors, services
from zhengxie.votes.models import Ballot, Participation, Vote
from zhengxie.votes.workflow import Status

from .builders import choices, make_vote, voters

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(persona):
    return persona(Role.PROPOSAL_STAFF)


def test_a_new_vote_takes_default_options_and_quorum(staff, city):
    v = make_vote(staff, voters(city, 3), open_=False)
    assert v.status == Status.DRAFT
    assert [label for _, label in v.options] == ["满意", "基本满意", "不满意", "弃权"]
    assert v.quorum_label == "2/3"
    assert [i.title for i in v.items.all()] == ["市教育局", "市交通运输局"]


@pytest.mark.parametrize("kw, message", [
    ({"title": ""}, "请填写表决名称"),
    ({"items": []}, "至少填写一个表决事项"),
    ({"items": ["甲", "甲"]}, "不能重复"),
    ({"quorum": "3/2"}, "法定比例"),
    ({"quorum": "三分之二"}, "法定比例"),
    ({"options": [["yes", "同意"]]}, "至少需要两个选项"),
])
def test_bad_input_is_refused_in_chinese_and_nothing_is_written(staff, city, kw, message):
    params = {"title": "评议", "items": ["甲"], "electors": voters(city, 1)} | kw
    with pytest.raises(ApplicationError, match=message):
        services.vote_create(by=staff, **params)
    assert not Vote.objects.exists()


def test_a_member_cannot_create_a_vote(persona, city):
    with pytest.raises(ApplicationError):
        services.vote_create(by=persona(Role.MEMBER), title="x", items=["甲"])


def test_electors_of_another_cppcc_are_refused(staff, county):
    with pytest.raises(ApplicationError, match="本政协"):
        services.vote_create(by=staff, title="x", items=["甲"], electors=voters(county, 1, "c"))


def test_opening_needs_electors(staff):
    v = services.vote_create(by=staff, title="x", items=["甲"])
    with pytest.raises(ApplicationError, match="投票人"):
        services.vote_open(by=staff, vote=v)
    v.refresh_from_db()
    assert v.status == Status.DRAFT


def test_opening_notifies_the_electors(staff, city, django_capture_on_commit_callbacks):
    from zhengxie.notifications.models import Notification

    people = voters(city, 2)
    with django_capture_on_commit_callbacks(execute=True):
        make_vote(staff, people)
    assert Notification.objects.filter(recipient__in=people, title__contains="请参加表决").count() == 2


def test_an_elector_votes_once_and_a_second_ballot_is_refused(staff, city):
    people = voters(city, 3)
    v = make_vote(staff, people)
    services.vote_cast(by=people[0], vote=v, choices=choices(v, "satisfied", "basic"))
    with pytest.raises(ApplicationError, match="已经投过票"):
        services.vote_cast(by=people[0], vote=v, choices=choices(v, "unsatisfied"))
    assert Participation.objects.filter(vote=v).count() == 1
    assert Ballot.objects.filter(vote=v).count() == 2


def test_a_ballot_is_never_traceable_to_the_voter(staff, city):
    people = voters(city, 2)
    v = make_vote(staff, people)
    services.vote_cast(by=people[0], vote=v, choices=choices(v, "unsatisfied"))
    ballot_fields = {f.name for f in Ballot._meta.get_fields()}
    assert ballot_fields == {"id", "vote", "item", "option"}  # no voter, no time
    part_fields = {f.name for f in Participation._meta.get_fields()}
    assert part_fields == {"id", "vote", "voter"}  # who voted, not what, not when
    audit = AuditLog.objects.get(action="vote.cast")
    assert audit.actor == people[0]
    assert audit.changes == {} and audit.before == audit.after  # only "投票" on the vote, no choice
    assert "ballot" not in str(audit.after) and str(next(iter(choices(v, "x")))) not in str(audit.changes)
    assert not Event.objects.filter(verb="vote.cast").exists()


@pytest.mark.parametrize("bad, message", [
    ("missing", "请对每一项作出选择"),
    ("unknown_option", "无效的选项"),
    ("foreign_item", "不属于本次表决"),
])
def test_an_incomplete_or_invalid_ballot_writes_nothing(staff, city, bad, message):
    people = voters(city, 2)
    v = make_vote(staff, people)
    c = choices(v, "satisfied")
    if bad == "missing":
        c.pop(next(iter(c)))
    elif bad == "unknown_option":
        c[next(iter(c))] = "great"
    else:
        c["999999"] = "satisfied"
    with pytest.raises(ApplicationError, match=message):
        services.vote_cast(by=people[0], vote=v, choices=c)
    assert not Participation.objects.exists() and not Ballot.objects.exists()


def test_only_electors_vote_and_only_while_open(staff, city, persona):
    people = voters(city, 2)
    v = make_vote(staff, people, open_=False)
    with pytest.raises(ApplicationError, match="不能投票"):
        services.vote_cast(by=people[0], vote=v, choices=choices(v, "satisfied"))
    v = services.vote_open(by=staff, vote=v)
    with pytest.raises(ApplicationError, match="不在本次表决的投票人名单"):
        services.vote_cast(by=persona(Role.MEMBER), vote=v, choices=choices(v, "satisfied"))
    services.vote_close(by=staff, vote=v)
    with pytest.raises(ApplicationError, match="已结束"):
        services.vote_cast(by=people[1], vote=v, choices=choices(v, "satisfied"))


def test_a_ballot_after_the_deadline_is_refused(staff, city):
    people = voters(city, 1)
    v = make_vote(staff, people, closes_at=timezone.now() + dt.timedelta(hours=1))
    Vote.objects.filter(pk=v.pk).update(closes_at=timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(ApplicationError, match="截止"):
        services.vote_cast(by=people[0], vote=v, choices=choices(v, "satisfied"))


def test_results_count_rates_and_rank(staff, city):
    people = voters(city, 6)
    v = make_vote(staff, people)
    # item 1: 满意 3, 基本满意 1, 不满意 1, 弃权 1 → 有效 5, 满意率 80%; item 2: 满意 1, 不满意 4, 弃权 1 → 20%
    plan = [("satisfied", "satisfied"), ("satisfied", "unsatisfied"), ("satisfied", "unsatisfied"),
            ("basic", "unsatisfied"), ("unsatisfied", "unsatisfied"), ("abstain", "abstain")]
    for person, (a, b) in zip(people, plan, strict=True):
        services.vote_cast(by=person, vote=v, choices=choices(v, a, b))
    services.vote_close(by=staff, vote=v)
    res = selectors.results(Vote.objects.get(pk=v.pk))
    first, second = res.items
    assert (first.satisfied, first.basic, first.count("unsatisfied"), first.count("abstain")) == (3, 1, 1, 1)
    assert first.valid == 5 and str(first.satisfaction_rate) == "80.0" and first.rank == 1
    assert second.valid == 5 and str(second.satisfaction_rate) == "20.0" and second.rank == 2
    assert res.quorum_met and res.verdict == "有效" and str(res.turnout_rate) == "100.0"


@pytest.mark.parametrize("n_voted, met", [(5, False), (6, True), (9, True)])
def test_quorum_two_thirds_of_the_electorate(staff, city, n_voted, met):
    people = voters(city, 9)
    v = make_vote(staff, people)
    for person in people[:n_voted]:
        services.vote_cast(by=person, vote=v, choices=choices(v, "satisfied"))
    v = services.vote_close(by=staff, vote=v)
    assert (v.electorate_size, v.voted_count, v.quorum_met) == (9, n_voted, met)
    assert selectors.results(v).verdict == ("有效" if met else "无效（投票人数未达到法定比例）")


def test_quorum_is_configurable(staff, city, admin_user):
    from zhengxie.core import config

    config.config_set(cppcc=city, key="votes.quorum", value="1/2", valid_from=dt.date(2020, 1, 1), by=admin_user)
    v = make_vote(staff, voters(city, 4), open_=False)
    assert (v.quorum_num, v.quorum_den) == (1, 2)


def test_electors_and_items_are_frozen_once_open(staff, city):
    people = voters(city, 2)
    v = make_vote(staff, people)
    with pytest.raises(ApplicationError, match="不能再修改"):
        services.vote_update(by=staff, vote=v, items=["丙"])


def test_a_handling_unit_cannot_close_a_vote(staff, city, persona):
    v = make_vote(staff, voters(city, 1))
    with pytest.raises(PermissionDenied):
        services.vote_close(by=persona(Role.HANDLING_UNIT), vote=v)
