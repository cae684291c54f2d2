"""年度好提案 and 先进承办单位: nominations, review, approval, the 表彰决定 and the list 履职档案 reads."""
import io

import pytest
from django.utils import timezone
from docx import Document

from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.models import Event
from zhengxie.core.roles import Role
from zhengxie.proposals.models import Evaluation
from zhengxie.proposals.tests.builders import build_world, make_proposal
from zhengxie.proposals.workflow import Status as PStatus

from .. import documents, selectors, services
from ..models import Nomination
from ..workflow import AwardAction, AwardStatus, Status
from .builders import make_round, world_with_voters

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


@pytest.fixture
def w(city):
    return build_world(city)


def _filed(w, title, **kw):
    return make_proposal(w, status=PStatus.CLOSED, title=title, number=kw.pop("number", None),
                         decided_at=timezone.now(), **kw)


def test_nominate_review_approve_and_the_list_for_the_record(w):
    staff = w.users[Role.PROPOSAL_STAFF]
    r = services.award_round_create(by=staff, year=YEAR)
    good = _filed(w, "关于加快太行山旅游公路建设的建议", number=12)
    other = _filed(w, "关于完善社区养老服务的建议", number=13)
    n1 = services.nominate(by=staff, round=r, proposal=good, reason="推动太行一号旅游公路建成")
    n2 = services.nominate(by=staff, round=r, proposal=other)
    n3 = services.nominate(by=staff, round=r, unit=w.gov_unit, source=Nomination.Source.APPRAISAL)
    with pytest.raises(ApplicationError, match="已经在推荐名单"):
        services.nominate(by=staff, round=r, proposal=good)
    r = services.award_act(by=staff, round=r, action=AwardAction.START_REVIEW)
    services.nomination_judge(by=staff, nomination=n1, selected=True)
    services.nomination_judge(by=staff, nomination=n3, selected=True)
    with pytest.raises(ApplicationError, match="尚未评审"):
        services.award_act(by=staff, round=r, action=AwardAction.APPROVE)
    services.nomination_judge(by=staff, nomination=n2, selected=False, note="办理成效尚不明显")
    assert selectors.excellent_proposal_ids(w.cppcc, YEAR) == []  # not before approval
    r = services.award_act(by=staff, round=r, action=AwardAction.APPROVE, doc_number="长政协发〔2026〕3号")
    assert r.status == AwardStatus.APPROVED and r.approval_body == "主席会议"
    assert selectors.excellent_proposal_ids(w.cppcc, YEAR) == [good.pk]
    assert selectors.excellent_unit_ids(w.cppcc, YEAR) == [w.gov_unit.pk]
    assert Event.objects.filter(verb="award.excellent", object_id=str(good.pk)).exists()  # in the proposal's timeline


def test_the_decision_document_lists_both_lists(w):
    staff = w.users[Role.PROPOSAL_STAFF]
    r = services.award_round_create(by=staff, year=YEAR)
    p = _filed(w, "关于加快太行山旅游公路建设的建议", number=12)
    n1 = services.nominate(by=staff, round=r, proposal=p)
    n2 = services.nominate(by=staff, round=r, unit=w.gov_unit)
    services.award_act(by=staff, round=r, action=AwardAction.START_REVIEW)
    for n in (n1, n2):
        services.nomination_judge(by=staff, nomination=n, selected=True)
    r = services.award_act(by=staff, round=r, action=AwardAction.APPROVE)
    doc = Document(io.BytesIO(documents.award_decision_docx(r)))
    text = "\n".join(x.text for x in doc.paragraphs)
    assert f"关于表彰{YEAR}年度优秀提案和提案办理先进承办单位的决定" in text.replace("\n", "")
    assert "主席会议审定" in text and "市教育局" in text
    assert doc.tables[0].rows[1].cells[2].text == "关于加快太行山旅游公路建设的建议"


@pytest.mark.parametrize("case, message", [("year", "年度"), ("twice", "已经建立"), ("unfiled", "已立案"), ("empty", "至少确定一项")])
def test_refusals_are_clear(w, case, message):
    staff = w.users[Role.PROPOSAL_STAFF]
    with pytest.raises(ApplicationError, match=message):
        if case == "year":
            services.award_round_create(by=staff, year="明年")
        elif case == "twice":
            services.award_round_create(by=staff, year=YEAR)
            services.award_round_create(by=staff, year=YEAR)
        elif case == "unfiled":
            r = services.award_round_create(by=staff, year=YEAR)
            services.nominate(by=staff, round=r, proposal=make_proposal(w, status=PStatus.DRAFT))
        else:
            r = services.award_round_create(by=staff, year=YEAR)
            r = services.award_act(by=staff, round=r, action=AwardAction.START_REVIEW)
            services.award_act(by=staff, round=r, action=AwardAction.APPROVE)


def test_suggestions_come_from_appraisal_results_and_evaluations(city):
    w = world_with_voters(city)
    staff = w.users[Role.PROPOSAL_STAFF]
    make_round(w, status=Status.RECTIFYING)
    good = _filed(w, "关于加快太行山旅游公路建设的建议", number=12, result_class="A",
                  evaluation_result=Evaluation.Rating.SATISFIED, is_key=True)
    r = services.award_round_create(by=staff, year=YEAR)
    units = selectors.suggested_units(r)
    assert units[0]["unit"] == w.gov_unit and "民主评议满意率100.0%" in units[0]["reason"]
    assert [s["proposal"] for s in selectors.suggested_proposals(r)] == [good]
    services.nominate(by=staff, round=r, proposal=good)
    assert selectors.suggested_proposals(r) == []
