"""The review's "将常委会确定的8件重点提案与同类47件普通提案一同办理" is countable, and 督办活动 count by form."""
import datetime as dt

import pytest
from django.utils import timezone

from zhengxie.core.roles import Role
from zhengxie.proposals.models import Proposal
from zhengxie.reports.registry import Context, Period, compute
from zhengxie.supervision.models import CaseMember, FollowUp, KeySelection, SupervisionCase, SupervisionRecord
from zhengxie.supervision.workflow import FollowUpState, Status

from .builders import build, filed, selection

pytestmark = pytest.mark.django_db


def test_eight_key_proposals_handled_together_with_47_ordinary_ones(city):
    w = build(city)
    keys = [filed(w, f"重点提案{i}", is_key=True) for i in range(8)]
    s = selection(w, Status.APPROVED, proposals=keys)
    KeySelection.objects.filter(pk=s.pk).update(approval_date=dt.date(2023, 4, 20))
    ordinary = [filed(w, f"同类提案{i}") for i in range(47)]
    sizes, start, per_case = [8, 7, 6, 6, 5, 5, 5, 5], 0, []
    for n in sizes:
        per_case.append(ordinary[start:start + n])
        start += n
    for lead, group in zip(keys, per_case, strict=True):
        c = SupervisionCase.objects.create(cppcc=city, meeting=w.meeting, lead=lead, title=f"{lead.title}集中督办")
        SupervisionCase.objects.filter(pk=c.pk).update(created_at=timezone.make_aware(dt.datetime(2023, 5, 1)))
        CaseMember.objects.bulk_create([CaseMember(case=c, proposal=p, outcome_state="resolved" if i % 2 else "pending")
                                        for i, p in enumerate(group)])
    forms = ["领衔督办", "领衔督办", "走访", "督办协商会", "现场督办", "对口督办", "领办"]
    for i, form in enumerate(forms):
        r = SupervisionRecord.objects.create(cppcc=city, proposal=keys[i], form=form, date=dt.date(2023, 6, 1 + i), minutes="督办")
        FollowUp.objects.create(cppcc=city, record=r, content="事项", owner_unit=w.gov_unit, due_date=dt.date(2023, 7, 1),
                                state=FollowUpState.CLOSED if i < 3 else FollowUpState.OPEN)
    SupervisionRecord.objects.create(cppcc=city, proposal=keys[0], form="走访", date=dt.date(2024, 1, 5), minutes="次年")
    ctx = Context.build(city, Period.year(2023))
    assert compute("supervision.key_approved", ctx).value == 8
    assert compute("supervision.cases", ctx).value == 8
    assert compute("supervision.case_members", ctx).value == 47
    assert compute("supervision.case_proposals", ctx).value == 55
    assert compute("supervision.case_resolved", ctx).value == sum(n // 2 for n in sizes)
    assert compute("supervision.records", ctx).value == 7
    assert compute("supervision.key_supervised", ctx).value == 7
    by_form = {p.key: p.value for p in compute("supervision.records_by_form", ctx).parts}
    assert by_form == {"领衔督办": 2, "走访": 1, "督办协商会": 1, "现场督办": 1, "对口督办": 1, "领办": 1}
    assert compute("supervision.followups", ctx).value == 7
    assert str(compute("supervision.followups_closed_rate", ctx).value) == "42.9"
    drill = compute("supervision.case_members", ctx).records
    assert set(drill.values_list("pk", flat=True)) == {p.pk for p in ordinary}
    meeting_ctx = Context.build(city, Period.meeting(w.meeting))
    assert compute("supervision.key_approved", meeting_ctx).value == 8
    assert compute("supervision.case_members", meeting_ctx).value == 47
    assert compute("supervision.key_approved", Context.build(city, Period.year(2024))).value == 0
    assert Proposal.objects.filter(is_key=True).count() == 8
    assert w.users[Role.PROPOSAL_STAFF]
