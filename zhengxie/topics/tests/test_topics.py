"""提案线索 → 选题 → 《提案选题参考目录》, citations, coverage figures, documents, pages and API."""
import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from docx import Document

from zhengxie.core.models import Event
from zhengxie.core.roles import Role
from zhengxie.intake import services as intake_services
from zhengxie.intake.models import Channel, Submission
from zhengxie.notifications.models import Notification
from zhengxie.proposals.tests.builders import make_proposal
from zhengxie.proposals.workflow import Status
from zhengxie.reports.registry import Context, Period, compute
from zhengxie.topics import documents, selectors, services
from zhengxie.topics.models import Clue, TopicCatalogue, TopicCitation

BODY = "我市部分老旧小区没有电梯，老年人上下楼很困难，建议加大加装电梯补贴力度，简化审批流程。"


def clue(staff, title="关于老旧小区加装电梯的建议"):
    return services.clue_create(by=staff, title=title, body=BODY)


def catalogue(world, staff, published=False, n=1):
    cat = services.catalogue_create(by=staff, meeting=world.meeting)
    topics = [services.topic_save(by=staff, catalogue=cat, title=f"选题{i + 1}：推进城市更新", description="要点一。\n\n要点二。",
                                  category=world.category, units=[world.gov_unit]) for i in range(n)]
    if published:
        services.catalogue_publish(by=staff, catalogue=cat)
    cat.refresh_from_db()
    return cat, topics


def public_submission(city):
    ch, _ = Channel.objects.get_or_create(cppcc=city, code="proposal-clue",
                                          defaults={"title": "提案线索征集", "consumer": "proposal_clue"})
    return intake_services.submission_create(channel=ch, name="李红", phone="13900001111", title="关于增加公交线路的建议",
                                             body=BODY, ip="10.0.0.2", elapsed=30)


@pytest.mark.django_db
class TestClues:
    @pytest.mark.parametrize("role,source,status", [
        (Role.PROPOSAL_STAFF, "staff", "accepted"), (Role.HANDLING_UNIT, "unit", "pending"), (Role.EXPERT, "expert", "pending")])
    def test_who_proposes_clues(self, world, role, source, status):
        c = clue(world.users[role])
        assert (c.source, c.status) == (source, status)
        if role == Role.HANDLING_UNIT:
            assert c.org == world.gov_unit

    @pytest.mark.parametrize("role", [Role.MEMBER, Role.LEADER, Role.ADMIN, Role.INFO_EDITOR])
    def test_others_cannot_propose(self, world, role):
        with pytest.raises(PermissionDenied):
            clue(world.users[role])

    def test_too_short_is_refused(self, world, staff):
        with pytest.raises(ValidationError, match="至少20个字"):
            services.clue_create(by=staff, title="标题", body="太短")

    def test_screening_by_staff_only(self, world, staff):
        c = clue(world.users[Role.EXPERT])
        with pytest.raises(PermissionDenied):
            services.clue_accept(by=world.users[Role.EXPERT], clue=c)
        with pytest.raises(ValidationError, match="理由"):
            services.clue_reject(by=staff, clue=c, reason="")
        services.clue_reject(by=staff, clue=c, reason="超出本市事权")
        with pytest.raises(ValidationError, match="不能重复筛选"):
            services.clue_accept(by=staff, clue=c)

    def test_proposer_of_a_clue_sees_only_their_own(self, world, staff):
        mine = clue(world.users[Role.EXPERT])
        clue(staff)
        assert list(selectors.clue_list_for(world.users[Role.EXPERT])) == [mine]
        assert selectors.clue_list_for(staff).count() == 2


@pytest.mark.django_db
class TestCatalogue:
    def test_merge_public_clue_updates_what_the_submitter_sees(self, world, staff):
        sub = public_submission(world.cppcc)
        _, c = intake_services.submission_accept(submission=sub, by=staff)
        cat = services.catalogue_create(by=staff, meeting=world.meeting)
        t = services.topic_save(by=staff, catalogue=cat, title="完善城市公共交通网络", clue_ids=[c.pk])
        c.refresh_from_db()
        sub.refresh_from_db()
        assert c.status == Clue.Status.MERGED and c.topic == t
        assert "完善城市公共交通网络" in sub.public_reply and cat.title in sub.public_reply

    def test_only_accepted_clues_merge(self, world, staff):
        pending = clue(world.users[Role.EXPERT])
        cat = services.catalogue_create(by=staff, meeting=world.meeting)
        with pytest.raises(ValidationError, match="已采纳"):
            services.topic_save(by=staff, catalogue=cat, title="选题", clue_ids=[pending.pk])
        assert cat.topics.count() == 0

    def test_one_catalogue_per_meeting(self, world, staff):
        catalogue(world, staff)
        with pytest.raises(ValidationError, match="已有选题参考目录"):
            services.catalogue_create(by=staff, meeting=world.meeting)

    def test_publish_needs_topics_notifies_members_and_shows_to_them(self, world, staff, django_capture_on_commit_callbacks):
        cat = services.catalogue_create(by=staff, meeting=world.meeting)
        with pytest.raises(ValidationError, match="还没有选题"):
            services.catalogue_publish(by=staff, catalogue=cat)
        member = world.users[Role.MEMBER]
        assert selectors.catalogue_list_for(member).count() == 0
        services.topic_save(by=staff, catalogue=cat, title="推进城市更新")
        with django_capture_on_commit_callbacks(execute=True):
            services.catalogue_publish(by=staff, catalogue=cat)
        assert selectors.catalogue_list_for(member).count() == 1
        assert Notification.objects.filter(recipient=member, kind="topics").exists()

    @pytest.mark.parametrize("role", [Role.MEMBER, Role.HANDLING_UNIT, Role.LEADER, Role.EXPERT])
    def test_only_staff_edit(self, world, staff, role):
        cat, (t,) = catalogue(world, staff)
        with pytest.raises(PermissionDenied):
            services.topic_save(by=world.users[role], catalogue=cat, title="x")
        with pytest.raises(PermissionDenied):
            services.catalogue_publish(by=world.users[role], catalogue=cat)

    def test_reorder_and_delete(self, world, staff):
        cat, (a, b, c) = catalogue(world, staff, n=3)
        services.topic_move(by=staff, topic=c, direction=-1)
        assert [t.pk for t in selectors.topics_of(cat)] == [a.pk, c.pk, b.pk]
        services.topic_delete(by=staff, topic=b)
        assert [t.seq for t in selectors.topics_of(cat)] == [1, 2]

    def test_docx_has_title_topics_units_and_signature(self, world, staff):
        cat, _ = catalogue(world, staff, published=True, n=2)
        text = "\n".join(p.text for p in Document(io.BytesIO(documents.catalogue_docx(cat))).paragraphs)
        assert "提案选题参考目录" in text and "一、经济建设（2个）" in text
        assert "（一）选题1：推进城市更新" in text and "（二）选题2" in text
        assert "建议承办单位：市教育局。" in text and "提案委员会" in text and "要点二。" in text


@pytest.mark.django_db
class TestCitation:
    def test_proposer_cites_while_editable_and_it_is_in_the_timeline(self, world, staff):
        _, (t,) = catalogue(world, staff, published=True)
        p = make_proposal(world)
        services.citation_set(by=world.users[Role.MEMBER], proposal=p, topic=t)
        assert TopicCitation.objects.get(proposal=p).topic == t
        assert Event.objects.filter(object_id=str(p.pk), verb="topics.cite").exists()
        p.status = Status.SUBMITTED
        p.save()
        with pytest.raises(PermissionDenied):
            services.citation_set(by=world.users[Role.MEMBER], proposal=p, topic=None)
        services.citation_set(by=staff, proposal=p, topic=None)  # staff any time
        assert not TopicCitation.objects.filter(proposal=p).exists()

    @pytest.mark.parametrize("role", [Role.COMMITTEE_STAFF, Role.HANDLING_UNIT, "cosigner", Role.LEADER])
    def test_others_cannot_cite(self, world, staff, role):
        _, (t,) = catalogue(world, staff, published=True)
        p = make_proposal(world)
        with pytest.raises(PermissionDenied):
            services.citation_set(by=world.users[role], proposal=p, topic=t)

    def test_only_published_topics(self, world, staff):
        _, (t,) = catalogue(world, staff)
        with pytest.raises(ValidationError, match="已发布"):
            services.citation_set(by=staff, proposal=make_proposal(world), topic=t)


@pytest.mark.django_db
class TestFigures:
    def test_coverage_and_clue_figures(self, world, staff):
        cat, (t1, t2) = catalogue(world, staff, published=True, n=2)
        now = timezone.now()
        for i in range(2):
            p = make_proposal(world, status=Status.SUBMITTED, submitted_at=now, title=f"提案{i}")
            services.citation_set(by=staff, proposal=p, topic=t1)
        draft = make_proposal(world, title="草稿")
        services.citation_set(by=staff, proposal=draft, topic=t2)  # drafts do not count
        make_proposal(world, status=Status.SUBMITTED, submitted_at=now, title="未引用")
        clue(world.users[Role.EXPERT])
        clue(staff)
        _, c = intake_services.submission_accept(submission=public_submission(world.cppcc), by=staff)
        ctx = Context.build(world.cppcc, Period.meeting(world.meeting))
        assert compute("topics.topics", ctx).value == 2
        assert compute("topics.cited_topics", ctx).value == 1
        assert str(compute("topics.coverage", ctx).value) == "50.0"
        assert compute("topics.citing_proposals", ctx).value == 2
        assert str(compute("topics.citing_share", ctx).value) == "66.7"
        year = Context.build(world.cppcc, Period.year(timezone.localdate().year))
        clues = compute("topics.clues", year)
        assert clues.value == 3 and {p.key: p.value for p in clues.parts} == {"public": 1, "unit": 0, "expert": 1, "staff": 1}
        assert compute("topics.public_submissions", year).value == 1
        services.topic_merge_clues(by=staff, topic=t2, clue_ids=[c.pk])
        assert compute("topics.clues_merged", year).value == 1


@pytest.mark.django_db
class TestPages:
    def test_member_reads_published_catalogue_and_citing_counts(self, world, staff, login):
        cat, (t,) = catalogue(world, staff, published=True)
        p = make_proposal(world, status=Status.SUBMITTED, submitted_at=timezone.now())
        services.citation_set(by=staff, proposal=p, topic=t)
        c = login(world.users[Role.MEMBER])
        html = c.get("/proposals/topics/").content.decode()
        assert cat.title in html and "覆盖率 100.0%" in html
        html = c.get(cat.get_absolute_url()).content.decode()
        assert t.title in html and "1 件" in html
        html = c.get(t.get_absolute_url()).content.decode()
        assert "围绕本选题撰写提案" in html and p.title in html
        r = c.get(f"/proposals/topics/catalogues/{cat.pk}/docx/")
        assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
        assert c.post(f"/proposals/topics/catalogues/{cat.pk}/withdraw/", {"reason": "x"}).status_code == 302
        cat.refresh_from_db()
        assert cat.is_published  # the member's attempt changed nothing

    def test_draft_catalogue_hidden_from_members(self, world, staff, login):
        cat, _ = catalogue(world, staff)
        assert login(world.users[Role.MEMBER]).get(cat.get_absolute_url()).status_code == 404

    def test_staff_flow_through_pages(self, world, staff, login):
        c = login(staff)
        sub = public_submission(world.cppcc)
        html = c.get("/proposals/topics/clues/").content.decode()
        assert sub.title in html and "采纳为线索" in html
        c.post(f"/public/manage/{sub.pk}/accept/", {"next": "/proposals/topics/clues/"})
        clue_obj = Clue.objects.get(submission=sub)
        r = c.post("/proposals/topics/", {"meeting": world.meeting.pk, "title": ""})
        cat = TopicCatalogue.objects.get()
        assert r.status_code == 302
        r = c.post("/proposals/topics/clues/merge/", {"clues": [clue_obj.pk], "catalogue": cat.pk})
        assert r.status_code == 302 and f"clues={clue_obj.pk}" in r.url
        r = c.post(r.url, {"title": "完善公共交通网络", "description": "要点", "clues": [clue_obj.pk],
                           "units": [world.gov_unit.pk], "category": world.category.pk})
        assert r.status_code == 302
        clue_obj.refresh_from_db()
        assert clue_obj.status == Clue.Status.MERGED
        c.post(f"/proposals/topics/catalogues/{cat.pk}/publish/")
        cat.refresh_from_db()
        assert cat.is_published
        r = c.get("/proposals/topics/clues/?tab=all&format=xlsx")
        assert r.status_code == 200

    def test_panel_on_proposal_detail_lets_proposer_cite(self, world, staff, login):
        _, (t,) = catalogue(world, staff, published=True)
        p = make_proposal(world)
        c = login(world.users[Role.MEMBER])
        html = c.get(p.get_absolute_url()).content.decode()
        assert "引用选题" in html and t.title in html
        r = c.post(f"/proposals/topics/cite/{p.pk}/", {"topic": t.pk})
        assert r.status_code == 302 and TopicCitation.objects.filter(proposal=p, topic=t).exists()

    def test_unit_and_expert_submit_clue_pages(self, world, login):
        c = login(world.users[Role.HANDLING_UNIT])
        r = c.post("/proposals/topics/clues/new/", {"title": "关于完善职业教育产教融合的建议", "body": BODY})
        assert r.status_code == 302
        assert "关于完善职业教育" in c.get("/proposals/topics/clues/").content.decode()
        assert login(world.users[Role.MEMBER]).get("/proposals/topics/clues/").status_code == 403


@pytest.mark.django_db
class TestApi:
    def test_catalogue_topics_cite(self, world, staff, login):
        c = login(staff)
        r = c.post("/api/v1/proposals/topics/catalogues", {"meeting_id": world.meeting.pk}, content_type="application/json")
        assert r.status_code == 201
        cat_id = r.json()["id"]
        k = clue(staff)
        r = c.post(f"/api/v1/proposals/topics/catalogues/{cat_id}/topics",
                   {"title": "推进城市更新", "clue_ids": [k.pk], "unit_ids": [world.gov_unit.pk]}, content_type="application/json")
        assert r.status_code == 201 and r.json()["clues"] == 1
        topic_id = r.json()["id"]
        assert c.post(f"/api/v1/proposals/topics/catalogues/{cat_id}/publish").status_code == 200
        p = make_proposal(world)
        r = c.post(f"/api/v1/proposals/topics/cite/{p.pk}", {"topic_id": topic_id}, content_type="application/json")
        assert r.json()["topic_id"] == topic_id
        r = login(world.users[Role.MEMBER]).get(f"/api/v1/proposals/topics/catalogues/{cat_id}")
        assert r.json()["topics"][0]["title"] == "推进城市更新"

    def test_errors_are_chinese(self, world, staff, login):
        c = login(world.users[Role.EXPERT])
        r = c.post("/api/v1/proposals/topics/clues", {"title": "x", "body": "短"}, content_type="application/json")
        assert r.status_code == 400 and "至少20个字" in r.json()["detail"]
        r = c.post("/api/v1/proposals/topics/catalogues", {"meeting_id": world.meeting.pk}, content_type="application/json")
        assert r.status_code == 403


__all__ = ["dt", "Submission"]
