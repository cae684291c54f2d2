"""/api/v1/proposals/: each action once allowed and once refused (the same cases as the pages), lists, detail
with the available actions, drafts, review meetings and batch decisions, Chinese JSON errors."""
from __future__ import annotations

import json

import pytest

from zhengxie.core.roles import Role
from zhengxie.proposals.models import Assignment, ExtensionRequest, Proposal
from zhengxie.proposals.views import actions
from zhengxie.proposals.workflow import Status

from .test_views import CASE_IDS, CASES, _in_progress, a_draft, a_filed, a_under_review, as_user, case_data, w  # noqa: F401

S = Status
API = "/api/v1/proposals/"
SLUG = {"cosign": "reply-cosign", "submit_answer": "reply-submit", "return_answer": "reply-return", "audit": "reply-audit",
        "contact": "contacts", "evaluate_reply": "evaluate"}
DECISIONS = {"file", "merge", "to_suggestion", "to_sqmy", "return", "reject"}


def api_call(case, world) -> tuple[str, dict]:
    """The endpoint and JSON body of a page case."""
    data = case_data(case, world)
    action = case.action
    if action in DECISIONS:
        return "decide", {**data, "decision": action}
    if action == "assign":
        return action, {"plan": [{"unit": data["unit_0"], "role": data["role_0"]}]}
    if action == "reassign":
        return action, {"remove": data["remove"], "add": [{"unit": data["add_unit"], "role": data["add_role"]}]}
    if action == "extension_decide":
        return "extension-decide", {**data, "approve": True}
    if action == "follow_up":
        return "follow-up", {"text": data["text"], "resolved": True}
    return SLUG.get(action, action.replace("_", "-")), data


def post(client, url, body=None):
    return client.post(url, json.dumps(body or {}), content_type="application/json")


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_an_allowed_user_performs_the_action_through_the_api(case, w, as_user):  # noqa: F811
    p = case.arrange(w)
    slug, body = api_call(case, w)
    client = as_user(w.users[case.actor])
    detail = client.get(f"{API}{p.pk}").json()
    assert case.action in [a["code"] for a in detail["actions"]]
    response = post(client, f"{API}{p.pk}/{slug}", body)
    assert response.status_code == 200, response.content.decode()
    assert case.check(Proposal.objects.get(pk=p.pk))


@pytest.mark.parametrize("case", CASES, ids=CASE_IDS)
def test_a_refused_user_gets_a_chinese_403_or_404_from_the_api(case, w, as_user):  # noqa: F811
    p = case.arrange(w)
    slug, body = api_call(case, w)
    before = Proposal.objects.get(pk=p.pk).status
    response = post(as_user(w.users[case.refused]), f"{API}{p.pk}/{slug}", body)
    assert response.status_code in (403, 404)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in response.json()["detail"])
    assert Proposal.objects.get(pk=p.pk).status == before


def test_every_action_has_its_own_endpoint_in_the_openapi_schema(w, as_user):  # noqa: F811
    paths = as_user(w.users[Role.ADMIN]).get("/api/v1/openapi.json").json()["paths"]
    for code in set(actions.SERVICES) - DECISIONS - {"evaluate_reply"}:
        slug = SLUG.get(code, code.replace("_", "-"))
        assert f"/api/v1/proposals/{{pk}}/{slug}" in paths, code


def test_the_detail_lists_exactly_the_buttons_of_the_page(w, as_user):  # noqa: F811
    p = a_under_review(w)
    codes = {a["code"] for a in as_user(w.users[Role.PROPOSAL_STAFF]).get(f"{API}{p.pk}").json()["actions"]}
    assert codes == {"file", "merge", "to_suggestion", "to_sqmy", "return", "withdraw", "reject"}
    assert as_user(w.users[Role.LEADER]).get(f"{API}{p.pk}").json()["actions"] == []


def test_a_service_refusal_is_a_chinese_400_with_the_field(w, as_user):  # noqa: F811
    p = a_under_review(w)
    response = post(as_user(w.users[Role.PROPOSAL_STAFF]), f"{API}{p.pk}/decide",
                    {"decision": "reject", "review": w.review.pk, "text": "空泛"})
    assert response.status_code == 400
    assert response.json()["detail"] == "不予立案须选择理由（不予立案情形）。" and response.json()["field"] == "reason"


def test_the_list_is_paged_filtered_and_scoped(w, as_user):  # noqa: F811
    for i in range(23):
        a_filed(w, title=f"关于第{i}件事的建议", number=i + 1)
    a_under_review(w)
    staff = as_user(w.users[Role.PROPOSAL_STAFF])
    body = staff.get(API).json()
    assert (body["count"], body["num_pages"], len(body["results"])) == (24, 2, 20)
    assert staff.get(API, {"status": "under_review"}).json()["count"] == 1
    assert staff.get(API, {"scope": "queue:to_assign"}).json()["count"] == 23
    assert staff.get(API, {"number": "0007"}).json()["results"][0]["number"] == "第0007号"
    member_view = as_user(w.users[Role.STANDING_MEMBER]).get(API).json()
    assert member_view["count"] == 23  # filed and public; not the one under review
    assert as_user(w.users[Role.HANDLING_UNIT]).get(API).json()["count"] == 0


def test_a_member_creates_and_updates_a_draft_through_the_api(w, as_user):  # noqa: F811
    client = as_user(w.users[Role.MEMBER])
    response = post(client, API, {"title": "关于发展夜间经济的建议", "proposer_type": "individual", "category": w.category.pk,
                                  "situation": "夜间消费不足。", "suggestions": "延长公交运营。"})
    assert response.status_code == 201
    pk = response.json()["id"]
    assert response.json()["status"] == "draft" and "submit" in [a["code"] for a in response.json()["actions"]]
    response = client.patch(f"{API}{pk}", json.dumps({"title": "关于繁荣夜间经济的建议"}), content_type="application/json")
    assert response.status_code == 200 and response.json()["title"] == "关于繁荣夜间经济的建议"
    assert response.json()["suggestions"] == "延长公交运营。"
    response = post(client, API, {"title": "", "proposer_type": "individual"})
    assert response.status_code == 400 and "案由" in response.json()["detail"]
    assert post(as_user(w.users[Role.LEADER]), API, {"title": "x"}).status_code == 403


def test_review_meetings_are_created_and_decide_in_batch_all_or_nothing(w, as_user):  # noqa: F811
    one = a_under_review(w)
    two = Proposal.objects.create(**{f.attname: getattr(one, f.attname) for f in Proposal._meta.concrete_fields
                                     if f.name not in ("id", "receipt_no")}, receipt_no="142-S0009")
    client = as_user(w.users[Role.PROPOSAL_STAFF])
    response = post(client, f"{API}reviews", {"meeting": w.meeting.pk, "date": "2025-03-10", "title": "提案委主任会议"})
    assert response.status_code == 201
    rid = response.json()["id"]
    bad = post(client, f"{API}reviews/{rid}/decide", {"items": [
        {"proposal": one.pk, "decision": "file"}, {"proposal": two.pk, "decision": "return"}]})
    assert bad.status_code == 400 and "退回修改须写明修改意见" in bad.json()["detail"]
    assert set(Proposal.objects.values_list("status", flat=True)) == {S.UNDER_REVIEW}
    ok = post(client, f"{API}reviews/{rid}/decide", {"items": [
        {"proposal": one.pk, "decision": "file"}, {"proposal": two.pk, "decision": "merge", "merged_into": one.pk}]})
    assert ok.status_code == 200 and ok.json()["decided"] == 2
    assert Proposal.objects.get(pk=two.pk).merged_into_id == one.pk
    assert post(as_user(w.users[Role.MEMBER]), f"{API}reviews", {"meeting": w.meeting.pk, "date": "2025-03-10",
                                                                   "title": "x"}).status_code == 403
    titles = [r["title"] for r in as_user(w.users[Role.LEADER]).get(f"{API}reviews").json()]
    assert "提案委主任会议" in titles


def test_a_unit_sees_the_proposers_contact_but_another_member_does_not(w, as_user):  # noqa: F811
    p, _ = _in_progress(w)
    assert as_user(w.users[Role.HANDLING_UNIT]).get(f"{API}{p.pk}").json()["contact"]["name"] == "委员委员"
    assert as_user(w.users[Role.STANDING_MEMBER]).get(f"{API}{p.pk}").json()["contact"] is None


def test_an_extension_is_refused_beyond_the_configured_maximum(w, as_user):  # noqa: F811
    p, _ = _in_progress(w)
    response = post(as_user(w.users[Role.HANDLING_UNIT]), f"{API}{p.pk}/extension-request", {"days": 90, "reason": "调研"})
    assert response.status_code == 400 and "延期天数应在1到31天之间" in response.json()["detail"]
    assert not ExtensionRequest.objects.exists()
    assert a_draft(w).status == S.DRAFT and Assignment.objects.count() == 1
