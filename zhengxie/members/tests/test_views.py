import datetime as dt
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from zhengxie.core.models import AuditLog
from zhengxie.core.roles import Role
from zhengxie.core.testing import make_member, make_term
from zhengxie.members import imports
from zhengxie.members.models import Meeting, Member, Membership
from zhengxie.members.permissions import DIRECTORY_ROLES

FORBIDDEN = [Role.HANDLING_UNIT, Role.INFORMANT, Role.ORG_SUBMITTER, Role.SUPERVISING_OFFICE, Role.GRASSROOTS_HOST]


def _upload(rows, name="委员.xlsx"):
    wb = Workbook()
    ws = wb.active
    ws.append([h for h, _, _ in imports.COLUMNS])
    headers = [h for h, _, _ in imports.COLUMNS]
    for values in rows:
        ws.append([values.get(h) for h in headers])
    buf = BytesIO()
    wb.save(buf)
    return SimpleUploadedFile(name, buf.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@pytest.fixture(autouse=True)
def _stash_in_tmp(settings, tmp_path):
    settings.VAR_DIR = tmp_path


# Directory ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("role", sorted(DIRECTORY_ROLES))
def test_every_directory_role_sees_the_list(login, persona, zhang, li, role):
    response = login(persona(role)).get(reverse("members:list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "张三" in html and "李四" in html and "共 <strong>2</strong> 名委员" in html
    assert ("13800000001" in html) is (role not in {Role.MEMBER, Role.STANDING_MEMBER, Role.EXPERT})
    assert (reverse("members:import") in html) is (role in {Role.ADMIN, Role.COMMITTEE_STAFF})
    assert reverse("members:export") in html


@pytest.mark.parametrize("role", FORBIDDEN)
def test_roles_outside_the_directory_get_403(login, persona, zhang, role):
    client = login(persona(role))
    assert client.get(reverse("members:list")).status_code == 403
    assert client.get(reverse("members:detail", args=[zhang.pk])).status_code == 403
    assert client.get(reverse("members:export")).status_code == 403


def test_the_search_box_updates_only_the_results_partial(login, persona, zhang, li):
    client = login(persona(Role.PROPOSAL_STAFF))
    page = client.get(reverse("members:list")).content.decode()
    assert 'hx-trigger="keyup changed delay:300ms' in page and 'hx-target="#results"' in page
    response = client.get(reverse("members:list"), {"q": "zs"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "张三" in html and "李四" not in html
    assert f'{reverse("members:export")}?q=zs' in html


def test_filters_paging_and_the_empty_state(login, persona, city, term, orgs):
    for i in range(23):
        make_member(city, f"委员{i:02d}", term=term, sector=orgs["经济界"])
    client = login(persona(Role.PROPOSAL_STAFF))
    first = client.get(reverse("members:list")).content.decode()
    assert "共 <strong>23</strong> 名委员" in first and "第 1 / 2 页" in first and "?page=2" in first
    second = client.get(reverse("members:list"), {"page": 2}).content.decode()
    assert second.count('href="/members/') - second.count('href="/members/?') >= 3
    empty = client.get(reverse("members:list"), {"sector": orgs["教育界"].pk}).content.decode()
    assert "没有符合条件的委员" in empty


def test_the_list_query_count_does_not_grow_with_the_page(login, persona, city, term, orgs, django_assert_max_num_queries):
    for i in range(20):
        make_member(city, f"委员{i:02d}", term=term, sector=orgs["经济界"], committee=orgs["经济委员会"])
    client = login(persona(Role.PROPOSAL_STAFF))
    client.get(reverse("members:list"))
    with django_assert_max_num_queries(20):
        assert client.get(reverse("members:list")).status_code == 200


def test_export_keeps_the_filters_and_is_audited(login, persona, zhang, li, orgs):
    client = login(persona(Role.LEADER))
    response = client.get(reverse("members:export"), {"sector": orgs["教育界"].pk})
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    ws = load_workbook(BytesIO(response.content)).active
    assert [r[0] for r in ws.iter_rows(min_row=2, values_only=True)] == ["李四"]
    assert AuditLog.objects.filter(action="members.export").count() == 1


# Profile ------------------------------------------------------------------------------------------

def test_the_profile_shows_contact_fields_only_to_staff_and_to_the_member_themself(login, persona, city, term, orgs, zhang):
    staff_html = login(persona(Role.PROPOSAL_STAFF)).get(reverse("members:detail", args=[zhang.pk])).content.decode()
    assert "13800000001" in staff_html and "1970-01-02" in staff_html and "经济委员会" in staff_html
    me = persona(Role.MEMBER)
    client = login(me)
    other_html = client.get(reverse("members:detail", args=[zhang.pk])).content.decode()
    assert "13800000001" not in other_html and "联系方式等个人信息仅对机关工作人员和领导可见" in other_html
    mine = make_member(city, "本人", user=me, term=term, sector=orgs["经济界"], phone="13912345678")
    assert "13912345678" in client.get(reverse("members:detail", args=[mine.pk])).content.decode()


def test_another_cppccs_member_is_404(login, persona, county):
    other = make_member(county, "县委员", term=make_term(county, 14))
    assert login(persona(Role.ADMIN)).get(reverse("members:detail", args=[other.pk])).status_code == 404


def test_editing_a_member_shows_up_in_the_timeline(login, persona, zhang):
    client = login(persona(Role.COMMITTEE_STAFF))
    url = reverse("members:edit", args=[zhang.pk])
    assert client.get(url).status_code == 200
    form = {**client.get(url).context["form"].initial, "employer": "市发改委", "pinyin_override": "zs", "birth_date": "1970-01-02"}
    response = client.post(url, {k: v for k, v in form.items() if v is not None})
    assert response.status_code == 302
    html = client.get(reverse("members:detail", args=[zhang.pk])).content.decode()
    assert "市发改委" in html and "修改了委员信息：工作单位及职务、拼音首字母(人工)" in html


def test_a_bad_edit_is_refused_with_the_message_and_status_400(login, persona, zhang):
    response = login(persona(Role.ADMIN)).post(reverse("members:edit", args=[zhang.pk]), {"name": "张三", "phone": "abc"})
    assert response.status_code == 400
    assert "手机号码「abc」格式不正确" in response.content.decode()


@pytest.mark.parametrize("role", [Role.PROPOSAL_STAFF, Role.LEADER, Role.MEMBER])
def test_roles_that_may_not_edit_get_403_on_edit_pages(login, persona, zhang, role):
    client = login(persona(role))
    assert client.get(reverse("members:edit", args=[zhang.pk])).status_code == 403
    assert client.get(reverse("members:create")).status_code == 403
    assert client.get(reverse("members:import")).status_code == 403


def test_create_member_with_first_seat(login, persona, term, orgs):
    client = login(persona(Role.ADMIN))
    assert client.get(reverse("members:create")).status_code == 200
    response = client.post(reverse("members:create"), {
        "name": "孙八", "gender": "F", "term": term.pk, "sector": orgs["教育界"].pk, "position": "member",
        "start_date": "2022-01-01", "start_reason": "elected",
    })
    member = Member.objects.get(name="孙八")
    assert response.status_code == 302 and member.memberships.get().sector == orgs["教育界"]


def test_adding_and_ending_a_seat_from_the_profile(login, persona, zhang, term, orgs):
    client = login(persona(Role.ADMIN))
    seat = zhang.memberships.get()
    bad = client.post(reverse("members:membership_end", args=[seat.pk]), {"end_date": "2021-01-01", "end_reason": "resigned"})
    assert bad.status_code == 400 and "结束日期不能早于任职开始日期（2022-01-01）。" in bad.content.decode()
    ok = client.post(reverse("members:membership_end", args=[seat.pk]), {"end_date": "2023-01-01", "end_reason": "resigned"})
    assert ok.status_code == 302
    response = client.post(reverse("members:membership_add", args=[zhang.pk]), {
        "term": term.pk, "sector": orgs["教育界"].pk, "position": "member", "start_date": "2023-02-01", "start_reason": "added",
    })
    assert response.status_code == 302
    html = client.get(reverse("members:detail", args=[zhang.pk])).content.decode()
    assert "2023-01-01 辞去" in html and "2023-02-01 增补" in html


# Import -------------------------------------------------------------------------------------------

def test_import_preview_then_confirm_writes_all_rows(login, persona, term, orgs):
    client = login(persona(Role.COMMITTEE_STAFF))
    assert "下载导入模板" in client.get(reverse("members:import")).content.decode()
    upload = _upload([{"姓名": "周九", "界别": "经济界", "手机": 13911110000}, {"姓名": "吴十", "界别": "教育界"}])
    preview = client.post(reverse("members:import"), {"term": term.pk, "file": upload})
    html = preview.content.decode()
    assert preview.status_code == 200 and "全部 2 行检查通过" in html and "周九" in html
    assert not Member.objects.filter(name="周九").exists()
    token = preview.context["token"]
    done = client.post(reverse("members:import_confirm"), {"token": token, "term": term.pk})
    assert done.status_code == 302 and done["Location"] == f"{reverse('members:list')}?term={term.pk}"
    assert set(Member.objects.values_list("name", flat=True)) == {"周九", "吴十"}
    again = client.post(reverse("members:import_confirm"), {"token": token, "term": term.pk})
    assert again.status_code == 400 and "导入文件已失效" in again.content.decode() and Member.objects.count() == 2


def test_import_with_errors_lists_them_and_offers_no_confirm(login, persona, term, orgs):
    client = login(persona(Role.ADMIN))
    upload = _upload([{"姓名": "周九", "界别": "火星界"}, {"姓名": "吴十", "界别": "教育界", "手机": "123"}])
    html = client.post(reverse("members:import"), {"term": term.pk, "file": upload}).content.decode()
    assert "发现 2 处错误（涉及 2 行），未导入任何数据" in html
    assert "第2行：界别「火星界」不存在，请使用本政协已设置的界别名称" in html
    assert "第3行：手机「123」格式不正确，应为11位手机号" in html
    assert reverse("members:import_confirm") not in html and not Member.objects.exists()


def test_a_non_excel_upload_is_explained(login, persona, term):
    client = login(persona(Role.ADMIN))
    upload = SimpleUploadedFile("名单.xlsx", b"plain text", content_type="text/plain")
    html = client.post(reverse("members:import"), {"term": term.pk, "file": upload}).content.decode()
    assert "文件无法读取：请上传 Excel 2007 及以上格式（.xlsx）的文件。" in html


def test_the_import_template_downloads(login, persona, orgs):
    response = login(persona(Role.ADMIN)).get(reverse("members:import_template"))
    assert response.status_code == 200
    assert load_workbook(BytesIO(response.content)).active["A1"].value == "姓名"


# 届次 and 会议 --------------------------------------------------------------------------------------

@pytest.fixture
def plenary(city, term):
    meeting = Meeting.objects.create(cppcc=city, term=term, kind="plenary", number=2, name="测试市政协十四届二次会议",
                                     start_date=dt.date(2023, 1, 10), end_date=dt.date(2023, 1, 13))
    meeting.sittings.create(seq=1, date=dt.date(2023, 1, 10), period="am", title="开幕大会")
    return meeting


@pytest.mark.parametrize("role", [Role.ADMIN, Role.PROPOSAL_STAFF, Role.COMMITTEE_STAFF, Role.LEADER, Role.MEMBER])
def test_meeting_pages_render_for_readers(login, persona, plenary, role):
    client = login(persona(role))
    html = client.get(reverse("members:meetings")).content.decode()
    assert "测试市政协十四届二次会议" in html
    assert (reverse("members:meeting_create") in html) is (role == Role.ADMIN)
    detail = client.get(reverse("members:meeting_detail", args=[plenary.pk])).content.decode()
    assert "开幕大会" in detail
    assert client.get(reverse("members:terms")).status_code == 200


def test_meeting_filters_and_htmx_partial(login, persona, plenary, city, term):
    Meeting.objects.create(cppcc=city, term=term, kind="chair", number=1, name="主席会议一", start_date=dt.date(2023, 2, 1),
                           end_date=dt.date(2023, 2, 1))
    client = login(persona(Role.PROPOSAL_STAFF))
    html = client.get(reverse("members:meetings"), {"kind": "chair"}, HTTP_HX_REQUEST="true").content.decode()
    assert "主席会议一" in html and "二次会议" not in html and "<html" not in html


@pytest.mark.parametrize("role", [Role.HANDLING_UNIT, Role.EXPERT, Role.INFORMANT])
def test_meetings_are_refused_to_other_roles(login, persona, plenary, role):
    client = login(persona(role))
    assert client.get(reverse("members:meetings")).status_code == 403
    assert client.get(reverse("members:meeting_detail", args=[plenary.pk])).status_code == 403


def test_admin_creates_a_meeting_and_sees_the_chinese_validation(login, persona, term):
    client = login(persona(Role.ADMIN))
    assert client.get(reverse("members:meeting_create")).status_code == 200
    form = {"term": term.pk, "kind": "plenary", "number": 3, "start_date": "2024-01-10", "end_date": "2024-01-09"}
    bad = client.post(reverse("members:meeting_create"), form)
    assert bad.status_code == 400 and "会议结束日期不能早于开始日期。" in bad.content.decode()
    form.update(end_date="2024-01-13", proposal_window_start="2023-10-10", proposal_deadline="2024-01-12T17:00")
    ok = client.post(reverse("members:meeting_create"), form)
    meeting = Meeting.objects.get()
    assert ok.status_code == 302 and meeting.name == "测试市政协十四届三次会议"
    dup = client.post(reverse("members:meeting_create"), form)
    assert "同一届次同类会议的“次”不能重复" in dup.content.decode()


@pytest.mark.parametrize("role", [Role.PROPOSAL_STAFF, Role.COMMITTEE_STAFF, Role.LEADER])
def test_only_admin_may_create_meetings_or_terms(login, persona, plenary, role):
    client = login(persona(role))
    assert client.get(reverse("members:meeting_create")).status_code == 403
    assert client.get(reverse("members:meeting_edit", args=[plenary.pk])).status_code == 403
    assert client.post(reverse("members:terms"), {"number": 15, "start_date": "2027-01-01"}).status_code == 403


def test_admin_edits_a_meeting_adds_a_sitting_and_a_term(login, persona, plenary):
    client = login(persona(Role.ADMIN))
    data = {"term": plenary.term_id, "kind": "plenary", "number": 2, "name": plenary.name, "start_date": "2023-01-10",
            "end_date": "2023-01-14", "location": "市会议中心"}
    assert client.post(reverse("members:meeting_edit", args=[plenary.pk]), data).status_code == 302
    bad = client.post(reverse("members:sitting_add", args=[plenary.pk]), {"date": "2023-02-01", "period": "pm"})
    assert bad.status_code == 400 and "场次日期应在会议日期（2023-01-10至2023-01-14）之内。" in bad.content.decode()
    assert client.post(reverse("members:sitting_add", args=[plenary.pk]), {"date": "2023-01-14", "period": "pm"}).status_code == 302
    assert plenary.sittings.count() == 2
    response = client.post(reverse("members:terms"), {"number": 15, "start_date": "2027-01-01"})
    assert response.status_code == 302
    assert "十五届" in client.get(reverse("members:terms")).content.decode()


# County counts ------------------------------------------------------------------------------------

def test_city_staff_see_counts_per_county(login, persona, county, other_county):
    make_member(county, "甲县委员", term=make_term(county, 14))
    html = login(persona(Role.LEADER)).get(reverse("members:by_county")).content.decode()
    assert "甲县政协" in html and "乙县政协" in html and "甲县委员" not in html


def test_a_county_user_is_told_only_the_city_may_look(login, persona, county):
    response = login(persona(Role.ADMIN, county)).get(reverse("members:by_county"))
    assert response.status_code == 403 and "仅市政协可查看" in response.content.decode()


def test_a_city_member_may_not_see_county_counts(login, persona):
    assert login(persona(Role.MEMBER)).get(reverse("members:by_county")).status_code == 403


def test_nav_shows_the_entries_by_role(login, persona):
    staff_html = login(persona(Role.PROPOSAL_STAFF)).get(reverse("members:list")).content.decode()
    assert "委员名录" in staff_html and "会议管理" in staff_html and "县区委员统计" in staff_html


def test_membership_valid_on_date_and_seat_state_shown(login, persona, city, term, orgs):
    ended = make_member(city, "离任委员", term=term, sector=orgs["经济界"], end=dt.date(2023, 1, 1))
    Membership.objects.filter(member=ended).update(end_reason="resigned")
    client = login(persona(Role.ADMIN))
    assert "离任委员" not in client.get(reverse("members:list")).content.decode()
    assert "离任委员" in client.get(reverse("members:list"), {"term": term.pk}).content.decode()
