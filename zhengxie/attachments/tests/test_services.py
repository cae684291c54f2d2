import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from zhengxie.attachments import permissions
from zhengxie.attachments.models import Attachment
from zhengxie.attachments.services import attachment_add, attachment_delete
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.models import ConfigValue, Event
from zhengxie.core.roles import Role
from zhengxie.core.testing import make_member
from zhengxie.members.models import Member

from .conftest import EXE, GIF, JPG, PDF, PNG, TXT, docx_bytes, ole_bytes, ooxml, upload, xlsx_bytes

PAST = dt.date(2020, 1, 1)


def _config(cppcc, key, value):
    ConfigValue.objects.create(cppcc=cppcc, key=key, value=value, valid_from=PAST)


@pytest.mark.parametrize(
    ("name", "make", "kind", "mime"),
    [
        ("提案.pdf", lambda: PDF, "pdf", "application/pdf"),
        ("现场照片.png", lambda: PNG, "png", "image/png"),
        ("现场照片.JPG", lambda: JPG, "jpg", "image/jpeg"),
        ("照片.jpeg", lambda: JPG, "jpg", "image/jpeg"),
        ("动图.gif", lambda: GIF, "gif", "image/gif"),
        ("提案正文.docx", docx_bytes, "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("统计表.xlsx", xlsx_bytes, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("汇报.pptx", lambda: ooxml(["[Content_Types].xml", "ppt/presentation.xml"]), "pptx",
         "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        ("旧版正文.doc", lambda: ole_bytes("WordDocument"), "doc", "application/msword"),
        ("旧版表格.xls", lambda: ole_bytes("Workbook"), "xls", "application/vnd.ms-excel"),
        ("说明.txt", lambda: TXT, "txt", "text/plain; charset=utf-8"),
    ],
)
def test_each_real_file_type_is_accepted(city, staff, record, name, make, kind, mime):
    _config(city, "attachments.allowed_types", ["pdf", "png", "jpg", "gif", "docx", "xlsx", "pptx", "doc", "xls", "txt"])
    content = make()
    att = attachment_add(obj=record, uploaded_file=upload(name, content), by=staff)
    assert (att.kind, att.mime, att.size, att.original_name) == (kind, mime, len(content), name)
    assert att.target == record and att.cppcc == city and att.uploaded_by == staff
    with att.file.open("rb") as f:
        assert f.read() == content


def test_the_sha256_of_the_content_is_recorded(staff, record):
    import hashlib

    att = attachment_add(obj=record, uploaded_file=upload("a.pdf", PDF), by=staff)
    assert att.sha256 == hashlib.sha256(PDF).hexdigest()


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("伪装.pdf", lambda: PNG),
        ("伪装.pdf", lambda: EXE),
        ("伪装.pdf", lambda: ooxml(["a.txt"])),
        ("伪装.docx", lambda: ooxml(["[Content_Types].xml", "other/x.xml"])),
        ("伪装.docx", lambda: ooxml(["readme.txt"])),
        ("伪装.docx", xlsx_bytes),
        ("伪装.xlsx", docx_bytes),
        ("伪装.doc", lambda: ole_bytes("Workbook")),
        ("伪装.xls", lambda: ole_bytes("SummaryInformation")),
        ("伪装.txt", lambda: EXE),
        ("伪装.txt", lambda: "GBK编码".encode("gbk")),
        ("伪装.jpg", lambda: PDF),
    ],
)
def test_a_disguised_file_is_refused_and_nothing_is_written(staff, record, stored_files, name, make):
    with pytest.raises(ApplicationError, match="文件内容与扩展名不符"):
        attachment_add(obj=record, uploaded_file=upload(name, make()), by=staff)
    assert not Attachment.objects.exists() and stored_files() == []
    assert not Event.objects.exists()


def test_a_type_not_in_the_allowed_list_is_refused(staff, record, stored_files):
    with pytest.raises(ApplicationError, match=r"不允许上传此类型的文件（exe）"):
        attachment_add(obj=record, uploaded_file=upload("setup.exe", EXE), by=staff)
    with pytest.raises(ApplicationError, match=r"不允许上传此类型的文件（gif）。允许的类型：pdf、docx"):
        attachment_add(obj=record, uploaded_file=upload("动图.gif", GIF), by=staff)
    with pytest.raises(ApplicationError, match="无扩展名"):
        attachment_add(obj=record, uploaded_file=upload("README", TXT), by=staff)
    assert not Attachment.objects.exists() and stored_files() == []


def test_an_empty_file_is_refused(staff, record, stored_files):
    with pytest.raises(ApplicationError, match="空文件"):
        attachment_add(obj=record, uploaded_file=upload("空.pdf", b""), by=staff)
    assert stored_files() == []


def test_a_file_over_the_default_32mb_is_refused_before_it_is_read(staff, record, stored_files):
    big = upload("大文件.pdf", PDF)
    big.size = 32 * 1024 * 1024 + 1
    with pytest.raises(ApplicationError, match="文件超过32MB上限"):
        attachment_add(obj=record, uploaded_file=big, by=staff)
    assert not Attachment.objects.exists() and stored_files() == []


def test_the_size_limit_comes_from_the_configuration_valid_today(city, staff, record, stored_files):
    _config(city, "attachments.max_mb", 1)
    ConfigValue.objects.create(cppcc=city, key="attachments.max_mb", value=50, valid_from=dt.date(2099, 1, 1))
    content = PDF + b"0" * (1024 * 1024)
    with pytest.raises(ApplicationError, match="文件超过1MB上限"):
        attachment_add(obj=record, uploaded_file=upload("报告.pdf", content), by=staff)
    assert not Attachment.objects.exists() and stored_files() == []
    attachment_add(obj=record, uploaded_file=upload("报告.pdf", PDF), by=staff)


def test_the_number_of_files_per_record_is_limited(city, staff, record, stored_files):
    _config(city, "attachments.max_files", 2)
    attachment_add(obj=record, uploaded_file=upload("1.pdf", PDF), by=staff)
    attachment_add(obj=record, uploaded_file=upload("2.pdf", PDF), by=staff)
    with pytest.raises(ApplicationError, match="每条记录最多上传2个附件"):
        attachment_add(obj=record, uploaded_file=upload("3.pdf", PDF), by=staff)
    assert Attachment.objects.count() == 2 and len(stored_files()) == 2
    other = make_member(record.cppcc, "李委员")
    attachment_add(obj=other, uploaded_file=upload("3.pdf", PDF), by=staff)


def test_an_upload_leaves_a_timeline_row_on_the_record(staff, record):
    attachment_add(obj=record, uploaded_file=upload("调研报告.pdf", PDF), by=staff)
    event = Event.objects.get(object_id=str(record.pk))
    assert event.message == "上传附件：调研报告.pdf" and event.actor == staff and event.target == record


def test_by_default_only_staff_and_leaders_of_the_same_cppcc_may_upload(county, persona, record):
    for role in (Role.MEMBER, Role.HANDLING_UNIT):
        with pytest.raises(PermissionDenied):
            attachment_add(obj=record, uploaded_file=upload("a.pdf", PDF), by=persona(role))
    with pytest.raises(PermissionDenied):
        attachment_add(obj=record, uploaded_file=upload("a.pdf", PDF), by=persona(Role.ADMIN, cppcc=county))
    attachment_add(obj=record, uploaded_file=upload("a.pdf", PDF), by=persona(Role.LEADER))


def test_an_app_can_register_who_may_upload(monkeypatch, persona, record):
    member = persona(Role.MEMBER)
    monkeypatch.setitem(permissions._uploaders, Member, lambda user, obj: user.pk == member.pk)
    attachment_add(obj=record, uploaded_file=upload("a.pdf", PDF), by=member)
    with pytest.raises(PermissionDenied):
        attachment_add(obj=record, uploaded_file=upload("b.pdf", PDF), by=persona(Role.PROPOSAL_STAFF))


def test_the_uploader_or_an_admin_may_delete_and_the_file_goes(persona, staff, record, stored_files,
                                                                django_capture_on_commit_callbacks):
    att = attachment_add(obj=record, uploaded_file=upload("旧稿.pdf", PDF), by=staff)
    with pytest.raises(PermissionDenied):
        attachment_delete(attachment=att, by=persona(Role.INFO_EDITOR))
    with django_capture_on_commit_callbacks(execute=True):
        attachment_delete(attachment=att, by=staff)
    assert not Attachment.objects.exists() and stored_files() == []
    assert Event.objects.filter(object_id=str(record.pk), message="删除附件：旧稿.pdf").exists()
    second = attachment_add(obj=record, uploaded_file=upload("新稿.pdf", PDF), by=staff)
    with django_capture_on_commit_callbacks(execute=True):
        attachment_delete(attachment=second, by=persona(Role.ADMIN))
    assert not Attachment.objects.exists()
