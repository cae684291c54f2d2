"""`manage.py seed_demo` builds the 长治 of the 2023 review; `manage.py demo_logins` lists its logins."""
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from zhengxie.accounts.models import Organisation, RoleAssignment, User
from zhengxie.accounts.selectors import has_role
from zhengxie.core.demo import data
from zhengxie.core.demo.builder import DemoSeeder
from zhengxie.core.models import Cppcc
from zhengxie.core.roles import Role
from zhengxie.members.models import Meeting, Member, Membership, Sitting, Term
from zhengxie.notifications.models import Notification

pytestmark = pytest.mark.django_db

MODELS = [Cppcc, Organisation, Term, Meeting, Sitting, Member, Membership, User, RoleAssignment, Notification]


def seed(capture=None) -> str:
    out = io.StringIO()
    if capture is None:
        call_command("seed_demo", stdout=out)
    else:
        with capture(execute=True):
            call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts() -> dict:
    return {m.__name__: m.objects.count() for m in MODELS}


def seated_today(cppcc):
    return Member.objects.filter(Membership.valid_on(timezone.localdate(), "memberships__"), cppcc=cppcc).distinct()


def test_seeding_builds_changzhi_and_a_second_run_changes_nothing(django_capture_on_commit_callbacks):
    first = seed(django_capture_on_commit_callbacks)
    assert "演示数据已生成" in first and "市政协委员（在任）" in first
    before = counts()

    second = seed(django_capture_on_commit_callbacks)

    assert "演示数据已存在" in second
    assert counts() == before

    city = Cppcc.objects.get(code="changzhi")
    assert (city.name, city.level, city.parent_id) == ("长治市政协", "city", None)
    counties = Cppcc.objects.filter(level="county")
    assert Cppcc.objects.count() == 13 and counties.count() == 12
    assert set(counties.values_list("parent_id", flat=True)) == {city.pk}
    assert {"潞州区政协", "黎城县政协", "沁县政协", "沁源县政协"} <= set(counties.values_list("name", flat=True))

    assert 380 <= seated_today(city).count() <= 420
    for county in counties:
        assert 25 <= seated_today(county).count() <= 40, county.name
        assert not Membership.objects.filter(cppcc=county).exclude(term__cppcc=county).exists()
        assert not Membership.objects.filter(cppcc=county).exclude(sector__cppcc=county).exists()

    city_members = Membership.objects.filter(cppcc=city)
    assert 55 <= city_members.filter(is_standing=True).count() <= 65
    assert city_members.filter(position="chair").count() == 1
    assert 7 <= city_members.filter(position="vice_chair").count() <= 9
    assert city_members.filter(position="secretary_general").count() == 1
    assert city_members.filter(start_reason="added", start_date__year=2023).count() >= 3
    assert city_members.filter(end_reason="resigned", end_date__year=2024).exists()
    assert city_members.filter(end_reason="revoked", end_date__year=2023).exists()

    # Polyphonic and compound surnames are read as surnames in the directory's initials.
    for surname, initial in [("单", "s"), ("曾", "z"), ("解", "x"), ("欧阳", "oy")]:
        member = Member.objects.filter(cppcc=city, name__startswith=surname).first()
        assert member is not None and member.pinyin_initials.startswith(initial), surname

    orgs = Organisation.objects.filter(cppcc=city)
    units = orgs.filter(kind="handling_unit")
    assert units.count() >= 60
    assert not units.filter(system="").exists() and not units.filter(duty="").exists()
    assert "义务教育" in units.get(name="市教育局").duty
    assert units.get(name="市政府督查室").parent.name == "市人民政府办公室"
    assert orgs.filter(kind="member_home").count() == 25
    assert orgs.filter(kind="member_home", name="武乡县农商行委员之家").exists()
    assert {c[0] for c in data.COMMITTEES} <= set(orgs.filter(kind="committee").values_list("name", flat=True))
    assert len(data.COMMITTEES) == 7
    assert orgs.filter(kind="sector").count() >= 30
    assert {"全国政协", "山西省政协"} <= set(orgs.filter(kind="upper").values_list("name", flat=True))

    term = Term.objects.get(cppcc=city, number=14)
    plenaries = Meeting.objects.filter(term=term, kind="plenary").order_by("number")
    assert [m.name for m in plenaries] == [f"市政协十四届{n}次会议" for n in "一二三四五"]
    second_session = plenaries[1]
    assert second_session.start_date.year == 2023 and second_session.start_date.month == 1
    assert second_session.proposal_window_start < second_session.start_date
    assert second_session.start_date <= timezone.localdate(second_session.proposal_deadline) <= second_session.end_date
    assert all(3 <= m.sittings.count() <= 4 for m in plenaries)
    assert Meeting.objects.filter(term=term, kind="standing").count() >= 10
    assert Meeting.objects.filter(term=term, kind="chair").count() >= 10


def test_the_demo_people_are_the_same_on_every_run():
    names = [p.name for p in DemoSeeder()._city_people()]
    again = [p.name for p in DemoSeeder()._city_people()]
    assert names == again and len(set(names)) == len(names)


def test_every_role_has_a_demo_login_with_the_demo_password(client, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setenv("ZX_DEMO_PASSWORD", "Demo-pass-xyz")
    seed(django_capture_on_commit_callbacks)

    for role in Role:
        user = User.objects.get(username=role.value)
        assert client.login(username=role.value, password="Demo-pass-xyz"), role
        assert has_role(user, role), role
        assert user.email == f"{role.value}@demo.zhengxie.local"
        assert user.is_staff == user.is_superuser == (role == Role.ADMIN), role
        client.logout()

    member = User.objects.get(username="member")
    assert member.member.memberships.get().position == "member"
    standing = User.objects.get(username="standing_member")
    assert standing.member.memberships.get().is_standing
    assert has_role(standing, Role.MEMBER)
    assert User.objects.get(username="org_submitter").role_assignments.get().organisation.short_name == "民盟"
    handling = User.objects.get(username="handling_unit")
    assert handling.display_name.startswith("市教育局经办人")
    assert handling.role_assignments.get().organisation.name == "市教育局"
    assert User.objects.get(username="supervising_office").role_assignments.get().organisation.name == "市政府督查室"
    assert User.objects.get(username="grassroots_host").cppcc.name == "黎城县政协"
    county_admin = User.objects.get(username="county_admin")
    assert county_admin.cppcc.name == "潞州区政协" and has_role(county_admin, Role.ADMIN)
    assert not Member.objects.filter(user__username__in=["informant", "expert", "proposal_staff"]).exists()

    titles = set(Notification.objects.filter(recipient=member).values_list("title", flat=True))
    assert {"欢迎使用智慧政协", "十四届五次会议提案征集开始"} <= titles

    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    listing = out.getvalue()
    for role in Role:
        assert role.value in listing and role.label in listing
    assert "市教育局" in listing and "黎城县政协" in listing
    assert "Demo-pass-xyz" not in listing


def test_demo_logins_says_how_to_seed_when_there_is_no_demo_yet():
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    assert "请先运行" in out.getvalue() and "seed_demo" in out.getvalue()
