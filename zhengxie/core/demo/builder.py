"""Loads the 长治 demo: the city 政协 and its 12 县区政协, organisations, 届次 and 会议, 委员, one login per role.

Deterministic (one `random.Random` with a fixed seed; every random choice is made before the database is read)
and idempotent: rows are looked up by their natural keys (政协 code, organisation (kind, name), 届 number,
(届, 会议类型, 次), member name within a 政协, username) and only the missing ones are created, so a second run
creates nothing. It is a fixture loader: it writes rows directly, not through per-row services.
"""
from __future__ import annotations

import calendar
import datetime as dt
import os
import random
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from zhengxie.accounts.models import Organisation, RoleAssignment, User
from zhengxie.core.models import Cppcc
from zhengxie.core.roles import Role
from zhengxie.members.models import Meeting, Member, Membership, Sitting, Term
from zhengxie.members.pinyin import initials

from . import data

SEED = 20230101
DEFAULT_PASSWORD = "zhengxie2026"
EMAIL_DOMAIN = "demo.zhengxie.local"
CITY_TERM_START = dt.date(2022, 1, 1)
COUNTY_TERM_START = dt.date(2021, 12, 27)
ADDED_ON = (2023, 6)  # 增补 at the 常委会议 of June 2023
RESIGNED_ON = [(2024, 3), (2024, 9)]  # 辞去, accepted at these 常委会议
REVOKED_ON = [(2023, 9), (2023, 12)]  # 撤销
ADDED_COUNT = 8

K = Organisation.Kind
P = Membership.Position


def demo_password() -> str:
    return os.environ.get("ZX_DEMO_PASSWORD") or DEFAULT_PASSWORD


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 14 → 十四, 21 → 二十一 (n < 100)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def _weekday_in_month(year: int, month: int, weekday: int, which: int) -> dt.date:
    """The `which`-th (1-based; -1 = last) given weekday of a month."""
    days = [d for d in range(1, calendar.monthrange(year, month)[1] + 1) if dt.date(year, month, d).weekday() == weekday]
    return dt.date(year, month, days[which - 1 if which > 0 else which])


def _months_before(day: dt.date, months: int) -> dt.date:
    m = day.month - months
    y = day.year + (m - 1) // 12
    m = (m - 1) % 12 + 1
    return dt.date(y, m, min(day.day, calendar.monthrange(y, m)[1]))


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour, 0))


# The city's plenaries (一次…五次会议) open on a Monday in January and last three days.
CITY_PLENARIES = [dt.date(2022, 1, 10), dt.date(2023, 1, 9), dt.date(2024, 1, 8), dt.date(2025, 1, 6), dt.date(2026, 1, 12)]
COUNTY_PLENARIES = [dt.date(2021, 12, 27), dt.date(2023, 1, 4), dt.date(2024, 1, 3), dt.date(2025, 1, 2), dt.date(2026, 1, 5)]


def standing_meeting_dates() -> list[dt.date]:
    """常委会议: the first right after the 一次会议 closes, then the last Tuesday of Apr/Jun/Sep/Dec (to Sep 2026)."""
    dates = [CITY_PLENARIES[0] + dt.timedelta(days=2)]
    for year in range(2022, 2027):
        months = (3, 6, 9) if year == 2026 else (4, 6, 9, 12) if year == 2022 else (3, 6, 9, 12)
        dates += [_weekday_in_month(year, m, 1, -1) for m in months]
    return dates


def chair_meeting_dates() -> list[dt.date]:
    """主席会议: the second Thursday of Feb/Apr/May/Jul/Oct/Nov, 2022 to Nov 2026."""
    return [_weekday_in_month(y, m, 3, 2) for y in range(2022, 2027) for m in (2, 4, 5, 7, 10, 11)]


def _standing_on(year: int, month: int) -> dt.date:
    return next(d for d in standing_meeting_dates() if (d.year, d.month) == (year, month))


@dataclass
class PersonSpec:
    name: str
    gender: str
    ethnicity: str
    birth_date: dt.date
    education: str
    employer: str
    phone: str
    specialty: str
    address: str
    sector: str
    committee: str | None
    party: str | None
    position: str = P.MEMBER
    start_date: dt.date = CITY_TERM_START
    start_reason: str = Membership.StartReason.ELECTED
    end_date: dt.date | None = None
    end_reason: str = ""
    id_code: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def is_standing(self) -> bool:
        return self.position != P.MEMBER


class DemoSeeder:
    def __init__(self, *, password: str | None = None, seed: int = SEED):
        self.password = password or demo_password()
        self.rng = random.Random(seed)
        self.created: Counter = Counter()
        self.phones: set[str] = set()
        self.people_names: set[str] = set()

    # --- entry point -----------------------------------------------------------------------------------------

    def run(self) -> Counter:
        with transaction.atomic():
            city, counties = self._cppccs()
            city_orgs = self._city_orgs(city)
            county_orgs = {code: self._county_orgs(c) for code, c in counties.items()}
            city_term = self._city_term(city)
            county_terms = {code: self._county_term(c, code) for code, c in counties.items()}
            city_people = self._city_people()
            self._load_people(city, city_term, city_orgs, city_people)
            for code, county in counties.items():
                people = self._county_people(county)
                self._load_people(county, county_terms[code], county_orgs[code], people)
            users = self._logins(city, counties, city_orgs, county_orgs, city_people)
            self._notifications(users)
            from zhengxie.proposals import demo as proposal_demo  # 提案 in every state (idempotent)

            self.created.update(proposal_demo.seed(city, random.Random(SEED + 1)))
            from zhengxie.activities import demo as activities_demo  # 履职活动, 委员之家 (idempotent)

            self.created.update(activities_demo.seed(city, random.Random(SEED + 2)))
            # 社情民意: a year of items, issues, reports upward and results; work waiting (idempotent)
            from zhengxie.opinions import demo as opinions_demo

            self.created.update(opinions_demo.seed(city, random.Random(SEED + 3)))
            # 提案 supervision: public clues and 选题目录, 重点提案 and 督办, votes, 民主评议 and 评优 (idempotent)
            from zhengxie.appraisals import demo as appraisals_demo
            from zhengxie.intake import demo as intake_demo
            from zhengxie.supervision import demo as supervision_demo
            from zhengxie.topics import demo as topics_demo
            from zhengxie.votes import demo as votes_demo

            for offset, module in enumerate((intake_demo, topics_demo, supervision_demo, votes_demo, appraisals_demo)):
                self.created.update(module.seed(city, random.Random(SEED + 10 + offset)))
            # 提案 text intelligence: stored text vectors, routing models (idempotent)
            from zhengxie.intelligence import demo as intelligence_demo

            self.created.update(intelligence_demo.seed(city, random.Random(SEED + 20)))
            # 履职积分: ledgers from all the facts above, adjustments, freeze, 常委 reports (idempotent)
            from zhengxie.performance import demo as performance_demo

            self.created.update(performance_demo.seed(city, random.Random(SEED + 21)))
        return self.created

    # --- 政协 ------------------------------------------------------------------------------------------------

    def _cppccs(self):
        c = data.CITY
        city, made = Cppcc.objects.get_or_create(
            code=c["code"],
            defaults={"name": c["name"], "short_name": c["short_name"], "level": Cppcc.Level.CITY, "region": c["region"]},
        )
        self.created["政协"] += made
        counties = {}
        for code, name, short, _kind, _term in data.COUNTIES:
            obj, made = Cppcc.objects.get_or_create(
                code=code,
                defaults={"name": name, "short_name": short, "level": Cppcc.Level.COUNTY, "parent": city,
                          "region": f"长治市{short}"},
            )
            self.created["政协"] += made
            counties[code] = obj
        return city, counties

    # --- organisations ---------------------------------------------------------------------------------------

    def _phone(self) -> str:
        return f"0355-{self.rng.randint(2020000, 2199999)}"

    def _ensure_orgs(self, cppcc, specs: list[dict]) -> dict:
        """Create the organisations of `specs` that are missing; returns {(kind, name): Organisation}."""
        have = {(o.kind, o.name) for o in Organisation.objects.filter(cppcc=cppcc).only("kind", "name")}
        new = [s for s in specs if (s["kind"], s["name"]) not in have]
        Organisation.objects.bulk_create(
            [Organisation(cppcc=cppcc, **{k: v for k, v in s.items() if k != "parent"}) for s in new]
        )
        self.created["组织机构"] += len(new)
        orgs = {(o.kind, o.name): o for o in Organisation.objects.filter(cppcc=cppcc)}
        for s in new:
            if s.get("parent"):
                org = orgs[(s["kind"], s["name"])]
                org.parent = orgs[s["parent"]]
                org.save(update_fields=["parent"])
        return orgs

    def _city_orgs(self, city) -> dict:
        specs: list[dict] = []

        def add(kind, name, short="", **extra):
            specs.append({"kind": kind, "name": name, "short_name": short, "sort": len(specs) + 1, **extra})

        for name, short, duty in data.OFFICES:
            add(K.OFFICE, name, short, duty=duty, phone=self._phone(), address="长治市政协机关")
        for name, short, duty in data.COMMITTEES:
            add(K.COMMITTEE, name, short, duty=duty, phone=self._phone(), address="长治市政协机关")
        for name, short in data.PARTIES:
            add(K.PARTY, name, short, phone=self._phone())
        for name, short in data.PEOPLE_ORGS:
            add(K.PEOPLE_ORG, name, short, phone=self._phone())
        for name, _count, *_ in data.SECTORS:
            add(K.SECTOR, name, name)
        for name, system, duty in data.HANDLING_UNITS:
            parent = data.SUPERVISOR_PARENT.get(name)
            add(K.HANDLING_UNIT, name, name, system=system, duty=duty, phone=self._phone(),
                parent=(K.HANDLING_UNIT, parent) if parent else None)
        home_parent = (K.COMMITTEE, "社会法制委员联络和港澳台侨外事委员会")
        for name, county, address in data.MEMBER_HOMES:
            add(K.MEMBER_HOME, name, county, phone=self._phone(), address=address, parent=home_parent,
                duty="组织委员开展学习调研、协商座谈和联系群众活动，每季度至少组织一次委员活动。")
        for name, short in data.UPPER:
            add(K.UPPER, name, short)
        return self._ensure_orgs(city, specs)

    def _county_orgs(self, county) -> dict:
        short = county.short_name
        level = "区" if short.endswith("区") else "县"
        specs: list[dict] = []

        def add(kind, name, short_name="", **extra):
            specs.append({"kind": kind, "name": name, "short_name": short_name, "sort": len(specs) + 1, **extra})

        add(K.OFFICE, "办公室", "办公室", phone=self._phone(),
            duty=f"负责{short}政协机关日常运转、会议组织和“有事来商量”基层协商平台的组织协调。")
        for name, s in data.COUNTY_COMMITTEES:
            add(K.COMMITTEE, name, s, phone=self._phone())
        for name, s in data.COUNTY_PARTIES:
            add(K.PARTY, name, s)
        for name, _count in data.COUNTY_SECTORS:
            add(K.SECTOR, name, name)
        duties = {n: (sys, duty) for n, sys, duty in data.HANDLING_UNITS}
        for city_name in data.COUNTY_HANDLING_UNITS:
            system, duty = duties[city_name]
            name = city_name.replace("市委", f"{short[:-1]}{level}委", 1).replace("市", short, 1)
            add(K.HANDLING_UNIT, name, name, system=system, phone=self._phone(),
                duty=duty.replace("全市", f"全{level}").replace("市委", f"{level}委").replace("市政府", f"{level}政府"))
        add(K.UPPER, "长治市政协", "市政协")
        return self._ensure_orgs(county, specs)

    # --- 届次, 会议, 场次 ------------------------------------------------------------------------------------

    def _term(self, cppcc, number: int, start: dt.date) -> Term:
        term, made = Term.objects.get_or_create(
            cppcc=cppcc, number=number, defaults={"name": f"{cn_number(number)}届", "start_date": start}
        )
        self.created["届次"] += made
        return term

    def _meeting(self, term, kind, number, name, start, end, location, sittings, plenary=False) -> Meeting:
        defaults = {"cppcc": term.cppcc, "name": name, "start_date": start, "end_date": end, "location": location}
        if plenary:
            defaults["proposal_window_start"] = _months_before(start, 3)
            defaults["proposal_deadline"] = _at(start + dt.timedelta(days=1), 18)
        meeting, made = Meeting.objects.get_or_create(term=term, kind=kind, number=number, defaults=defaults)
        self.created["会议"] += made
        for seq, (day, period, title) in enumerate(sittings, start=1):
            _s, made = Sitting.objects.get_or_create(
                meeting=meeting, seq=seq, defaults={"date": day, "period": period, "title": title}
            )
            self.created["会议场次"] += made
        return meeting

    def _city_term(self, city) -> Term:
        term = self._term(city, 14, CITY_TERM_START)
        am, pm = Sitting.Period.AM, Sitting.Period.PM
        for n, start in enumerate(CITY_PLENARIES, start=1):
            day2, day3 = start + dt.timedelta(days=1), start + dt.timedelta(days=2)
            closing = "闭幕大会（选举）" if n == 1 else "闭幕大会"
            sittings = [(start, am, "开幕大会"), (day2, am, "大会发言"), (day2, pm, "分组讨论"), (day3, am, closing)]
            self._meeting(term, Meeting.Kind.PLENARY, n, f"市政协十四届{cn_number(n)}次会议", start, day3,
                          "长治市会议中心", sittings, plenary=True)
        for n, day in enumerate(standing_meeting_dates(), start=1):
            topic = data.STANDING_TOPICS[(n - 1) % len(data.STANDING_TOPICS)]
            self._meeting(term, Meeting.Kind.STANDING, n, f"市政协十四届常委会第{cn_number(n)}次会议", day, day,
                          "市政协常委会议室", [(day, Sitting.Period.AM, topic)])
        for n, day in enumerate(chair_meeting_dates(), start=1):
            topic = data.CHAIR_TOPICS[(n - 1) % len(data.CHAIR_TOPICS)]
            self._meeting(term, Meeting.Kind.CHAIR, n, f"市政协十四届第{cn_number(n)}次主席会议", day, day,
                          "市政协主席会议室", [(day, Sitting.Period.AM, topic)])
        return term

    def _county_term(self, county, code: str) -> Term:
        number = next(t for c, *_rest, t in data.COUNTIES if c == code)
        term = self._term(county, number, COUNTY_TERM_START)
        am, pm = Sitting.Period.AM, Sitting.Period.PM
        for n, start in enumerate(COUNTY_PLENARIES, start=1):
            day2, day3 = start + dt.timedelta(days=1), start + dt.timedelta(days=2)
            sittings = [(start, am, "开幕大会"), (day2, pm, "分组讨论"), (day3, am, "闭幕大会")]
            name = f"{county.short_name}政协{term.name}{cn_number(n)}次会议"
            self._meeting(term, Meeting.Kind.PLENARY, n, name, start, day3, f"{county.short_name}会议中心", sittings,
                          plenary=True)
        return term

    # --- people ----------------------------------------------------------------------------------------------

    def _name(self, gender: str, taken: set[str], surname: str | None = None) -> str:
        chars = data.FEMALE_CHARS if gender == "F" else data.MALE_CHARS
        while True:
            family = surname or self.rng.choice(data.SURNAMES)
            given = "".join(self.rng.choice(chars) for _ in range(1 if self.rng.random() < 0.3 else 2))
            name = family + given
            if name not in taken:
                taken.add(name)
                return name

    def _mobile(self) -> str:
        while True:
            phone = f"139{self.rng.randint(0, 99999999):08d}"
            if phone not in self.phones:
                self.phones.add(phone)
                return phone

    def _person(self, taken, *, sector, committee, party, employer, leader=False, surname=None) -> PersonSpec:
        rng = self.rng
        gender = "F" if rng.random() < (0.9 if sector == "妇联" else 0.3) else "M"
        minority = sector in ("少数民族界", "宗教界") and rng.random() < 0.6 or rng.random() < 0.03
        year = rng.randint(1962, 1972) if leader else rng.randint(1960, 1991)
        edu = rng.choices([e for e, _ in data.EDUCATION], weights=[w for _, w in data.EDUCATION])[0]
        return PersonSpec(
            name=self._name(gender, taken, surname), gender=gender,
            ethnicity=rng.choice(data.ETHNICITIES_MINOR) if minority else "汉族",
            birth_date=dt.date(year, rng.randint(1, 12), rng.randint(1, 28)), education=edu, employer=employer,
            phone=self._mobile(), specialty=rng.choice(data.SPECIALTIES.get(committee, data.SPECIALTIES[None])),
            address=f"山西省长治市潞州区{rng.choice(data.STREETS)}{rng.randint(1, 399)}号",
            sector=sector, committee=committee, party=party,
        )

    def _employer(self, pool: str) -> str:
        unit, positions = self.rng.choice(data.EMPLOYERS[pool])
        return unit + self.rng.choice(positions)

    def _mixed_party(self) -> str | None:
        r = self.rng.random()
        if r < 0.5:
            return "中共"
        if r < 0.62:
            return "无党派"
        if r < 0.7:
            return self.rng.choice(["民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社"])
        return None

    def _city_people(self) -> list[PersonSpec]:
        rng = self.rng
        sectors = {s[0]: s for s in data.SECTORS}
        order = [name for name, count, *_ in data.SECTORS for _ in range(count)]
        rng.shuffle(order)
        taken: set[str] = set()
        people: list[PersonSpec] = []
        party_rank: Counter = Counter()
        for sector in order:
            _n, _c, party, committees, pool = sectors[sector]
            party = party or self._mixed_party()
            employer = self._employer(pool)
            if sectors[sector][2] and sector not in ("中共", "无党派人士"):
                party_rank[sector] += 1
                if party_rank[sector] <= 3:
                    title = "主委" if party_rank[sector] == 1 else "副主委"
                    employer += f"、{party}长治市委{title}"
            people.append(self._person(taken, sector=sector, committee=rng.choice(committees), party=party,
                                       employer=employer))
        # Leaders: 主席 and 秘书长 from the 中共 界别; 副主席 five from 中共, three 民主党派主委.
        cpc = [p for p in people if p.sector == "中共"]
        chair, secretary, vices = cpc[0], cpc[1], cpc[2:7]
        vices += [next(p for p in people if p.sector == s and "主委" in p.employer and "副主委" not in p.employer)
                  for s in ("民盟", "民建", "九三学社")]
        chair.position, chair.employer = P.CHAIR, "长治市政协主席"
        secretary.position, secretary.employer = P.SECRETARY_GENERAL, "长治市政协秘书长"
        for p in vices:
            p.position = P.VICE_CHAIR
            p.employer = "长治市政协副主席" + (p.employer[p.employer.index("、"):] if "、" in p.employer else "")
        for p in [chair, secretary, *vices]:
            p.committee = None
            p.birth_date = p.birth_date.replace(year=rng.randint(1962, 1972))
        rest = [p for p in people if p.position == P.MEMBER]
        for p in rng.sample(rest, 50):
            p.position = P.STANDING
        regular = [p for p in rest if p.position == P.MEMBER]
        ended = rng.sample(regular[1:], 4)  # regular[0] becomes the `member` login
        for p, (y, m) in zip(ended[:2], RESIGNED_ON, strict=True):
            p.end_date, p.end_reason = _standing_on(y, m), Membership.EndReason.RESIGNED
        for p, (y, m) in zip(ended[2:], REVOKED_ON, strict=True):
            p.end_date, p.end_reason = _standing_on(y, m), Membership.EndReason.REVOKED
        # Polyphonic and compound surnames, on regular members so the directory search can be tried with them.
        plain = [p for p in regular[1:] if p not in ended]
        for p, surname in zip(rng.sample(plain, len(data.POLYPHONIC_SURNAMES) + 1),
                              [*data.POLYPHONIC_SURNAMES, data.COMPOUND_SURNAME], strict=True):
            taken.discard(p.name)
            p.name = self._name(p.gender, taken, surname)
        # 增补 at the June 2023 常委会议.
        for _ in range(ADDED_COUNT):
            sector = rng.choice(["经济界", "教育界", "医药卫生界", "工商联", "科学技术界", "特邀人士"])
            _n, _c, _party, committees, pool = sectors[sector]
            p = self._person(taken, sector=sector, committee=rng.choice(committees), party=self._mixed_party(),
                             employer=self._employer(pool))
            p.start_date, p.start_reason = _standing_on(*ADDED_ON), Membership.StartReason.ADDED
            people.append(p)
        for i, p in enumerate(people, start=1):
            p.id_code = f"CZ14{i:04d}"
        self.people_names |= taken
        return people

    def _county_people(self, county) -> list[PersonSpec]:
        rng = self.rng
        short = county.short_name
        taken: set[str] = set()
        committees = [s for _n, s in data.COUNTY_COMMITTEES]
        people = []
        for sector, count in data.COUNTY_SECTORS:
            for _ in range(count):
                if sector == "中共":
                    party = "中共"
                elif sector == "民主党派":
                    party = rng.choice(["民盟", "民进", "九三学社"])
                elif sector == "无党派人士":
                    party = "无党派"
                else:
                    party = rng.choice(["中共", "中共", "无党派", None])
                unit, positions = rng.choice(data.COUNTY_EMPLOYERS[sector])
                p = self._person(taken, sector=sector, committee=rng.choice(committees), party=party,
                                 employer=f"{short}{unit}{rng.choice(positions)}")
                p.address = f"山西省长治市{short}"
                p.start_date = COUNTY_TERM_START
                people.append(p)
        cpc = [p for p in people if p.sector == "中共"]
        cpc[0].position, cpc[0].employer = P.CHAIR, f"{short}政协主席"
        cpc[1].position, cpc[1].employer = P.SECRETARY_GENERAL, f"{short}政协秘书长"
        for p in [*cpc[2:4], next(p for p in people if p.sector == "民主党派")]:
            p.position, p.employer = P.VICE_CHAIR, f"{short}政协副主席"
        for p in rng.sample([p for p in people if p.position == P.MEMBER], 6):
            p.position = P.STANDING
        for i, p in enumerate(people, start=1):
            p.id_code = f"{county.code.upper()[:4]}{i:03d}"
        return people

    def _load_people(self, cppcc, term, orgs, people: list[PersonSpec]) -> None:
        """bulk_create the members that do not exist yet (by name) and the memberships they lack in `term`."""
        have = set(Member.objects.filter(cppcc=cppcc).values_list("name", flat=True))
        new = [p for p in people if p.name not in have]
        Member.objects.bulk_create([
            Member(cppcc=cppcc, name=p.name, gender=p.gender, ethnicity=p.ethnicity, birth_date=p.birth_date,
                   education=p.education, employer=p.employer, phone=p.phone, address=p.address,
                   specialty=p.specialty, pinyin_initials=initials(p.name), id_code=p.id_code)
            for p in new
        ])
        self.created["委员"] += len(new)
        ids = dict(Member.objects.filter(cppcc=cppcc).values_list("name", "id"))
        seated = set(Membership.objects.filter(term=term).values_list("member_id", flat=True))
        by_short = {(o.kind, o.short_name or o.name): o for o in orgs.values()}
        rows = []
        for p in people:
            member_id = ids[p.name]
            if member_id in seated:
                continue
            rows.append(Membership(
                cppcc=cppcc, member_id=member_id, term=term, sector=by_short[(K.SECTOR, p.sector)],
                committee=by_short.get((K.COMMITTEE, p.committee)) if p.committee else None,
                party=by_short.get((K.PARTY, p.party)) if p.party else None,
                position=p.position, is_standing=p.is_standing, start_date=p.start_date, start_reason=p.start_reason,
                end_date=p.end_date, end_reason=p.end_reason,
            ))
        Membership.objects.bulk_create(rows)
        self.created["委员任职"] += len(rows)

    # --- logins ----------------------------------------------------------------------------------------------

    def _logins(self, city, counties, city_orgs, county_orgs, city_people) -> dict[str, User]:
        regular = next(p for p in city_people if p.position == P.MEMBER and not p.end_date
                       and p.start_reason == Membership.StartReason.ELECTED)
        standing = next(p for p in city_people if p.position == P.STANDING)
        vice = next(p for p in city_people if p.position == P.VICE_CHAIR)
        linked = {"member": regular, "standing": standing, "vice_chair": vice}
        titles = {"member": "委员", "standing": "常委", "vice_chair": "副主席"}
        users = {}
        for username, roles, cppcc_code, org_key, person in data.LOGINS:
            cppcc = counties[cppcc_code] if cppcc_code else city
            orgs = county_orgs[cppcc_code] if cppcc_code else city_orgs
            org = orgs[org_key] if org_key else None
            gender = "F" if self.rng.random() < 0.4 else "M"
            own_name = self._name(gender, self.people_names)  # drawn for every login so the sequence never shifts
            if person in linked:
                spec = linked[person]
                display, phone = f"{titles[person]}{spec.name}", spec.phone
            else:
                display, phone = f"{person}{own_name}", self._mobile()
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User.objects.create_user(
                    username=username, password=self.password, email=f"{username}@{EMAIL_DOMAIN}", cppcc=cppcc,
                    display_name=display, phone=phone, is_staff=username == "admin", is_superuser=username == "admin",
                )
                self.created["账号"] += 1
            for role in roles:
                _a, made = RoleAssignment.objects.get_or_create(
                    cppcc=cppcc, user=user, role=role, organisation=org,
                    defaults={"valid_from": CITY_TERM_START, "note": "演示账号"},
                )
                self.created["角色分配"] += made
            if person in linked:
                member = Member.objects.get(cppcc=city, name=linked[person].name)
                if member.user_id is None and not Member.objects.filter(user=user).exists():
                    member.user = user
                    member.save(update_fields=["user"])
            users[username] = user
        unit = city_orgs[(K.HANDLING_UNIT, "市教育局")]
        if unit.liaison_id is None:
            unit.liaison = users["handling_unit"]
            unit.save(update_fields=["liaison"])
        return users

    # --- inbox -----------------------------------------------------------------------------------------------

    def _notifications(self, users: dict[str, User]) -> None:
        from zhengxie.notifications.models import Notification

        try:
            from zhengxie.notifications.services import notify
        except ImportError:  # the notifications app without its service: write the rows directly
            notify = None
        for username, title, body in data.NOTIFICATIONS:
            user = users[username]
            if Notification.objects.filter(recipient=user, title=title).exists():
                continue
            if notify is not None:
                notify(recipients=[user], kind="system", title=title, body=body, cppcc=user.cppcc)
            else:
                Notification.objects.create(cppcc=user.cppcc, recipient=user, kind="system", title=title, body=body)
            self.created["站内消息"] += 1


def summary() -> list[tuple[str, int]]:
    """What the demo 政协 hold now (all 13), by type, for the closing report of `seed_demo`."""
    codes = [data.CITY["code"], *(c[0] for c in data.COUNTIES)]
    cppccs = Cppcc.objects.filter(code__in=codes)
    city = cppccs.filter(code=data.CITY["code"]).first()
    today = timezone.localdate()
    orgs = Organisation.objects.filter(cppcc__in=cppccs)
    rows = [("政协（市+县区）", cppccs.count()), ("届次", Term.objects.filter(cppcc__in=cppccs).count())]
    for kind, label in Meeting.Kind.choices:
        rows.append((f"会议·{label}", Meeting.objects.filter(cppcc__in=cppccs, kind=kind).count()))
    rows.append(("会议场次", Sitting.objects.filter(meeting__cppcc__in=cppccs).count()))
    for kind, label in Organisation.Kind.choices:
        rows.append((f"组织·{label}", orgs.filter(kind=kind).count()))
    valid = Membership.valid_on(today, "memberships__")
    rows += [
        ("市政协委员（在任）", Member.objects.filter(valid, cppcc=city).distinct().count()),
        ("县区政协委员（在任）", Member.objects.filter(valid, cppcc__in=cppccs.exclude(pk=getattr(city, "pk", None)))
         .distinct().count()),
        ("委员任职记录", Membership.objects.filter(cppcc__in=cppccs).count()),
        ("演示账号", User.objects.filter(username__in=[row[0] for row in data.LOGINS]).count()),
    ]
    return rows


def demo_logins() -> list[dict]:
    """The demo logins that exist, in the order of `data.LOGINS`, with role labels and organisations."""
    users = {u.username: u for u in User.objects.filter(username__in=[r[0] for r in data.LOGINS]).select_related("cppcc")}
    out = []
    for username, roles, *_ in data.LOGINS:
        user = users.get(username)
        if user is None:
            continue
        assignments = RoleAssignment.objects.filter(user=user).select_related("organisation")
        orgs = sorted({a.organisation.name for a in assignments if a.organisation_id})
        out.append({
            "username": username, "name": user.display_name, "cppcc": user.cppcc.name if user.cppcc_id else "",
            "roles": "、".join(Role(r).label for r in roles), "organisation": "、".join(orgs),
        })
    return out
