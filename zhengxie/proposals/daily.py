"""The 提案 daily job (zhengxie.core.jobs): automatic 收件 once the co-signing deadline has passed, and the
reminders of domain.md §3.6–3.8 through the foundation's notifications.

* 收件: a submitted proposal whose 联名确认截止 has passed is received by the 政协's system user
  (`zhengxie.core.system.system_user`) through `services.proposal_receive(automatic=True)`; co-signers who did
  not confirm lapse. A 联名提案 without any confirmed co-signer is not received: its proposer is told instead.
* 承办单位: a reminder N days before the due date (`proposals.remind_days`, default 7/3/1), a notice on the day
  it becomes overdue (to the unit and to the 提案委), then a reminder every week while it stays overdue.
* 提案者: a reminder 3 days before the evaluation window closes, to those who have not evaluated yet.

A reminder is never sent twice: its title names the proposal, the unit, the due date and the reminder kind,
and a notification already delivered to the same recipient with the same title and link is not repeated.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections import Counter, defaultdict

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from zhengxie.accounts.models import RoleAssignment
from zhengxie.core import config
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.jobs import daily
from zhengxie.core.models import Cppcc
from zhengxie.core.roles import Role
from zhengxie.notifications import kinds
from zhengxie.notifications.models import Notification

from . import deadlines
from .models import CoSigner, Evaluation, Proposal, ProposerType, Reply

log = logging.getLogger("zhengxie.proposals.daily")

KIND = "proposal"
EVALUATION_REMIND_DAYS = 3

config.register("proposals.remind_days", "办理期限提醒(提前天数)", [7, 3, 1], kind="list", section="提案",
                help="在办理期限前这些天数各提醒承办单位一次；逾期当天通知承办单位和提案委，此后每周催办一次。",
                source="domain.md §3.7 Deadlines [P]")
if not kinds.is_registered(KIND):
    kinds.register_kind(KIND, "提案办理")


def _d(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _ref(p: Proposal) -> str:
    return f"{p.number_display or p.receipt_no}「{p.title}」"


class Outbox:
    """Collects the reminders of one 政协 and sends only those not delivered before (same recipient, title, link)."""

    def __init__(self, cppcc_id: int):
        self.cppcc_id = cppcc_id
        self.items: dict[tuple[str, str], tuple[str, set[int]]] = {}

    def add(self, user_ids, title: str, body: str, url: str) -> None:
        title = title[:200]
        _body, users = self.items.setdefault((title, url), (body, set()))
        users.update(u for u in user_ids if u)

    def send(self) -> int:
        from zhengxie.notifications.services import notify

        if not self.items:
            return 0
        titles = {t for t, _ in self.items}
        sent = set(Notification.objects.filter(cppcc_id=self.cppcc_id, kind=KIND, title__in=titles)
                   .values_list("recipient_id", "title", "url"))
        count = 0
        for (title, url), (body, users) in self.items.items():
            fresh = sorted(u for u in users if (u, title, url) not in sent)
            if fresh:
                notify(recipients=fresh, kind=KIND, title=title, body=body, url=url, cppcc=self.cppcc_id)
                count += len(fresh)
        return count


def _users_by_org(cppcc_id: int, org_ids, role: str, today: dt.date) -> dict[int, list[int]]:
    rows = (RoleAssignment.objects.filter(RoleAssignment.valid_on(today), cppcc_id=cppcc_id, role=role,
                                          organisation_id__in=list(org_ids), user__is_active=True)
            .values_list("organisation_id", "user_id"))
    out: dict[int, list[int]] = defaultdict(list)
    for org_id, user_id in rows:
        out[org_id].append(user_id)
    return out


def _staff(cppcc_id: int, today: dt.date) -> list[int]:
    return list(RoleAssignment.objects.filter(RoleAssignment.valid_on(today), cppcc_id=cppcc_id, role=Role.PROPOSAL_STAFF,
                                              user__is_active=True).values_list("user_id", flat=True).distinct())


# --- automatic 收件 ------------------------------------------------------------------------------------------

def _receive_expired(p: Proposal, system) -> bool:
    """Receive one proposal whose co-signing deadline has passed; False when it cannot be received."""
    from . import services

    try:
        with transaction.atomic():
            services.proposal_receive(proposal=p, by=system, automatic=True)
    except (ApplicationError, PermissionDenied) as exc:
        log.warning("提案 %s 未能自动收件：%s", p.pk, exc)
        return False
    return True


def _proposer_ids(p: Proposal, today: dt.date) -> list[int]:
    if p.lead_member_id and p.lead_member.user_id:
        return [p.lead_member.user_id]
    if p.proposer_org_id:
        return list(_users_by_org(p.cppcc_id, [p.proposer_org_id], Role.ORG_SUBMITTER, today).get(p.proposer_org_id, []))
    return []


def receive_expired(cppcc: Cppcc, now: dt.datetime, today: dt.date, outbox: Outbox) -> Counter:
    from zhengxie.core.system import system_user

    done: Counter = Counter()
    expired = list(deadlines.cosign_expired(cppcc.pk, now).select_related("lead_member"))
    if not expired:
        return done
    confirmed = set(CoSigner.objects.filter(proposal__in=expired, state=CoSigner.State.CONFIRMED)
                    .values_list("proposal_id", flat=True))
    system = system_user(cppcc)
    for p in expired:
        if p.proposer_type == ProposerType.JOINT and p.pk not in confirmed:
            outbox.add(_proposer_ids(p, today), f"联名未获确认，提案未能收件：{p.title}",
                       f"联名确认已于{_d(timezone.localdate(p.cosign_deadline))}截止，没有联名人确认，此联名提案不能收件。"
                       "您可撤回后改为个人提案重新提交，或与提案委联系。", p.get_absolute_url())
            done["unconfirmed"] += 1
        elif _receive_expired(p, system):
            done["received"] += 1
    return done


# --- reminders to units ------------------------------------------------------------------------------------

def _remind_days(cppcc_id: int, today: dt.date) -> set[int]:
    days = set()
    for value in config.get("proposals.remind_days", cppcc=cppcc_id, on=today) or []:
        try:
            days.add(int(value))
        except (TypeError, ValueError):
            log.warning("参数 proposals.remind_days 中的 %r 不是整数，已忽略", value)
    return {d for d in days if d > 0}


def remind_units(cppcc_id: int, today: dt.date, outbox: Outbox) -> None:
    days = _remind_days(cppcc_id, today)
    horizon = max(days, default=0)
    soon = [a for a in deadlines.due_soon(cppcc_id, today, horizon).filter(state__in=deadlines.ACTING_STATES)
            if (a.due_date - today).days in days]
    late = list(deadlines.overdue_assignments(cppcc_id, today))
    units = _users_by_org(cppcc_id, {a.unit_id for a in soon + late}, Role.HANDLING_UNIT, today)
    staff = _staff(cppcc_id, today) if late else []
    for a in soon:
        p, left = a.proposal, (a.due_date - today).days
        what = "报送会办意见" if a.role == a.Role.CO else "答复提案者"
        outbox.add(units.get(a.unit_id, []), f"【办理提醒】{_ref(p)}距{_d(a.due_date)}办理期限还有{left}天",
                   f"{a.unit}（{a.get_role_display()}）：请在{_d(a.due_date)}前{what}。", p.get_absolute_url())
    for a in late:
        p, over = a.proposal, (today - a.due_date).days
        first = f"【已逾期】{a.unit}承办的{_ref(p)}已超过{_d(a.due_date)}办理期限"
        body = f"{a.unit}（{a.get_role_display()}）的办理期限为{_d(a.due_date)}，至今尚未" + (
            "报送会办意见。" if a.role == a.Role.CO else "答复。") + "请抓紧办理；确有困难的，请向提案委说明。"
        outbox.add(staff + (units.get(a.unit_id, []) if a.state in deadlines.ACTING_STATES else []), first, body,
                   p.get_absolute_url())
        if over >= 7 and over % 7 == 0 and a.state in deadlines.ACTING_STATES:
            outbox.add(units.get(a.unit_id, []), f"【逾期催办】{_ref(p)}已逾期{over // 7}周（期限{_d(a.due_date)}）",
                       body, p.get_absolute_url())


# --- reminders to proposers --------------------------------------------------------------------------------

def _not_evaluated(p: Proposal, today: dt.date) -> list[int]:
    rnd = p.rehandle_rounds + 1
    replies = Reply.objects.filter(assignment__proposal=p, round=rnd, state=Reply.State.PUBLISHED)
    evals = Evaluation.objects.filter(reply__in=replies)
    done_members = set(evals.exclude(member=None).values_list("member_id", flat=True))
    done_orgs = set(evals.exclude(org=None).values_list("org_id", flat=True))
    users = []
    if p.is_collective:
        if p.proposer_org_id and p.proposer_org_id not in done_orgs:
            users += _proposer_ids(p, today)
    elif p.lead_member_id and p.lead_member_id not in done_members and p.lead_member.user_id:
        users.append(p.lead_member.user_id)
    users += [c.member.user_id for c in p.cosigners.filter(state=CoSigner.State.CONFIRMED).select_related("member")
              if c.member.user_id and c.member_id not in done_members]
    return users


def remind_evaluations(cppcc_id: int, today: dt.date, outbox: Outbox) -> None:
    for p, last_day in deadlines.evaluation_due(cppcc_id, today):
        if (last_day - today).days != EVALUATION_REMIND_DAYS:
            continue
        outbox.add(_not_evaluated(p, today), f"【评价提醒】{_ref(p)}的办理评价将于{_d(last_day)}截止",
                   "承办单位已答复您的提案，请在评价期限内对办理情况作出满意、基本满意或不满意的评价。",
                   p.get_absolute_url())


# --- the job -----------------------------------------------------------------------------------------------

def run_for(cppcc: Cppcc, today: dt.date, now: dt.datetime | None = None) -> Counter:
    now = now or timezone.now()
    done: Counter = Counter()
    notices = Outbox(cppcc.pk)
    done.update(receive_expired(cppcc, now, today, notices))
    done["notices"] = notices.send()
    reminders = Outbox(cppcc.pk)
    remind_units(cppcc.pk, today, reminders)
    done["reminders"] = reminders.send()
    evaluation = Outbox(cppcc.pk)
    remind_evaluations(cppcc.pk, today, evaluation)
    done["evaluation"] = evaluation.send()
    return done


def summary(done: Counter) -> str:
    text = f"自动收件{done['received']}件，发送催办提醒{done['reminders']}条"
    if done["unconfirmed"]:
        text += f"，{done['unconfirmed']}件联名提案无人确认联名、已通知提案者"
    if done["evaluation"]:
        text += f"，发送评价提醒{done['evaluation']}条"
    return text


@daily("提案：联名截止自动收件、办理期限和评价提醒")
def proposals_daily(today: dt.date) -> str:
    now = timezone.now()
    done: Counter = Counter()
    for cppcc in Cppcc.objects.filter(pk__in=Proposal.objects.values("cppcc_id")).order_by("pk"):
        done.update(run_for(cppcc, today, now))
    return summary(done)
