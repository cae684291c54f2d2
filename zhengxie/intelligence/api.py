"""/api/v1/proposals/intelligence/: similar proposals, 并案 suggestions, unit suggestions, reply hints.

    GET  /similar?title=&text=&k=        proposals similar to a free text (visible to the caller only)
    POST /similar {title, text, k}       the same for long texts
    GET  /similar/{proposal_id}          proposals similar to a proposal the caller may see
    GET  /compare/{a}/{b}                score and the shared passages of two proposals
    GET  /groups?meeting=&threshold=     suggested 并案 groups of a 会议 (提案委 only)
    GET  /units/{proposal_id}            ranked 承办单位 with the words that led to each (提案委 only)
    GET  /hints/{proposal_id}?all=       quality hints of the replies under 督办审核 (or all replies)
    GET  /replies/{reply_id}/hints       quality hints of one reply
Same selectors and permissions as the pages; handling units get 403. Errors: {"detail": "中文"}.
"""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Router, Schema

from zhengxie.members.models import Meeting
from zhengxie.proposals import selectors as p_sel
from zhengxie.proposals.models import Reply

from . import selectors

router = Router()


class SimilarIn(Schema):
    title: str = ""
    text: str = ""
    k: int | None = None


class SimilarOut(Schema):
    id: int
    number: str
    title: str
    meeting: str
    status: str
    status_label: str
    score: float
    passages: list[str]
    url: str


class CompareOut(Schema):
    a: int
    b: int
    score: float
    passages: list[str]


class PairOut(Schema):
    a: int
    b: int
    score: float
    passages: list[str]


class GroupOut(Schema):
    main: int
    members: list[SimilarOut]
    pairs: list[PairOut]


class GroupsOut(Schema):
    meeting: int
    meeting_name: str
    threshold: float
    groups: list[GroupOut]


class UnitOut(Schema):
    unit_id: int
    unit: str
    score: float
    because: list[str]
    duty_score: float
    history_score: float
    history_count: int


class UnitsOut(Schema):
    proposal: int
    category: str | None = None
    category_because: list[str] = []
    model_trained: bool
    history_count: int
    units: list[UnitOut]


class HintOut(Schema):
    code: str
    label: str
    detail: str


class ReplyHintsOut(Schema):
    reply: int
    unit: str
    round: int
    state: str
    hints: list[HintOut]


def _k(k):
    if k is not None and not 1 <= k <= 50:
        from django.core.exceptions import ValidationError

        raise ValidationError("k 须在 1～50 之间。")
    return k


def _hit(h: selectors.SimilarHit) -> dict:
    p = h.proposal
    return {"id": p.pk, "number": h.code, "title": p.title, "meeting": p.meeting.name, "status": p.status,
            "status_label": p.get_status_display(), "score": round(h.score, 4), "passages": h.passages[:5],
            "url": p.get_absolute_url()}


@router.get("/similar", response=list[SimilarOut], summary="与一段文字相似的提案（仅限本人可见的）")
def similar_text(request, title: str = "", text: str = "", k: int | None = None):
    return [_hit(h) for h in selectors.similar_for_text(request.user, title=title, body=text, k=_k(k))]


@router.post("/similar", response=list[SimilarOut], summary="与一段文字相似的提案（长文本）")
def similar_text_post(request, payload: SimilarIn):
    return [_hit(h) for h in selectors.similar_for_text(request.user, title=payload.title, body=payload.text,
                                                        k=_k(payload.k))]


@router.get("/similar/{int:pk}", response=list[SimilarOut], summary="与某件提案相似的提案")
def similar_proposal(request, pk: int, k: int | None = None):
    selectors.require_similar(request.user)
    p = p_sel.proposal_get_for(request.user, pk)
    return [_hit(h) for h in selectors.similar_for_proposal(request.user, p, k=_k(k))]


@router.get("/compare/{int:a}/{int:b}", response=CompareOut, summary="两件提案的相似度和相同段落")
def compare(request, a: int, b: int):
    c = selectors.compare(request.user, a, b)
    return {"a": a, "b": b, "score": round(c.score, 4), "passages": c.passages}


@router.get("/groups", response=GroupsOut, summary="某次会议的并案建议（提案委）")
def groups(request, meeting: int, threshold: float | None = None):
    selectors.require_staff(request.user)
    m = Meeting.objects.filter(pk=meeting, cppcc_id=request.user.cppcc_id).first()
    if m is None:
        raise Http404
    if threshold is not None and not 0.05 <= threshold <= 0.99:
        from django.core.exceptions import ValidationError

        raise ValidationError("相似度阈值须在 0.05～0.99 之间。")
    found = selectors.group_suggestions(request.user, m, threshold=threshold)
    from zhengxie.core import config

    used = threshold if threshold is not None else float(config.get("intelligence.group_threshold",
                                                                     cppcc=request.user.cppcc_id))
    out = []
    for g in found:
        members = [{"id": p.pk, "number": p.code, "title": p.title, "meeting": m.name, "status": p.status,
                    "status_label": p.get_status_display(), "score": round(max(x.score for x in g.pairs if p in (x.a, x.b)), 4),
                    "passages": [], "url": p.get_absolute_url()} for p in g.members]
        pairs = [{"a": x.a.pk, "b": x.b.pk, "score": round(x.score, 4), "passages": [str(s) for s in x.snippets]}
                 for x in g.pairs]
        out.append({"main": g.main.pk, "members": members, "pairs": pairs})
    return {"meeting": m.pk, "meeting_name": m.name, "threshold": used, "groups": out}


@router.get("/units/{int:pk}", response=UnitsOut, summary="交办时的承办单位建议（提案委）")
def units(request, pk: int):
    selectors.require_staff(request.user)
    p = p_sel.proposal_get_for(request.user, pk)
    advice = selectors.unit_suggestions(request.user, p)
    return {"proposal": p.pk, "category": advice.route.label if advice.route else None,
            "category_because": advice.route.because if advice.route else [], "model_trained": advice.model is not None,
            "history_count": advice.history_count,
            "units": [{"unit_id": u.pk, "unit": u.name, "score": round(s.score, 4), "because": s.because,
                       "duty_score": round(s.duty_score, 4), "history_score": round(s.history_score, 4),
                       "history_count": s.history_count} for u, s in advice.units]}


def _reply_out(item: selectors.ReplyHints) -> dict:
    r = item.reply
    return {"reply": r.pk, "unit": r.assignment.unit.name, "round": r.round, "state": r.state,
            "hints": [{"code": h.code, "label": h.label, "detail": h.detail} for h in item.hints]}


@router.get("/hints/{int:pk}", response=list[ReplyHintsOut], summary="提案的答复质量提示（待督办审核的答复）")
def hints(request, pk: int, all: bool = False):  # noqa: A002 - query parameter name
    p = p_sel.proposal_get_for(request.user, pk)
    return [_reply_out(x) for x in selectors.reply_hints_for(request.user, p, all_replies=all)]


@router.get("/replies/{int:reply_id}/hints", response=ReplyHintsOut, summary="一份答复的质量提示")
def reply_hints(request, reply_id: int):
    r = Reply.objects.select_related("assignment__proposal", "assignment__unit").filter(pk=reply_id).first()
    if r is None:
        raise Http404
    p = p_sel.proposal_get_for(request.user, r.assignment.proposal_id)
    if not selectors.can_see_hints(request.user, p):
        raise PermissionDenied("只有提案委工作人员或负责审核的督办部门可以查看答复质量提示。")
    return _reply_out(selectors.ReplyHints(r, selectors.hints_for_reply(r)))
