import datetime as dt
from io import BytesIO

import pytest
from openpyxl import load_workbook

from zhengxie.accounts import services
from zhengxie.accounts.models import ApiToken, Organisation, RoleAssignment, User
from zhengxie.core.models import AuditLog
from zhengxie.core.roles import Role
from zhengxie.core.testing import make_org, make_user


def _sheet(response):
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return [list(r) for r in load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True)]


@pytest.mark.parametrize("url", ["/accounts/users/", "/accounts/users/new/", "/accounts/organisations/",
                                 "/accounts/organisations/new/", "/accounts/users/export/"])
def test_administration_pages_are_refused_to_other_roles(login, persona, url):
    client = login(persona(Role.PROPOSAL_STAFF))
    response = client.get(url)
    assert response.status_code == 403
    assert "系统管理员" in response.content.decode()


def test_the_user_list_searches_filters_by_role_and_pages(admin_client, city, persona):
    persona(Role.MEMBER)
    for i in range(35):
        make_user(city, f"bulk{i:02d}", roles=[Role.INFORMANT], name=f"信息员{i:02d}")
    page = admin_client.get("/accounts/users/").content.decode()
    assert "第 1 / 2 页" in page
    found = admin_client.get("/accounts/users/", {"q": "信息员07"}).content.decode()
    assert "bulk07" in found and "bulk08" not in found
    members = admin_client.get("/accounts/users/", {"role": Role.MEMBER}).content.decode()
    assert "member-city" in members and "bulk01" not in members
    empty = admin_client.get("/accounts/users/", {"q": "不存在的人"}).content.decode()
    assert "没有符合条件的用户" in empty


def test_an_ended_role_no_longer_counts_in_the_role_filter(admin_client, city):
    user = make_user(city, "former", roles=[Role.MEMBER])
    RoleAssignment.objects.filter(user=user).update(valid_to=dt.date(2023, 1, 1))
    assert "former" not in admin_client.get("/accounts/users/", {"role": Role.MEMBER}).content.decode()


def test_the_user_list_exports_to_excel_with_the_filters(admin_client, city, persona):
    persona(Role.MEMBER)
    rows = _sheet(admin_client.get("/accounts/users/export/", {"role": Role.MEMBER}))
    assert rows[0][:3] == ["账号", "姓名", "手机"]
    assert [r[0] for r in rows[1:]] == ["member-city"]
    assert rows[1][4] == "委员"


def test_an_admin_creates_a_user_and_assigns_and_ends_a_role_on_the_pages(admin_client, city):
    unit = make_org(city, "市教育局", "handling_unit", system="government")
    response = admin_client.post("/accounts/users/new/", {"username": "wangwu", "display_name": "王五", "password": "Zx-strong-2026"})
    user = User.objects.get(username="wangwu")
    assert response.status_code == 302 and response["Location"] == f"/accounts/users/{user.pk}/"
    refused = admin_client.post(f"/accounts/users/{user.pk}/roles/", {"role": Role.HANDLING_UNIT, "valid_from": "2026-01-01"})
    assert refused.status_code == 400 and "须指定所在组织" in refused.content.decode()
    ok = admin_client.post(f"/accounts/users/{user.pk}/roles/",
                           {"role": Role.HANDLING_UNIT, "organisation": unit.pk, "valid_from": "2026-01-01"})
    assert ok.status_code == 302
    detail = admin_client.get(f"/accounts/users/{user.pk}/").content.decode()
    assert "承办单位" in detail and "市教育局" in detail and "长期" in detail
    a = RoleAssignment.objects.get(user=user)
    bad_end = admin_client.post(f"/accounts/roles/{a.pk}/end/", {"valid_to": "2025-01-01"})
    assert bad_end.status_code == 400 and "截止日期不能早于起始日期" in bad_end.content.decode()
    assert admin_client.post(f"/accounts/roles/{a.pk}/end/", {"valid_to": "2026-12-31"}).status_code == 302
    a.refresh_from_db()
    assert a.valid_to == dt.date(2026, 12, 31)


def test_a_bad_new_user_shows_chinese_errors(admin_client, city, persona):
    persona(Role.MEMBER)
    response = admin_client.post("/accounts/users/new/", {"username": "member-city", "display_name": "重名", "password": "Zx-strong-2026"})
    assert response.status_code == 400 and "已被使用" in response.content.decode()
    response = admin_client.post("/accounts/users/new/", {"username": "", "display_name": "", "password": ""})
    assert response.status_code == 400 and "这个字段是必填项" in response.content.decode()


def test_reset_password_shows_a_temporary_password_once(admin_client, client, persona):
    member = persona(Role.MEMBER)
    response = admin_client.post(f"/accounts/users/{member.pk}/reset-password/")
    content = response.content.decode()
    assert response.status_code == 200 and "临时密码（只显示这一次）" in content
    temporary = content.split('id="temp-pw">')[1].split("<")[0]
    member.refresh_from_db()
    assert member.check_password(temporary)
    assert "临时密码" not in admin_client.get(f"/accounts/users/{member.pk}/").content.decode()


def test_an_admin_deactivates_and_reactivates_an_account(admin_client, persona, client, password):
    member = persona(Role.MEMBER)
    assert admin_client.post(f"/accounts/users/{member.pk}/active/").status_code == 302
    assert not client.login(username=member.username, password=password)
    assert admin_client.post(f"/accounts/users/{member.pk}/active/", {"active": "1"}).status_code == 302
    assert client.login(username=member.username, password=password)


def test_a_locked_account_shows_on_its_page_and_can_be_unlocked(admin_client, client, persona, password):
    member = persona(Role.MEMBER)
    for _ in range(5):
        client.post("/accounts/login/", {"username": member.username, "password": "nope"})
    assert "登录已锁定" in admin_client.get(f"/accounts/users/{member.pk}/").content.decode()
    admin_client.post(f"/accounts/users/{member.pk}/unlock/")
    assert client.post("/accounts/login/", {"username": member.username, "password": password}).status_code == 302


def test_the_organisation_page_is_a_tree_per_kind_with_units_grouped_by_system(admin_client, city, admin):
    gov = services.organisation_create(cppcc=city, name="市政府办公室", kind="handling_unit", system="government", by=admin)
    services.organisation_create(cppcc=city, name="市教育局", kind="handling_unit", system="government", parent=gov, by=admin)
    services.organisation_create(cppcc=city, name="市中级人民法院", kind="handling_unit", system="judicial", by=admin)
    services.organisation_create(cppcc=city, name="经济委员会", kind="committee", by=admin)
    services.organisation_create(cppcc=city, name="民革市委会", kind="party", by=admin)
    page = admin_client.get("/accounts/organisations/").content.decode()
    for text in ["专门委员会", "党派", "承办单位", "政府系统", "两院系统", "经济委员会", "民革市委会"]:
        assert text in page
    assert page.index("市政府办公室") < page.index("市教育局")
    assert '--depth: 1' in page
    found = admin_client.get("/accounts/organisations/", {"q": "法院"}).content.decode()
    assert "市中级人民法院" in found and "经济委员会" not in found


def test_an_admin_creates_and_edits_an_organisation_on_the_pages(admin_client, city, persona):
    liaison = persona(Role.HANDLING_UNIT)
    refused = admin_client.post("/accounts/organisations/new/", {"name": "市水利局", "kind": "handling_unit"})
    assert refused.status_code == 400 and "须选择所属系统" in refused.content.decode()
    ok = admin_client.post("/accounts/organisations/new/", {"name": "市水利局", "kind": "handling_unit", "system": "government",
                                                           "liaison": liaison.pk, "phone": "0355-2", "duty": "水利", "is_active": "on"})
    assert ok.status_code == 302
    org = Organisation.objects.get(name="市水利局")
    assert org.liaison == liaison
    edit = admin_client.post(f"/accounts/organisations/{org.pk}/", {"name": "市水务局", "kind": "handling_unit",
                                                                   "system": "government", "is_active": "on"})
    assert edit.status_code == 302
    org.refresh_from_db()
    assert org.name == "市水务局" and org.liaison is None
    audit = AuditLog.objects.get(action="organisation.update")
    assert audit.changes["name"] == ["市水利局", "市水务局"]


def test_the_organisation_list_exports_to_excel(admin_client, city):
    make_org(city, "市教育局", "handling_unit", system="government")
    rows = _sheet(admin_client.get("/accounts/organisations/export/"))
    assert rows[0][0] == "类型" and rows[1][:2] == ["承办单位", "市教育局"] and rows[1][4] == "政府"


def test_my_account_shows_profile_roles_and_token_key_once(login, persona):
    member = persona(Role.MEMBER)
    client = login(member)
    page = client.get("/accounts/me/").content.decode()
    assert "我的账号" in page and "委员" in page and "修改密码" in page and "您还没有 API 令牌" in page
    created = client.post("/accounts/me/tokens/", {"name": "同步脚本"}).content.decode()
    assert "只显示这一次" in created
    key = created.split('id="new-key">')[1].split("<")[0]
    assert ApiToken.objects.get(user=member).key_hash == ApiToken.hash_key(key)
    again = client.get("/accounts/me/").content.decode()
    assert key not in again and "同步脚本" in again
    token = ApiToken.objects.get(user=member)
    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 302
    assert "已吊销" in client.get("/accounts/me/").content.decode()


def test_my_profile_can_be_edited_by_myself(login, persona):
    member = persona(Role.MEMBER)
    client = login(member)
    assert client.post("/accounts/me/profile/", {"display_name": "新名字", "phone": "139", "email": ""}).status_code == 302
    member.refresh_from_db()
    assert member.display_name == "新名字"
    bad = client.post("/accounts/me/profile/", {"display_name": "", "email": "bad"})
    assert bad.status_code == 400 and "有效的电子邮箱" in bad.content.decode()


def test_someone_elses_token_cannot_be_revoked(login, persona):
    owner = persona(Role.MEMBER)
    token, _ = services.api_token_create(user=owner, name="a", by=owner)
    client = login(persona(Role.INFORMANT))
    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 403


def test_a_county_admin_sees_only_their_own_users_and_organisations(client, county, other_county, persona, password):
    county_admin = persona(Role.ADMIN, cppcc=county)
    persona(Role.MEMBER, cppcc=county)
    persona(Role.MEMBER, cppcc=other_county)
    persona(Role.MEMBER)  # city
    make_org(county, "甲县教育局", "handling_unit", system="government")
    make_org(other_county, "乙县教育局", "handling_unit", system="government")
    city_org = make_org(county.parent, "市教育局", "handling_unit", system="government")
    client.login(username=county_admin.username, password=password)
    users = client.get("/accounts/users/").content.decode()
    assert "member-county-a" in users and "member-county-b" not in users and "member-city" not in users
    orgs = client.get("/accounts/organisations/").content.decode()
    assert "甲县教育局" in orgs and "乙县教育局" not in orgs and "市教育局" not in orgs.replace("甲县教育局", "")
    other = User.objects.get(username="member-county-b")
    assert client.get(f"/accounts/users/{other.pk}/").status_code == 404
    assert client.get(f"/accounts/organisations/{city_org.pk}/").status_code == 404
    rows = _sheet(client.get("/accounts/users/export/"))
    assert {r[0] for r in rows[1:]} == {"admin-county-a", "member-county-a"}


def test_a_city_admin_does_not_see_county_users(admin_client, county, persona):
    persona(Role.MEMBER, cppcc=county)
    assert "member-county-a" not in admin_client.get("/accounts/users/").content.decode()
    assert "member-county-a" not in admin_client.get("/accounts/users/", {"q": "county"}).content.decode()
