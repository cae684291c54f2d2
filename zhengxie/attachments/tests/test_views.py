from urllib.parse import quote

from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from zhengxie.attachments import permissions
from zhengxie.attachments.models import Attachment
from zhengxie.attachments.services import attachment_add
from zhengxie.core.roles import Role
from zhengxie.members.models import Member

from .conftest import PDF, PNG, upload


def _add(record, by, name="提案附件 2026.pdf", content=PDF):
    return attachment_add(obj=record, uploaded_file=upload(name, content), by=by)


def test_the_uploader_downloads_the_file_with_its_chinese_name_and_nosniff(staff, record, login):
    att = _add(record, staff)
    response = login(staff).get(reverse("attachments:download", args=[att.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert f"filename*=UTF-8''{quote('提案附件 2026.pdf', safe='')}" in disposition
    assert 'filename="2026.pdf"' in disposition


def test_a_name_with_no_ascii_letters_gets_a_plain_fallback(staff, record, login):
    att = _add(record, staff, name="委员名单.pdf")
    disposition = login(staff).get(reverse("attachments:download", args=[att.pk]))["Content-Disposition"]
    assert 'filename="attachment.pdf"' in disposition
    assert "filename*=UTF-8''%E5%A7%94%E5%91%98%E5%90%8D%E5%8D%95.pdf" in disposition


def test_leaders_may_download_but_other_users_of_the_same_cppcc_get_403(persona, staff, record, login):
    att = _add(record, staff)
    assert login(persona(Role.LEADER)).get(reverse("attachments:download", args=[att.pk])).status_code == 200
    response = login(persona(Role.MEMBER)).get(reverse("attachments:download", args=[att.pk]))
    assert response.status_code == 403 and "您没有权限下载此附件。" in response.content.decode()


def test_users_of_another_cppcc_get_404_not_403(county, persona, staff, record, login):
    att = _add(record, staff)
    response = login(persona(Role.ADMIN, cppcc=county)).get(reverse("attachments:download", args=[att.pk]))
    assert response.status_code == 404


def test_a_missing_attachment_is_404(staff, login):
    assert login(staff).get(reverse("attachments:download", args=[999999])).status_code == 404


def test_a_registered_viewer_rule_decides_who_may_download(monkeypatch, persona, staff, record, login):
    member = persona(Role.MEMBER)
    record.user = member
    record.save()
    monkeypatch.setitem(permissions._viewers, Member, lambda user, obj: obj.user_id == user.pk)
    att = _add(record, staff)
    assert login(member).get(reverse("attachments:download", args=[att.pk])).status_code == 200
    assert login(persona(Role.INFORMANT)).get(reverse("attachments:download", args=[att.pk])).status_code == 403


def test_uploading_from_the_panel_returns_to_the_page(staff, record, login):
    response = login(staff).post(reverse("attachments:upload"), {
        "content_type": "members.member", "object_id": record.pk, "next": "/members/", "file": upload("会议纪要.pdf", PDF),
    })
    assert response.status_code == 302 and response["Location"] == "/members/"
    assert Attachment.objects.get().original_name == "会议纪要.pdf"


def test_a_refused_upload_shows_the_reason(staff, record, login):
    response = login(staff).post(reverse("attachments:upload"), {
        "content_type": "members.member", "object_id": record.pk, "next": reverse("core:home"), "file": upload("假.pdf", PNG),
    }, follow=True)
    assert "文件内容与扩展名不符" in response.content.decode()
    assert not Attachment.objects.exists()


def test_uploading_to_another_cppccs_record_is_404(county, persona, record, login):
    response = login(persona(Role.ADMIN, cppcc=county)).post(reverse("attachments:upload"), {
        "content_type": "members.member", "object_id": record.pk, "file": upload("a.pdf", PDF),
    })
    assert response.status_code == 404 and not Attachment.objects.exists()


def test_uploading_without_permission_is_403(persona, record, login):
    response = login(persona(Role.MEMBER)).post(reverse("attachments:upload"), {
        "content_type": "members.member", "object_id": record.pk, "file": upload("a.pdf", PDF),
    })
    assert response.status_code == 403 and not Attachment.objects.exists()


def test_deleting_from_the_panel(staff, record, login):
    att = _add(record, staff)
    response = login(staff).post(reverse("attachments:delete", args=[att.pk]), {"next": "/members/"}, follow=True)
    assert not Attachment.objects.exists()
    assert "已删除附件「提案附件 2026.pdf」。" in response.content.decode()


def _panel(user, record):
    request = RequestFactory().get("/members/1/")
    request.user = user
    html = Template('{% include "attachments/panel.html" with obj=record %}').render(
        Context({"user": user, "request": request, "record": record, "csrf_token": "tok"})
    )
    return html


def test_the_panel_lists_files_with_size_uploader_and_download_link(staff, record):
    att = _add(record, staff)
    html = _panel(staff, record)
    assert "提案附件 2026.pdf" in html and reverse("attachments:download", args=[att.pk]) in html
    assert f"{len(PDF)} 字节" in html and staff.name in html
    assert reverse("attachments:upload") in html and 'value="members.member"' in html and "删除" in html


def test_the_panel_hides_the_upload_form_and_other_peoples_files_from_a_member(persona, staff, record):
    _add(record, staff)
    html = _panel(persona(Role.MEMBER), record)
    assert "暂无附件。" in html and reverse("attachments:upload") not in html


def test_the_panel_tag_works_too(staff, record):
    request = RequestFactory().get("/")
    html = Template("{% load attachments_tags %}{% attachments_panel record %}").render(
        Context({"user": staff, "request": request, "record": record})
    )
    assert "附件" in html and "上传" in html


def test_a_file_missing_from_storage_is_404_not_a_crash(staff, record, login):
    from django.core.files.storage import default_storage

    att = _add(record, staff)
    default_storage.delete(att.file.name)
    assert login(staff).get(reverse("attachments:download", args=[att.pk])).status_code == 404
