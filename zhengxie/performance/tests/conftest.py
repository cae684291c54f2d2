"""A year (2025) of facts for one 政协: meetings, activities, 提案, 社情民意, 委员之家 duty."""
import datetime as dt
from dataclasses import dataclass

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from zhengxie.activities.models import ActivitySitting, HomeReception, MemberHome, Participation
from zhengxie.activities.tests.builders import build_world, make_activity
from zhengxie.core.roles import Role
from zhengxie.core.testing import make_member, make_org
from zhengxie.members.models import Meeting
from zhengxie.opinions.models import Adoption, Instruction, Opinion
from zhengxie.proposals.models import CoSigner, Proposal

YEAR = 2025


def at(month, day, hour=9):
    return timezone.make_aware(dt.datetime(YEAR, month, day, hour))


@dataclass
class Facts:
    world: object
    alice: object   # the 委员 persona's member: a full year
    bob: object     # the 常委 persona's member: cosigner, absent at the plenary
    idle: object    # a member with nothing: misses all "三个一"
    proposal: object
    opinion: object


def attend(activity, member, attendance="present", **extra):
    return Participation.objects.create(cppcc=activity.cppcc, activity=activity, member=member, attendance=attendance,
                                        invited_at=activity.start_at, **extra)


def build_facts(cppcc, prefix=""):
    w = build_world(cppcc, prefix)
    alice = w.users[Role.MEMBER].member
    bob = w.users[Role.STANDING_MEMBER].member
    idle = w.users["other_member"].member
    plenary = make_activity(w, status="closed", kind="plenary", title="市政协全体会议", start=at(1, 10), hours=30)
    s1 = ActivitySitting.objects.create(activity=plenary, seq=1, date=dt.date(YEAR, 1, 10), period="am")
    s2 = ActivitySitting.objects.create(activity=plenary, seq=2, date=dt.date(YEAR, 1, 10), period="pm")
    p = attend(plenary, alice, is_speaker=True, speech_kind="oral", speech_title="关于发展新质生产力")
    p.sittings.set([s1, s2])
    attend(plenary, bob, "absent")
    research = make_activity(w, status="closed", kind="research", title="光伏产业发展专题调研", start=at(4, 8))
    attend(research, alice)
    attend(research, bob, "leave")
    for i in range(6):
        pub = make_activity(w, status="closed", kind="public", title=f"公益助学活动{i + 1}", start=at(5, 1 + i))
        attend(pub, alice)
    make_activity(w, status="draft", kind="research", title="未举行的调研", start=at(6, 1))
    meeting = Meeting.objects.create(cppcc=cppcc, term=w.term, kind="plenary", number=1, name="十四届一次会议",
                                     start_date=dt.date(YEAR, 1, 10), end_date=dt.date(YEAR, 1, 12))
    proposal = Proposal.objects.create(cppcc=cppcc, meeting=meeting, title="关于加强社区养老服务的建议", proposer_type="joint",
                                       lead_member=alice, status="filed", decision="file", is_key=True, number=12,
                                       submitted_at=at(1, 11), decided_at=at(2, 20))
    CoSigner.objects.create(proposal=proposal, member=bob, state="confirmed")
    opinion = Opinion.objects.create(cppcc=cppcc, title="关于老旧小区加装电梯的建议", reporter=w.users[Role.MEMBER], member=alice,
                                     status="issued", submitted_at=at(3, 1), received_at=at(3, 1), issued_at=at(3, 15))
    Adoption.objects.create(cppcc=cppcc, opinion=opinion, level="provincial", mode="single", adopted_at=dt.date(YEAR, 4, 2),
                            source_document="省政协信息采用通报")
    Instruction.objects.create(cppcc=cppcc, content_type=ContentType.objects.get_for_model(Opinion), object_id=str(opinion.pk),
                               leader_name="市长", leader_level="prefectural", date=dt.date(YEAR, 4, 20))
    home_org = make_org(cppcc, "城关委员之家", "member_home")
    home = MemberHome.objects.create(cppcc=cppcc, organisation=home_org)
    HomeReception.objects.create(cppcc=cppcc, home=home, date=dt.date(YEAR, 7, 1), duty_member=alice, visitor="王大爷",
                                 issue="小区停车难")
    return Facts(w, alice, bob, idle, proposal, opinion)


@pytest.fixture
def facts(city):
    return build_facts(city)


@pytest.fixture
def county_member(county):
    return make_member(county, "县委员甲")
