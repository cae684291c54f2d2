import datetime as dt
from io import BytesIO
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook, load_workbook

from zhengxie.accounts.models import Organisation
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.models import AuditLog
from zhengxie.core.roles import Role
from zhengxie.core.testing import make_cppcc, make_member, make_org, make_term
from zhengxie.members import imports
from zhengxie.members.models import Member, Membership

FIXTURES = Path(__file__).parent / "fixtures"
HEADERS = [h for h, _, _ in imports.COLUMNS]


def _xlsx(rows, headers=HEADERS) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _row(**values):
    return [values.get(h) for h in HEADERS]


@pytest.fixture
def admin(persona):
    return persona(Role.ADMIN)


def test_export_then_import_into_a_fresh_cppcc_recreates_the_members(persona, admin, zhang, li, orgs):
    make_member(zhang.cppcc, "单雄信", term=zhang.memberships.get().term, sector=orgs["经济界"], phone="13800000003",
                pinyin_override="sxx", ethnicity="回族")
    data = imports.member_export(user=admin, filters={})
    fresh = make_cppcc("fresh", "新市政协")
    for name, kind in (("经济界", "sector"), ("教育界", "sector"), ("经济委员会", "committee"), ("民革", "party")):
        make_org(fresh, name, kind)
    term = make_term(fresh, 14, start=dt.date(2022, 1, 1))
    fresh_admin = persona(Role.ADMIN, fresh)
    preview = imports.member_import_preview(data=data, term=term, by=fresh_admin)
    assert preview.ok, preview.messages
    assert imports.member_import_apply(data=data, term=term, by=fresh_admin) == 3
    imported = {m.name: m for m in Member.objects.filter(cppcc=fresh)}
    assert set(imported) == {"张三", "李四", "单雄信"}
    z = imported["张三"]
    assert (z.phone, z.email, z.employer, z.birth_date) == ("13800000001", "zs@example.cn", "市工商联", dt.date(1970, 1, 2))
    seat = z.memberships.get()
    assert (seat.sector.name, seat.committee.name, seat.cppcc_id, seat.term) == ("经济界", "经济委员会", fresh.pk, term)
    assert imported["李四"].memberships.get().is_standing is True
    assert (imported["单雄信"].pinyin_override, imported["单雄信"].ethnicity) == ("sxx", "回族")


def test_a_file_made_with_openpyxl_in_its_own_column_order_imports(admin, term, orgs):
    headers = ["姓名", "界别", "手机", "任职开始日期", "是否常委", "性别", "出生日期", "专委会"]
    data = _xlsx([
        ["王五", "经济界", 13900000011, "2023年3月1日", "是", "男", dt.datetime(1966, 6, 1), "经济委员会"],
        ["赵六 ", " 教育界", "13900000012", "2022/1/1", None, "女", "1977-07-07", None],
        [None] * 8,
    ], headers=headers)
    assert imports.member_import_apply(data=data, term=term, by=admin) == 2
    wang = Member.objects.get(name="王五")
    seat = wang.memberships.get()
    assert (wang.phone, wang.gender, wang.pinyin_initials) == ("13900000011", "M", "ww")
    assert (seat.start_date, seat.is_standing, seat.committee.name) == (dt.date(2023, 3, 1), True, "经济委员会")
    assert Member.objects.get(name="赵六").memberships.get().sector.name == "教育界"


@pytest.mark.parametrize("fixture", ["members-libreoffice.xlsx", "members-calc-style.xlsx"])
def test_a_file_saved_by_libreoffice_calc_imports(admin, term, orgs, fixture):
    data = (FIXTURES / fixture).read_bytes()
    if fixture == "members-libreoffice.xlsx":  # really written by LibreOffice Calc (see fixtures/README.md)
        import zipfile

        assert b"<Application>LibreOffice/" in zipfile.ZipFile(FIXTURES / fixture).read("docProps/app.xml")
    preview = imports.member_import_preview(data=data, term=term, by=admin)
    assert preview.ok, preview.messages
    assert [r.number for r in preview.rows] == [2, 3, 4]
    assert imports.member_import_apply(data=data, term=term, by=admin) == 3
    shan = Member.objects.get(name="单雄信")
    assert (shan.pinyin_override, shan.birth_date, shan.phone) == ("sxx", dt.date(1970, 5, 6), "13800138001")
    assert shan.memberships.get().party.name == "民革"
    zeng = Member.objects.get(name="曾丽华")
    assert (zeng.pinyin_initials, zeng.birth_date, zeng.gender) == ("zlh", dt.date(1980, 3, 15), "F")
    ouyang = Member.objects.get(name="欧阳明").memberships.get()
    assert (ouyang.start_date, ouyang.start_reason) == (dt.date(2023, 6, 30), Membership.StartReason.ADDED)


def test_a_file_with_bad_rows_changes_nothing_and_reports_every_bad_row(admin, term, orgs, zhang):
    data = _xlsx([
        _row(姓名="好人", 界别="经济界", 手机="13900000001"),
        _row(姓名="甲", 界别="体育界", 手机="13900000002"),
        _row(姓名="乙", 界别="经济界", 手机="1390000", 出生日期="1970-13-01"),
        _row(姓名="好人", 界别="经济界", 手机="13900000001"),
        _row(姓名="张三", 界别="经济界", 手机="13800000001"),
        _row(姓名="丙", 界别="经济界", 专委会="不存在委", 党派="民主党", 任职开始日期="2021-12-31"),
        _row(姓名="", 界别="经济界", 电子邮箱="x@"),
        _row(姓名="丁", 界别="经济界", 性别="男性", 是否常委="可能", 开始原因="推荐"),
    ])
    before = (Member.objects.count(), Membership.objects.count(), AuditLog.objects.count())
    preview = imports.member_import_preview(data=data, term=term, by=admin)
    assert not preview.ok
    assert preview.messages == [
        "第3行：界别「体育界」不存在，请使用本政协已设置的界别名称",
        "第4行：出生日期「1970-13-01」不是有效的日期（请写成 2023-01-05、2023/1/5 或 2023年1月5日）",
        "第4行：手机「1390000」格式不正确，应为11位手机号",
        "第5行：与第2行重复（姓名和手机相同）",
        "第6行：张三（13800000001）已是十四届委员，不能重复导入",
        "第7行：专委会「不存在委」不存在，请使用本政协已设置的专委会名称",
        "第7行：党派「民主党」不存在，请使用本政协已设置的党派名称",
        "第7行：任职开始日期2021-12-31不在十四届期间（2022-01-01以后）",
        "第8行：「姓名」不能为空",
        "第8行：电子邮箱「x@」格式不正确",
        "第9行：性别「男性」应填写“男”或“女”",
        "第9行：是否常委「可能」应填写“是”或“否”",
        "第9行：开始原因「推荐」应为：当选、增补或调入",
    ]
    assert preview.rows[0].errors == [] and preview.rows[1].errors == ["界别「体育界」不存在，请使用本政协已设置的界别名称"]
    with pytest.raises(ApplicationError) as exc:
        imports.member_import_apply(data=data, term=term, by=admin)
    assert exc.value.message == "导入文件中有 13 处错误，未导入任何数据；请修改后重新上传。"
    assert (Member.objects.count(), Membership.objects.count(), AuditLog.objects.count()) == before


def test_a_failure_while_writing_rolls_back_every_row(admin, term, orgs, monkeypatch):
    from zhengxie.members import services

    real = services.membership_add
    calls = []

    def flaky(**kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise ApplicationError("模拟写入失败")
        return real(**kwargs)

    monkeypatch.setattr(services, "membership_add", flaky)
    data = _xlsx([_row(姓名="一号", 界别="经济界"), _row(姓名="二号", 界别="经济界")])
    with pytest.raises(ApplicationError):
        imports.member_import_apply(data=data, term=term, by=admin)
    assert not Member.objects.filter(name__in=["一号", "二号"]).exists() and not AuditLog.objects.exists()


def test_a_person_from_an_earlier_term_gets_a_new_seat_not_a_second_record(admin, city, orgs):
    old_term = make_term(city, 13, start=dt.date(2017, 1, 1))
    Membership.objects.filter(term=old_term).delete()
    person = make_member(city, "老委员", term=old_term, sector=orgs["经济界"], phone="13700000000", start=dt.date(2017, 1, 1),
                         end=dt.date(2021, 12, 31))
    new_term = make_term(city, 14, start=dt.date(2022, 1, 1))
    data = _xlsx([_row(姓名="老委员", 界别="教育界", 手机="13700000000")])
    preview = imports.member_import_preview(data=data, term=new_term, by=admin)
    assert preview.ok and preview.rows[0].note == "已有档案，新增本届任职"
    imports.member_import_apply(data=data, term=new_term, by=admin)
    assert Member.objects.filter(name="老委员").count() == 1
    assert [s.term.number for s in person.memberships.order_by("start_date")] == [13, 14]


def test_only_admin_and_committee_staff_may_import(persona, term):
    with pytest.raises(PermissionDenied):
        imports.member_import_preview(data=_xlsx([]), term=term, by=persona(Role.PROPOSAL_STAFF))
    preview = imports.member_import_preview(data=_xlsx([]), term=term, by=persona(Role.COMMITTEE_STAFF))
    assert preview.messages == ["文件中没有委员数据：请在表头下方逐行填写。"]


def test_the_template_has_the_headers_and_a_sheet_of_valid_names(admin, orgs):
    wb = load_workbook(BytesIO(imports.import_template(admin)))
    assert [c.value for c in wb["委员导入模板"][1]] == HEADERS
    notes = {row[0]: row[1] for row in wb["填写说明"].iter_rows(values_only=True)}
    assert "经济界、教育界" in notes["界别"] and "民革" in notes["党派"]


def test_export_is_audited_and_hides_contact_columns_from_members(persona, zhang, li):
    member_user = persona(Role.MEMBER)
    ws = load_workbook(BytesIO(imports.member_export(user=member_user, filters={"q": "张"}))).active
    headers = [c.value for c in ws[1]]
    assert "手机" not in headers and "电子邮箱" not in headers and "出生日期" not in headers
    assert [c.value for c in ws["A"]][1:] == ["张三"]
    audit = AuditLog.objects.get(action="members.export")
    assert audit.actor == member_user and audit.cppcc_id == member_user.cppcc_id
    staff_ws = load_workbook(BytesIO(imports.member_export(user=persona(Role.LEADER), filters={}))).active
    assert "手机" in [c.value for c in staff_ws[1]] and staff_ws.max_row == 3


def test_export_is_refused_to_roles_outside_the_directory(persona):
    with pytest.raises(PermissionDenied):
        imports.member_export(user=persona(Role.HANDLING_UNIT), filters={})
    assert not AuditLog.objects.exists()


def test_the_upload_waits_under_a_token_bound_to_its_user(persona, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    admin, other = persona(Role.ADMIN), persona(Role.COMMITTEE_STAFF)
    token = imports.upload_store(user=admin, data=b"xlsx-bytes")
    assert imports.upload_load(user=admin, token=token) == b"xlsx-bytes"
    with pytest.raises(ApplicationError, match="导入文件已失效"):
        imports.upload_load(user=other, token=token)
    with pytest.raises(ApplicationError, match="导入文件已失效"):
        imports.upload_load(user=admin, token="../../etc/passwd")
    imports.upload_discard(user=admin, token=token)
    with pytest.raises(ApplicationError, match="导入文件已失效"):
        imports.upload_load(user=admin, token=token)
    with pytest.raises(ApplicationError, match="文件超过 5MB"):
        imports.upload_store(user=admin, data=b"x" * (imports.MAX_UPLOAD_BYTES + 1))


def test_organisations_are_matched_by_short_name_too(admin, term, city):
    make_org(city, "中国国民党革命委员会", Organisation.Kind.PARTY, short_name="民革市委")
    make_org(city, "经济界", Organisation.Kind.SECTOR)
    data = _xlsx([_row(姓名="钱七", 界别="经济界", 党派="民革市委")])
    imports.member_import_apply(data=data, term=term, by=admin)
    assert Member.objects.get(name="钱七").memberships.get().party.name == "中国国民党革命委员会"
