from django.urls import reverse

from zhengxie.core.roles import Role
from zhengxie.notifications.models import Notification, Preference


def test_the_inbox_shows_only_my_own_messages(city, persona, send, login):
    member, other = persona(Role.MEMBER), persona(Role.INFORMANT)
    send(recipients=[member], kind="system", title="给委员的消息", cppcc=city)
    send(recipients=[other], kind="system", title="给信息员的消息", cppcc=city)
    html = login(member).get(reverse("notifications:inbox")).content.decode()
    assert "给委员的消息" in html and "给信息员的消息" not in html
    assert "1 条未读" in html


def test_the_inbox_filters_unread_kind_and_search(city, persona, send, login):
    member = persona(Role.MEMBER)
    send(recipients=[member], kind="system", title="系统维护通知", cppcc=city)
    send(recipients=[member], kind="account", title="密码已修改", body="如非本人操作请联系管理员", cppcc=city)
    Notification.objects.filter(title="系统维护通知").update(read_at="2026-01-01T00:00:00Z")
    client = login(member)
    unread = client.get(reverse("notifications:inbox"), {"status": "unread"}).content.decode()
    assert "密码已修改" in unread and "系统维护通知" not in unread
    by_kind = client.get(reverse("notifications:inbox"), {"kind": "system"}).content.decode()
    assert "系统维护通知" in by_kind and "密码已修改" not in by_kind
    found = client.get(reverse("notifications:inbox"), {"q": "本人操作"}).content.decode()
    assert "密码已修改" in found and "系统维护通知" not in found
    none = client.get(reverse("notifications:inbox"), {"q": "不存在的词"}).content.decode()
    assert "没有符合条件的消息" in none


def test_the_inbox_pages_twenty_messages_at_a_time(city, persona, send, login):
    member = persona(Role.MEMBER)
    for i in range(23):
        send(recipients=[member], kind="system", title=f"第{i}号通知", cppcc=city)
    client = login(member)
    first = client.get(reverse("notifications:inbox")).content.decode()
    assert "第 1 / 2 页，共 23 条" in first and "下一页" in first
    second = client.get(reverse("notifications:inbox"), {"page": 2}).content.decode()
    assert "第0号通知" in second and "第22号通知" not in second


def test_an_empty_inbox_says_so(persona, login):
    html = login(persona(Role.MEMBER)).get(reverse("notifications:inbox")).content.decode()
    assert "暂无消息" in html


def test_reading_someone_elses_notification_is_not_found(city, persona, send, login):
    member, other = persona(Role.MEMBER), persona(Role.INFORMANT)
    send(recipients=[other], kind="system", title="他人消息", cppcc=city)
    note = Notification.objects.get()
    response = login(member).post(reverse("notifications:read", args=[note.pk]))
    assert response.status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_reading_a_notification_goes_to_its_page(city, persona, send, login):
    member = persona(Role.MEMBER)
    send(recipients=[member], kind="system", title="去看看", url="/members/", cppcc=city)
    note = Notification.objects.get()
    response = login(member).post(reverse("notifications:read", args=[note.pk]))
    assert response.status_code == 302 and response["Location"] == "/members/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_an_outside_link_is_not_followed(city, persona, send, login):
    member = persona(Role.MEMBER)
    send(recipients=[member], kind="system", title="可疑链接", url="https://evil.example.com/", cppcc=city)
    response = login(member).post(reverse("notifications:read", args=[Notification.objects.get().pk]))
    assert response["Location"] == reverse("notifications:inbox")


def test_marking_read_with_htmx_returns_the_updated_row(city, persona, send, login):
    member = persona(Role.MEMBER)
    send(recipients=[member], kind="system", title="行内标记", cppcc=city)
    note = Notification.objects.get()
    response = login(member).post(reverse("notifications:read", args=[note.pk]), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.strip().startswith(f'<tr id="notification-{note.pk}"') and "已读" in html and "<html" not in html


def test_reading_needs_post(city, persona, send, login):
    member = persona(Role.MEMBER)
    send(recipients=[member], kind="system", title="x", cppcc=city)
    assert login(member).get(reverse("notifications:read", args=[Notification.objects.get().pk])).status_code == 405


def test_read_all_marks_everything_and_says_how_many(city, persona, send, login):
    member = persona(Role.MEMBER)
    send(recipients=[member], kind="system", title="一", cppcc=city)
    send(recipients=[member], kind="system", title="二", cppcc=city)
    response = login(member).post(reverse("notifications:read_all"), follow=True)
    assert "已将 2 条消息标为已读。" in response.content.decode()
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_the_preferences_page_lists_every_kind_with_its_channels(persona, login):
    html = login(persona(Role.MEMBER)).get(reverse("notifications:preferences")).content.decode()
    assert "系统通知" in html and "账号与安全" in html and "默认（未单独设置的类型）" in html
    assert "短信" in html and "微信" in html and "跟随默认" in html


def test_saving_and_resetting_a_preference_from_the_page(persona, login):
    member = persona(Role.MEMBER)
    client = login(member)
    response = client.post(reverse("notifications:preferences"), {"kind": "account", "channels": ["sms"], "action": "save"}, follow=True)
    assert "通知设置已保存。" in response.content.decode()
    assert Preference.objects.get(user=member, kind="account").channels == ["sms"]
    client.post(reverse("notifications:preferences"), {"kind": "account", "action": "reset"})
    assert not Preference.objects.filter(user=member).exists()


def test_a_bad_preference_is_refused_with_a_chinese_message(persona, login):
    response = login(persona(Role.MEMBER)).post(reverse("notifications:preferences"), {"kind": "account", "action": "save"})
    assert response.status_code == 400 and "请至少选择一种接收方式" in response.content.decode()


def test_every_signed_in_user_has_the_message_centre_in_the_navigation(persona, login):
    html = login(persona(Role.INFORMANT)).get(reverse("core:home")).content.decode()
    assert "消息中心" in html and reverse("notifications:inbox") in html


def test_the_inbox_needs_a_login(client):
    response = client.get(reverse("notifications:inbox"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
