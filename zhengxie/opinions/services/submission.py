"""采集: drafts, 一事一报 with the required elements, 报送 and 重新报送, 提案转社情民意."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from zhengxie.accounts.models import User
from zhengxie.accounts.selectors import has_role
from zhengxie.core import config
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.roles import Role
from zhengxie.core.writes import DENIED, recorded_write
from zhengxie.members.models import Membership

from .. import permissions
from ..models import Commission, Informant, Opinion, ReportingUnit, Topic
from ..workflow import Action
from ._common import notify, role_users, today, transition

TEXT_FIELDS = ("title", "situation", "analysis", "suggestions", "reporter_name", "is_urgent", "topic")


def body_length(o: Opinion) -> int:
    return sum(len((getattr(o, f) or "").strip()) for f in ("situation", "analysis", "suggestions"))


def length_warning(o: Opinion) -> str:
    warn = config.get("opinions.body_warn", cppcc=o.cppcc_id)
    n = body_length(o)
    return f"正文已有{n}字，超过{warn}字：社情民意信息应一事一报、简明扼要，请尽量精简。" if n > warn else ""


def _check_text(o: Opinion, *, submitting: bool) -> None:
    title_max = config.get("opinions.title_max", cppcc=o.cppcc_id)
    o.title = (o.title or "").strip()
    if not o.title:
        raise ApplicationError("请填写标题。", field="title")
    if len(o.title) > title_max:
        raise ApplicationError(f"标题不能超过{title_max}字（当前{len(o.title)}字）。", field="title")
    if submitting:
        missing = [label for f, label in (("situation", "情况/问题"), ("analysis", "原因分析"), ("suggestions", "意见建议"))
                   if not (getattr(o, f) or "").strip()]
        if missing:
            raise ApplicationError("社情民意信息应有情况、有分析、有建议，请填写：" + "、".join(missing) + "。",
                                   field="situation" if "情况/问题" in missing else ("analysis" if "原因分析" in missing
                                                                                    else "suggestions"))


def _unit_for(by, unit: ReportingUnit | None) -> ReportingUnit | None:
    if unit is None:
        return None
    if unit.cppcc_id != by.cppcc_id or not unit.is_active:
        raise ApplicationError("报送单位须是本政协启用的信息报送单位。", field="reporting_unit")
    return unit


def _coauthors(o: Opinion, coauthor_ids) -> None:
    ids = [int(i) for i in dict.fromkeys(coauthor_ids) if int(i) != o.reporter_id]
    users = list(User.objects.filter(pk__in=ids, cppcc_id=o.cppcc_id, is_active=True))
    if len(users) != len(ids):
        raise ApplicationError("共同作者须是本政协的用户。", field="coauthors")
    o.coauthors.set(users)


def opinion_create(*, by, title: str, situation: str = "", analysis: str = "", suggestions: str = "",
                   reporting_unit: ReportingUnit | None = None, coauthor_ids=(), reporter_name: str = "",
                   topic: Topic | None = None, commission: Commission | None = None, is_urgent: bool = False,
                   source: str = Opinion.Source.DIRECT) -> Opinion:
    """A draft of the acting reporter. Drafts are saved rows, edited until submitted."""
    if not permissions.can_create(by):
        raise PermissionDenied("只有委员、特邀信息员和信息报送单位可以报送社情民意信息。")
    unit = _unit_for(by, reporting_unit)
    if unit is not None and unit.pk not in permissions.unit_ids_of(by) and not _member_of_unit(by, unit):
        raise ApplicationError(f"您不是「{unit.name}」的成员或信息联络员，不能以该单位名义报送。", field="reporting_unit")
    if commission is not None and (commission.assignee_id != by.pk or commission.state != Commission.State.OPEN):
        raise ApplicationError("只能按发给您本人、尚未交稿的约稿单写稿。", field="commission")
    if topic is not None and topic.cppcc_id != by.cppcc_id:
        raise ApplicationError("重点选题须是本政协发布的选题。", field="topic")
    with recorded_write(by=by, action="opinion.create", message="起草社情民意信息") as w:
        o = Opinion(cppcc_id=by.cppcc_id, title=title, situation=situation, analysis=analysis, suggestions=suggestions,
                    reporter=by, reporter_name=reporter_name or _default_name(by, unit), reporting_unit=unit,
                    topic=topic or (commission.topic if commission else None), commission=commission,
                    is_commissioned=commission is not None, is_urgent=is_urgent,
                    source=Opinion.Source.COMMISSION if commission is not None else source, created_by=by)
        _check_text(o, submitting=False)
        o.save()
        _coauthors(o, coauthor_ids)
        w.obj = o
    return o


def _member_of_unit(by, unit: ReportingUnit) -> bool:
    """A 委员 may report through the 党派/专委会/界别 unit of their current membership."""
    member = getattr(by, "member", None)
    if member is None or unit.organisation_id is None:
        return False
    ms = Membership.objects.filter(Membership.valid_on(today()), member=member)
    return ms.filter(sector_id=unit.organisation_id).exists() or ms.filter(committee_id=unit.organisation_id).exists() \
        or ms.filter(party_id=unit.organisation_id).exists()


def _default_name(by, unit: ReportingUnit | None) -> str:
    return f"{unit.name}　{by.name}" if unit else by.name


def opinion_update(*, opinion: Opinion, by, coauthor_ids=None, reporting_unit=None, **fields) -> Opinion:
    with recorded_write(by=by, action="opinion.update", obj=opinion, message="修改社情民意信息") as w:
        o = w.lock()
        if not permissions.can_edit(by, o):
            raise PermissionDenied("只有反映人可以在草稿或退回修改时修改信息。")
        for k, v in fields.items():
            if k not in TEXT_FIELDS:
                raise ApplicationError(f"不能修改字段 {k}。")
            setattr(o, k, v)
        if reporting_unit is not None:
            o.reporting_unit = _unit_for(by, reporting_unit)
        _check_text(o, submitting=False)
        o.save()
        if coauthor_ids is not None:
            _coauthors(o, coauthor_ids)
    return o


def _attribution(o: Opinion) -> dict:
    """The author's membership on the submit date (界别/专委会/党派), and whether they report as 特邀信息员."""
    on = today()
    member = getattr(o.reporter, "member", None)
    out = {"member": member, "sector_id": None, "committee_id": None, "party_id": None}
    if member is not None:
        ms = Membership.objects.filter(Membership.valid_on(on), member=member).order_by("-start_date").first()
        if ms is not None:
            out.update(sector_id=ms.sector_id, committee_id=ms.committee_id, party_id=ms.party_id)
    out["is_informant"] = Informant.objects.filter(cppcc_id=o.cppcc_id, user_id=o.reporter_id,
                                                   state=Informant.State.ACTIVE).exists()
    return out


@transaction.atomic
def _submit(o: Opinion, by, action: str) -> Opinion:
    o = Opinion.objects.select_for_update().get(pk=o.pk)
    if not permissions.can(by, action, o):
        raise PermissionDenied(DENIED)
    _check_text(o, submitting=True)
    now = timezone.now()
    updates = {"submitted_at": now, **_attribution(o)}
    if o.received_at is None:
        updates["received_at"] = now
    warning = length_warning(o)
    message = "报送社情民意信息" if action == Action.SUBMIT else "修改后重新报送"
    o = transition(o, action, by, message=message + (f"（{warning}）" if warning else ""), check=False, **updates)
    if o.commission_id:
        Commission.objects.filter(pk=o.commission_id, state=Commission.State.OPEN).update(
            state=Commission.State.DELIVERED, delivered_at=now)
    from ..search import reindex_opinion

    reindex_opinion(o)
    notify(role_users(o.cppcc_id, Role.INFO_EDITOR), f"新收社情民意信息：{o.title}", o.reporter_name,
           o.get_absolute_url(), by=by, cppcc=o.cppcc_id)
    return o


def opinion_submit(*, opinion: Opinion, by) -> Opinion:
    """一事一报: 情况、分析、建议 required; over 1500 字 is a warning (recorded), not a refusal."""
    return _submit(opinion, by, Action.SUBMIT)


def opinion_resubmit(*, opinion: Opinion, by) -> Opinion:
    return _submit(opinion, by, Action.RESUBMIT)


def opinion_create_from_proposal(*, proposal, by) -> Opinion:
    """提案转社情民意 (domain.md §15): with the proposer's consent, a draft of the proposer's item with the
    proposal's text, linked both ways (zhengxie.links, 转化为). The 提案委 calls this when deciding 转社情民意;
    the proposer then revises it if needed and 报送 it."""
    if not getattr(proposal, "consent_to_sqmy", False):
        raise ApplicationError("提案者未同意转为社情民意信息，不能转社情民意。")
    if proposal.cppcc_id != getattr(by, "cppcc_id", None) or not has_role(by, Role.PROPOSAL_STAFF, Role.INFO_EDITOR):
        raise PermissionDenied(DENIED)
    reporter, unit = _proposal_reporter(proposal)
    if reporter is None:
        raise ApplicationError("提案者没有平台账号，不能生成社情民意信息草稿；请线下转交信息编辑。")
    from zhengxie.links.services import link_create

    with recorded_write(by=by, action="opinion.from_proposal", message="由提案转为社情民意信息（草稿）") as w:
        o = Opinion(cppcc_id=proposal.cppcc_id, title=proposal.title[:120], situation=proposal.situation or "",
                    analysis=proposal.analysis or "", suggestions=proposal.suggestions or "", reporter=reporter,
                    reporter_name=_default_name(reporter, unit), reporting_unit=unit, source=Opinion.Source.PROPOSAL,
                    created_by=by)
        o.save()
        w.obj = o
        w.data = {"proposal": proposal.pk}
        link_create(source=proposal, target=o, kind="converted", by=by, note="提案转社情民意（经提案者同意）")
    notify([reporter], f"提案已转为社情民意信息草稿：{o.title}", "经您同意，提案已转为社情民意信息草稿，请确认后报送。",
           o.get_absolute_url(), by=by, cppcc=o.cppcc_id)
    return o


def _proposal_reporter(proposal):
    if proposal.lead_member_id and proposal.lead_member.user_id:
        return proposal.lead_member.user, None
    if proposal.proposer_org_id:
        unit = ReportingUnit.objects.filter(cppcc_id=proposal.cppcc_id, organisation_id=proposal.proposer_org_id).first()
        if unit is not None and unit.liaison_id:
            return unit.liaison, unit
    return None, None
