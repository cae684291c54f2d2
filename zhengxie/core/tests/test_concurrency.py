"""No lost update: two writers on one row through recorded_write(...).lock() both land (PostgreSQL row locks;
SQLite serialises writers with BEGIN IMMEDIATE)."""
import threading

import pytest
from django.db import close_old_connections, connection

from zhengxie.accounts.models import Organisation
from zhengxie.core.models import AuditLog, Event
from zhengxie.core.roles import Role
from zhengxie.core.writes import recorded_write


@pytest.mark.django_db(transaction=True)
def test_concurrent_increments_of_one_row_are_not_lost(city, persona):
    admin = persona(Role.ADMIN)
    org = Organisation.objects.create(cppcc=city, name="市教育局", kind="handling_unit", sort=0)
    workers, rounds = 4, 5
    errors: list[BaseException] = []
    barrier = threading.Barrier(workers)

    def bump():
        try:
            barrier.wait()
            for _ in range(rounds):
                with recorded_write(by=admin, action="org.bump", obj=Organisation.objects.get(pk=org.pk), message="排序+1") as w:
                    w.lock()
                    w.obj.sort += 1
                    w.obj.save(update_fields=["sort", "updated_at"])
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=bump) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    org.refresh_from_db()
    assert org.sort == workers * rounds
    assert AuditLog.objects.filter(action="org.bump").count() == workers * rounds
    assert Event.objects.filter(verb="org.bump", object_id=str(org.pk)).count() == workers * rounds
    # every audit row saw the value the previous writer left: before/after form an unbroken chain
    pairs = sorted((a.before["sort"], a.after["sort"]) for a in AuditLog.objects.filter(action="org.bump"))
    assert pairs == [(i, i + 1) for i in range(workers * rounds)]
