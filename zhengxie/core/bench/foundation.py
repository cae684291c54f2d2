"""The foundation's part of the national dataset (政协, organisations, members, users, roles, inbox) and its scenarios.

Later apps add their own rows, steps and scenarios in `<app>/bench.py`; the planned totals of the issue's
dataset table are registered here so docs/benchmarks.md says honestly what is not seeded yet.
"""
from __future__ import annotations

import datetime as dt

from django.contrib.auth.hashers import make_password

from zhengxie.core.roles import Role

from . import texts as text_lists
from .registry import dataset, scenario, seed_step

BENCH_CPPCC_CODE = "bench-national"
BENCH_CPPCC_NAME = "基准测试政协（全国规模）"
BENCH_PASSWORD = "zhengxie-bench-2026"
MEMBER_PERSONA = "bench-member"

# The national dataset (issue item 13). The four headline rows are fixed; later apps seed three of them.
dataset("members", "委员", 10_000, app="members", model="members.Member")
dataset("proposals", "提案", 100_000, app="proposals", model="proposals.Proposal")
dataset("opinions", "社情民意信息", 500_000, app="opinions", model="opinions.Opinion")
dataset("attendance", "出席与履职记录", 2_000_000, app="activities")
# Supporting rows the foundation seeds alongside.
dataset("memberships", "委员任职（届次）", 10_000, app="members", model="members.Membership", main=False)
dataset("users", "用户账号", 10_000, app="accounts", model="accounts.User", main=False)
dataset("role_assignments", "角色分配", 11_000, app="accounts", model="accounts.RoleAssignment", main=False)
dataset("organisations", "组织机构（界别/专委会/党派/承办单位）", 109, app="accounts", model="accounts.Organisation", main=False)
dataset("notifications", "站内消息", 50_000, app="notifications", model="notifications.Notification", main=False)

SECTORS = [
    "中国共产党", "中国国民党革命委员会", "中国民主同盟", "中国民主建国会", "中国民主促进会", "中国农工民主党",
    "中国致公党", "九三学社", "无党派人士", "共青团", "总工会", "妇女联合会", "青年联合会", "工商业联合会",
    "科学技术协会", "台湾同胞联谊会", "归国华侨联合会", "文化艺术界", "科学技术界", "社会科学界", "经济界",
    "农业界", "教育界", "体育界", "新闻出版界", "医药卫生界", "对外友好界", "社会福利和社会保障界",
    "少数民族界", "宗教界",
]
COMMITTEES = [
    "提案委员会", "经济委员会", "农业和农村委员会", "人口资源环境委员会", "教科卫体委员会", "社会和法制委员会",
    "民族和宗教委员会", "港澳台侨和外事委员会", "文化文史和学习委员会", "城乡建设委员会",
]
PARTIES = ["中国共产党", "民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "台盟"]
HANDLING_UNITS = [
    "发展和改革委员会", "教育局", "科学技术局", "工业和信息化局", "公安局", "民政局", "司法局", "财政局",
    "人力资源和社会保障局", "自然资源和规划局", "生态环境局", "住房和城乡建设局", "交通运输局", "水务局",
    "农业农村局", "商务局", "文化广电旅游局", "卫生健康委员会", "退役军人事务局", "应急管理局", "审计局",
    "市场监督管理局", "体育局", "统计局", "医疗保障局", "城市管理局", "林业局", "地方金融监督管理局",
    "信访局", "数据资源管理局", "机关事务管理局", "乡村振兴局", "国有资产监督管理委员会", "外事办公室",
    "民族宗教事务局", "残疾人联合会", "总工会", "团市委", "妇女联合会", "科学技术协会", "供电公司",
    "自来水公司", "燃气集团", "公共交通集团", "税务局", "人民银行分行", "气象局", "消防救援支队",
    "东城区人民政府", "西城区人民政府", "南湖区人民政府", "北山县人民政府", "新区管委会", "高新区管委会",
    "经济技术开发区管委会", "港务局", "铁路办", "邮政管理局", "烟草专卖局", "通信管理办公室",
]
STAFF_ROLES = [Role.PROPOSAL_STAFF, Role.INFO_EDITOR, Role.INFO_APPROVER, Role.COMMITTEE_STAFF, Role.LEADER,
               Role.ADMIN, Role.SUPERVISING_OFFICE, Role.INFORMANT, Role.EXPERT, Role.GRASSROOTS_HOST]
NOTICE_KINDS = ["meeting.notice", "proposal.status", "opinion.adopted", "activity.reminder", "system.notice"]
TERM_START = dt.date(2022, 1, 10)
PERSONA_NOTIFICATIONS = 60


def _aware(ctx, day: dt.date, minutes: int = 9 * 60):
    from django.utils import timezone

    return timezone.make_aware(dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minutes))


@seed_step("政协、届次与组织机构", order=0, provides=("organisations",))
def seed_cppcc(ctx) -> None:
    from zhengxie.accounts.models import Organisation
    from zhengxie.core.models import Cppcc
    from zhengxie.members.models import Meeting, Term

    ctx.cppcc, _ = Cppcc.objects.using(ctx.using).get_or_create(
        code=BENCH_CPPCC_CODE,
        defaults={"name": BENCH_CPPCC_NAME, "short_name": "基准政协", "level": Cppcc.Level.CITY, "region": "基准市"},
    )
    c = ctx.cppcc.pk
    t13 = Term.objects.using(ctx.using).create(cppcc_id=c, number=13, name="十三届", start_date=dt.date(2017, 1, 9),
                                               end_date=TERM_START - dt.timedelta(days=1))
    t14 = Term.objects.using(ctx.using).create(cppcc_id=c, number=14, name="十四届", start_date=TERM_START)
    ctx.shared["term"] = t14
    meetings = []
    for term, first_year in ((t13, 2017), (t14, 2022)):
        for n in range(1, 6):
            start = dt.date(first_year + n - 1, 1, 8 + n)
            if start > ctx.today:
                break
            meetings.append(Meeting(cppcc_id=c, term=term, kind=Meeting.Kind.PLENARY, number=n, start_date=start,
                                    end_date=start + dt.timedelta(days=4),
                                    name=f"政协{term.name}第{'一二三四五'[n - 1]}次会议", location="市会议中心"))
    Meeting.objects.using(ctx.using).bulk_create(meetings)

    def orgs(kind, names, **extra):
        rows = [{"cppcc_id": c, "name": n, "short_name": n[:40], "kind": kind, "sort": i, "created_at": ctx.now,
                 "updated_at": ctx.now, **extra} for i, n in enumerate(names, 1)]
        return ctx.load(Organisation, rows)

    ctx.shared["sectors"] = orgs(Organisation.Kind.SECTOR, SECTORS)
    ctx.shared["committees"] = orgs(Organisation.Kind.COMMITTEE, COMMITTEES)
    ctx.shared["parties"] = orgs(Organisation.Kind.PARTY, PARTIES)
    ctx.shared["handling_units"] = orgs(Organisation.Kind.HANDLING_UNIT, [f"市{n}" for n in HANDLING_UNITS],
                                        system=Organisation.System.GOVERNMENT)


def _user_row(ctx, username: str, name: str, password: str) -> dict:
    return {"username": username, "password": password, "display_name": name, "cppcc_id": ctx.cppcc.pk,
            "is_active": True, "date_joined": ctx.now, "email": "", "first_name": "", "last_name": ""}


def _role_row(ctx, user_id: int, role: str, since: dt.date, until: dt.date | None = None, org_id=None) -> dict:
    return {"cppcc_id": ctx.cppcc.pk, "user_id": user_id, "role": str(role), "organisation_id": org_id,
            "valid_from": since, "valid_to": until, "note": "", "created_at": ctx.now, "updated_at": ctx.now}


@seed_step("工作人员与承办单位账号", order=10, provides=("users", "role_assignments"))
def seed_staff(ctx) -> None:
    from zhengxie.accounts.models import RoleAssignment, User

    ctx.shared["password"] = make_password(BENCH_PASSWORD)  # hashed once, shared: realistic rows, fast seed
    pw = ctx.shared["password"]
    staff = [_user_row(ctx, f"bench-{role}", f"{Role(role).label}（基准）", pw) for role in STAFF_ROLES]
    units = ctx.shared["handling_units"]
    staff += [_user_row(ctx, f"bench-unit-{i:03d}", f"承办单位联络员{i}", pw) for i in range(1, len(units) + 1)]
    ids = ctx.load(User, staff)
    roles = [_role_row(ctx, uid, role, TERM_START) for uid, role in zip(ids, STAFF_ROLES, strict=False)]
    roles += [_role_row(ctx, uid, Role.HANDLING_UNIT, TERM_START, org_id=org)
              for uid, org in zip(ids[len(STAFF_ROLES):], units, strict=True)]
    ctx.load(RoleAssignment, roles)


@seed_step("委员及其账号", order=20, provides=("members", "users"))
def seed_members(ctx) -> None:
    from zhengxie.accounts.models import User
    from zhengxie.members.models import Member
    from zhengxie.members.pinyin import initials

    n = ctx.size("members")
    text, rng = ctx.text, ctx.rng
    people = []
    for i in range(n):
        name = text.person_name()
        people.append({"name": name, "gender": rng.choice("MMF"), "seq": i + 1})
    pw = ctx.shared["password"]
    users = [_user_row(ctx, MEMBER_PERSONA if p["seq"] == 1 else f"wy{p['seq']:05d}", p["name"], pw) for p in people]
    user_ids = ctx.load(User, users)
    cache: dict[str, str] = {}
    rows = []
    for p, uid in zip(people, user_ids, strict=True):
        name = p["name"]
        if name not in cache:
            cache[name] = initials(name)
        rows.append({
            "cppcc_id": ctx.cppcc.pk, "user_id": uid, "name": name, "gender": p["gender"],
            "ethnicity": text.choice(text_lists.ETHNICITIES), "birth_date": dt.date(1955, 1, 1) + dt.timedelta(days=rng.randint(0, 13000)),
            "education": text.choice(text_lists.EDUCATIONS), "employer": text.employer(),
            "phone": f"13{rng.randint(0, 999999999):09d}", "email": f"wy{p['seq']:05d}@bench.example",
            "address": f"基准市{text.choice(text_lists.PLACES)}{rng.randint(1, 300)}号", "specialty": text.specialty(),
            "pinyin_initials": cache[name], "pinyin_override": "", "id_code": f"14{p['seq']:06d}",
            "created_at": ctx.now, "updated_at": ctx.now,
        })
    member_ids = ctx.load(Member, rows)
    ctx.shared["members"] = list(zip(member_ids, user_ids, strict=True))


@seed_step("委员任职", order=30, provides=("memberships",))
def seed_memberships(ctx) -> None:
    from zhengxie.members.models import Membership

    rng, term = ctx.rng, ctx.shared["term"]
    sectors, committees, parties = ctx.shared["sectors"], ctx.shared["committees"], ctx.shared["parties"]
    positions = [Membership.Position.CHAIR] + [Membership.Position.VICE_CHAIR] * 8 + [Membership.Position.SECRETARY_GENERAL]
    spans = []  # (user_id, start, end, standing) for the role step
    rows = []
    for i, (member_id, user_id) in enumerate(ctx.shared["members"]):
        persona = i == 0
        added = not persona and rng.random() < 0.05
        start = TERM_START + dt.timedelta(days=rng.randint(300, 1200)) if added else TERM_START
        end, end_reason = None, ""
        if not persona and rng.random() < 0.04:
            end = min(ctx.today, start + dt.timedelta(days=rng.randint(60, 1100)))
            end_reason = rng.choice([Membership.EndReason.RESIGNED, Membership.EndReason.TRANSFERRED,
                                     Membership.EndReason.REMOVED, Membership.EndReason.DECEASED])
        position = positions[i - 1] if 0 < i <= len(positions) else Membership.Position.MEMBER
        standing = position != Membership.Position.MEMBER or (not persona and rng.random() < 0.08)
        if standing and position == Membership.Position.MEMBER:
            position = Membership.Position.STANDING
        roll = rng.random()
        party = parties[0] if roll < 0.3 else (rng.choice(parties[1:]) if roll < 0.6 else None)
        rows.append({
            "cppcc_id": ctx.cppcc.pk, "member_id": member_id, "term_id": term.pk,
            "sector_id": sectors[min(len(sectors) - 1, int(rng.paretovariate(1.2)) - 1)] if rng.random() < 0.5 else rng.choice(sectors),
            "committee_id": rng.choice(committees) if rng.random() < 0.85 else None, "party_id": party,
            "position": position, "is_standing": standing, "start_date": start,
            "start_reason": Membership.StartReason.ADDED if added else Membership.StartReason.ELECTED,
            "end_date": end, "end_reason": end_reason, "created_at": ctx.now, "updated_at": ctx.now,
        })
        spans.append((user_id, start, end, standing))
    ctx.load(Membership, rows)
    ctx.shared["spans"] = spans


@seed_step("委员角色", order=40, provides=("role_assignments",))
def seed_member_roles(ctx) -> None:
    from zhengxie.accounts.models import RoleAssignment

    rows = []
    for user_id, start, end, standing in ctx.shared["spans"]:
        rows.append(_role_row(ctx, user_id, Role.MEMBER, start, end))
        if standing:
            rows.append(_role_row(ctx, user_id, Role.STANDING_MEMBER, start, end))
    ctx.load(RoleAssignment, rows)


@seed_step("站内消息", order=50, provides=("notifications",))
def seed_notifications(ctx) -> None:
    from zhengxie.notifications.models import Notification

    rng, text = ctx.rng, ctx.text
    users = [uid for _, uid in ctx.shared["members"]]
    total = ctx.size("notifications")
    persona_count = min(PERSONA_NOTIFICATIONS, total)

    def rows():
        for i in range(total):
            recipient = users[0] if i < persona_count else rng.choice(users)
            created = ctx.now - dt.timedelta(minutes=rng.randint(0, 365 * 24 * 60))
            read = None if rng.random() < 0.3 else created + dt.timedelta(minutes=rng.randint(5, 5000))
            topic = text.topic()
            yield {"cppcc_id": ctx.cppcc.pk, "recipient_id": recipient, "kind": rng.choice(NOTICE_KINDS),
                   "title": text.notice_title(topic), "body": text.paragraph(topic, 3), "url": "/",
                   "created_at": created, "read_at": read if read is None or read < ctx.now else None}

    ctx.load(Notification, rows())


# Scenarios of the foundation. Member pages come from zhengxie/members (directory, detail, API).
# Directory and search target (issue item 13): p95 ≤ 50 ms, queries independent of the page shown.
DIRECTORY_P95_MS = 50
STAFF = Role.PROPOSAL_STAFF


def _sector_url(ctx) -> str:
    from zhengxie.accounts.models import Organisation

    return f"/members/?sector={ctx.org_id(Organisation.Kind.SECTOR, '经济界')}"


scenario("首页（委员）", "/", as_role=Role.MEMBER, order=10)
scenario("首页（工作人员）", "/", as_role=STAFF, order=11)
scenario("委员名录 第1页", "/members/", as_role=STAFF, target_p95_ms=DIRECTORY_P95_MS, group="委员名录：第1页与第50页", order=20)
scenario("委员名录 第50页", "/members/?page=50", as_role=STAFF, target_p95_ms=DIRECTORY_P95_MS,
         group="委员名录：第1页与第50页", order=21)
scenario("委员名录（委员本人查看）", "/members/", as_role=Role.MEMBER, target_p95_ms=DIRECTORY_P95_MS, order=22)
scenario("搜索：常见姓氏“张”", "/members/?q=张", as_role=STAFF, target_p95_ms=DIRECTORY_P95_MS, order=30)
scenario("搜索：拼音首字母“zw”", "/members/?q=zw", as_role=STAFF, target_p95_ms=DIRECTORY_P95_MS, order=31)
scenario("搜索：单位“人民医院”", "/members/?q=人民医院", as_role=STAFF, target_p95_ms=DIRECTORY_P95_MS, order=32)
scenario("筛选：界别“经济界”", _sector_url, as_role=STAFF, target_p95_ms=DIRECTORY_P95_MS, order=33)
scenario("委员详情", lambda ctx: f"/members/{ctx.member_id(5000)}/", as_role=STAFF, order=40)
scenario("API 委员搜索“张”", "/api/v1/members/?q=张", as_role=STAFF, target_p95_ms=DIRECTORY_P95_MS, order=50)
scenario("API 委员名录 第1页", "/api/v1/members/", as_role=STAFF, target_p95_ms=DIRECTORY_P95_MS,
         group="API 委员名录：第1页与第50页", order=51)
scenario("API 委员名录 第50页", "/api/v1/members/?page=50", as_role=STAFF, target_p95_ms=DIRECTORY_P95_MS,
         group="API 委员名录：第1页与第50页", order=52)
scenario("API 委员详情", lambda ctx: f"/api/v1/members/{ctx.member_id(5000)}", as_role=STAFF, order=53)
scenario("站内消息（委员）", "/notifications/", as_role=Role.MEMBER, order=90)
