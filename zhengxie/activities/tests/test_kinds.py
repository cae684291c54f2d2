"""活动类型 are configurable: the administrator adds and edits them (name, code, 请假审批, 签到, 计入积分, 成果模板)."""
from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from zhengxie.activities import services
from zhengxie.activities.models import ActivityKind
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.models import AuditLog
from zhengxie.core.roles import Role

from .builders import make_activity


def _new(world, **extra):
    data = {"code": "field_trip", "name": "委员实地走访", "category": "research", "leave_approver_role": Role.COMMITTEE_STAFF,
            "signin_required": True, "counts_for_points": True, "outcome_templates": "走访农户 户\n发放调查问卷 份"}
    data.update(extra)
    return services.activity_kind_create(cppcc=world.cppcc, by=world.users[Role.ADMIN], **data)


def test_the_default_kinds_come_with_outcome_templates(world):
    assert {"name": "走访农户", "unit": "户"} in world.kind("research").outcome_templates
    assert {"name": "捐款", "unit": "元"} in world.kind("public").outcome_templates
    assert all(k.counts_for_points for k in world.kinds.values())


def test_an_administrator_adds_a_kind_with_its_templates_and_the_write_is_audited(world):
    kind = _new(world)
    assert (kind.code, kind.name, kind.category, kind.leave_approver_role) == ("field_trip", "委员实地走访", "research", Role.COMMITTEE_STAFF)
    assert kind.outcome_templates == [{"name": "走访农户", "unit": "户"}, {"name": "发放调查问卷", "unit": "份"}]
    assert kind.sort > world.kind("public").sort
    assert AuditLog.objects.filter(action="activity_kind.create", object_id=str(kind.pk)).exists()


@pytest.mark.parametrize("field,value,message", [
    ("code", "走访", "类型代码应以小写英文字母开头"), ("code", "research", "类型代码“research”已被使用"),
    ("name", " ", "请填写活动类型名称"), ("name", "调研", "已有名为“调研”的活动类型"), ("category", "party", "请选择活动类别"),
    ("leave_approver_role", "boss", "请假审批角色不正确"), ("outcome_templates", "走访农户", "成果数据模板第1行"),
    ("outcome_templates", "走访农户 户\n捐款 万元", "成果数据模板第2行"),
])
def test_bad_input_is_refused_in_chinese_and_nothing_is_created(world, field, value, message):
    before = ActivityKind.objects.count()
    with pytest.raises(ApplicationError, match=message):
        _new(world, **{field: value})
    assert ActivityKind.objects.count() == before


@pytest.mark.parametrize("role", [Role.COMMITTEE_STAFF, Role.LEADER, Role.MEMBER])
def test_only_the_administrator_adds_or_edits_kinds(world, role):
    with pytest.raises(PermissionDenied):
        services.activity_kind_create(cppcc=world.cppcc, by=world.users[role], code="x1", name="x", category="other",
                                      leave_approver_role=Role.LEADER)
    with pytest.raises(PermissionDenied):
        services.activity_kind_update(kind=world.kind("study"), by=world.users[role], name="x", leave_approver_role=Role.LEADER,
                                      signin_required=True)


def test_the_kinds_page_lists_and_the_administrator_edits_a_kind(world, login):
    admin = login(world.users[Role.ADMIN])
    html = admin.get(reverse("activities:kinds")).content.decode()
    assert "活动类型" in html and "全体会议" in html and "走访农户 户" in html and "新增活动类型" in html
    url = reverse("activities:kind_edit", args=[world.kind("public").pk])
    assert "捐款 元" in admin.get(url).content.decode()
    r = admin.post(url, {"name": "公益活动", "category": "public", "leave_approver_role": Role.LEADER, "is_active": "1",
                         "outcome_templates": "捐款 元\n捐助 万元"})
    assert r.status_code == 400 and "成果数据模板第2行" in r.content.decode() and "捐助 万元" in r.content.decode()
    r = admin.post(url, {"name": "公益活动", "category": "public", "leave_approver_role": Role.LEADER, "is_active": "1",
                         "outcome_templates": "捐款 元\n植树 项"}, follow=True)
    assert "已保存活动类型“公益活动”" in r.content.decode()
    kind = ActivityKind.objects.get(pk=world.kind("public").pk)
    assert (kind.name, kind.leave_approver_role, kind.signin_required, kind.counts_for_points) == ("公益活动", Role.LEADER, False, False)
    assert kind.outcome_templates == [{"name": "捐款", "unit": "元"}, {"name": "植树", "unit": "项"}]
    assert kind.code == "public"


def test_the_administrator_adds_a_kind_from_the_page_and_organisers_see_it_read_only(world, login):
    admin = login(world.users[Role.ADMIN])
    r = admin.post(reverse("activities:kind_create"), {"code": "trip visit", "name": "走访", "category": "research",
                                                       "leave_approver_role": Role.COMMITTEE_STAFF})
    assert r.status_code == 400 and "类型代码应以小写英文字母开头" in r.content.decode()
    r = admin.post(reverse("activities:kind_create"), {"code": "trip", "name": "委员走访", "category": "research",
                                                       "leave_approver_role": Role.COMMITTEE_STAFF, "signin_required": "1",
                                                       "counts_for_points": "1", "outcome_templates": "走访农户 户"}, follow=True)
    assert "已新增活动类型“委员走访”" in r.content.decode()
    staff = login(world.users[Role.COMMITTEE_STAFF])
    html = staff.get(reverse("activities:kinds"), {"q": "走访"}).content.decode()
    assert "委员走访" in html and "全体会议" not in html and "新增活动类型" not in html and "修改</a>" not in html
    assert staff.get(reverse("activities:kind_create")).status_code == 403
    assert login(world.users[Role.MEMBER]).get(reverse("activities:kinds")).status_code == 403


def test_the_outcome_form_offers_the_kinds_templates(world, login):
    a = make_activity(world, status="in_progress", kind="research", start=timezone.now())
    html = login(world.users[Role.COMMITTEE_STAFF]).get(reverse("activities:detail", args=[a.pk])).content.decode()
    assert '<datalist id="outcome-templates">' in html and "走访农户（户）" in html


def test_the_api_lists_adds_and_edits_kinds_with_chinese_errors(world, login):
    admin = login(world.users[Role.ADMIN])
    r = admin.get("/api/v1/activities/kinds")
    assert r.status_code == 200 and {"name": "走访农户", "unit": "户"} in next(
        k for k in r.json() if k["code"] == "research")["outcome_templates"]
    body = {"code": "trip", "name": "委员走访", "category": "research", "leave_approver_role": Role.COMMITTEE_STAFF,
            "outcome_templates": [{"name": "走访农户", "unit": "户"}]}
    r = admin.post("/api/v1/activities/kinds", body, content_type="application/json")
    assert r.status_code == 201 and r.json()["outcome_templates"] == [{"name": "走访农户", "unit": "户"}]
    r = admin.post("/api/v1/activities/kinds", body, content_type="application/json")
    assert r.status_code == 400 and "已被使用" in r.json()["detail"]
    pk = ActivityKind.objects.get(code="trip").pk
    r = admin.post(f"/api/v1/activities/kinds/{pk}", {**body, "name": "委员入户走访", "counts_for_points": False},
                   content_type="application/json")
    assert r.status_code == 200 and r.json()["name"] == "委员入户走访" and r.json()["counts_for_points"] is False
    staff = login(world.users[Role.COMMITTEE_STAFF])
    assert staff.get("/api/v1/activities/kinds").status_code == 200
    r = staff.post(f"/api/v1/activities/kinds/{pk}", body, content_type="application/json")
    assert r.status_code == 403 and r.json()["detail"]
