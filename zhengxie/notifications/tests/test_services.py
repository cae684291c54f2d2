import datetime as dt
import logging

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.test import override_settings

from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.models import AuditLog, ConfigValue
from zhengxie.core.roles import Role
from zhengxie.core.testing import make_user
from zhengxie.notifications import services
from zhengxie.notifications.backends import NotificationBackend
from zhengxie.notifications.models import Delivery, Notification, Preference
from zhengxie.notifications.selectors import channels_for, unread_count
from zhengxie.notifications.services import notify


class BrokenSmsBackend(NotificationBackend):
    channel = "sms"

    def transmit(self, address, title, body, url):
        raise ConnectionError("短信网关无法连接")


def _pref(user, kind, channels):
    Preference.objects.create(user=user, kind=kind, channels=channels)


def test_a_notification_is_delivered_only_when_the_transaction_commits(city, persona, django_capture_on_commit_callbacks):
    member = persona(Role.MEMBER)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            notify(recipients=[member], kind="system", title="系统将于今晚维护", cppcc=city)
            assert not Notification.objects.exists()
    assert len(callbacks) == 1
    note = Notification.objects.get()
    assert note.recipient == member and note.title == "系统将于今晚维护" and note.read_at is None
    assert unread_count(member) == 1


def test_nothing_is_sent_when_the_surrounding_transaction_rolls_back(city, persona, django_capture_on_commit_callbacks, mailoutbox):
    member = persona(Role.MEMBER)
    member.email = "m@example.cn"
    member.save()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                notify(recipients=[member], kind="system", title="不会发出", cppcc=city)
                raise RuntimeError("业务写入失败")
    assert callbacks == []
    assert not Notification.objects.exists() and not Delivery.objects.exists() and mailoutbox == []


def test_without_any_setting_the_default_channels_inbox_and_email_are_used(city, persona, send, mailoutbox):
    member = persona(Role.MEMBER)
    member.email = "member@example.cn"
    member.save()
    send(recipients=[member], kind="system", title="您的账号已开通", body="请尽快修改初始密码。", url="/accounts/", cppcc=city)
    note = Notification.objects.get()
    assert note.in_inbox
    delivery = note.deliveries.get()
    assert (delivery.channel, delivery.status, delivery.address) == ("email", "sent", "member@example.cn")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "【智慧政协】您的账号已开通"
    assert "请尽快修改初始密码。" in mailoutbox[0].body and mailoutbox[0].to == ["member@example.cn"]


def test_email_is_skipped_and_recorded_when_the_user_has_no_address(city, persona, send, mailoutbox):
    member = persona(Role.MEMBER)
    send(recipients=[member], kind="system", title="无邮箱", cppcc=city)
    delivery = Delivery.objects.get()
    assert delivery.status == "skipped" and delivery.get_status_display() == "无联系方式"
    assert mailoutbox == []


def test_a_kind_setting_beats_the_all_kinds_setting_which_beats_the_configured_default(city, persona):
    a, b, c = make_user(city, "a"), make_user(city, "b"), make_user(city, "c")
    _pref(a, "account", ["sms"])
    _pref(a, "*", ["email"])
    _pref(b, "*", ["wechat", "inbox"])
    assert channels_for(a, "account") == ["sms"]
    assert channels_for(a, "system") == ["email"]
    assert channels_for(b, "account") == ["wechat", "inbox"]
    assert channels_for(c, "account") == ["inbox", "email"]
    ConfigValue.objects.create(cppcc=city, key="notifications.default_channels", value=["inbox"], valid_from=dt.date(2020, 1, 1))
    assert channels_for(c, "account") == ["inbox"]


def test_a_user_without_the_inbox_channel_gets_no_inbox_message_but_the_email(city, persona, send, mailoutbox):
    member = persona(Role.MEMBER)
    member.email = "m@example.cn"
    member.save()
    _pref(member, "*", ["email"])
    send(recipients=[member], kind="system", title="只发邮件", cppcc=city)
    assert unread_count(member) == 0
    assert len(mailoutbox) == 1 and Delivery.objects.get().status == "sent"


def test_sms_and_wechat_go_to_the_logging_backends_and_are_recorded_as_logged(city, persona, send, caplog):
    member = persona(Role.MEMBER)
    member.phone = "13800000001"
    member.save()
    _pref(member, "system", ["sms", "wechat"])
    with caplog.at_level(logging.INFO, logger="zhengxie.notifications"):
        send(recipients=[member], kind="system", title="会议改期", cppcc=city)
    rows = {d.channel: d for d in Delivery.objects.all()}
    assert set(rows) == {"sms", "wechat"}
    assert all(d.status == "logged" and d.address == "13800000001" for d in rows.values())
    logged = [r.getMessage() for r in caplog.records if r.name == "zhengxie.notifications"]
    assert any("[sms]" in m and "会议改期" in m for m in logged)
    assert any("[wechat]" in m for m in logged)


def test_sms_is_skipped_for_a_user_without_a_phone(city, persona, send):
    member = persona(Role.MEMBER)
    _pref(member, "*", ["sms"])
    send(recipients=[member], kind="system", title="无手机", cppcc=city)
    delivery = Delivery.objects.get()
    assert delivery.status == "skipped" and delivery.error == "用户未登记手机号"


@override_settings(ZX_SMS_BACKEND="zhengxie.notifications.tests.test_services.BrokenSmsBackend")
def test_a_failing_backend_is_recorded_and_does_not_stop_the_other_channels(city, persona, send, mailoutbox):
    member = persona(Role.MEMBER)
    member.phone, member.email = "13800000002", "x@example.cn"
    member.save()
    _pref(member, "*", ["inbox", "sms", "email"])
    send(recipients=[member], kind="system", title="照常送达", cppcc=city)
    assert unread_count(member) == 1
    sms = Delivery.objects.get(channel="sms")
    assert sms.status == "failed" and "短信网关无法连接" in sms.error
    assert Delivery.objects.get(channel="email").status == "sent" and len(mailoutbox) == 1


@override_settings(EMAIL_BACKEND="zhengxie.notifications.tests.test_services.BrokenMailBackend")
def test_a_failing_mail_server_is_recorded_as_failed(city, persona, send):
    member = persona(Role.MEMBER)
    member.email = "x@example.cn"
    member.save()
    send(recipients=[member], kind="system", title="邮件失败", cppcc=city)
    assert unread_count(member) == 1
    assert Delivery.objects.get(channel="email").status == "failed"


class BrokenMailBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("邮件服务器拒绝连接")


def test_recipients_of_another_cppcc_are_dropped_silently(city, county, persona, send):
    mine = persona(Role.MEMBER)
    theirs = persona(Role.MEMBER, cppcc=county)
    send(recipients=[mine, theirs.pk], kind="system", title="仅本政协", by=persona(Role.ADMIN))
    assert list(Notification.objects.values_list("recipient_id", flat=True)) == [mine.pk]
    assert unread_count(theirs) == 0


def test_inactive_users_and_duplicates_receive_nothing_extra(city, persona, send):
    member = persona(Role.MEMBER)
    gone = make_user(city, "gone")
    gone.is_active = False
    gone.save()
    send(recipients=[member, member, gone], kind="system", title="一次", cppcc=city)
    assert Notification.objects.count() == 1


def test_notify_needs_a_cppcc_or_an_acting_user(persona):
    with pytest.raises(ApplicationError, match="所属政协"):
        notify(recipients=[persona(Role.MEMBER)], kind="system", title="无主")


def test_marking_read_is_for_the_recipient_only(city, persona, send):
    member, other = persona(Role.MEMBER), persona(Role.INFORMANT)
    send(recipients=[member], kind="system", title="请查收", cppcc=city)
    note = Notification.objects.get()
    with pytest.raises(PermissionDenied):
        services.notification_mark_read(notification=note, by=other)
    services.notification_mark_read(notification=note, by=member)
    note.refresh_from_db()
    assert note.read_at is not None and unread_count(member) == 0
    assert AuditLog.objects.filter(action="notification.read", actor=member).count() == 1


def test_mark_all_read_touches_only_my_messages(city, persona, send):
    member, other = persona(Role.MEMBER), persona(Role.INFORMANT)
    send(recipients=[member, other], kind="system", title="一", cppcc=city)
    send(recipients=[member], kind="account", title="二", cppcc=city)
    assert services.notification_mark_all_read(by=member) == 2
    assert unread_count(member) == 0 and unread_count(other) == 1


def test_preference_set_checks_channels_and_kinds_in_chinese(persona):
    member = persona(Role.MEMBER)
    with pytest.raises(ApplicationError, match="未知的通知渠道：fax"):
        services.preference_set(user=member, kind="system", channels=["inbox", "fax"], by=member)
    with pytest.raises(ApplicationError, match="至少选择一种"):
        services.preference_set(user=member, kind="system", channels=[], by=member)
    with pytest.raises(ApplicationError, match="没有「nonsense」这种通知类型"):
        services.preference_set(user=member, kind="nonsense", channels=["inbox"], by=member)
    assert not Preference.objects.exists()


def test_preference_set_saves_updates_and_resets(persona):
    member = persona(Role.MEMBER)
    services.preference_set(user=member, kind="account", channels=["sms", "inbox"], by=member)
    assert channels_for(member, "account") == ["inbox", "sms"]
    services.preference_set(user=member, kind="account", channels=["wechat"], by=member)
    assert Preference.objects.get().channels == ["wechat"]
    services.preference_reset(user=member, kind="account", by=member)
    assert channels_for(member, "account") == ["inbox", "email"]


def test_only_the_user_or_an_admin_of_the_same_cppcc_may_change_preferences(city, county, persona):
    member, informant, admin = persona(Role.MEMBER), persona(Role.INFORMANT), persona(Role.ADMIN)
    county_admin = persona(Role.ADMIN, cppcc=county)
    with pytest.raises(PermissionDenied):
        services.preference_set(user=member, kind="system", channels=["inbox"], by=informant)
    with pytest.raises(PermissionDenied):
        services.preference_set(user=member, kind="system", channels=["inbox"], by=county_admin)
    services.preference_set(user=member, kind="system", channels=["inbox"], by=admin)
    assert channels_for(member, "system") == ["inbox"]
