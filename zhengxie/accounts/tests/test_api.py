import pytest

from zhengxie.accounts.models import ApiToken
from zhengxie.core.roles import Role
from zhengxie.core.testing import make_org


def test_organisations_are_listed_for_any_signed_in_user_with_filters(login, city, county, persona):
    make_org(city, "市教育局", "handling_unit", system="government")
    make_org(city, "经济委员会", "committee")
    make_org(county, "甲县教育局", "handling_unit", system="government")
    client = login(persona(Role.MEMBER))
    data = client.get("/api/v1/accounts/organisations").json()
    assert {o["name"] for o in data["items"]} == {"市教育局", "经济委员会"}
    only_units = client.get("/api/v1/accounts/organisations", {"kind": "handling_unit"}).json()
    assert [o["kind_label"] for o in only_units["items"]] == ["承办单位"]
    assert client.get("/api/v1/accounts/organisations", {"q": "经济"}).json()["count"] == 1


def test_users_are_listed_only_for_an_admin(login, persona):
    persona(Role.MEMBER)
    refused = login(persona(Role.PROPOSAL_STAFF)).get("/api/v1/accounts/users")
    assert refused.status_code == 403 and "系统管理员" in refused.json()["detail"]


def test_an_admin_lists_their_own_users_with_roles(client, persona, county, password):
    persona(Role.MEMBER)
    persona(Role.MEMBER, cppcc=county)
    client.login(username=persona(Role.ADMIN).username, password=password)
    data = client.get("/api/v1/accounts/users", {"role": Role.MEMBER}).json()
    assert [(u["username"], u["roles"]) for u in data["items"]] == [("member-city", ["委员"])]


def test_a_user_creates_their_own_token_and_gets_the_key_once(login, persona):
    member = persona(Role.MEMBER)
    client = login(member)
    response = client.post("/api/v1/accounts/tokens", {"name": "脚本"}, content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert ApiToken.objects.get(pk=body["id"]).key_hash == ApiToken.hash_key(body["key"])
    me = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {body['key']}").json()
    assert me["username"] == member.username


@pytest.mark.parametrize("name", ["", "   "])
def test_a_token_without_a_name_is_refused_in_chinese(login, persona, name):
    response = login(persona(Role.MEMBER)).post("/api/v1/accounts/tokens", {"name": name}, content_type="application/json")
    assert response.status_code == 400 and "令牌用途" in response.json()["detail"]
