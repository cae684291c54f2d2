import io

from django.urls import reverse
from docx import Document

from zhengxie.core.roles import Role
from zhengxie.performance.models import AnnualReport

from .conftest import YEAR


def url(facts, member=None):
    return reverse("performance:report", args=[(member or facts.bob).pk, YEAR])


def test_a_standing_member_writes_and_submits_the_report_and_staff_archive_it(facts, login):
    c = login(facts.world.users[Role.STANDING_MEMBER])
    html = c.get(url(facts)).content.decode()
    assert "联名1件" in html and "提交报告" in html
    r = c.post(url(facts), {"achievements": "", "submit": "1"})
    assert r.status_code == 400 and "提交前请填写“履职成效”" in r.content.decode()
    c.post(url(facts), {"achievements": "参加重点提案督办", "problems": "调研不够深入", "suggestions": "加强学习", "save": "1"})
    r = c.post(url(facts), {"achievements": "参加重点提案督办\n联名提案1件", "problems": "调研不够深入", "submit": "1"}, follow=True)
    assert "履职报告已提交" in r.content.decode() and "提交报告" not in r.content.decode()
    report = AnnualReport.objects.get(member=facts.bob, year=YEAR)
    doc = Document(io.BytesIO(c.get(reverse("performance:report_docx", args=[report.pk])).content))
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(cell.text for t in doc.tables for row in t.rows for cell in row.cells)
    assert "联名提案1件" in text and "领衔0件，联名1件，立案1件" in text
    assert c.post(reverse("performance:report_archive", args=[report.pk])).status_code == 403
    staff = login(facts.world.users[Role.COMMITTEE_STAFF])
    r = staff.post(reverse("performance:report_archive", args=[report.pk]), follow=True)
    assert "履职报告已归档" in r.content.decode()
    report.refresh_from_db()
    assert report.state == "archived"


def test_nobody_writes_another_members_report(facts, login):
    c = login(facts.world.users[Role.MEMBER])
    assert c.post(url(facts), {"achievements": "代写", "save": "1"}).status_code == 404
    staff = login(facts.world.users[Role.COMMITTEE_STAFF])
    assert staff.post(url(facts), {"achievements": "代写", "save": "1"}).status_code == 403
    assert not AnnualReport.objects.exists()
