"""The API's authentication story: OpenAPI, session, Bearer token, revoked/wrong token, CSRF."""
from django.test import Client

from zhengxie.accounts import services
from zhengxie.core.roles import Role


def test_the_openapi_schema_is_served(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "智慧政协 API"
    assert "/api/v1/me" in schema["paths"] and "/api/v1/accounts/tokens" in schema["paths"]


def test_me_works_with_a_session(login, persona):
    member = persona(Role.MEMBER)
    data = login(member).get("/api/v1/me").json()
    assert data["username"] == member.username and data["roles"] == ["member"] and data["cppcc"] == "测试市政协"


def test_me_works_with_a_bearer_token_and_records_its_use(client, persona):
    member = persona(Role.MEMBER)
    token, key = services.api_token_create(user=member, name="脚本", by=member)
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200 and response.json()["username"] == member.username
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_without_credentials_the_api_answers_401_in_chinese(client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401 and "请先登录" in response.json()["detail"]


def test_a_wrong_token_gets_401(client, db):
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer zx_not-a-real-key")
    assert response.status_code == 401 and "API 令牌" in response.json()["detail"]


def test_a_revoked_token_gets_401(client, persona):
    member = persona(Role.MEMBER)
    token, key = services.api_token_create(user=member, name="脚本", by=member)
    services.api_token_revoke(token=token, by=member)
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 401 and "请先登录" in response.json()["detail"]


def test_a_deactivated_users_token_gets_401(client, persona):
    member = persona(Role.MEMBER)
    _token, key = services.api_token_create(user=member, name="脚本", by=member)
    member.is_active = False
    member.save()
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_a_session_post_without_csrf_is_refused(persona, password):
    browser = Client(enforce_csrf_checks=True)
    browser.login(username=persona(Role.MEMBER).username, password=password)
    response = browser.post("/api/v1/accounts/tokens", {"name": "x"}, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF 校验失败" in response.json()["detail"]


def test_a_session_post_with_csrf_is_accepted(persona, password):
    browser = Client(enforce_csrf_checks=True)
    browser.login(username=persona(Role.MEMBER).username, password=password)
    browser.get("/accounts/me/")  # sets the CSRF cookie
    token = browser.cookies["csrftoken"].value
    response = browser.post("/api/v1/accounts/tokens", {"name": "x"}, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201


def test_a_token_post_needs_no_csrf(persona):
    member = persona(Role.MEMBER)
    _token, key = services.api_token_create(user=member, name="脚本", by=member)
    response = Client(enforce_csrf_checks=True).post("/api/v1/accounts/tokens", {"name": "y"}, content_type="application/json",
                                                     HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 201
