import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from zhengxie.accounts import services
from zhengxie.accounts.models import ApiToken, Organisation
from zhengxie.accounts.selectors import has_role, roles_of
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.models import AuditLog
from zhengxie.core.roles import Role
from zhengxie.core.testing import make_org, make_user

D = dt.date(2026, 1, 1)


def _new_user(city, admin, username="zhangsan"):
    return services.user_create(cppcc=city, username=username, display_name="张三", phone="13800000000", email="",
                                password="Zx-strong-2026", by=admin)


def test_an_admin_creates_a_user_who_can_sign_in(city, admin, client):
    user = _new_user(city, admin)
    assert user.cppcc == city and user.check_password("Zx-strong-2026")
    assert client.login(username="zhangsan", password="Zx-strong-2026")
    audit = AuditLog.objects.get(action="user.create")
    assert "password" not in audit.after and audit.actor == admin


def test_a_taken_username_and_a_weak_password_are_refused_in_chinese(city, admin):
    _new_user(city, admin)
    with pytest.raises(ApplicationError, match="已被使用"):
        _new_user(city, admin, username="ZhangSan")
    with pytest.raises(ApplicationError, match="密码不符合要求"):
        services.user_create(cppcc=city, username="lisi", display_name="李四", password="123", by=admin)


def test_only_an_admin_of_the_same_cppcc_manages_users(city, county, persona):
    with pytest.raises(PermissionDenied):
        _new_user(city, persona(Role.PROPOSAL_STAFF))
    county_admin = persona(Role.ADMIN, cppcc=county)
    with pytest.raises(PermissionDenied):
        _new_user(city, county_admin)
    target = persona(Role.MEMBER)
    with pytest.raises(PermissionDenied):
        services.user_deactivate(user=target, by=county_admin)


def test_a_deactivated_user_loses_their_roles_and_tokens(city, admin, persona):
    member = persona(Role.MEMBER)
    token, _key = services.api_token_create(user=member, name="脚本", by=member)
    services.user_deactivate(user=member, by=admin)
    member.refresh_from_db()
    assert not member.is_active and roles_of(member) == set()
    token.refresh_from_db()
    assert token.revoked_at is not None
    with pytest.raises(ApplicationError, match="不能停用自己"):
        services.user_deactivate(user=admin, by=admin)


def test_a_role_assignment_is_dated_and_audited(city, admin):
    user = _new_user(city, admin)
    a = services.role_assign(user=user, role=Role.MEMBER, valid_from=D, by=admin)
    assert has_role(user, Role.MEMBER, on=D) and not has_role(user, Role.MEMBER, on=D - dt.timedelta(days=1))
    services.role_end(assignment=a, valid_to=dt.date(2026, 6, 30), by=admin)
    assert has_role(user, Role.MEMBER, on=dt.date(2026, 6, 30))
    assert not has_role(user, Role.MEMBER, on=dt.date(2026, 7, 1))
    assert AuditLog.objects.filter(action="role.assign").count() == 1
    end = AuditLog.objects.get(action="role.end")
    assert end.changes["valid_to"] == [None, "2026-06-30"]


def test_role_dates_must_be_in_order(city, admin):
    user = _new_user(city, admin)
    with pytest.raises(ApplicationError, match="截止日期不能早于起始日期"):
        services.role_assign(user=user, role=Role.MEMBER, valid_from=D, valid_to=D - dt.timedelta(days=1), by=admin)
    a = services.role_assign(user=user, role=Role.MEMBER, valid_from=D, by=admin)
    with pytest.raises(ApplicationError, match="截止日期不能早于起始日期"):
        services.role_end(assignment=a, valid_to=D - dt.timedelta(days=1), by=admin)


@pytest.mark.parametrize("role,kind", [
    (Role.HANDLING_UNIT, "handling_unit"),
    (Role.COMMITTEE_STAFF, "committee"),
    (Role.ORG_SUBMITTER, "party"),
])
def test_unit_roles_need_an_organisation_of_a_matching_kind(city, admin, role, kind):
    user = _new_user(city, admin)
    with pytest.raises(ApplicationError, match="须指定所在组织"):
        services.role_assign(user=user, role=role, valid_from=D, by=admin)
    wrong = make_org(city, "经济界", "sector") if kind != "sector" else make_org(city, "经济委", "committee")
    if role != Role.ORG_SUBMITTER:
        with pytest.raises(ApplicationError, match="组织类型应为"):
            services.role_assign(user=user, role=role, organisation=wrong, valid_from=D, by=admin)
    right = make_org(city, "某单位", kind, system="government" if kind == "handling_unit" else "")
    assert services.role_assign(user=user, role=role, organisation=right, valid_from=D, by=admin).organisation == right


def test_an_organisation_of_another_cppcc_cannot_be_used(city, county, admin):
    user = _new_user(city, admin)
    foreign = make_org(county, "县教育局", "handling_unit", system="government")
    with pytest.raises(ApplicationError, match="不属于同一政协"):
        services.role_assign(user=user, role=Role.HANDLING_UNIT, organisation=foreign, valid_from=D, by=admin)


def test_organisations_form_a_tree_without_cycles(city, admin):
    top = services.organisation_create(cppcc=city, name="市政府", kind="handling_unit", system="government", by=admin)
    child = services.organisation_create(cppcc=city, name="市教育局", kind="handling_unit", system="government", parent=top, by=admin)
    grandchild = services.organisation_create(cppcc=city, name="市教育局基教处", kind="handling_unit", system="government",
                                              parent=child, by=admin)
    with pytest.raises(ApplicationError, match="循环"):
        services.organisation_update(organisation=top, parent=grandchild, by=admin)
    with pytest.raises(ApplicationError, match="循环"):
        services.organisation_update(organisation=top, parent=top, by=admin)
    top.refresh_from_db()
    assert top.parent is None
    assert AuditLog.objects.filter(action="organisation.create").count() == 3


def test_organisation_rules_are_explained_in_chinese(city, county, admin, persona):
    with pytest.raises(ApplicationError, match="须选择所属系统"):
        services.organisation_create(cppcc=city, name="市教育局", kind="handling_unit", by=admin)
    foreign_parent = make_org(county, "县政府", "handling_unit", system="government")
    with pytest.raises(ApplicationError, match="同一政协"):
        services.organisation_create(cppcc=city, name="市财政局", kind="handling_unit", system="government",
                                     parent=foreign_parent, by=admin)
    foreign_user = make_user(county, "county-liaison")
    with pytest.raises(ApplicationError, match="联络人必须是本政协的用户"):
        services.organisation_create(cppcc=city, name="市财政局", kind="handling_unit", system="government",
                                     liaison=foreign_user, by=admin)
    services.organisation_create(cppcc=city, name="经济委", kind="committee", by=admin)
    with pytest.raises(ApplicationError, match="已有同名"):
        services.organisation_create(cppcc=city, name="经济委", kind="committee", by=admin)
    with pytest.raises(PermissionDenied):
        services.organisation_create(cppcc=city, name="文史委", kind="committee", by=persona(Role.COMMITTEE_STAFF))


def test_a_handling_unit_keeps_system_duty_liaison_and_phone(city, admin, persona):
    liaison = persona(Role.HANDLING_UNIT)
    org = services.organisation_create(cppcc=city, name="市水利局", kind="handling_unit", system="government",
                                       duty="水利建设与管理", liaison=liaison, phone="0355-1111111", by=admin)
    org.refresh_from_db()
    assert (org.system, org.duty, org.liaison, org.phone) == ("government", "水利建设与管理", liaison, "0355-1111111")
    assert org.get_system_display() == "政府"


def test_an_api_token_key_is_returned_once_and_only_its_hash_is_stored(city, persona):
    member = persona(Role.MEMBER)
    token, key = services.api_token_create(user=member, name="数据同步", by=member)
    assert key.startswith("zx_") and len(key) > 30
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.key_hash == ApiToken.hash_key(key) and key not in str(stored.__dict__)
    with pytest.raises(PermissionDenied):
        services.api_token_create(user=member, name="别人的", by=persona(Role.ADMIN))
    with pytest.raises(ApplicationError, match="请填写令牌用途"):
        services.api_token_create(user=member, name=" ", by=member)


def test_a_token_is_revoked_by_its_owner_or_an_admin_but_not_twice(city, persona):
    member = persona(Role.MEMBER)
    token, _ = services.api_token_create(user=member, name="a", by=member)
    with pytest.raises(PermissionDenied):
        services.api_token_revoke(token=token, by=persona(Role.INFORMANT))
    services.api_token_revoke(token=token, by=persona(Role.ADMIN))
    with pytest.raises(ApplicationError, match="已吊销"):
        services.api_token_revoke(token=token, by=member)


def test_organisation_kinds_cover_the_tree_page(city):
    assert {"committee", "party", "people_org", "sector", "handling_unit", "office", "member_home"} <= set(Organisation.Kind.values)
