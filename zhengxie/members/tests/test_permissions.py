import pytest

from zhengxie.core.roles import Role
from zhengxie.core.testing import make_member
from zhengxie.members import permissions as p

#            role                     directory contact edit  meetings(manage) meetings(view) county(city)
TABLE = [
    (Role.ADMIN,              True,  True,  True,  True,  True,  True),
    (Role.PROPOSAL_STAFF,     True,  True,  False, False, True,  True),
    (Role.COMMITTEE_STAFF,    True,  True,  True,  False, True,  True),
    (Role.INFO_EDITOR,        True,  True,  False, False, True,  True),
    (Role.INFO_APPROVER,      True,  True,  False, False, True,  True),
    (Role.LEADER,             True,  True,  False, False, True,  True),
    (Role.MEMBER,             True,  False, False, False, True,  False),
    (Role.STANDING_MEMBER,    True,  False, False, False, True,  False),
    (Role.EXPERT,             True,  False, False, False, False, False),
    (Role.HANDLING_UNIT,      False, False, False, False, False, False),
    (Role.SUPERVISING_OFFICE, False, False, False, False, False, False),
    (Role.INFORMANT,          False, False, False, False, False, False),
    (Role.ORG_SUBMITTER,      False, False, False, False, False, False),
    (Role.GRASSROOTS_HOST,    False, False, False, False, False, False),
]


def test_the_table_covers_every_role_except_public():
    assert {row[0] for row in TABLE} == set(Role.values)


@pytest.mark.parametrize("role,directory,contact,edit,manage,view_meetings,county", TABLE)
def test_what_each_role_may_do(persona, role, directory, contact, edit, manage, view_meetings, county):
    user = persona(role)
    assert p.can_view_directory(user) is directory
    assert p.can_see_contact(user) is contact
    assert p.can_edit_members(user) is edit and p.can_import_members(user) is edit
    assert p.can_export_members(user) is directory
    assert p.can_manage_meetings(user) is manage
    assert p.can_view_meetings(user) is view_meetings
    assert p.can_view_county_counts(user) is county
    assert ("phone" in p.visible_fields(user)) is contact


@pytest.mark.parametrize("role", [Role.ADMIN, Role.LEADER, Role.PROPOSAL_STAFF])
def test_county_staff_never_get_the_county_counts(persona, county, role):
    assert p.can_view_county_counts(persona(role, county)) is False


def test_a_member_sees_their_own_contact_fields_but_not_others(persona, city, zhang):
    me = persona(Role.MEMBER)
    mine = make_member(city, "我自己", user=me, phone="13900000000")
    assert "phone" in p.visible_fields(me, mine)
    assert "phone" not in p.visible_fields(me, zhang)
    assert set(p.visible_fields(me, zhang)) == set(p.PUBLIC_FIELDS)


def test_a_user_without_any_role_sees_nothing(city):
    from zhengxie.core.testing import make_user

    nobody = make_user(city, "nobody")
    assert not p.can_view_directory(nobody) and not p.can_see_contact(nobody) and not p.can_view_meetings(nobody)
