"""The pages per role: staff runs a round and downloads the documents; a leader sees his key proposals; a unit
sees its follow-ups and reports; a member sees the 督办 panel on his proposal; outsiders are refused."""
import datetime as dt
import io

import pytest
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from zhengxie.core.roles import Role
from zhengxie.supervision import services
from zhengxie.supervision.models import FollowUp, KeySelection, SupervisionRecord
from zhengxie.supervision.workflow import Status

from .builders import APPROVE, MEETING, build, filed, selection

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(city):
    return build(city)


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    return "\n".join(parts)


def test_staff_runs_a_round_through_the_pages(w, login):
    c = login(w.users[Role.PROPOSAL_STAFF])
    p = filed(w, unit=w.gov_unit)
    r = c.post("/proposals/supervision/selections/new/", {"meeting": w.meeting.pk, "title": ""}, follow=True)
    assert "已启动重点提案遴选" in r.content.decode()
    s = KeySelection.objects.get()
    r = c.post(f"/proposals/supervision/selections/{s.pk}/recommend/", {"proposal": p.pk, "reason": ""}, follow=True)
    assert "请填写推荐理由" in r.content.decode()
    c.post(f"/proposals/supervision/selections/{s.pk}/add/", {"proposal": p.pk, "reason": "提案委推荐：事关全局"})
    for action, data in (("shortlist", {}), ("hold_meeting", MEETING)):
        assert c.post(f"/proposals/supervision/selections/{s.pk}/act/{action}/", data).status_code == 302
    item = s.items.get()
    c.post(f"/proposals/supervision/items/{item.pk}/leader/", {"form": "领衔督办", "leader": w.users[Role.LEADER].pk,
                                                              "leader_title": "市政协副主席"})
    for action, data in (("submit", {}), ("approve", APPROVE)):
        r = c.post(f"/proposals/supervision/selections/{s.pk}/act/{action}/", data, follow=True)
        assert "msg-error" not in r.content.decode(), r.content.decode()
    p.refresh_from_db()
    assert p.is_key
    page = c.get(f"/proposals/supervision/selections/{s.pk}/").content.decode()
    assert "已审定" in page and "领衔督办：领导（市政协副主席）" in page
    cat = c.get(f"/proposals/supervision/selections/{s.pk}/catalogue.docx")
    assert cat["Content-Type"].endswith("wordprocessingml.document")
    text = docx_text(cat.content)
    assert "重点提案目录" in text and p.title in text and "市教育局" in text and "领导（市政协副主席）" in text
    digest = docx_text(c.get(f"/proposals/supervision/selections/{s.pk}/digest.docx").content)
    assert "重要提案摘编" in digest and "主要建议" in digest and "建设储能示范项目" in digest and "督办：领衔督办" in digest
    key = c.get("/proposals/supervision/key/?format=xlsx")
    ws = load_workbook(io.BytesIO(key.content)).active
    assert ws.cell(2, 2).value == p.title


def test_records_follow_ups_and_exports(w, login):
    staff = w.users[Role.PROPOSAL_STAFF]
    p = filed(w, unit=w.gov_unit)
    c = login(staff)
    day = (timezone.localdate() - dt.timedelta(days=3)).isoformat()
    r = c.post("/proposals/supervision/records/new/", {
        "proposal": p.pk, "form": "现场督办", "date": day, "place": "高新区光伏产业园", "leaders": "王副主席",
        "minutes": "实地察看光伏项目建设", "fu_content": ["落实并网接入", ""], "fu_unit": [str(w.gov_unit.pk), ""],
        "fu_due": [day, ""]}, follow=True)
    assert "已登记督办记录" in r.content.decode()
    rec = SupervisionRecord.objects.get()
    assert rec.followups.count() == 1
    listing = c.get("/proposals/supervision/records/?form=现场督办").content.decode()
    assert "高新区光伏产业园" in listing
    ws = load_workbook(io.BytesIO(c.get("/proposals/supervision/records/?format=xlsx").content)).active
    assert ws.cell(2, 2).value == "现场督办"
    detail = c.get(f"/proposals/supervision/records/{rec.pk}/").content.decode()
    assert "已逾期" in detail
    # the proposal page shows the panel with the record
    page = c.get(f"/proposals/{p.pk}/").content.decode()
    assert "重点提案与督办" in page and "现场督办" in page
    # the unit reports from its list, staff closes
    unit = login(w.users[Role.HANDLING_UNIT])
    f = FollowUp.objects.get()
    listing = unit.get("/proposals/supervision/followups/?state=overdue").content.decode()
    assert "落实并网接入" in listing
    r = unit.post(f"/proposals/supervision/followups/{f.pk}/report/", {"note": ""}, follow=True)
    assert "请填写落实情况" in r.content.decode()
    unit.post(f"/proposals/supervision/followups/{f.pk}/report/", {"note": "已完成并网"})
    f.refresh_from_db()
    assert f.state == "done"
    ws = load_workbook(io.BytesIO(unit.get("/proposals/supervision/followups/?format=xlsx").content)).active
    assert ws.cell(2, 1).value == "落实并网接入"


def test_member_sees_the_panel_on_his_proposal_but_not_the_supervision_pages(w, login):
    p = filed(w, unit=w.gov_unit)
    services.record_create(proposal=p, by=w.users[Role.PROPOSAL_STAFF], form="走访", date=timezone.localdate(),
                           minutes="走访市教育局，了解办理进度")
    c = login(w.users[Role.MEMBER])
    page = c.get(f"/proposals/{p.pk}/").content.decode()
    assert "走访市教育局，了解办理进度" in page and "登记督办记录" not in page
    assert c.get("/proposals/supervision/").status_code == 403
    assert c.get("/proposals/supervision/records/").status_code == 403
    other = login(w.users[Role.STANDING_MEMBER])
    assert "走访市教育局" not in other.get(f"/proposals/{p.pk}/").content.decode()


def test_leader_home_lists_his_key_proposals_and_cases(w, login):
    leader = w.users[Role.LEADER]
    p = filed(w, "关于加快充电桩建设的建议", is_key=True)
    selection(w, Status.APPROVED, proposals=[p], leader=leader)
    services.case_create(lead=p, by=w.users[Role.PROPOSAL_STAFF], title="充电设施集中督办")
    c = login(leader)
    page = c.get("/proposals/supervision/").content.decode()
    assert "我领办/领衔督办的重点提案" in page and "关于加快充电桩建设的建议" in page and "充电设施集中督办" in page
    assert c.get("/proposals/supervision/key/?mine=1").status_code == 200
    assert "登记督办记录" in c.get(f"/proposals/{p.pk}/").content.decode()


def test_case_pages(w, login):
    staff = w.users[Role.PROPOSAL_STAFF]
    lead = filed(w, "关于加快新能源汽车充电桩建设的建议", is_key=True, suggestions="推动老旧小区充电桩改造，完善充电桩运营补贴政策。")
    similar = filed(w, "关于破解老旧小区充电难的建议", suggestions="推动老旧小区充电桩改造，完善充电桩运营补贴政策。", unit=w.gov_unit)
    c = login(staff)
    r = c.post("/proposals/supervision/cases/new/", {"lead": lead.pk, "title": "", "plan": "集中督办",
                                                     "ms_title": ["召开督办协商会"], "ms_due": ["2026-06-30"]}, follow=True)
    page = r.content.decode()
    assert "系统推荐的同类提案" in page and "关于破解老旧小区充电难的建议" in page and "<mark>" in page
    case = lead.supervision_case
    c.post(f"/proposals/supervision/cases/{case.pk}/add/", {"proposal": similar.pk, "score": "0.5"})
    page = c.get(f"/proposals/supervision/cases/{case.pk}/").content.decode()
    assert "市教育局（主办）" in page and "办理中" in page
    assert c.get("/proposals/supervision/cases/?format=xlsx").status_code == 200
    unit = login(w.users[Role.HANDLING_UNIT])
    assert unit.get(f"/proposals/supervision/cases/{case.pk}/").status_code == 200
    outsider = login(w.users["party_unit_user"])
    assert outsider.get(f"/proposals/supervision/cases/{case.pk}/").status_code == 404


def test_recommender_pages(w, login):
    s = selection(w, Status.RECOMMENDING)
    p = filed(w)
    c = login(w.users[Role.ORG_SUBMITTER])
    page = c.get(f"/proposals/supervision/selections/{s.pk}/").content.decode()
    assert "推荐重点提案" in page and p.title in page
    r = c.post(f"/proposals/supervision/selections/{s.pk}/recommend/", {"proposal": p.pk, "reason": "关系民生"}, follow=True)
    assert "已推荐" in r.content.decode() and "我的推荐" in r.content.decode()
    assert c.get(f"/proposals/supervision/selections/{s.pk}/catalogue.docx").status_code == 403
    assert login(w.users[Role.MEMBER]).get(f"/proposals/supervision/selections/{s.pk}/").status_code == 404


def test_staff_edits_a_record_and_takes_back_a_key_mark_with_a_reason(w, login):
    staff = w.users[Role.PROPOSAL_STAFF]
    p = filed(w, is_key=True)
    r = services.record_create(proposal=p, by=staff, form="走访", date=timezone.localdate(), minutes="初稿")
    c = login(staff)
    c.post(f"/proposals/supervision/records/{r.pk}/edit/", {"form": "督办协商会", "date": r.date.isoformat(), "minutes": "修改后的纪要"})
    r.refresh_from_db()
    assert (r.form, r.minutes) == ("督办协商会", "修改后的纪要")
    resp = c.post(f"/proposals/supervision/key/{p.pk}/unset/", {"reason": ""}, follow=True)
    assert "请填写撤销理由" in resp.content.decode()
    c.post(f"/proposals/supervision/key/{p.pk}/unset/", {"reason": "经主席会议研究调整"})
    p.refresh_from_db()
    assert not p.is_key
    assert "撤销重点提案：经主席会议研究调整" in c.get(f"/proposals/{p.pk}/").content.decode()
    assert login(w.users[Role.LEADER]).post(f"/proposals/supervision/key/{p.pk}/unset/", {"reason": "x"}).status_code == 403
