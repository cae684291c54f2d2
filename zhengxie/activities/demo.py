"""履职活动 demo data for the 长治 city 政协 (called by `manage.py seed_demo` through `zhengxie.core.demo.builder`).

* Activity kinds, the 委员之家 registry of the 25 homes (lead member, resident members, 六个有), 5 民主监督员.
* The year of the annual review (2023) and the current year up to yesterday, as bulk rows (like the 提案 volume):
  the 专委会 and offices organise meetings, 调研, 视察, 学习座谈; every 委员之家 holds at least one activity per
  quarter in 2023, while two homes missed the third quarter of the current year (the compliance table shows it).
  Invitations, sign-ins (some 代签 with a reason), approved and refused 请假, speakers and outcome figures.
  2023 reproduces the review: 经济委员会 学习座谈活动7次、106人次、52名委员交流发言; 人口资源环境委员会 座谈会20余次、
  走访农户540余户、调查问卷600份; 教科文卫和民族宗教委员会 捐款70余万元、捐助大学生264名.
* The 全体会议 of the term held so far (6 half-day sittings, every seated member, 大会发言), for the 履职积分.
* Built through the services, so their timelines and notifications are real: the work waiting for the demo
  users (委员: an upcoming 调研 to confirm and an open 读书活动 to register; 经济委员会 staff: a leave to approve and
  yesterday's 座谈会 to close, with a sign-in and a 代签).

Deterministic with the given `random.Random`; idempotent: each part is skipped when its rows already exist.
"""
from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from zhengxie.accounts.models import Organisation, User
from zhengxie.members.models import Member, Membership

from . import services, signin
from .models import (
    Activity,
    ActivitySitting,
    Appointment,
    HomeReception,
    LeaveRequest,
    MemberHome,
    OutcomeFigure,
    Participation,
)
from .workflow import LeaveState, Status

K = Organisation.Kind
PA = Participation.Attendance
YEAR = 2023
ECON, ENV, EDU = "经济委员会", "人口资源环境委员会", "教科文卫和民族宗教委员会"
ECON_ATTENDEES = (15, 15, 15, 15, 15, 15, 16)  # 106 人次
ECON_SPEAKERS = (8, 8, 8, 7, 7, 7, 7)  # 52 distinct speakers: "50余名委员交流发言"
ECON_TOPICS = ("学习贯彻党的二十大精神", "优化营商环境", "民营经济高质量发展", "招商引资新机制", "数字经济赋能转型",
               "县域经济发展", "年度履职总结")
PROXY_REASONS = ("手机未带，现场核实后代签", "年长委员不会扫码，经本人确认代签", "手机没电，现场签字后代签",
                 "会场网络信号弱，工作人员核实后代签")
LEAVE_REASONS = ("参加单位重要会议", "外出学习培训", "因病住院", "出差在外", "家中有事")
REFUSE_NOTE = "本次活动为专题协商，请合理安排工作按时参加"
#: (organiser name, kind code, title) for the other 专委会 and offices, used in both years.
OTHER_EVENTS = [
    ("办公室", "standing", "常委会议"), ("办公室", "chair", "主席会议"),
    ("提案委员会", "symposium", "提案工作座谈会"), ("提案委员会", "inspection", "重点提案办理视察"),
    ("农业和农村委员会", "research", "高标准农田建设专题调研"), ("农业和农村委员会", "evaluation", "农业农村部门民主评议"),
    (ENV, "symposium", "生态环境保护座谈会"), (ENV, "inspection", "浊漳河流域治理视察"),
    (EDU, "research", "义务教育均衡发展调研"), (EDU, "study", "委员履职能力培训"),
    ("社会法制委员联络和港澳台侨外事委员会", "community", "有事来商量协商活动"),
    ("文化文史和学习委员会", "reading", "委员读书活动"), ("文化文史和学习委员会", "study", "文史资料征编培训"),
    ("研究中心", "biweekly", "双周协商座谈会"),
]
HOME_TOPICS = ("委员进家入户听民意", "政策宣讲进基层", "乡村振兴协商议事", "便民服务进社区", "矛盾纠纷协商化解",
               "产业发展座谈", "义诊送健康", "法律咨询进村")
SUPERVISED = ("市生态环境局", "市水务局", "市市场监督管理局", "市自然资源局", "市住房和城乡建设局")
VISITORS = ("张大爷", "李女士", "王师傅", "赵先生", "刘阿姨", "村民代表")
ISSUES = ("村内道路硬化后排水不畅，雨天积水。", "小区加装电梯审批流程不清楚。", "农产品销售渠道少，希望搭建平台。",
          "老旧小区供暖不达标。", "孩子入学就近安排问题。")


class _Seeder:
    def __init__(self, city, rng: random.Random):
        self.city, self.rng = city, rng
        self.created: Counter = Counter()
        self.admin = User.objects.get(username="admin")
        self.kinds = {k.code: k for k in services.activity_kinds_ensure(city, by=self.admin)}
        self.orgs = {o.name: o for o in Organisation.objects.filter(cppcc=city, kind__in=[K.OFFICE, K.COMMITTEE])}
        self.tz = timezone.get_current_timezone()
        seats = list(Membership.objects.filter(cppcc=city).values("member_id", "start_date", "end_date", "committee_id"))
        self.seats = sorted(seats, key=lambda s: s["member_id"])
        self.users = dict(Member.objects.filter(cppcc=city, user__isnull=False).values_list("pk", "user_id"))

    # --- helpers ---------------------------------------------------------------------------------------------

    def at(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=self.tz)

    def seated(self, day: dt.date, committee_id: int | None = None) -> list[int]:
        ids = [s["member_id"] for s in self.seats if s["start_date"] <= day and (s["end_date"] is None or s["end_date"] >= day)
               and (committee_id is None or s["committee_id"] == committee_id)]
        return list(dict.fromkeys(ids))

    def activity(self, kind: str, title: str, organiser, day: dt.date, *, status: str, home=None, hours: int = 3,
                 location: str = "") -> Activity:
        start = self.at(day, 9 if self.rng.random() < 0.6 else 14, 30 if self.rng.random() < 0.5 else 0)
        a = Activity.objects.create(
            cppcc=self.city, kind=self.kinds[kind], title=title, organiser=organiser, home=home, start_at=start,
            end_at=start + dt.timedelta(hours=hours), location=location or organiser.address or "市政协机关会议室",
            description=f"{organiser.name}组织委员开展{title}。", summary=f"{title}已完成，委员积极建言。",
            status=status, published_at=start - dt.timedelta(days=5), closed_at=start + dt.timedelta(hours=hours + 2),
            created_by=self.admin)
        self.created["履职活动"] += 1
        return a

    def attend(self, a: Activity, member_ids: list[int], *, speakers: int = 0, present_only: bool = False) -> None:
        """Participation rows: mostly 出席, some 代签 with a reason, 请假 (approved) and a refused leave or 缺席."""
        rows, leaves = [], []
        for i, mid in enumerate(member_ids):
            r = self.rng.random()
            p = Participation(cppcc=self.city, activity=a, member_id=mid, invited=True,
                              invited_at=a.published_at, attendance=PA.PRESENT,
                              signed_in_at=a.start_at - dt.timedelta(minutes=self.rng.randint(1, 25)),
                              signed_by_id=self.users.get(mid))
            if i < speakers:
                p.is_speaker, p.speech_kind = True, "oral" if self.rng.random() < 0.8 else "written"
                p.speech_title = f"关于{a.title[:20]}的发言"
            elif not present_only and r < 0.06:
                p.attendance, p.signed_by_id, p.proxy_reason = PA.PROXY, self.admin.pk, self.rng.choice(PROXY_REASONS)
            elif not present_only and r < 0.14:
                p.attendance, p.signed_in_at, p.signed_by_id = PA.LEAVE, None, None
                leaves.append(self._leave(a, mid, LeaveState.APPROVED))
            elif not present_only and r < 0.17:
                p.attendance, p.signed_in_at, p.signed_by_id = PA.ABSENT, None, None
                leaves.append(self._leave(a, mid, LeaveState.REFUSED))
            elif not present_only and r < 0.19:
                p.attendance, p.signed_in_at, p.signed_by_id = PA.ABSENT, None, None
            rows.append(p)
        Participation.objects.bulk_create(rows)
        LeaveRequest.objects.bulk_create(leaves)
        self.created["参加活动"] += len(rows)
        self.created["请假"] += len(leaves)

    def _leave(self, a: Activity, mid: int, state: str) -> LeaveRequest:
        refused = state == LeaveState.REFUSED
        return LeaveRequest(cppcc=self.city, activity=a, member_id=mid, reason=self.rng.choice(LEAVE_REASONS), state=state,
                            requested_by_id=self.users.get(mid), decided_by=self.admin,
                            decided_at=a.start_at - dt.timedelta(days=1), decision_note=REFUSE_NOTE if refused else "同意")

    def outcome(self, a: Activity, name: str, unit: str, value, approximate: bool = False) -> None:
        OutcomeFigure.objects.create(cppcc=self.city, activity=a, name=name, unit=unit, value=Decimal(value),
                                     approximate=approximate)
        self.created["成果数据"] += 1

    def pick(self, day: dt.date, n: int, committee=None) -> list[int]:
        own = self.seated(day, committee.pk if committee is not None else None)
        taken = set(own)
        pool = own if len(own) >= n else own + [m for m in self.seated(day) if m not in taken]
        return self.rng.sample(pool, min(n, len(pool)))

    # --- 委员之家 registry and appointments ---------------------------------------------------------------------

    def homes(self) -> list[MemberHome]:
        self.created["委员之家档案"] += services.member_home_ensure(cppcc=self.city, by=self.admin)
        homes = list(MemberHome.objects.filter(cppcc=self.city).select_related("organisation").order_by("organisation__sort"))
        pool = self.seated(dt.date(YEAR, 1, 1))
        for h in homes:
            if h.lead_member_id is None:
                residents = self.rng.sample(pool, 6)
                services.member_home_update(
                    home=h, by=self.admin, home_type=h.home_type, county=h.county, address=h.address,
                    lead_member=Member.objects.get(pk=residents[0]), member_ids=residents,
                    standards={k: self.rng.random() < 0.85 for k, _ in MemberHome.STANDARDS})
                h.refresh_from_db()
        return homes

    def appointments(self) -> None:
        if Appointment.objects.filter(cppcc=self.city, kind=Appointment.Kind.DEMOCRATIC_SUPERVISOR).exists():
            return
        ids = self.rng.sample(self.seated(dt.date(YEAR, 3, 1)), len(SUPERVISED))
        for mid, org in zip(ids, SUPERVISED, strict=True):
            services.appointment_create(by=self.admin, member=Member.objects.get(pk=mid),
                                        kind=Appointment.Kind.DEMOCRATIC_SUPERVISOR, org_name=org,
                                        start_date=dt.date(YEAR, 3, 15), end_date=dt.date(2027, 1, 31),
                                        note="市政协遴选委员担任民主监督员")
            self.created["委员聘任"] += 1

    # --- history -----------------------------------------------------------------------------------------------

    def year_2023(self, homes) -> None:
        econ, env, edu = self.orgs[ECON], self.orgs[ENV], self.orgs[EDU]
        whole_year = set(self.seated(dt.date(YEAR, 1, 1))) & set(self.seated(dt.date(YEAR, 12, 31)))
        own = [m for m in self.seated(dt.date(YEAR, 1, 1), econ.pk) if m in whole_year]
        econ_pool = (own + self.rng.sample(sorted(whole_year - set(own)), 60))[:60]
        speaker = 0
        for i, (n, s) in enumerate(zip(ECON_ATTENDEES, ECON_SPEAKERS, strict=True)):
            day = dt.date(YEAR, 2 + i + (1 if i >= 5 else 0), 10 + i)
            a = self.activity("symposium", f"{ECON_TOPICS[i]}学习座谈会", econ, day, status=Status.ARCHIVED)
            speakers = econ_pool[speaker:speaker + s]
            speaker += s
            rest = [m for m in econ_pool[52:] + econ_pool[:52] if m not in speakers][: n - s]
            self.attend(a, speakers + rest, speakers=s, present_only=True)
            Participation.objects.filter(activity=a, member_id=rest[0]).update(
                attendance=PA.PROXY, signed_by=self.admin, proxy_reason=PROXY_REASONS[i % len(PROXY_REASONS)])
        # 人口资源环境委员会: 座谈会20余次、走访农户540余户、发放调查问卷600份.
        a = self.activity("research", "乡村人居环境整治和生态保护专题调研", env, dt.date(YEAR, 6, 13), status=Status.ARCHIVED,
                          hours=8, location="各县区")
        self.attend(a, self.pick(a.start_at.date(), 18, env), speakers=4)
        for name, unit, value, approx in (("召开座谈会", "次", 20, True), ("走访农户", "户", 540, True),
                                          ("发放调查问卷", "份", 600, False)):
            self.outcome(a, name, unit, value, approx)
        # 教科文卫和民族宗教委员会: 捐款70余万元、捐助大学生264名.
        for title, day, money, students in (("金秋助学委员在行动", dt.date(YEAR, 8, 22), 482000, 180),
                                            ("爱心助学捐助活动", dt.date(YEAR, 9, 6), 226000, 84)):
            a = self.activity("public", title, edu, day, status=Status.ARCHIVED)
            self.attend(a, self.pick(day, 20, edu))
            self.outcome(a, "捐款", "元", money, True)
            self.outcome(a, "捐助大学生", "人", students)
        self.others(YEAR, dt.date(YEAR, 12, 20))
        self.home_activities(homes, YEAR, [1, 2, 3, 4], skip=set(), status=Status.ARCHIVED)

    def current_year(self, homes, today: dt.date) -> None:
        year = today.year
        econ = self.orgs[ECON]
        for month in range(2, today.month, 3):
            day = dt.date(year, month, 18)
            a = self.activity("symposium", f"{year}年第{(month + 1) // 3}季度经济形势学习座谈会", econ, day, status=Status.CLOSED)
            self.attend(a, self.pick(day, 16, econ), speakers=6)
        self.others(year, today - dt.timedelta(days=7))
        quarter_now = (today.month - 1) // 3 + 1
        skip = {(h.pk, 3) for h in homes[-2:]}  # two homes missed the third quarter: the compliance table alerts
        self.home_activities(homes, year, list(range(1, quarter_now)), skip=skip, status=Status.CLOSED)
        # The current quarter: most homes have held theirs already; the last few not yet (reminders go out).
        self.home_activities(homes[:-5], year, [quarter_now], skip=set(), status=Status.CLOSED, until=today)

    def others(self, year: int, until: dt.date) -> None:
        for month in range(1, 13):
            for org_name, kind, title in OTHER_EVENTS:
                if (month + len(title)) % 4:
                    continue
                day = dt.date(year, month, self.rng.randint(5, 25))
                if day >= until:
                    continue
                org = self.orgs[org_name]
                a = self.activity(kind, f"{year}年{month}月{title}", org, day, status=Status.ARCHIVED if year == YEAR else Status.CLOSED)
                committee = org if org.kind == K.COMMITTEE else None
                self.attend(a, self.pick(day, self.rng.randint(10, 22), committee), speakers=self.rng.randint(2, 5))
                if kind in ("research", "inspection"):
                    self.outcome(a, "形成调研报告", "篇", 1)

    def home_activities(self, homes, year: int, quarters: list[int], *, skip: set, status: str,
                        until: dt.date | None = None) -> None:
        residents = {h.pk: list(h.members.values_list("pk", flat=True)) for h in homes}
        for q in quarters:
            for i, h in enumerate(homes):
                if (h.pk, q) in skip:
                    continue
                times = 2 if (i + q) % 3 == 0 else 1
                for t in range(times):
                    day = dt.date(year, 3 * q - 2 + t, 8 + (i % 15))
                    if until is not None and day >= until:
                        continue
                    topic = HOME_TOPICS[(i + q + t) % len(HOME_TOPICS)]
                    a = self.activity("home", f"{h.organisation.short_name}{topic}", h.organisation, day, status=status,
                                      home=h, location=h.address)
                    seated = set(self.seated(day))
                    self.attend(a, [m for m in residents[h.pk] if m in seated] or self.pick(day, 6), speakers=1)
                    if topic == "委员进家入户听民意":
                        self.outcome(a, "走访群众", "户", 20 + i)
            if year == YEAR:
                for i, h in enumerate(homes[:10]):
                    HomeReception.objects.create(
                        cppcc=self.city, home=h, date=dt.date(year, 3 * q - 1, 10 + i), duty_member_id=h.lead_member_id,
                        visitor=VISITORS[(i + q) % len(VISITORS)], issue=ISSUES[(i + q) % len(ISSUES)],
                        follow_up="已转相关部门办理，并向群众反馈。", recorded_by=self.admin)
                    self.created["接待群众"] += 1

    # --- work waiting for the demo users (through the services) ------------------------------------------------

    def plenaries(self, today: dt.date) -> None:
        """The 全体会议 of the term held so far: 6 half-day sittings, every seated member invited, 大会发言."""
        from zhengxie.members.models import Meeting

        office = self.orgs["办公室"]
        meetings = Meeting.objects.filter(cppcc=self.city, kind=Meeting.Kind.PLENARY, start_date__lt=today).order_by("start_date")
        for m in meetings:
            status = Status.ARCHIVED if m.start_date.year < today.year else Status.CLOSED
            start = self.at(m.start_date, 9)
            a = Activity.objects.create(
                cppcc=self.city, kind=self.kinds["plenary"], title=m.name, organiser=office, meeting=m, start_at=start,
                end_at=self.at(m.start_date + dt.timedelta(days=2), 17), location=m.location or "长治市会议中心",
                description=f"{m.name}：听取和审议常委会工作报告、提案工作情况报告，大会发言，选举。",
                summary=f"{m.name}圆满完成各项议程。", status=status, published_at=start - dt.timedelta(days=10),
                closed_at=start + dt.timedelta(days=3), created_by=self.admin)
            self.created["履职活动"] += 1
            sittings = [ActivitySitting.objects.create(activity=a, seq=i + 1, date=m.start_date + dt.timedelta(days=i // 2),
                                                       period="am" if i % 2 == 0 else "pm",
                                                       title="大会发言" if i == 2 else "")
                        for i in range(6)]
            self.attend(a, self.seated(m.start_date), speakers=12)
            through = Participation.sittings.through
            links = []
            for p in Participation.objects.filter(activity=a, attendance__in=[PA.PRESENT, PA.PROXY]).order_by("pk"):
                attended = sittings if self.rng.random() < 0.9 else sittings[:self.rng.randint(2, 5)]
                links += [through(participation_id=p.pk, activitysitting_id=x.pk) for x in attended]
            through.objects.bulk_create(links)

    def showcase(self, today: dt.date) -> None:
        staff = User.objects.get(username="committee_staff")
        member = User.objects.get(username="member")
        standing = User.objects.get(username="standing_member")
        econ = self.orgs[ECON]
        core = [u.member.pk for u in (member, standing) if getattr(u, "member", None)]
        others = [m for m in self.pick(today, 14, econ) if m not in core][:10]
        soon = today + dt.timedelta(days=3)
        a = services.activity_create(
            by=staff, kind=self.kinds["research"], title="民营经济高质量发展专题调研", organiser=econ,
            start_at=self.at(soon, 9), end_at=self.at(soon, 17), location="潞州区、高新区部分民营企业",
            description="实地走访民营企业，召开企业家座谈会，形成调研报告。")
        services.activity_invite(activity=a, member_ids=core + others, by=staff)
        a = services.activity_publish(activity=a, by=staff)
        services.leave_request(activity=a, by=standing, reason="同日参加全国政协组织的专题培训")
        reading = services.activity_create(
            by=staff, kind=self.kinds["reading"], title="“书香政协”委员读书分享会", organiser=econ,
            start_at=self.at(soon + dt.timedelta(days=4), 14, 30), end_at=self.at(soon + dt.timedelta(days=4), 17),
            location="市政协机关图书室", open_registration=True, description="委员自愿报名，分享近期读书心得。")
        services.activity_publish(activity=reading, by=staff)
        yesterday = today - dt.timedelta(days=1)
        held = services.activity_create(
            by=staff, kind=self.kinds["symposium"], title="优化营商环境学习座谈会", organiser=econ,
            start_at=self.at(yesterday, 9), end_at=self.at(yesterday, 11, 30), location="市政协三楼会议室")
        services.activity_invite(activity=held, member_ids=core + others[:6], by=staff)
        held = services.activity_publish(activity=held, by=staff)
        held = services.activity_start(activity=held, by=staff)
        moment = self.at(yesterday, 8, 50)
        services.activity_sign_in(activity=held, by=member, token=signin.token_for(held, moment), now=moment)
        late = Participation.objects.filter(activity=held, member_id__in=others[:2]).order_by("pk")
        for p in late:
            services.activity_proxy_sign_in(participation=p, by=staff, reason="年长委员不会扫码，经本人确认代签")
        services.speaker_set(participation=Participation.objects.get(activity=held, member=member.member), by=staff,
                             is_speaker=True, speech_title="关于压减涉企审批事项的建议", speech_kind="oral")
        services.outcome_add(activity=held, by=staff, name="收集意见建议", unit="项", value=12, approximate=False)
        self.created["履职活动"] += 3


def seed(city, rng: random.Random) -> Counter:
    """Seed the 长治 city 政协's activities; a second run changes nothing."""
    with transaction.atomic():
        s = _Seeder(city, rng)
        homes = s.homes()
        s.appointments()
        today = timezone.localdate()
        if not Activity.objects.filter(cppcc=city, start_at__year=YEAR).exists():
            s.year_2023(homes)
            s.current_year(homes, today)
        if not Activity.objects.filter(cppcc=city, kind__code="plenary").exists():
            s.plenaries(today)
        if not Activity.objects.filter(cppcc=city, title="民营经济高质量发展专题调研").exists():
            s.showcase(today)
    return s.created

