"""The pages and htmx partials per role: 写提案 form, detail panel, compare, 并案 groups (+ .xlsx), 交办, 督办审核."""
from __future__ import annotations

import pytest
from django.urls import reverse

from zhengxie.core.roles import Role
from zhengxie.proposals.models import Assignment, Reply
from zhengxie.proposals.tests.builders import assign, build_world
from zhengxie.proposals.workflow import Status

from .product import EDUCATION, PARKING, PARKING_2, make

S = Status


@pytest.fixture
def w(city, settings, tmp_path):
    settings.VAR_DIR = tmp_path  # no routing model trained by another test
    return build_world(city)


@pytest.fixture
def as_user(client, password):
    def do(user):
        client.logout()
        assert client.login(username=user.username, password=password)
        return client

    return do


def test_the_proposal_form_shows_similar_proposals_while_typing(w, as_user):
    visible = make(w, PARKING_2, status=S.FILED, number=3)
    hidden = make(w, PARKING, status=S.UNDER_REVIEW)
    c = as_user(w.users[Role.MEMBER])
    page = c.get(reverse("proposals:create"))
    assert page.status_code == 200 and reverse("intelligence:similar_typing") in page.content.decode()
    r = c.post(reverse("intelligence:similar_typing"), {"title": PARKING["title"], "situation": PARKING["situation"],
                                                        "suggestions": PARKING["suggestions"], "exclude": ""})
    html = r.content.decode()
    assert r.status_code == 200 and visible.title in html and "<mark>" in html
    assert f"/proposals/{hidden.pk}/" not in html
    empty = c.post(reverse("intelligence:similar_typing"), {"title": "", "exclude": ""}).content.decode()
    assert "填写案由和正文后" in empty


def test_detail_panel_and_compare_page(w, as_user):
    a, b = make(w, PARKING, status=S.FILED, number=1), make(w, PARKING_2, status=S.FILED, number=2)
    c = as_user(w.users[Role.PROPOSAL_STAFF])
    detail = c.get(reverse("proposals:detail", args=[a.pk])).content.decode()
    assert reverse("intelligence:similar_for", args=[a.pk]) in detail and "相似提案" in detail
    panel = c.get(reverse("intelligence:similar_for", args=[a.pk])).content.decode()
    assert b.title in panel and reverse("intelligence:compare", args=[a.pk, b.pk]) in panel
    page = c.get(reverse("intelligence:compare", args=[a.pk, b.pk]))
    assert page.status_code == 200 and page.content.decode().count("<mark>") >= 2


def test_compare_refuses_a_proposal_the_user_may_not_see(w, as_user):
    mine = make(w, PARKING, status=S.SUBMITTED, proposer=Role.MEMBER)
    other = make(w, PARKING_2, status=S.UNDER_REVIEW)
    c = as_user(w.users[Role.MEMBER])
    assert c.get(reverse("intelligence:compare", args=[mine.pk, other.pk])).status_code == 404
    assert as_user(w.users[Role.HANDLING_UNIT]).get(reverse("intelligence:compare", args=[mine.pk, other.pk])).status_code == 403


def test_groups_page_with_export_for_staff_only(w, as_user):
    a, b = make(w, PARKING), make(w, PARKING_2)
    make(w, EDUCATION)
    c = as_user(w.users[Role.PROPOSAL_STAFF])
    r = c.get(reverse("intelligence:groups"), {"meeting": w.meeting.pk, "threshold": "0.3"})
    html = r.content.decode()
    assert r.status_code == 200 and "第1组" in html and a.title in html and b.title in html and EDUCATION["title"] not in html
    assert reverse("intelligence:compare", args=[a.pk, b.pk]) in html or reverse("intelligence:compare", args=[b.pk, a.pk]) in html
    assert "审查/并案" in html
    x = c.get(reverse("intelligence:groups"), {"meeting": w.meeting.pk, "threshold": "0.3", "format": "xlsx"})
    assert x.status_code == 200 and x["Content-Type"].startswith("application/vnd.openxmlformats")
    for role in (Role.MEMBER, Role.HANDLING_UNIT):
        assert as_user(w.users[role]).get(reverse("intelligence:groups")).status_code == 403


def test_review_page_links_the_groups(w, as_user):
    make(w, PARKING, status=S.UNDER_REVIEW)
    html = as_user(w.users[Role.PROPOSAL_STAFF]).get(reverse("proposals:review_detail", args=[w.review.pk])).content.decode()
    assert reverse("intelligence:groups") in html and reverse("intelligence:similar_for", args=[1]).rsplit("1/", 1)[0] in html


def test_assign_form_offers_ranked_units(w, as_user):
    w.gov_unit.duty = "负责全市教育事业发展规划、教师队伍建设和中小学教师招聘。"
    w.gov_unit.save()
    p = make(w, EDUCATION, status=S.FILED, number=5)
    c = as_user(w.users[Role.PROPOSAL_STAFF])
    detail = c.get(reverse("proposals:detail", args=[p.pk])).content.decode()
    assert reverse("intelligence:units", args=[p.pk]) in detail
    html = c.get(reverse("intelligence:units", args=[p.pk])).content.decode()
    assert f'data-fill-unit="{w.gov_unit.pk}"' in html and "市教育局" in html and "教师" in html
    assert as_user(w.users[Role.HANDLING_UNIT]).get(reverse("intelligence:units", args=[p.pk])).status_code == 403


def _auditing(w, body):
    p = make(w, EDUCATION, status=S.ANSWER_COSIGNED, number=9)
    a = assign(p, w.gov_unit, Assignment.Role.SOLE, state=Assignment.State.REPLIED)
    Reply.objects.create(assignment=a, round=1, body=body, proposed_class="", signer="李局长", signer_level="principal",
                         state=Reply.State.AUDITING)
    return p


def test_reply_hints_on_the_audit_form_and_for_staff(w, as_user):
    p = _auditing(w, "您的提案已收悉，感谢您对教育工作的关心和支持！已转相关部门研究办理。")
    reviewer = as_user(w.users[Role.SUPERVISING_OFFICE])  # government unit → 政府督查室 audits
    detail = reviewer.get(reverse("proposals:detail", args=[p.pk])).content.decode()
    assert 'data-action="audit"' in detail and reverse("intelligence:hints", args=[p.pk]) in detail
    hints = reviewer.get(reverse("intelligence:hints", args=[p.pk])).content.decode()
    assert "答复过于简短" in hints and "缺少具体措施/时间安排" in hints and "市教育局" in hints
    # 提案委 (not the reviewer here) sees the same hints as a panel of the detail page
    staff_page = as_user(w.users[Role.PROPOSAL_STAFF]).get(reverse("proposals:detail", args=[p.pk])).content.decode()
    assert "答复质量提示" in staff_page and "答复过于简短" in staff_page
    # the handling unit and the proposer see none of it
    for role in (Role.HANDLING_UNIT, Role.STANDING_MEMBER):
        user_page = as_user(w.users[role]).get(reverse("proposals:detail", args=[p.pk])).content.decode()
        assert "答复质量提示" not in user_page
    unit_page = as_user(w.users[Role.HANDLING_UNIT]).get(reverse("proposals:detail", args=[p.pk])).content.decode()
    assert reverse("intelligence:similar_for", args=[p.pk]) not in unit_page  # no similar proposals for units either
    assert as_user(w.users[Role.HANDLING_UNIT]).get(reverse("intelligence:hints", args=[p.pk])).status_code == 403


def test_min_chars_is_configurable(w, as_user):
    from zhengxie.core.models import ConfigValue

    body = ("经研究，我局已于今年3月启动乡村学校音体美教师专项招聘，计划招聘120名，年底前全部到岗；"
            "同时推行县域内教师走教制度，已在3个县试点。")
    p = _auditing(w, body)
    c = as_user(w.users[Role.SUPERVISING_OFFICE])
    assert "答复过于简短" in c.get(reverse("intelligence:hints", args=[p.pk])).content.decode()
    import datetime as dt

    ConfigValue.objects.create(cppcc=w.cppcc, key="intelligence.hints_min_chars", value=40, valid_from=dt.date(2000, 1, 1))
    assert "答复过于简短" not in c.get(reverse("intelligence:hints", args=[p.pk])).content.decode()


def test_status_page(w, as_user):
    make(w, PARKING)
    r = as_user(w.users[Role.PROPOSAL_STAFF]).get(reverse("intelligence:status"))
    assert r.status_code == 200 and "1 件提案" in r.content.decode()
