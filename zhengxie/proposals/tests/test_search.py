"""Full-text search of proposals through zhengxie.textindex, always inside the user's scope."""
from __future__ import annotations

import pytest

from zhengxie import textindex
from zhengxie.core.roles import Role
from zhengxie.proposals import search, selectors
from zhengxie.proposals.models import Assignment, Proposal
from zhengxie.proposals.workflow import Status

from .builders import assign, build_world, make_proposal

S = Status


@pytest.fixture
def w(city):
    return build_world(city)


def mk(w, *, situation, suggestions, **kw):
    p = make_proposal(w, **kw)
    Proposal.objects.filter(pk=p.pk).update(situation=situation, suggestions=suggestions, analysis="")
    return p


@pytest.fixture
def corpus(w):
    a = mk(w, status=S.IN_PROGRESS, number=12, title="关于加快老旧小区改造的建议",
                      situation="老旧小区管网老化，加装电梯难。", suggestions="设立改造专项资金。")
    assign(a, w.gov_unit, Assignment.Role.SOLE)
    b = mk(w, proposer=Role.STANDING_MEMBER, status=S.UNDER_REVIEW, title="关于发展社区养老服务的建议",
                      situation="养老服务设施不足。", suggestions="建设社区食堂。")
    c = mk(w, proposer=Role.ORG_SUBMITTER, status=S.FILED, number=13, title="关于推进高标准农田建设的建议",
                      situation="农田水利设施薄弱。", suggestions="整合涉农资金。")
    search.reindex_all(w.cppcc)
    return {"a": a, "b": b, "c": c}


def titles(user, q, **filters):
    return [p.title for p in selectors.proposal_list_for(user, filters={"q": q, **filters})]


def test_proposals_are_registered_with_the_shared_index():
    assert textindex.is_registered(Proposal)
    assert search.FIELDS["title"] == "A" and search.FIELDS["body"] == "C"


def test_staff_find_proposals_by_title_body_proposer_unit_number_and_category(w, corpus):
    staff = w.users[Role.PROPOSAL_STAFF]
    assert titles(staff, "老旧小区") == ["关于加快老旧小区改造的建议"]
    assert titles(staff, "社区食堂") == ["关于发展社区养老服务的建议"]
    assert titles(staff, "民盟") == ["关于推进高标准农田建设的建议"]
    assert titles(staff, "市教育局") == ["关于加快老旧小区改造的建议"]
    assert titles(staff, "0012") == ["关于加快老旧小区改造的建议"]
    assert len(titles(staff, "经济建设")) == 3
    assert titles(staff, "老旧小区 养老") == []


def test_search_keeps_the_users_scope(w, corpus, county):
    member = w.users[Role.MEMBER]
    assert titles(member, "养老服务") == []  # another member's proposal under review
    assert titles(member, "高标准农田") == ["关于推进高标准农田建设的建议"]  # filed and public
    outsider = build_world(county).users[Role.PROPOSAL_STAFF]
    assert titles(outsider, "老旧小区") == []


def test_search_combines_with_the_filters(w, corpus):
    staff = w.users[Role.PROPOSAL_STAFF]
    assert set(titles(staff, "建议", status="filed_all")) == {"关于加快老旧小区改造的建议", "关于推进高标准农田建设的建议"}
    assert titles(staff, "建议", kind="collective") == ["关于推进高标准农田建设的建议"]


def test_reindex_after_commit_picks_up_a_changed_title(w, corpus, django_capture_on_commit_callbacks):
    p = corpus["b"]
    with django_capture_on_commit_callbacks(execute=True):
        Proposal.objects.filter(pk=p.pk).update(title="关于完善居家养老政策的建议")
        search.reindex_proposal(Proposal.objects.get(pk=p.pk))
    staff = w.users[Role.PROPOSAL_STAFF]
    assert titles(staff, "居家养老") == ["关于完善居家养老政策的建议"]


def test_the_search_box_on_the_list_page_uses_the_index(w, corpus, client, password):
    client.login(username=w.users[Role.LEADER].username, password=password)
    html = client.get("/proposals/", {"q": "加装电梯"}).content.decode()
    assert "老旧小区改造" in html and "养老服务" not in html and "按相关程度排序" in html


def test_a_search_with_more_matches_than_are_counted_says_so_on_the_page_and_in_the_api(w, corpus, client, password,
                                                                                      monkeypatch):
    from zhengxie.textindex import selectors as text_selectors

    client.login(username=w.users[Role.PROPOSAL_STAFF].username, password=password)
    html = client.get("/proposals/", {"q": "建议"}).content.decode()
    assert "共 <strong>3</strong> 件，按相关程度排序" in html and "超过" not in html
    monkeypatch.setattr(text_selectors, "COUNT_LIMIT", 2)
    html = client.get("/proposals/", {"q": "建议"}).content.decode()
    assert "找到超过 <strong>2</strong> 件，列出前 2 件" in html and "缩小范围" in html
    body = client.get("/api/v1/proposals/", {"q": "建议"}).json()
    assert body["count"] == 2 and body["count_capped"] is True and len(body["results"]) == 2
    assert client.get("/api/v1/proposals/", {"q": "老旧小区"}).json()["count_capped"] is False


def test_facets_hold_status_year_category_and_meeting(w, corpus):
    facets = search.facets(corpus["a"])
    assert facets == {"status": S.IN_PROGRESS, "year": w.meeting.start_date.year, "category": w.category.pk,
                      "meeting": w.meeting.pk}
