"""The proposal services end to end: a whole lifecycle, refusals with Chinese messages, nothing half-written."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.models import AuditLog, Event
from zhengxie.core.roles import Role
from zhengxie.core.testing import make_member, make_user
from zhengxie.notifications.models import Notification
from zhengxie.proposals import services
from zhengxie.proposals.models import Assignment, CoSigner, Evaluation, Proposal, Reply
from zhengxie.proposals.workflow import Action, Status

from .builders import assign, build_world, make_proposal


@pytest.fixture
def w(city):
    return build_world(city)


def draft(w, **kw):
    data = dict(proposer_type="individual", title="关于加快高标准农田建设的建议", category=w.category,
                situation="全市高标准农田建设进度不均衡。", suggestions="建议统筹资金，分年度推进。")
    data.update(kw)
    return services.proposal_create(by=w.users[Role.MEMBER], **data)


def test_a_whole_lifecycle_from_draft_to_closed(w, django_capture_on_commit_callbacks):
    member, staff = w.users[Role.MEMBER], w.users[Role.PROPOSAL_STAFF]
    unit, reviewer = w.users[Role.HANDLING_UNIT], w.users[Role.SUPERVISING_OFFICE]
    with django_capture_on_commit_callbacks(execute=True):
        p = draft(w)
        p = services.proposal_submit(proposal=p, by=member)
        assert p.status == Status.RECEIVED and p.receipt_no.endswith("S0001")  # no co-signers: received at once
        p = services.proposal_pre_review(proposal=p, by=staff)
        p = services.proposal_decide(proposal=p, decision=Action.FILE, by=staff, review=w.review)
        assert p.number == 1 and p.number_display == "第0001号"
        p = services.proposal_assign(proposal=p, by=staff, plan=[(w.gov_unit.pk, "lead")])
        assert p.due_date == p.assignments.get().due_date
        p = services.assignment_accept(proposal=p, by=unit)
        assert p.status == Status.IN_PROGRESS
        services.contact_add(proposal=p, by=unit, date=timezone.localdate(), stage="before", way="face", note="上门面商")
        services.reply_save(proposal=p, by=unit, body="经研究，已列入2024年计划。", proposed_class="B", doc_number="长教提〔2024〕3号",
                            signer="王局长", signer_level="deputy")
        services.reply_sign(proposal=p, by=unit)
        p = services.reply_submit(proposal=p, by=unit)
        assert p.status == Status.ANSWER_COSIGNED  # no 会办 unit: straight to 督办审核
        p = services.reply_audit(proposal=p, by=reviewer, corrected_class="A")
        assert p.status == Status.ANSWERED and p.result_class == "A"
        p = services.evaluation_submit(proposal=p, by=member, rating=Evaluation.Rating.BASIC)
        assert p.status == Status.EVALUATED and p.evaluation_result == Evaluation.Rating.BASIC
        p = services.proposal_close(proposal=p, by=staff)
    assert p.status == Status.CLOSED
    timeline = list(Event.objects.filter(object_id=str(p.pk)).order_by("id").values_list("message", flat=True))
    assert timeline[0] == "起草提案" and timeline[-1] == "办结"
    titles = set(Notification.objects.filter(recipient=member).values_list("title", flat=True))
    assert "提案已立案：第0001号 关于加快高标准农田建设的建议" in titles
    assert any(t.startswith("提案已答复") for t in titles)


def test_a_joint_proposal_waits_for_its_cosigners_and_the_last_confirmation_completes_receipt(w):
    member, cosigner = w.users[Role.MEMBER], w.users["cosigner"]
    p = draft(w, proposer_type="joint", cosigner_ids=[cosigner.member.pk])
    p = services.proposal_submit(proposal=p, by=member)
    assert p.status == Status.SUBMITTED and p.cosign_deadline > timezone.now()
    p = services.cosigner_respond(proposal=p, by=cosigner, accept=True)
    assert p.status == Status.RECEIVED
    assert p.cosigners.get().state == CoSigner.State.CONFIRMED


def test_a_cosigner_cannot_confirm_after_the_deadline(w):
    cosigner = w.users["cosigner"]
    p = make_proposal(w, status=Status.SUBMITTED, joint=True, cosign_deadline=timezone.now() - dt.timedelta(hours=1))
    with pytest.raises(ApplicationError, match="联名确认已截止"):
        services.cosigner_respond(proposal=p, by=cosigner, accept=True)


@pytest.mark.parametrize(
    "fields,message",
    [
        ({"title": "   "}, "请填写案由"),
        ({"title": "关" * 51}, "案由不能超过50字"),
        ({"suggestions": "建" * 3001}, "超过3000字的上限"),
    ],
)
def test_bad_text_is_refused_with_a_chinese_message_and_nothing_is_written(w, fields, message):
    before = (Proposal.objects.count(), AuditLog.objects.count())
    with pytest.raises(ApplicationError, match=message):
        draft(w, **fields)
    assert (Proposal.objects.count(), AuditLog.objects.count()) == before


def test_submitting_without_suggestions_is_refused(w):
    p = draft(w, suggestions="")
    with pytest.raises(ApplicationError, match="请填写“建议”部分"):
        services.proposal_submit(proposal=p, by=w.users[Role.MEMBER])
    p.refresh_from_db()
    assert p.status == Status.DRAFT and p.receipt_no == ""


def test_a_non_member_cannot_be_a_cosigner(w, city):
    outsider = make_user(city, "outsider", roles=[Role.MEMBER])
    ended = make_member(city, "已辞去委员", user=outsider, start=dt.date(2022, 1, 1), end=dt.date(2023, 1, 1))
    with pytest.raises(ApplicationError, match="不是本届委员，不能联名"):
        draft(w, proposer_type="joint", cosigner_ids=[ended.pk])
    assert not Proposal.objects.exists()


def test_a_member_of_another_cppcc_cannot_be_a_cosigner(w, county):
    stranger = make_member(county, "外县委员")
    with pytest.raises(ApplicationError, match="必须是本政协的委员"):
        draft(w, proposer_type="joint", cosigner_ids=[stranger.pk])


def test_a_reply_without_a_class_is_refused(w):
    p = make_proposal(w, status=Status.IN_PROGRESS, number=7)
    assign(p, w.gov_unit)
    with pytest.raises(ApplicationError, match="请选择办理结果类别"):
        services.reply_save(proposal=p, by=w.users[Role.HANDLING_UNIT], body="答复内容", proposed_class="")
    assert not Reply.objects.exists()


def test_a_key_proposal_needs_the_principal_leaders_signature(w):
    p = make_proposal(w, status=Status.IN_PROGRESS, number=8, is_key=True)
    assign(p, w.gov_unit)
    unit = w.users[Role.HANDLING_UNIT]
    services.reply_save(proposal=p, by=unit, body="答复", proposed_class="A", signer="副局长", signer_level="deputy")
    with pytest.raises(ApplicationError, match="主要领导签发"):
        services.reply_sign(proposal=p, by=unit)


def test_rejection_needs_a_reason_code_and_text_and_tells_the_proposer_why(w, django_capture_on_commit_callbacks):
    staff = w.users[Role.PROPOSAL_STAFF]
    p = make_proposal(w, status=Status.UNDER_REVIEW)
    with pytest.raises(ApplicationError, match="须选择理由"):
        services.proposal_decide(proposal=p, decision=Action.REJECT, by=staff, review=w.review, text="x")
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_decide(proposal=p, decision=Action.REJECT, by=staff, review=w.review, reason="personal",
                                 text="反映的是本人工作调动问题。")
    note = Notification.objects.get(recipient=w.users[Role.MEMBER])
    assert note.title.startswith("不予立案通知") and "为本人或亲属解决个人问题" in note.body


def test_a_decision_under_review_needs_a_review_meeting(w):
    p = make_proposal(w, status=Status.UNDER_REVIEW)
    with pytest.raises(ApplicationError, match="须经审查会集体研究决定"):
        services.proposal_decide(proposal=p, decision=Action.FILE, by=w.users[Role.PROPOSAL_STAFF])
    p.refresh_from_db()
    assert p.status == Status.UNDER_REVIEW and p.number is None


def test_merging_into_an_unfiled_case_is_refused(w):
    staff = w.users[Role.PROPOSAL_STAFF]
    lead = make_proposal(w, status=Status.UNDER_REVIEW, title="主案")
    p = make_proposal(w, status=Status.UNDER_REVIEW)
    with pytest.raises(ApplicationError, match="尚未立案，不能并入"):
        services.proposal_decide(proposal=p, decision=Action.MERGE, by=staff, review=w.review, merged_into=lead)


def test_a_batch_of_review_decisions_is_all_or_nothing(w):
    staff = w.users[Role.PROPOSAL_STAFF]
    a, b, c = (make_proposal(w, status=Status.UNDER_REVIEW, title=f"提案{i}") for i in range(3))
    items = [{"proposal": a, "decision": Action.FILE}, {"proposal": b, "decision": Action.MERGE, "merged_into": a},
             {"proposal": c, "decision": Action.REJECT, "reason": "", "text": ""}]
    with pytest.raises(ApplicationError, match="「提案2」：不予立案须选择理由"):
        services.review_decide_batch(review=w.review, items=items, by=staff)
    assert set(Proposal.objects.values_list("status", flat=True)) == {Status.UNDER_REVIEW}
    items[2].update(reason="empty", text="没有具体建议")
    done = services.review_decide_batch(review=w.review, items=items, by=staff)
    statuses = {p.title: p.status for p in done}
    assert statuses == {"提案0": Status.FILED, "提案1": Status.MERGED, "提案2": Status.REJECTED}
    assert Proposal.objects.get(title="提案1").merged_into.title == "提案0"


def test_an_assignment_plan_must_have_one_lead(w):
    staff = w.users[Role.PROPOSAL_STAFF]
    p = make_proposal(w, status=Status.FILED, number=3)
    with pytest.raises(ApplicationError, match="须有且只有一个主办单位"):
        services.proposal_assign(proposal=p, by=staff, plan=[(w.gov_unit.pk, "co"), (w.other_unit.pk, "co")])
    with pytest.raises(ApplicationError, match="分办须由两个及以上单位"):
        services.proposal_assign(proposal=p, by=staff, plan=[(w.gov_unit.pk, "split")])
    assert not Assignment.objects.exists()


def test_the_handling_deadline_of_the_meeting_overrides_the_default(w):
    w.meeting.handling_deadline = timezone.localdate() + dt.timedelta(days=100)
    w.meeting.save()
    p = make_proposal(w, status=Status.FILED, number=4)
    p = services.proposal_assign(proposal=p, by=w.users[Role.PROPOSAL_STAFF], plan=[(w.gov_unit.pk, "sole")])
    assert p.due_date == w.meeting.handling_deadline


def test_a_dispute_after_the_window_is_refused(w):
    p = make_proposal(w, status=Status.ASSIGNED, number=5)
    assign(p, w.gov_unit, state=Assignment.State.PENDING, dispute_until=timezone.localdate() - dt.timedelta(days=1))
    with pytest.raises(ApplicationError, match="已逾期"):
        services.assignment_dispute(proposal=p, by=w.users[Role.HANDLING_UNIT], reason="不属于本单位职责")


def test_unsatisfied_lead_starts_rehandling_and_after_two_rounds_only_closing_unsatisfied_remains(w):
    member, staff, unit = w.users[Role.MEMBER], w.users[Role.PROPOSAL_STAFF], w.users[Role.HANDLING_UNIT]
    reviewer = w.users[Role.SUPERVISING_OFFICE]
    p = make_proposal(w, status=Status.IN_PROGRESS, number=6)
    assign(p, w.gov_unit)
    for round_no in (1, 2, 3):
        services.reply_save(proposal=p, by=unit, body=f"第{round_no}次答复", proposed_class="C", signer="局长", signer_level="principal")
        services.reply_sign(proposal=p, by=unit)
        services.reply_submit(proposal=p, by=unit)
        p = services.reply_audit(proposal=p, by=reviewer)
        p = services.evaluation_submit(proposal=p, by=member, rating=Evaluation.Rating.UNSATISFIED, comment="问题没有解决")
        if round_no < 3:
            assert p.status == Status.REHANDLING and p.rehandle_rounds == round_no
    assert p.status == Status.EVALUATED and p.evaluation_result == Evaluation.Rating.UNSATISFIED
    with pytest.raises(ApplicationError, match="达到上限2轮"):
        services.proposal_rehandle(proposal=p, by=staff, note="再办一次")
    with pytest.raises(ApplicationError, match="评价结果为不满意"):
        services.proposal_close(proposal=p, by=staff)
    p = services.proposal_close_unsatisfied(proposal=p, by=staff, note="已两轮重新办理")
    assert p.status == Status.CLOSED_UNSATISFIED


def test_co_units_cosign_before_the_answer_goes_to_the_reviewer(w):
    unit = w.users[Role.HANDLING_UNIT]  # 市教育局, here the 会办 unit
    lead_user = w.users["party_unit_user"]  # 市委宣传部, the 主办 unit
    p = make_proposal(w, status=Status.IN_PROGRESS, number=9)
    assign(p, w.party_unit)
    assign(p, w.gov_unit, role="co")
    services.co_opinion_submit(proposal=p, by=unit, text="我局将配合做好师资保障。")
    services.reply_save(proposal=p, by=lead_user, body="答复", proposed_class="A", signer="部长", signer_level="deputy")
    services.reply_sign(proposal=p, by=lead_user)
    p = services.reply_submit(proposal=p, by=lead_user)
    assert p.status == Status.ANSWER_DRAFTED
    p = services.reply_cosign(proposal=p, by=unit, note="同意")
    assert p.status == Status.ANSWER_COSIGNED
    # a 党委 unit's answer is reviewed by 提案委 (configurable), not by 政府督查室
    with pytest.raises(PermissionDenied):
        services.reply_audit(proposal=p, by=w.users[Role.SUPERVISING_OFFICE])
    p = services.reply_audit(proposal=p, by=w.users[Role.PROPOSAL_STAFF])
    assert p.status == Status.ANSWERED


def test_split_units_answer_separately_and_the_proposal_is_answered_when_both_are(w, city):
    unit_a = w.users[Role.HANDLING_UNIT]
    unit_b = make_user(city, "unit-b", roles=[Role.HANDLING_UNIT], org=w.other_unit)
    p = make_proposal(w, status=Status.IN_PROGRESS, number=10)
    assign(p, w.gov_unit, role="split")
    assign(p, w.other_unit, role="split")
    for user in (unit_a, unit_b):
        services.reply_save(proposal=p, by=user, body="本单位部分答复", proposed_class="B", signer="局长", signer_level="deputy")
        services.reply_sign(proposal=p, by=user)
        p = services.reply_submit(proposal=p, by=user)
        if user is unit_a:
            assert p.status == Status.IN_PROGRESS  # waiting for the other split unit
    assert p.status == Status.ANSWER_COSIGNED
    p = services.reply_audit(proposal=p, by=w.users[Role.SUPERVISING_OFFICE])
    assert Reply.objects.filter(assignment__proposal=p, state=Reply.State.PUBLISHED).count() == 2
    assert Reply.objects.filter(follow_up_open=True).count() == 2  # B-class keeps a follow-up open


def test_an_urgent_proposal_takes_the_fast_track_from_receipt_to_filing(w):
    staff = w.users[Role.PROPOSAL_STAFF]
    normal = make_proposal(w, status=Status.RECEIVED)
    with pytest.raises(PermissionDenied):
        services.proposal_decide(proposal=normal, decision=Action.FILE, by=staff)
    urgent = make_proposal(w, status=Status.RECEIVED, is_urgent=True)
    assert services.proposal_decide(proposal=urgent, decision=Action.FILE, by=staff).status == Status.FILED


def test_an_oversized_or_disguised_attachment_is_refused_and_nothing_is_stored(w):
    from zhengxie.attachments.models import Attachment
    from zhengxie.attachments.services import attachment_add

    p = draft(w)
    member = w.users[Role.MEMBER]
    fake_pdf = SimpleUploadedFile("调研报告.pdf", b"MZ\x90\x00" + b"\x00" * 100, content_type="application/pdf")
    with pytest.raises(ApplicationError):
        attachment_add(obj=p, uploaded_file=fake_pdf, by=member)
    from zhengxie.core import config

    config.config_set(cppcc=w.cppcc, key="attachments.max_mb", value=1, valid_from=dt.date(2020, 1, 1),
                      by=w.users[Role.ADMIN])
    big = SimpleUploadedFile("大文件.pdf", b"%PDF-1.7\n" + b"0" * (1024 * 1024 + 10), content_type="application/pdf")
    with pytest.raises(ApplicationError, match="上限"):
        attachment_add(obj=p, uploaded_file=big, by=member)
    assert not Attachment.objects.exists()


def test_the_daily_job_receives_automatically_only_after_the_cosigning_deadline(w):
    from zhengxie.core.system import system_user

    robot = system_user(w.cppcc)
    p = make_proposal(w, status=Status.SUBMITTED, joint=True, cosign_deadline=timezone.now() + dt.timedelta(hours=2))
    p.cosigners.update(state=CoSigner.State.CONFIRMED)
    with pytest.raises(ApplicationError, match="尚未截止"):
        services.proposal_receive(proposal=p, by=robot, automatic=True)
    with pytest.raises(PermissionDenied):  # the system user holds no role: the ordinary path refuses it
        services.proposal_receive(proposal=p, by=robot)
    Proposal.objects.filter(pk=p.pk).update(cosign_deadline=timezone.now() - dt.timedelta(minutes=1))
    assert services.proposal_receive(proposal=p, by=robot, automatic=True).status == Status.RECEIVED


def test_turning_a_proposal_into_public_opinion_creates_the_linked_draft(w):
    from zhengxie.links.selectors import links_for
    from zhengxie.opinions.models import Opinion

    p = make_proposal(w, status=Status.UNDER_REVIEW)  # the builder's proposer consented to 转社情民意
    services.proposal_decide(proposal=p, decision=Action.TO_SQMY, by=w.users[Role.PROPOSAL_STAFF], review=w.review)
    opinion = Opinion.objects.get()
    assert opinion.title == p.title and opinion.reporter == w.users[Role.MEMBER]
    assert [link.other for link in links_for(w.users[Role.PROPOSAL_STAFF], p)] == [opinion]


def test_the_search_index_follows_writes_and_ignores_rolled_back_ones(w, django_capture_on_commit_callbacks):
    from zhengxie import textindex

    with django_capture_on_commit_callbacks(execute=True):
        p = draft(w, title="关于建设光伏储能示范项目的建议")
    assert [pk for pk, _ in textindex.search(Proposal, "储能", cppcc=w.cppcc)] == [p.pk]
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_update(proposal=p, by=w.users[Role.MEMBER], title="关于推进老旧小区改造的建议")
    assert textindex.search(Proposal, "储能", cppcc=w.cppcc) == []
    assert [pk for pk, _ in textindex.search(Proposal, "老旧小区", cppcc=w.cppcc)] == [p.pk]
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(ApplicationError):
            services.proposal_update(proposal=p, by=w.users[Role.MEMBER], title="关于乡村振兴的建议", suggestions="建" * 3001)
    assert textindex.search(Proposal, "乡村振兴", cppcc=w.cppcc) == []
