"""/api/v1/members/: the directory and the meetings, same selectors and visibility as the pages.

Contact fields (phone, email, address, birth_date, id_code) appear only for users who may see them.
"""
from __future__ import annotations

import datetime as dt

from django.core.paginator import Paginator
from ninja import Router, Schema

from . import permissions, selectors
from .models import Member, Membership

router = Router()
PER_PAGE = 20


class SeatOut(Schema):
    id: int
    term: str
    sector: str
    committee: str | None = None
    party: str | None = None
    position: str
    is_standing: bool
    start_date: dt.date
    start_reason: str
    end_date: dt.date | None = None
    end_reason: str | None = None


class MemberOut(Schema):
    id: int
    name: str
    initials: str
    gender: str
    ethnicity: str
    education: str
    employer: str
    specialty: str
    seat: SeatOut | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    birth_date: dt.date | None = None
    id_code: str | None = None


class MemberDetailOut(MemberOut):
    memberships: list[SeatOut] = []


class MemberPage(Schema):
    count: int
    page: int
    num_pages: int
    results: list[MemberOut]


def _seat(s: Membership | None) -> dict | None:
    if s is None:
        return None
    return {
        "id": s.pk, "term": s.term.name, "sector": s.sector.name, "committee": s.committee.name if s.committee else None,
        "party": s.party.name if s.party else None, "position": s.get_position_display(), "is_standing": s.is_standing,
        "start_date": s.start_date, "start_reason": s.get_start_reason_display(), "end_date": s.end_date,
        "end_reason": s.get_end_reason_display() or None,
    }


def _member(user, m: Member, seat: Membership | None) -> dict:
    out = {"id": m.pk, "name": m.name, "initials": m.initials, "gender": m.get_gender_display(), "ethnicity": m.ethnicity,
           "education": m.education, "employer": m.employer, "specialty": m.specialty, "seat": _seat(seat)}
    if permissions.can_see_contact(user, m):
        out.update({name: getattr(m, name) for name in permissions.CONTACT_FIELDS})
    return out


class MeetingOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    term: str
    number: int
    start_date: dt.date
    end_date: dt.date
    location: str
    proposal_window_start: dt.date | None = None
    proposal_deadline: dt.datetime | None = None
    handling_deadline: dt.date | None = None

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_term(obj) -> str:
        return obj.term.name


class SittingOut(Schema):
    seq: int
    date: dt.date
    period: str
    title: str


class MeetingDetailOut(MeetingOut):
    sittings: list[SittingOut]

    @staticmethod
    def resolve_sittings(obj) -> list[dict]:
        return [{"seq": s.seq, "date": s.date, "period": s.get_period_display(), "title": s.title} for s in obj.sittings.all()]


@router.get("/meetings", response=list[MeetingOut], summary="会议列表（可按类型、届次筛选）")
def meeting_list(request, kind: str = "", term: int | None = None):
    return list(selectors.meeting_list_for(request.auth, kind=kind or None, term=term))


@router.get("/meetings/{int:pk}", response=MeetingDetailOut, summary="会议详情（含场次）")
def meeting_detail(request, pk: int):
    return selectors.meeting_get_for(request.auth, pk)


@router.get("/", response=MemberPage, exclude_unset=True, summary="委员名录（分页，每页20条；联系方式按角色显示）")
def member_list(request, q: str = "", sector: int | None = None, committee: int | None = None, party: int | None = None,
                term: int | None = None, standing: str = "", page: int = 1):
    qs = selectors.member_list_for(request.auth, q=q, sector=sector, committee=committee, party=party, term=term,
                                   standing=standing or None)
    current = Paginator(qs, PER_PAGE).get_page(page)
    results = [_member(request.auth, m, m.seats[0] if m.seats else None) for m in current.object_list]
    return {"count": current.paginator.count, "page": current.number, "num_pages": current.paginator.num_pages,
            "results": results}


@router.get("/{int:pk}", response=MemberDetailOut, exclude_unset=True, summary="委员详情")
def member_detail(request, pk: int):
    m = selectors.member_get_for(request.auth, pk)
    seats = m.all_seats
    return {**_member(request.auth, m, selectors.seat_valid_on(seats)), "memberships": [_seat(s) for s in seats]}
