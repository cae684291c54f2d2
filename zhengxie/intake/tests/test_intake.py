"""Public intake: the anonymous form, spam screen, rate limits, tracking privacy, screening and the API."""
import datetime as dt
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from zhengxie.core.config import config_set
from zhengxie.core.models import AuditLog
from zhengxie.core.roles import Role
from zhengxie.intake import services, spam
from zhengxie.intake.forms import form_token
from zhengxie.intake.models import CODE_ALPHABET, Submission
from zhengxie.topics.models import Clue

BODY = "我市部分老旧小区没有电梯，老年人上下楼很困难，建议政府加大加装电梯的补贴力度，简化审批流程。"


def submit(channel, *, phone="13812345678", ip="10.0.0.1", **extra):
    data = dict(channel=channel, name="王建国", phone=phone, title="关于老旧小区加装电梯的建议", body=BODY, ip=ip, elapsed=30)
    data.update(extra)
    return services.submission_create(**data)


def post_data(**extra):
    data = {"name": "王建国", "phone": "13812345678", "title": "关于老旧小区加装电梯的建议", "body": BODY, "agree": "on",
            "website": "", "ts": form_token(time.time() - 30)}
    data.update(extra)
    return data


# Spam screen -----------------------------------------------------------------------------------------

@pytest.mark.django_db
class TestSpamScreen:
    def test_clean_text_passes(self, city):
        assert spam.screen(cppcc=city, title="加装电梯", body=BODY, elapsed=30) == []

    def test_honeypot_and_fast_fill_are_refused_neutrally(self, city):
        assert spam.screen(cppcc=city, title="t", body=BODY, honeypot="http://x", elapsed=30) == [spam.BOT]
        assert spam.screen(cppcc=city, title="t", body=BODY, elapsed=1) == [spam.BOT]
        assert spam.screen(cppcc=city, title="t", body=BODY, elapsed=None) == [spam.BOT]

    @pytest.mark.parametrize("body,word", [
        ("太短了", "内容过短"),
        (BODY + "详见 https://example.com 网站", "网址"),
        (BODY + "啊啊啊啊啊啊啊啊啊啊", "重复字符"),
        (BODY + "代开发票请联系", "不予接收"),
    ])
    def test_content_rules_say_what_to_fix(self, city, body, word):
        reasons = spam.screen(cppcc=city, title="标题", body=body, elapsed=30)
        assert any(word in r for r in reasons)

    def test_rules_are_configurable(self, city, admin_user):
        config_set(cppcc=city, key="intake.min_body_chars", value=5, valid_from=dt.date(2020, 1, 1), by=admin_user)
        assert spam.screen(cppcc=city, title="标题", body="电梯太少了啊", elapsed=30) == []


# Creating, rate limits ---------------------------------------------------------------------------------

@pytest.mark.django_db
class TestSubmit:
    def test_submission_is_stored_with_an_unambiguous_code(self, channel):
        sub = submit(channel)
        assert len(sub.tracking_code) == 10 and set(sub.tracking_code) <= set(CODE_ALPHABET)
        assert not set("01OI") & set(sub.tracking_code)
        assert sub.status == Submission.Status.NEW and sub.ip == "10.0.0.1"
        assert AuditLog.objects.filter(action="intake.submit", actor__isnull=True).count() == 1

    @pytest.mark.parametrize("field,value,message", [
        ("name", "王", "真实姓名"), ("phone", "12345", "手机号码"), ("title", "", "标题")])
    def test_bad_input_gives_chinese_message_and_stores_nothing(self, channel, field, value, message):
        with pytest.raises(ValidationError) as exc:
            submit(channel, **{field: value})
        assert any(message in m for m in exc.value.messages)
        assert Submission.objects.count() == 0

    def test_closed_channel_refuses(self, channel):
        channel.is_open = False
        channel.save()
        with pytest.raises(ValidationError, match="停止征集"):
            submit(channel)

    def test_phone_limit_per_window(self, channel):
        for i in range(3):
            submit(channel, ip=f"10.0.0.{i + 1}")
        with pytest.raises(ValidationError, match="该手机号"):
            submit(channel, ip="10.0.0.9")
        assert Submission.objects.count() == 3

    def test_ip_limit_per_window(self, channel):
        for i in range(5):
            submit(channel, phone=f"1381234560{i}")
        with pytest.raises(ValidationError, match="您所在的网络"):
            submit(channel, phone="13812345699")

    def test_limit_window_passes_and_is_configurable(self, channel, admin_user, city):
        for i in range(3):
            submit(channel, ip=f"10.0.0.{i + 1}")
        Submission.objects.update(created_at=timezone.now() - dt.timedelta(minutes=61))
        submit(channel)  # the old ones are outside the 60-minute window
        config_set(cppcc=city, key="intake.phone_limit", value=1, valid_from=dt.date(2020, 1, 1), by=admin_user)
        with pytest.raises(ValidationError, match="1条"):
            submit(channel, ip="10.0.0.8")

    def test_attachment_type_checked(self, channel):
        bad = SimpleUploadedFile("a.exe", b"MZ", content_type="application/octet-stream")
        with pytest.raises(ValidationError, match="附件类型"):
            submit(channel, attachment=bad)


# Screening -----------------------------------------------------------------------------------------

@pytest.mark.django_db
class TestScreening:
    @pytest.mark.parametrize("role,allowed", [
        (Role.PROPOSAL_STAFF, True), (Role.ADMIN, False), (Role.MEMBER, False), (Role.LEADER, False),
        (Role.HANDLING_UNIT, False), (Role.EXPERT, False), (Role.INFO_EDITOR, False)])
    def test_only_the_consumers_roles_screen(self, channel, persona, role, allowed):
        sub = submit(channel)
        if allowed:
            sub, clue = services.submission_accept(submission=sub, by=persona(role))
            assert sub.status == "accepted" and isinstance(clue, Clue) and clue.status == Clue.Status.ACCEPTED
            assert clue.source == Clue.Source.PUBLIC and clue.submission == sub
        else:
            with pytest.raises(PermissionDenied):
                services.submission_accept(submission=sub, by=persona(role))
            with pytest.raises(PermissionDenied):
                services.submission_reject(submission=sub, by=persona(role), reason="不属于提案线索")

    def test_staff_of_another_cppcc_cannot_screen(self, channel, persona, county):
        sub = submit(channel)
        with pytest.raises(PermissionDenied):
            services.submission_accept(submission=sub, by=persona(Role.PROPOSAL_STAFF, county))

    def test_reject_needs_reason_and_never_twice(self, channel, persona):
        staff = persona(Role.PROPOSAL_STAFF)
        sub = submit(channel)
        with pytest.raises(ValidationError, match="理由"):
            services.submission_reject(submission=sub, by=staff, reason="")
        services.submission_reject(submission=sub, by=staff, reason="属于信访事项，请向市信访局反映。")
        with pytest.raises(ValidationError, match="不能重复处理"):
            services.submission_accept(submission=sub, by=staff)
        assert Clue.objects.count() == 0


# Pages -----------------------------------------------------------------------------------------------

@pytest.mark.django_db
class TestPublicPages:
    def test_anonymous_form_renders_with_privacy_notice_and_csrf(self, client, channel):
        r = client.get("/public/city/proposal-clue/")
        html = r.content.decode()
        assert r.status_code == 200 and "提案线索征集" in html and "个人信息保护说明" in html
        assert 'name="website"' in html and 'name="ts"' in html

    def test_csrf_is_enforced(self, channel):
        from django.test import Client

        r = Client(enforce_csrf_checks=True).post("/public/city/proposal-clue/", post_data())
        assert r.status_code == 403 and Submission.objects.count() == 0

    def test_unknown_channel_404(self, client, channel):
        assert client.get("/public/city/nothing/").status_code == 404

    def test_post_gives_tracking_code_then_tracking_shows_status_only(self, client, channel, persona):
        r = client.post("/public/city/proposal-clue/", post_data(), REMOTE_ADDR="10.1.1.1", follow=True)
        assert r.status_code == 200
        sub = Submission.objects.get()
        assert sub.tracking_code in r.content.decode() and sub.ip == "10.1.1.1"
        services.submission_reject(submission=sub, by=persona(Role.PROPOSAL_STAFF), reason="属于信访事项，请向信访部门反映。")
        r = client.post("/public/track/", {"code": sub.tracking_code.lower()})
        html = r.content.decode()
        assert "未采纳" in html and "属于信访事项" in html
        assert "王建国" not in html and "13812345678" not in html and BODY[:10] not in html

    def test_unknown_code(self, client, channel):
        r = client.post("/public/track/", {"code": "ABCDEFGHJK"})
        assert r.status_code == 404 and "没有找到" in r.content.decode()

    def test_spam_post_is_refused_with_message(self, client, channel):
        r = client.post("/public/city/proposal-clue/", post_data(ts=form_token(time.time())))
        assert r.status_code == 400 and spam.BOT in r.content.decode()
        r = client.post("/public/city/proposal-clue/", post_data(website="x"))
        assert r.status_code == 400 and Submission.objects.count() == 0

    def test_rate_limited_post_shows_chinese_message(self, client, channel):
        for i in range(3):
            submit(channel, ip=f"10.0.0.{i + 1}")
        r = client.post("/public/city/proposal-clue/", post_data())
        assert r.status_code == 400 and "提交过于频繁" in r.content.decode()


@pytest.mark.django_db
class TestStaffPages:
    def test_staff_list_detail_export(self, login, channel, persona):
        sub = submit(channel)
        c = login(persona(Role.PROPOSAL_STAFF))
        r = c.get("/public/manage/?q=电梯")
        assert r.status_code == 200 and sub.title in r.content.decode()
        r = c.get(f"/public/manage/{sub.pk}/")
        assert "13812345678" in r.content.decode()
        r = c.get("/public/manage/?format=xlsx")
        assert r["Content-Type"].startswith("application/vnd.openxmlformats")
        r = c.post(f"/public/manage/{sub.pk}/accept/", {"reply": ""})
        assert r.status_code == 302 and Clue.objects.filter(submission=sub).exists()

    @pytest.mark.parametrize("role", [Role.MEMBER, Role.HANDLING_UNIT, Role.LEADER])
    def test_others_never_see_personal_data(self, login, channel, persona, role):
        sub = submit(channel)
        c = login(persona(role))
        assert c.get("/public/manage/").status_code == 403
        assert c.get(f"/public/manage/{sub.pk}/").status_code == 404

    def test_channel_management(self, login, persona, city):
        c = login(persona(Role.PROPOSAL_STAFF))
        r = c.post("/public/manage/channels/new/", {"code": "clue-2027", "title": "2027年提案线索征集",
                                                    "consumer": "proposal_clue", "is_open": "on"})
        assert r.status_code == 302
        assert c.get("/public/city/clue-2027/").status_code == 200
        r = c.post("/public/manage/channels/new/", {"code": "Bad Code", "title": "x", "consumer": "proposal_clue"})
        assert r.status_code == 400


@pytest.mark.django_db
class TestApi:
    def test_track_is_public_and_minimal(self, client, channel):
        sub = submit(channel)
        r = client.get(f"/api/v1/intake/track/{sub.tracking_code}")
        assert r.status_code == 200
        assert set(r.json()) == {"channel", "status", "status_label", "public_reply", "submitted_on"}
        assert client.get("/api/v1/intake/track/ZZZZZZZZZZ").status_code == 404

    def test_staff_list_and_reject(self, login, channel, persona):
        sub = submit(channel)
        c = login(persona(Role.PROPOSAL_STAFF))
        r = c.get("/api/v1/intake/submissions?status=new")
        assert r.json()["count"] == 1 and r.json()["items"][0]["phone"] == "13812345678"
        r = c.post(f"/api/v1/intake/submissions/{sub.pk}/reject", {"reason": ""}, content_type="application/json")
        assert r.status_code == 400 and "理由" in r.json()["detail"]

    def test_member_sees_nothing(self, login, channel, persona):
        submit(channel)
        c = login(persona(Role.MEMBER))
        assert c.get("/api/v1/intake/submissions").json()["count"] == 0
