"""Pages and /api/v1/opinions/: one allowed and one refused case per action, scoped per 政协."""
from __future__ import annotations

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from zhengxie.core.roles import Role
from zhengxie.core.testing import make_user
from zhengxie.opinions.workflow import Status

from .builders import arrange, build_world, make_issue, make_opinion

API = "/api/v1/opinions"


@pytest.fixture
def w(city):
    return build_world(city)


def post(client, url, data=None):
    return client.post(url, data=json.dumps(data or {}), content_type="application/json")


CASES = {
    # action: (state, allowed role, refused role, path, body)
    "submit": (Status.DRAFT, Role.MEMBER, Role.INFO_EDITOR, "submit", {}),
    "resubmit": (Status.RETURNED, Role.INFORMANT, Role.INFO_EDITOR, "resubmit", {}),
    "accept": (Status.SUBMITTED, Role.INFO_EDITOR, Role.MEMBER, "accept", {"text": ""}),
    "return": (Status.SUBMITTED, Role.INFO_EDITOR, Role.INFO_APPROVER, "return", {"text": "请补充数据"}),
    "not_use": (Status.SUBMITTED, Role.INFO_EDITOR, Role.LEADER, "not-use", {"text": "属于一般工作情况"}),
    "edit": (Status.ACCEPTED, Role.INFO_EDITOR, Role.INFO_APPROVER, "edit",
             {"title": "编辑稿", "situation": "情况", "analysis": "分析", "suggestions": "建议"}),
    "report_up": (Status.ACCEPTED, Role.INFO_EDITOR, Role.LEADER, "report-up", {"target": "provincial"}),
    "adopt": (Status.EDITED, Role.INFO_EDITOR, Role.ADMIN, "adopt",
              {"level": "national", "mode": "single", "adopted_at": "2023-06-01", "source_document": "全国政协采用通报"}),
    "instruct": (Status.ISSUED, Role.LEADER, Role.MEMBER, "instruct",
                 {"leader_name": "李市长", "leader_level": "prefectural", "date": "2023-06-01"}),
}


@pytest.mark.parametrize("action", sorted(CASES))
def test_each_api_action_is_allowed_for_its_role_and_refused_for_another(w, client, login, action):
    state, good, bad, path, body = CASES[action]
    o = arrange(w, state, good)
    login(w.users[bad])
    refused = post(client, f"{API}/{o.pk}/{path}", body)
    assert refused.status_code in (403, 404), refused.content
    client.logout()
    login(w.users[good])
    ok = post(client, f"{API}/{o.pk}/{path}", body)
    assert ok.status_code == 200, ok.content.decode()


def test_signing_an_issue_through_the_api_is_for_the_approver(w, client, login):
    issue = make_issue(w)
    from .builders import make_article

    make_article(w, [arrange(w, Status.IN_ISSUE, Role.MEMBER)], issue=issue)
    login(w.users[Role.INFO_EDITOR])
    assert post(client, f"{API}/issues/{issue.pk}/sign").status_code == 403
    client.logout()
    login(w.users[Role.INFO_APPROVER])
    r = post(client, f"{API}/issues/{issue.pk}/sign")
    assert r.status_code == 200 and r.json()["number"] == 1
    again = post(client, f"{API}/issues/{issue.pk}/sign")
    assert again.status_code == 400 and "不能重复签发" in again.json()["detail"]


def test_a_submit_with_missing_elements_is_a_chinese_400(w, client, login):
    o = make_opinion(w, analysis="")
    login(w.users[Role.MEMBER])
    r = post(client, f"{API}/{o.pk}/submit")
    assert r.status_code == 400 and "原因分析" in r.json()["detail"]


def test_the_api_list_is_scoped_to_the_users_cppcc(w, client, login, county):
    make_opinion(w, status=Status.SUBMITTED)
    login(make_user(county, "editor-c", roles=[Role.INFO_EDITOR]))
    assert client.get(f"{API}/").json()["count"] == 0


def test_pages_show_the_item_to_its_author_and_refuse_others(w, client, login, county):
    o = make_opinion(w, status=Status.SUBMITTED)
    login(w.users[Role.MEMBER])
    page = client.get(reverse("opinions:detail", args=[o.pk]))
    assert page.status_code == 200 and o.title in page.content.decode()
    assert client.get(reverse("opinions:mine")).status_code == 200
    assert client.get(reverse("opinions:list")).status_code == 403
    client.logout()
    login(w.users[Role.INFORMANT])
    assert client.get(reverse("opinions:detail", args=[o.pk])).status_code == 404
    client.logout()
    login(make_user(county, "editor-c2", roles=[Role.INFO_EDITOR]))
    assert client.get(reverse("opinions:detail", args=[o.pk])).status_code == 404


def test_the_editor_queue_lists_items_to_screen_with_similar_items_on_the_detail(w, client, login):
    o = make_opinion(w, status=Status.SUBMITTED, received_at=timezone.now())
    login(w.users[Role.INFO_EDITOR])
    assert o.title in client.get(reverse("opinions:queue")).content.decode()
    assert "情况/问题" in client.get(reverse("opinions:detail", args=[o.pk])).content.decode()
    assert client.get(reverse("opinions:issues")).status_code == 200


def test_a_text_search_of_the_list_says_how_many_it_found_and_when_there_are_more(w, client, login, monkeypatch):
    from zhengxie import textindex
    from zhengxie.textindex import selectors as text_selectors

    for i in range(3):
        textindex.index(make_opinion(w, status=Status.SUBMITTED, title=f"关于农田管护的建议（{i + 1}）"))
    login(w.users[Role.INFO_EDITOR])
    html = client.get(reverse("opinions:list"), {"q": "农田"}).content.decode()
    assert "找到 <strong>3</strong> 篇" in html and "超过" not in html
    monkeypatch.setattr(text_selectors, "COUNT_LIMIT", 2)
    html = client.get(reverse("opinions:list"), {"q": "农田"}).content.decode()
    assert "找到超过 <strong>2</strong> 篇，列出前 2 篇" in html and "缩小范围" in html
    body = client.get(f"{API}/", {"q": "农田"}).json()
    assert body["count"] == 2 and body["count_capped"] is True
    assert client.get(f"{API}/").json()["count_capped"] is False
