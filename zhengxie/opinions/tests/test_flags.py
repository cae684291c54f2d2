"""抄袭/不实认定 (domain.md §4.5): flag with reason and evidence, penalty on authors and unit, revoke with reason,
recompute keeps it, a frozen year is unchanged without a logged reopen."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.models import AuditLog, Event
from zhengxie.core.roles import Role
from zhengxie.notifications.models import Notification
from zhengxie.opinions import scoring, services
from zhengxie.opinions.models import OpinionFlag, ScoreEntry
from zhengxie.opinions.tests.builders import make_opinion
from zhengxie.opinions.tests.test_scoring import ledger_tuples, totals
from zhengxie.opinions.workflow import Status

D = dt.date


DEC_20 = D(2023, 12, 20)


def flag(w, key="a", by=Role.INFO_EDITOR, day=DEC_20, **extra):
    args = dict(kind=OpinionFlag.Kind.PLAGIARISM, reason="第二、三段与某报2023年5月报道雷同",
                evidence="某报2023年5月12日第3版《高标准农田管护难》", date=day)
    args.update(extra)
    return services.opinion_flag(opinion=w.items[key], by=w.users[by], **args)


def test_a_flag_takes_the_items_points_away_and_charges_the_penalty_to_authors_and_unit(facts):
    w = facts
    scoring.score_recompute(cppcc=w.cppcc, year=2023, by=w.users[Role.INFO_EDITOR])
    assert totals(w, "party") == {"民盟市委会": 63}
    outcome = flag(w)
    assert outcome.recomputed == [2023] and outcome.frozen == []
    people = totals(w, "person")
    assert people[w.users[Role.MEMBER].name] == 3 + 3 - 5  # c and d remain; a is disqualified and penalised
    assert people[w.users[Role.STANDING_MEMBER].name] == -5  # co-author of a
    assert totals(w, "party") == {"民盟市委会": -5}  # the 报送单位 of a
    lines = ScoreEntry.objects.filter(opinion=w.items["a"])
    assert {(x.rule, x.points, x.fact_date) for x in lines} == {("penalty.plagiarism", -5, D(2023, 12, 20))}
    assert scoring.fact_label(lines.first()).startswith("抄袭认定：第二、三段")


def test_a_flag_is_recorded_on_the_timeline_the_audit_log_and_tells_the_authors(facts,
                                                                                django_capture_on_commit_callbacks):
    w = facts
    with django_capture_on_commit_callbacks(execute=True):
        flag(w)
    a = w.items["a"]
    event = Event.objects.get(object_id=str(a.pk), verb="opinion.flag")
    assert "认定为抄袭" in event.message and event.actor == w.users[Role.INFO_EDITOR]
    assert AuditLog.objects.filter(action="opinion.flag", object_id=str(a.pk)).exists()
    f = OpinionFlag.objects.get(opinion=a)
    assert f.flagged_by == w.users[Role.INFO_EDITOR] and f.flagged_at and f.evidence.startswith("某报")
    told = set(Notification.objects.filter(title__contains="被认定为抄袭").values_list("recipient_id", flat=True))
    assert told == {w.users[Role.MEMBER].pk, w.users[Role.STANDING_MEMBER].pk}


def test_a_recompute_keeps_the_penalty(facts):
    w = facts
    editor = w.users[Role.INFO_EDITOR]
    flag(w)
    scoring.score_recompute(cppcc=w.cppcc, year=2023, by=editor)
    first = ledger_tuples(w.cppcc, 2023)
    scoring.score_recompute(cppcc=w.cppcc, year=2023, by=editor)
    assert ledger_tuples(w.cppcc, 2023) == first
    assert ScoreEntry.objects.filter(opinion=w.items["a"], rule="penalty.plagiarism").count() == 3  # 2 authors + unit


def test_revoking_needs_a_reason_and_gives_the_points_back(facts):
    w = facts
    scoring.score_recompute(cppcc=w.cppcc, year=2023, by=w.users[Role.INFO_EDITOR])
    flag(w)
    approver = w.users[Role.INFO_APPROVER]
    with pytest.raises(ApplicationError, match="请填写撤销理由"):
        services.opinion_unflag(opinion=w.items["a"], by=approver, reason="  ")
    outcome = services.opinion_unflag(opinion=w.items["a"], by=approver, reason="经核实系作者原创")
    assert outcome.recomputed == [2023]
    assert totals(w, "party") == {"民盟市委会": 63}
    f = OpinionFlag.objects.get(opinion=w.items["a"])
    assert f.revoked_by == approver and f.revoke_reason == "经核实系作者原创" and not f.in_force
    assert Event.objects.filter(object_id=str(w.items["a"].pk), verb="opinion.unflag").exists()
    with pytest.raises(ApplicationError, match="没有生效的抄袭/不实认定"):
        services.opinion_unflag(opinion=w.items["a"], by=approver, reason="再撤一次")
    flag(w, kind=OpinionFlag.Kind.FALSE)  # after a revocation the item may be flagged again
    assert OpinionFlag.objects.filter(opinion=w.items["a"]).count() == 2


def test_a_frozen_year_is_unchanged_by_a_flag_until_a_logged_reopen(facts):
    w = facts
    editor, approver = w.users[Role.INFO_EDITOR], w.users[Role.INFO_APPROVER]
    scoring.score_recompute(cppcc=w.cppcc, year=2023, by=editor)
    scoring.score_freeze(cppcc=w.cppcc, year=2023, by=approver)
    before = ledger_tuples(w.cppcc, 2023)
    outcome = flag(w)
    assert outcome.frozen == [2023] and outcome.recomputed == [] and "2023年度计分已冻结，未改变" in outcome.message
    assert ledger_tuples(w.cppcc, 2023) == before
    with pytest.raises(ApplicationError, match="已冻结"):
        scoring.score_recompute(cppcc=w.cppcc, year=2023, by=editor)
    scoring.score_reopen(cppcc=w.cppcc, year=2023, by=approver, reason="抄袭认定，调整得分")
    scoring.score_recompute(cppcc=w.cppcc, year=2023, by=editor)
    assert totals(w, "party") == {"民盟市委会": -5}


def test_the_penalty_falls_in_the_flags_year_and_the_earlier_year_loses_the_points(facts):
    w = facts
    editor = w.users[Role.INFO_EDITOR]
    scoring.score_recompute(cppcc=w.cppcc, year=2023, by=editor)
    scoring.score_recompute(cppcc=w.cppcc, year=2024, by=editor)
    outcome = flag(w, day=D(2024, 3, 1))
    assert outcome.recomputed == [2023, 2024]
    assert totals(w, "party") == {}  # 2023: the item's 63 points are gone, no penalty in 2023
    assert totals(w, "party", year=2024) == {"民盟市委会": -5}


@pytest.mark.parametrize("field,value,message", [
    ("reason", " ", "请填写认定理由"),
    ("evidence", "", "请填写证据/依据"),
    ("kind", "rumour", "请选择认定类型"),
    ("date", D(2100, 1, 1), "认定日期不能晚于今天"),
])
def test_bad_input_is_refused_in_chinese_and_nothing_is_written(facts, field, value, message):
    w = facts
    with pytest.raises(ApplicationError, match=message):
        flag(w, **{field: value})
    assert not OpinionFlag.objects.exists()
    assert not Event.objects.filter(verb="opinion.flag").exists()


def test_an_item_cannot_be_flagged_twice(facts):
    w = facts
    flag(w)
    with pytest.raises(ApplicationError, match="不能重复认定"):
        flag(w, by=Role.INFO_APPROVER)
    assert OpinionFlag.objects.count() == 1


ROLES = [Role.INFO_EDITOR, Role.INFO_APPROVER, Role.LEADER, Role.ADMIN, Role.MEMBER, Role.INFORMANT,
         Role.ORG_SUBMITTER, Role.PROPOSAL_STAFF]


@pytest.mark.parametrize("state", list(Status.values))
@pytest.mark.parametrize("role", ROLES)
def test_who_may_flag_in_each_state(facts, state, role):
    w = facts
    o = make_opinion(w, status=state, title=f"状态{state}的信息")
    allowed = role in (Role.INFO_EDITOR, Role.INFO_APPROVER) and state != Status.DRAFT
    from zhengxie.opinions import permissions

    assert permissions.can_flag(w.users[role], o) is allowed
    if allowed:
        services.opinion_flag(opinion=o, by=w.users[role], kind="false", reason="数据与统计局公布不符", evidence="统计公报")
        assert OpinionFlag.objects.filter(opinion=o).count() == 1
    else:
        with pytest.raises(PermissionDenied):
            services.opinion_flag(opinion=o, by=w.users[role], kind="false", reason="数据不符", evidence="统计公报")
        assert not OpinionFlag.objects.filter(opinion=o).exists()


def test_a_county_editor_cannot_flag_a_city_item(facts, county):
    from zhengxie.opinions.tests.builders import build_world

    cw = build_world(county)
    with pytest.raises(PermissionDenied):
        services.opinion_flag(opinion=facts.items["a"], by=cw.users[Role.INFO_EDITOR], kind="false", reason="不实",
                              evidence="核实")


# Pages ----------------------------------------------------------------------------------------------
def test_the_editor_flags_and_revokes_from_the_detail_page(facts, login):
    w = facts
    a = w.items["a"]
    c = login(w.users[Role.INFO_EDITOR])
    assert "认定抄袭或内容不实（扣分）" in c.get(f"/opinions/{a.pk}/").content.decode()
    r = c.post(f"/opinions/{a.pk}/flag/", {"kind": "plagiarism", "reason": "与网络文章雷同", "evidence": "某网站文章链接",
                                           "date": "2023-12-20"}, follow=True)
    html = r.content.decode()
    assert "已认定，该信息不再计分" in html and "已认定抄袭" in html and "撤销认定" in html
    r = c.post(f"/opinions/{a.pk}/unflag/", {"reason": ""}, follow=True)
    assert "请填写撤销理由" in r.content.decode()
    r = c.post(f"/opinions/{a.pk}/unflag/", {"reason": "认定有误"}, follow=True)
    assert "已撤销认定" in r.content.decode() and "认定有误" in r.content.decode()


def test_the_author_sees_the_flag_but_may_not_flag(facts, login):
    w = facts
    a = w.items["a"]
    flag(w)
    c = login(w.users[Role.MEMBER])
    html = c.get(f"/opinions/{a.pk}/").content.decode()
    assert "已认定抄袭" in html and "第二、三段与某报2023年5月报道雷同" in html and "确认认定" not in html
    assert c.post(f"/opinions/{a.pk}/unflag/", {"reason": "不服"}).status_code == 403
    assert OpinionFlag.objects.get(opinion=a).in_force
