"""Pages: what each role sees and may do; refusals are 403 with a Chinese message or 400 with the message shown."""
from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from zhengxie.activities import signin
from zhengxie.activities.models import Activity, LeaveRequest, Participation
from zhengxie.activities.workflow import Status
from zhengxie.core.roles import Role

from .builders import make_activity


@pytest.fixture
def held(world):
    return make_activity(world, status=Status.IN_PROGRESS, start=timezone.now() - dt.timedelta(minutes=5),
                         invite=[world.users[Role.MEMBER], world.users[Role.STANDING_MEMBER]])


def test_the_organiser_creates_an_activity_from_the_form(world, login):
    c = login(world.users[Role.COMMITTEE_STAFF])
    assert c.get(reverse("activities:create")).status_code == 200
    start = timezone.localtime() + dt.timedelta(days=2)
    data = {"kind": world.kind("research").pk, "title": "营商环境专题调研", "organiser": world.orgs["经济委员会"].pk,
            "start_at": start.strftime("%Y-%m-%dT%H:%M"), "end_at": (start + dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
            "location": "高新区"}
    r = c.post(reverse("activities:create"), data)
    a = Activity.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("activities:detail", args=[a.pk])
    bad = c.post(reverse("activities:create"), {**data, "end_at": (start - dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")})
    assert bad.status_code == 400 and "结束时间不能早于开始时间" in bad.content.decode()


def test_a_member_cannot_open_the_create_page(world, login):
    r = login(world.users[Role.MEMBER]).get(reverse("activities:create"))
    assert r.status_code == 403


def test_the_list_filters_pages_and_exports(world, login):
    for i in range(3):
        make_activity(world, status=Status.CLOSED, title=f"读书会第{i + 1}期", kind="reading")
    make_activity(world, status=Status.CLOSED, title="乡村调研")
    c = login(world.users[Role.LEADER])
    body = c.get(reverse("activities:list"), {"q": "读书会"}).content.decode()
    assert "读书会第1期" in body and "乡村调研" not in body and "共 <strong>3</strong> 次活动" in body
    r = c.get(reverse("activities:list"), {"kind": world.kind("research").pk, "format": "xlsx"})
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    empty = c.get(reverse("activities:list"), {"q": "没有这个活动"}).content.decode()
    assert "没有符合条件的活动" in empty


def test_the_detail_shows_buttons_per_role(world, login, held):
    staff_page = login(world.users[Role.COMMITTEE_STAFF]).get(reverse("activities:detail", args=[held.pk])).content.decode()
    assert "结束并完成记录" in staff_page and "代签" in staff_page and "签到屏幕" in staff_page
    member_page = login(world.users[Role.MEMBER]).get(reverse("activities:detail", args=[held.pk])).content.decode()
    assert "结束并完成记录" not in member_page and "代签原因" not in member_page
    assert "签到" in member_page and "请假事由" in member_page


def test_an_uninvited_member_does_not_see_the_activity(world, login, held):
    r = login(world.users["other_member"]).get(reverse("activities:detail", args=[held.pk]))
    assert r.status_code == 404


def test_an_action_by_another_committee_is_forbidden(world, login, held):
    r = login(world.users["agri_staff"]).post(reverse("activities:act", args=[held.pk, "close"]))
    assert r.status_code in (403, 404)
    held.refresh_from_db()
    assert held.status == Status.IN_PROGRESS


def test_cancel_without_reason_shows_the_chinese_message(world, login):
    a = make_activity(world, status=Status.PUBLISHED, invite=[world.users[Role.MEMBER]])
    r = login(world.users[Role.COMMITTEE_STAFF]).post(reverse("activities:act", args=[a.pk, "cancel"]), {"reason": ""})
    assert r.status_code == 400 and "取消活动须说明原因" in r.content.decode()


def test_a_member_signs_in_on_the_phone_page(world, login, held):
    c = login(world.users[Role.MEMBER])
    token = signin.token_for(held)
    page = c.get(reverse("activities:sign_in", args=[held.pk]), {"t": token}).content.decode()
    assert "确认签到" in page
    r = c.post(reverse("activities:sign_in", args=[held.pk]), {"t": token})
    assert r.status_code == 302
    again = c.post(reverse("activities:sign_in", args=[held.pk]), {"t": token})
    assert again.status_code == 400 and "无需重复签到" in again.content.decode()


def test_an_expired_token_on_the_phone_page_is_refused(world, login, held):
    c = login(world.users[Role.MEMBER])
    old = signin.token_for(held, timezone.now() - dt.timedelta(minutes=10))
    r = c.post(reverse("activities:sign_in", args=[held.pk]), {"t": old})
    assert r.status_code == 400 and "签到码已过期" in r.content.decode()


def test_the_organisers_screen_shows_the_code_and_refreshes_by_htmx(world, login, held):
    c = login(world.users[Role.COMMITTEE_STAFF])
    page = c.get(reverse("activities:screen", args=[held.pk])).content.decode()
    assert signin.code_for(held) in page and f"?t={signin.token_for(held)}" in page
    partial = c.get(reverse("activities:screen", args=[held.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and "已签到" in partial
    assert login(world.users[Role.MEMBER]).get(reverse("activities:screen", args=[held.pk])).status_code == 403


def test_proxy_sign_in_from_the_page_needs_a_reason(world, login, held):
    part = Participation.objects.get(activity=held, member=world.users[Role.MEMBER].member)
    c = login(world.users[Role.COMMITTEE_STAFF])
    r = c.post(reverse("activities:proxy_sign_in", args=[part.pk]), {"reason": ""})
    assert r.status_code == 400 and "代签必须填写原因" in r.content.decode()
    assert c.post(reverse("activities:proxy_sign_in", args=[part.pk]), {"reason": "扫码失败"}).status_code == 302


def test_leave_request_and_approval_pages(world, login):
    a = make_activity(world, status=Status.PUBLISHED, invite=[world.users[Role.MEMBER]])
    member = login(world.users[Role.MEMBER])
    assert member.post(reverse("activities:leave_request", args=[a.pk]), {"reason": "出差"}).status_code == 302
    leave = LeaveRequest.objects.get()
    staff = login(world.users[Role.COMMITTEE_STAFF])
    page = staff.get(reverse("activities:leaves")).content.decode()
    assert "出差" in page and "准假" in page
    assert staff.get(reverse("activities:leaves"), {"format": "xlsx"}).status_code == 200
    r = staff.post(reverse("activities:leave_act", args=[leave.pk, "refuse"]), {"note": ""})
    assert r.status_code == 400 and "不准假须说明理由" in r.content.decode()
    assert staff.post(reverse("activities:leave_act", args=[leave.pk, "approve"]), {"note": "同意"}).status_code == 302
    leave.refresh_from_db()
    assert leave.state == "approved"


def test_outcome_figures_from_the_page(world, login, held):
    c = login(world.users[Role.COMMITTEE_STAFF])
    r = c.post(reverse("activities:outcome_add", args=[held.pk]), {"name": "走访农户", "unit": "户", "value": "540",
                                                                  "approximate": "on"})
    assert r.status_code == 302
    assert "走访农户540余户" in c.get(reverse("activities:detail", args=[held.pk])).content.decode()
    bad = c.post(reverse("activities:outcome_add", args=[held.pk]), {"name": "捐款", "unit": "元", "value": "很多"})
    assert bad.status_code == 400 and "数量应填写数字" in bad.content.decode()


def test_mine_calendar_homes_appointments_and_compliance_pages(world, login, held):
    member = login(world.users[Role.MEMBER])
    assert held.title in member.get(reverse("activities:mine")).content.decode()
    assert member.get(reverse("activities:appointments")).status_code == 403
    assert member.get(reverse("activities:compliance")).status_code == 403
    local = timezone.localtime(held.start_at)
    cal = member.get(reverse("activities:calendar"), {"year": local.year, "month": local.month}).content.decode()
    assert held.title in cal
    assert login(world.users[Role.COMMITTEE_STAFF]).get(reverse("activities:mine")).status_code == 403
    staff = login(world.users[Role.COMMITTEE_STAFF])
    for name in ("activities:appointments", "activities:homes", "activities:compliance"):
        assert staff.get(reverse(name)).status_code == 200, name
    r = staff.post(reverse("activities:appointments"), {"member": world.users[Role.MEMBER].member.pk, "kind": "democratic_supervisor",
                                                        "org_name": "", "start_date": "2023-03-01"})
    assert r.status_code == 400 and "请填写聘任或派驻单位" in r.content.decode()
    ok = staff.post(reverse("activities:appointments"), {"member": world.users[Role.MEMBER].member.pk,
                                                         "kind": "democratic_supervisor", "org_name": "市水利局",
                                                         "start_date": "2023-03-01"})
    assert ok.status_code == 302
    assert "市水利局" in staff.get(reverse("activities:appointments")).content.decode()


def test_the_nav_and_todos_show_activities_for_members_and_organisers(world, login, held):
    from zhengxie.core.todos import todos_for

    titles = [t.title for t in todos_for(world.users[Role.MEMBER])]
    assert f"签到：{held.title}" in titles
    past = make_activity(world, status=Status.IN_PROGRESS, start=timezone.now() - dt.timedelta(hours=5), hours=1,
                         invite=[world.users[Role.MEMBER]], title="已结束未记录的视察")
    staff_todos = {t.title: t for t in todos_for(world.users[Role.COMMITTEE_STAFF])}
    assert "完成活动记录：已结束未记录的视察" in staff_todos
    assert "1人未签到" in staff_todos["完成活动记录：已结束未记录的视察"].detail
    assert "未登记成果数据" in staff_todos["完成活动记录：已结束未记录的视察"].detail
    assert past.pk


def test_a_leader_reads_the_attendance_table_without_record_buttons(world, login, held):
    page = login(world.users[Role.LEADER]).get(reverse("activities:detail", args=[held.pk])).content.decode()
    assert world.users[Role.MEMBER].member.name in page and "代签原因" not in page and "登记发言" not in page


def test_the_screen_shows_a_qr_code_of_the_current_link_that_changes_with_the_slot(world, login, held, monkeypatch):
    from types import SimpleNamespace

    c = login(world.users[Role.COMMITTEE_STAFF])
    link = "http://testserver" + reverse("activities:sign_in", args=[held.pk])
    now = timezone.now()
    monkeypatch.setattr(signin, "timezone", SimpleNamespace(now=lambda: now, localtime=timezone.localtime))
    first = c.get(reverse("activities:screen", args=[held.pk]), HTTP_HX_REQUEST="true").content.decode()
    qr = signin.qr_svg(f"{link}?t={signin.token_for(held, now)}")
    assert "<svg" in first and qr in first and signin.code_for(held, now) in first
    later = now + dt.timedelta(seconds=signin.slot_seconds(held))
    monkeypatch.setattr(signin, "timezone", SimpleNamespace(now=lambda: later, localtime=timezone.localtime))
    second = c.get(reverse("activities:screen", args=[held.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "<svg" in second and qr not in second
    assert signin.qr_svg(f"{link}?t={signin.token_for(held, later)}") in second
    refused = login(world.users[Role.MEMBER]).get(reverse("activities:screen", args=[held.pk]))
    assert refused.status_code == 403 and "<svg" not in refused.content.decode()
