import pytest
from django.core.exceptions import PermissionDenied
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from zhengxie.accounts.models import Organisation
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.models import AuditLog, Event
from zhengxie.core.roles import Role
from zhengxie.core.testing import make_member, make_org
from zhengxie.links import permissions
from zhengxie.links.models import Link
from zhengxie.links.selectors import links_for
from zhengxie.links.services import link_create, link_delete
from zhengxie.members.models import Member


def _messages(obj):
    return list(Event.objects.filter(object_id=str(obj.pk), content_type__model=obj._meta.model_name)
                .values_list("message", flat=True))


def test_a_link_is_created_with_a_timeline_row_on_both_records(staff, member_record, org_record):
    link = link_create(source=member_record, target=org_record, kind="converted", by=staff, note="会后转办")
    assert link.source == member_record and link.target == org_record and link.created_by == staff
    assert _messages(member_record) == ["添加关联：转化为「市教育局」"]
    assert _messages(org_record) == ["添加关联：由「张委员」转化而来"]
    assert AuditLog.objects.filter(action="link.create", actor=staff).count() == 1


def test_both_directions_are_shown_with_the_label_seen_from_that_side(staff, member_record, org_record):
    link_create(source=member_record, target=org_record, kind="converted", by=staff)
    [out] = links_for(staff, member_record)
    assert (out.other, out.label, out.kind_label, out.type_label, out.outgoing) == (org_record, "市教育局", "转化为", "组织机构", True)
    [back] = links_for(staff, org_record)
    assert (back.other, back.label, back.kind_label, back.type_label, back.outgoing) == (member_record, "张委员", "由…转化而来", "委员", False)
    assert back.url == ""


def test_the_url_of_the_other_record_is_given_when_it_has_one(monkeypatch, staff, member_record, org_record):
    monkeypatch.setattr(Organisation, "get_absolute_url", lambda self: f"/accounts/orgs/{self.pk}/", raising=False)
    link_create(source=member_record, target=org_record, kind="related", by=staff)
    assert links_for(staff, member_record)[0].url == f"/accounts/orgs/{org_record.pk}/"


def test_a_duplicate_link_is_refused_in_either_direction(staff, member_record, org_record):
    link_create(source=member_record, target=org_record, kind="related", by=staff)
    with pytest.raises(ApplicationError, match="这两条记录之间已有「相关」关联"):
        link_create(source=member_record, target=org_record, kind="related", by=staff)
    with pytest.raises(ApplicationError, match="已有「相关」关联"):
        link_create(source=org_record, target=member_record, kind="related", by=staff)
    link_create(source=member_record, target=org_record, kind="cites", by=staff)
    assert Link.objects.count() == 2


def test_a_record_cannot_be_linked_to_itself(staff, member_record):
    with pytest.raises(ApplicationError, match="不能把记录关联到它自己"):
        link_create(source=member_record, target=member_record, kind="related", by=staff)
    assert not Link.objects.exists() and not Event.objects.exists()


def test_records_of_two_cppccs_cannot_be_linked(county, staff, member_record):
    county_org = make_org(county, "县教育局", Organisation.Kind.HANDLING_UNIT)
    with pytest.raises(ApplicationError, match="只能关联同一政协的记录"):
        link_create(source=member_record, target=county_org, kind="related", by=staff)
    assert not Link.objects.exists() and not Event.objects.exists()


def test_an_unknown_kind_is_refused(staff, member_record, org_record):
    with pytest.raises(ApplicationError, match="未知的关联类型"):
        link_create(source=member_record, target=org_record, kind="friend", by=staff)


def test_by_default_only_staff_of_the_same_cppcc_may_link(county, persona, member_record, org_record):
    with pytest.raises(PermissionDenied):
        link_create(source=member_record, target=org_record, kind="related", by=persona(Role.MEMBER))
    with pytest.raises(PermissionDenied):
        link_create(source=member_record, target=org_record, kind="related", by=persona(Role.ADMIN, cppcc=county))
    assert not Link.objects.exists()


def test_an_app_may_register_who_links_its_records(monkeypatch, persona, member_record, org_record):
    member = persona(Role.MEMBER)
    monkeypatch.setitem(permissions._linkers, Member, lambda user, obj: True)
    link_create(source=member_record, target=org_record, kind="output", by=member)
    assert links_for(member, org_record)[0].kind_label == "成果来源"


def test_linked_records_the_user_may_not_see_are_left_out(monkeypatch, staff, persona, member_record, org_record):
    link_create(source=member_record, target=org_record, kind="related", by=staff)
    informant = persona(Role.INFORMANT)
    monkeypatch.setitem(permissions._viewers, Organisation, lambda user, obj: user.pk == staff.pk)
    assert links_for(informant, member_record) == []
    assert len(links_for(staff, member_record)) == 1


def test_another_cppcc_sees_no_links(county, persona, staff, member_record, org_record):
    link_create(source=member_record, target=org_record, kind="related", by=staff)
    assert links_for(persona(Role.ADMIN, cppcc=county), member_record) == []


def test_a_deleted_record_drops_out_of_the_panel(staff, city, org_record):
    other = make_member(city, "王委员")
    link_create(source=other, target=org_record, kind="related", by=staff)
    Member.objects.filter(pk=other.pk).delete()
    assert links_for(staff, org_record) == []


def test_deleting_a_link_writes_the_timeline_on_both_records(staff, persona, member_record, org_record):
    link = link_create(source=member_record, target=org_record, kind="supervises", by=staff)
    with pytest.raises(PermissionDenied):
        link_delete(link=link, by=persona(Role.MEMBER))
    link_delete(link=link, by=staff)
    assert not Link.objects.exists()
    assert "取消关联：督办「市教育局」" in _messages(member_record)
    assert "取消关联：受「张委员」督办" in _messages(org_record)


def _render(template: str, user, record):
    request = RequestFactory().get("/members/1/")
    request.user = user
    return Template(template).render(Context({"user": user, "request": request, "member": record, "csrf_token": "t"}))


def test_the_panel_include_shows_the_related_records(staff, member_record, org_record):
    link_create(source=member_record, target=org_record, kind="derived", by=staff, note="调研成果")
    html = _render('{% include "links/panel.html" with obj=member %}', staff, member_record)
    assert "关联记录" in html and "由此产生" in html and "市教育局" in html and "调研成果" in html
    assert "取消关联" in html


def test_the_panel_tag_shows_an_empty_state_and_no_buttons_for_members(persona, member_record):
    html = _render("{% load links_tags %}{% links_panel member %}", persona(Role.MEMBER), member_record)
    assert "暂无关联记录" in html and "取消关联" not in html


def test_links_can_be_made_and_removed_through_the_pages(staff, member_record, org_record, login):
    client = login(staff)
    response = client.post(reverse("links:create"), {
        "source_type": "members.member", "source_id": member_record.pk, "target_type": "accounts.organisation",
        "target_id": org_record.pk, "kind": "related", "next": "/members/",
    })
    assert response.status_code == 302 and response["Location"] == "/members/"
    link = Link.objects.get()
    again = client.post(reverse("links:create"), {
        "source_type": "members.member", "source_id": member_record.pk, "target_type": "accounts.organisation",
        "target_id": org_record.pk, "kind": "related",
    }, follow=True)
    assert "无需重复添加" in again.content.decode()
    client.post(reverse("links:delete", args=[link.pk]))
    assert not Link.objects.exists()


def test_another_cppccs_link_or_record_is_not_found(county, persona, staff, member_record, org_record, login):
    link = link_create(source=member_record, target=org_record, kind="related", by=staff)
    client = login(persona(Role.ADMIN, cppcc=county))
    assert client.post(reverse("links:delete", args=[link.pk])).status_code == 404
    response = client.post(reverse("links:create"), {
        "source_type": "members.member", "source_id": member_record.pk, "target_type": "accounts.organisation",
        "target_id": org_record.pk, "kind": "cites",
    })
    assert response.status_code == 404 and Link.objects.count() == 1
