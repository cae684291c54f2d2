import pytest
from django.core.exceptions import PermissionDenied

from zhengxie.accounts.models import Organisation
from zhengxie.core.models import AuditLog, Event
from zhengxie.core.roles import Role
from zhengxie.core.writes import recorded_write


def test_a_write_leaves_a_timeline_row_and_an_audit_row_with_before_and_after(city, persona):
    admin = persona(Role.ADMIN)
    org = Organisation.objects.create(cppcc=city, name="市教育局", kind="handling_unit")
    with recorded_write(by=admin, action="org.update", obj=org, message="修改了单位电话") as w:
        w.obj.phone = "0355-1234567"
        w.obj.save()
    event = Event.objects.get(object_id=str(org.pk))
    assert event.message == "修改了单位电话" and event.actor == admin
    audit = AuditLog.objects.get(action="org.update")
    assert audit.before["phone"] == "" and audit.after["phone"] == "0355-1234567"
    assert audit.changes == {"phone": ["", "0355-1234567"]}


def test_a_refused_write_changes_nothing(city, persona):
    member = persona(Role.MEMBER)
    org = Organisation.objects.create(cppcc=city, name="市教育局", kind="handling_unit")
    with pytest.raises(PermissionDenied):
        with recorded_write(by=member, action="org.update", obj=org, allowed=False) as w:
            w.obj.phone = "x"
            w.obj.save()
    org.refresh_from_db()
    assert org.phone == "" and not AuditLog.objects.exists()


def test_an_error_inside_the_write_rolls_back_the_change_and_the_rows(city, persona):
    admin = persona(Role.ADMIN)
    org = Organisation.objects.create(cppcc=city, name="市教育局", kind="handling_unit")
    with pytest.raises(ValueError):
        with recorded_write(by=admin, action="org.update", obj=org) as w:
            w.obj.phone = "changed"
            w.obj.save()
            raise ValueError("boom")
    org.refresh_from_db()
    assert org.phone == "" and not Event.objects.exists() and not AuditLog.objects.exists()
