"""Demo data of 重点提案与督办 for the current 会议 (十四届五次会议), built through the services so every step is in
the rounds' and the proposals' timelines: one full 遴选 round (recommendations by 党派, 专委会, 承办单位 and 提案委 →
初选 → 遴选协商会 → 主席会议审定) giving 8 重点提案 with their 督办 leaders; 3 并案集中督办 cases, each grouping a
重点提案 with the similar ordinary proposals the system suggests; ~15 督办 records of every form with follow-ups, some
overdue. Deterministic with the given `random.Random`; idempotent: nothing happens once the 会议 has a round.
"""
from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from django.db import transaction
from django.utils import timezone

from zhengxie.accounts.models import Organisation, RoleAssignment, User
from zhengxie.core import config
from zhengxie.core.roles import Role
from zhengxie.intelligence.similarity import SimilarityIndex
from zhengxie.members.models import Meeting
from zhengxie.proposals.models import Assignment, Proposal
from zhengxie.proposals.workflow import FILED_STATES

from . import selectors, services
from .models import CaseMember, KeySelection
from .workflow import Action, FollowUpAction

KEY_COUNT = 8
CANDIDATES = 12
#: (name, title) of the 领导 who lead or supervise; the first is the demo `leader` account.
LEADERS = [("", "市政协副主席"), ("张志刚", "市人民政府副市长"), ("刘红梅", "市政协副主席"), ("赵建平", "市政协副主席"),
           ("王立新", "市政协秘书长"), ("李国华", "市人民政府市长"), ("陈晓燕", "市政协副主席"), ("郭文斌", "市政协副主席")]
REASONS = ["事关全市高质量发展全局，建议具体可行，列为重点提案督办有利于推动落实。",
           "群众关注度高，涉及民生实事，承办单位有条件在年内取得实效。",
           "与市委、市政府年度重点工作紧密衔接，多位委员提出同类建议。",
           "问题分析深入、建议针对性强，适合由领导领衔督办、专委会对口跟踪。"]
MINUTES = {
    "领办": "市长主持召开提案办理专题会，听取承办单位办理方案汇报，明确分工和完成时限，要求年内见到实效。",
    "领衔督办": "副主席带队听取承办单位办理情况汇报，与提案者面对面协商，对尚未落实的建议逐条提出督办意见。",
    "对口督办": "专委会组织部分委员到承办单位对口督办，查阅办理台账，对照建议逐条核实落实进度。",
    "走访": "提案委走访承办单位，了解办理进展和存在的困难，协调会办单位加强配合。",
    "督办协商会": "召开督办协商会，提案者、承办单位、政府督查室共同协商，就资金安排和推进时序形成一致意见。",
    "现场督办": "到项目现场实地察看建设进度，听取施工和运营单位情况介绍，现场协调解决用地和并网问题。",
}
PLACES = {"领办": "市政府第一会议室", "领衔督办": "市政协三楼会议室", "对口督办": "承办单位会议室", "走访": "承办单位",
          "督办协商会": "市政协协商议事厅", "现场督办": "项目现场"}
FOLLOWUPS = ["制定细化落实方案并报市政协提案委", "会同财政部门落实专项资金安排", "明确牵头科室和责任人，按月报送进度",
             "组织提案者实地察看落实成效", "出台配套政策文件", "完成试点项目建设并总结推广"]


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _role_user(city, role: str, kind: str | None = None) -> tuple[User, Organisation | None] | None:
    qs = RoleAssignment.objects.filter(cppcc=city, role=role).select_related("user", "organisation").order_by("id")
    if kind:
        qs = qs.filter(organisation__kind=kind)
    ra = qs.first()
    return (ra.user, ra.organisation) if ra else None


#: 对口督办: the 专委会 whose field matches words of the proposal's title (first match wins).
COMMITTEE_WORDS = [("教", ("教育", "教师", "学", "文化", "卫生", "医", "健康", "人才", "科技")),
                   ("农", ("农", "乡村", "种业", "粮")),
                   ("环", ("污水", "生态", "环境", "水", "绿色", "碳")),
                   ("经济", ("产业", "企业", "光伏", "制造", "经济", "营商", "数字")),
                   ("社会", ("老旧小区", "养老", "社区", "就业", "法"))]


def _committee_for(p: Proposal, committees: list[Organisation]) -> Organisation | None:
    for key, words in COMMITTEE_WORDS:
        if any(w in p.title for w in words):
            match = next((c for c in committees if key in c.name), None)
            if match:
                return match
    return committees[0] if committees else None


def _text(p: Proposal) -> int:
    return len(p.situation or "") + len(p.suggestions or "")


def seed(city, rng: random.Random | None = None) -> Counter:
    rng = rng or random.Random(0)
    created: Counter = Counter()
    meeting = (Meeting.objects.filter(cppcc=city, kind=Meeting.Kind.PLENARY, start_date__lte=timezone.localdate())
               .order_by("-start_date").first())
    staff = _user("proposal_staff")
    if meeting is None or staff is None or KeySelection.objects.filter(meeting=meeting).exists():
        return created
    filed = list(Proposal.objects.filter(meeting=meeting, status__in=FILED_STATES, merged_into__isnull=True,
                                         number__isnull=False).order_by("number"))
    if len(filed) < CANDIDATES + 10:
        return created
    # choose the candidates before writing: proposals already marked 重点 in this 会议 first (the round explains
    # them), then substantial texts on distinct subjects (no two alike by text similarity)
    existing = [p for p in filed if p.is_key]
    cap = int(config.get("supervision.key_max_count", cppcc=city) or 10**6)
    share = float(config.get("supervision.key_max_ratio", cppcc=city) or 100)
    key_count = min(max(KEY_COUNT, len(existing)), cap, max(1, int(len(filed) * share / 100 + 1e-9)))
    existing = existing[:key_count]
    picks: list[Proposal] = list(existing)
    index = SimilarityIndex()
    for p in existing:
        index.add(p.pk, f"{p.title}\n{p.title}\n{selectors.proposal_text(p)}")
    rest = []
    for p in sorted((x for x in filed if not x.is_key), key=lambda x: (-_text(x), x.number)):
        if len(picks) + len(rest) >= max(CANDIDATES, key_count + 4):
            break
        text = f"{p.title}\n{p.title}\n{selectors.proposal_text(p)}"
        best = index.top_k(text, 1, feedback=0) if len(index) else []
        if not best or best[0][1] < 0.3:
            rest.append(p)
            index.add(p.pk, text)
    rng.shuffle(rest)
    picks += rest
    with transaction.atomic():
        _round(city, meeting, staff, picks, key_count, rng, created)
        leader = _user("leader")
        keys = sorted(Proposal.objects.filter(meeting=meeting, is_key=True, pk__in=[p.pk for p in picks]),
                      key=lambda p: (not (leader and p.key_items.filter(leader=leader).exists()), p.number))
        _cases(city, staff, keys[:3], rng, created)
        _records(city, staff, keys, rng, created)
        _unit_records(city, staff, meeting, created)
    return created


def _round(city, meeting, staff, picks, key_count, rng, created) -> None:
    s = services.selection_create(meeting=meeting, by=staff, recommend_until=meeting.start_date + dt.timedelta(days=60),
                                  notice="请各民主党派、人民团体、各专门委员会和承办单位，从本次会议已立案提案中推荐重点提案，"
                                         "并写明推荐理由。推荐数量一般不超过3件。")
    created["重点提案遴选"] += 1
    recommenders = [x for x in (_role_user(city, Role.ORG_SUBMITTER), _role_user(city, Role.COMMITTEE_STAFF, "committee"),
                                _role_user(city, Role.HANDLING_UNIT)) if x]
    for i, p in enumerate(picks):
        who = recommenders[i % len(recommenders)] if recommenders and i % 4 != 3 else (staff, None)
        services.recommend(selection=s, proposal=p, by=who[0], reason=REASONS[i % len(REASONS)])
        created["重点提案推荐"] += 1
        if i % 3 == 0 and len(recommenders) > 1:  # some proposals recommended by two sources
            other = recommenders[(i + 1) % len(recommenders)]
            services.recommend(selection=s, proposal=p, by=other[0], reason=REASONS[(i + 1) % len(REASONS)])
            created["重点提案推荐"] += 1
    items = list(s.items.select_related("proposal").order_by("id"))
    for item in items[:key_count + 2]:
        services.item_shortlist(item=item, by=staff)
    s = services.selection_act(selection=s, action=Action.SHORTLIST, by=staff)
    s = services.selection_act(selection=s, action=Action.HOLD_MEETING, by=staff,
                               meeting_date=(meeting.start_date + dt.timedelta(days=75)).isoformat(),
                               meeting_participants="市政协提案委、经济委、社会和法制委，各民主党派市委，市发改委、市财政局，市政府督查室",
                               meeting_minutes="与会单位对初选名单逐件协商，一致认为所列提案紧扣全市重点工作、建议具体可行；"
                                               "建议将其中2件作为同类提案并入相关重点提案集中督办。")
    for item in items[key_count:key_count + 2]:
        services.item_select(item=item, by=staff, on=False, note="并入同类重点提案集中督办")
    leader_user = _user("leader")
    committees = list(Organisation.objects.filter(cppcc=city, kind=Organisation.Kind.COMMITTEE).exclude(name__contains="提案")
                      .order_by("id"))
    forms = ["领衔督办", "领办", "领衔督办", "对口督办", "领衔督办", "领办", "领衔督办", "对口督办"]
    for i, item in enumerate(items[:key_count]):
        name, title = LEADERS[i % len(LEADERS)]
        account = leader_user if i == 0 and leader_user else None
        services.item_set_leader(item=item, by=staff, form=forms[i % len(forms)], leader=account,
                                 leader_name=name, leader_title="" if account else title,
                                 committee=_committee_for(item.proposal, committees) if forms[i % len(forms)] == "对口督办" else None)
    s = services.selection_act(selection=s, action=Action.SUBMIT, by=staff)
    services.selection_act(selection=s, action=Action.APPROVE, by=staff, approval_meeting="十四届市政协主席会议第二十三次会议",
                           approval_date=(meeting.start_date + dt.timedelta(days=85)).isoformat(),
                           approval_note=f"同意提案委员会提出的{key_count}件重点提案及督办安排。")
    created["重点提案"] += key_count


def _cases(city, staff, keys, rng, created) -> None:
    units = {a.proposal_id: a.unit for a in Assignment.objects.filter(proposal__in=keys, role__in=("lead", "sole"))
             .select_related("unit")}
    for n, lead in enumerate(keys):
        c = services.case_create(lead=lead, by=staff, title=f"{lead.title.removeprefix('关于').removesuffix('的建议')}（并案集中督办）",
                                 plan="以重点提案为主，同类提案一并交办、一并督办：办前召开督办协商会统一办理思路；办中由领导领衔走访、"
                                      "现场督办；办后逐件登记办理成效，向提案者统一反馈。",
                                 lead_units=[units[lead.pk]] if lead.pk in units else [],
                                 milestones=[{"title": "召开督办协商会，明确办理方案", "due_date": timezone.localdate() - dt.timedelta(days=120)},
                                             {"title": "现场督办，检查阶段成效", "due_date": timezone.localdate() - dt.timedelta(days=30)},
                                             {"title": "统一答复提案者并登记成效", "due_date": timezone.localdate() + dt.timedelta(days=20)}])
        created["并案集中督办"] += 1
        ms = list(c.milestones.order_by("due_date"))
        services.milestone_done(milestone=ms[0], by=staff, on=ms[0].due_date)
        for s in selectors.case_suggestions(c, k=6)[: 5 - n]:
            m = services.case_add_member(case=c, proposal=s["proposal"], by=staff, score=s["score"])
            created["纳入集中督办的普通提案"] += 1
            if s["proposal"].status in ("answered", "evaluated", "closed"):
                services.member_set_outcome(member=m, by=staff, outcome_state=CaseMember.Outcome.RESOLVED,
                                            outcome="主要建议已纳入承办单位年度工作计划并落实。")


def _records(city, staff, keys, rng, created) -> None:
    today = timezone.localdate()
    leader = _user("leader")
    committee_staff = _role_user(city, Role.COMMITTEE_STAFF, "committee")
    # each key proposal first by its leader's form (领办/领衔督办/对口督办), then 走访, 督办协商会, 现场督办 by 提案委
    others = [f for f in config.get("supervision.forms", cppcc=city) if f not in config.get("supervision.leader_forms", cppcc=city)]
    plan = []
    for i in range(15):
        p = keys[i % len(keys)]
        item = selectors.key_item_of(p)
        plan.append((p, item.leader_form if i < len(keys) and item else others[i % len(others)]))
    for i, (p, form) in enumerate(plan):
        by = staff
        item = selectors.key_item_of(p)
        if form == "领衔督办" and leader and item and item.leader_id == leader.pk:
            by = leader
        elif form == "对口督办" and committee_staff:
            by = committee_staff[0]
        day = today - dt.timedelta(days=200 - i * 12)
        unit = Assignment.objects.filter(proposal=p, role__in=("lead", "sole")).select_related("unit").first()
        followups = []
        if unit and i % 2 == 0:
            due = day + dt.timedelta(days=30 + 10 * (i % 4))
            followups.append({"content": FOLLOWUPS[i % len(FOLLOWUPS)], "owner_unit": unit.unit, "due_date": due})
        leaders_text = "市政协提案委员会主任"
        if item and form == item.leader_form:
            leaders_text = "、".join(x for x in (item.leader_display, f"{item.committee.name}负责同志" if item.committee_id else "") if x)
        case = getattr(p, "supervision_case", None)
        r = services.record_create(proposal=p, by=by, form=form, date=day, place=PLACES[form], leaders=leaders_text,
                                   members_text="提案者及部分提案委委员", unit_people=f"{unit.unit.name}分管领导及经办人" if unit else "",
                                   minutes=MINUTES[form], followups=followups, case=case)
        created["督办记录"] += 1
        for f in r.followups.all():
            created["督办跟进事项"] += 1
            if f.due_date < today and i % 4 == 0:  # the older ones reported and closed, a few left overdue
                unit_user = RoleAssignment.objects.filter(organisation=f.owner_unit, role=Role.HANDLING_UNIT).select_related("user").first()
                if unit_user:
                    services.followup_act(followup=f, action=FollowUpAction.REPORT, by=unit_user.user, note="已按督办意见落实，相关文件已印发。")
                    if i < 8:
                        services.followup_act(followup=f, action=FollowUpAction.CLOSE, by=staff, note="经核实已落实，同意销号。")


def _unit_records(city, staff, meeting, created) -> None:
    """Work for the demo 承办单位 login: 督办 on three of its proposals, follow-ups overdue, due soon and reported."""
    found = _role_user(city, Role.HANDLING_UNIT)
    if not found or found[1] is None:
        return
    unit_user, unit = found
    today = timezone.localdate()
    handled = Proposal.objects.filter(meeting=meeting, status__in=FILED_STATES, assignments__unit=unit,
                                      assignments__role__in=("lead", "sole")).distinct().select_related("lead_member__user")
    # the demo 委员's own proposal first, so the member login sees a 督办 record on the proposal page
    props = sorted(handled, key=lambda p: (not (p.lead_member_id and p.lead_member.user_id
                                                and p.lead_member.user.username == "member"), p.number))[:3]
    plan = [("走访", 40, -5, None), ("督办协商会", 20, 5, None), ("现场督办", 60, -20, "已完成整改并印发工作方案。")]
    for p, (form, ago, due_in, report) in zip(props, plan, strict=False):
        r = services.record_create(proposal=p, by=staff, form=form, date=today - dt.timedelta(days=ago), place=PLACES[form],
                                   leaders="市政协提案委员会主任", members_text="提案者", unit_people=f"{unit.name}分管领导及经办人",
                                   minutes=MINUTES[form], followups=[{"content": FOLLOWUPS[ago % len(FOLLOWUPS)], "owner_unit": unit,
                                                                      "due_date": today + dt.timedelta(days=due_in)}])
        created["督办记录"] += 1
        created["督办跟进事项"] += 1
        if report:
            services.followup_act(followup=r.followups.get(), action=FollowUpAction.REPORT, by=unit_user, note=report)
