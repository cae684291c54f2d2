"""Write page 1 of every 提案 document type to docs/screenshots/proposal-doc-<type>.png.

    DJANGO_SETTINGS_MODULE=config.settings .venv/bin/python -m zhengxie.proposals.make_doc_samples [--keep] [--out DIR]

The sample records (长治 names, fictional people) live in a throwaway SQLite database in a temporary folder:
DATABASE_URL and ZX_VAR_DIR are pointed there before Django starts, so the dev database is never touched.
Word documents are converted by LibreOffice (``docx_to_pdf``); the .xlsx lists by LibreOffice Calc.
With ``--keep`` the .docx/.xlsx/.pdf files are saved next to the pictures.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SITUATION = (
    "近年来，我市光伏装机规模快速增长，截至2025年底全市光伏并网容量达到186万千瓦，比上年增长37%。"
    "但部分县区出现了“建得起、送不出”的情况，个别项目并网后长期限电运行。\n"
    "与此同时，储能配套建设滞后，新能源消纳能力不足，影响了企业投资积极性。"
)
ANALYSIS = (
    "一是配套电网建设滞后于电源建设，农村配电网承载能力有限；二是储能项目投资大、回收期长，社会资本参与意愿不强；"
    "三是部门之间缺乏统筹，项目审批和电网接入衔接不畅。"
)
SUGGESTIONS = (
    "一是加快配套电网建设，将光伏集中区域的电网改造纳入年度重点项目，2026年底前完成主要县区配电网升级改造。\n"
    "二是建设储能示范项目，对新建集中式光伏项目按装机容量的15%配建储能，探索共享储能模式。\n"
    "三是建立能源、发改、自然资源、供电等部门联席会议制度，实行项目审批和电网接入“一站式”服务。"
)
REPLY = (
    "您提出的《关于推进光伏产业高质量发展的建议》收悉。经认真研究，并与市发展改革委、国网长治供电公司会商，现答复如下：\n\n"
    "一、关于加快配套电网建设。我局已会同国网长治供电公司编制《长治市新能源配套电网规划（2026—2030年）》，"
    "2026年计划新建110千伏变电站两座、改造农村配电线路420公里，重点解决屯留、襄垣等光伏集中区域的送出问题。\n\n"
    "二、关于建设储能示范项目。我市已出台新能源配建储能实施意见，明确新建集中式光伏项目按不低于装机容量10%配建储能，"
    "并在潞城区开展共享储能试点，首期规模10万千瓦，预计2026年9月投运。\n\n"
    "三、关于建立部门联席会议制度。市政府已建立新能源项目推进工作专班，每月召开一次调度会，"
    "对项目审批、电网接入实行清单化管理。\n\n"
    "感谢您对全市能源工作的关心和支持，欢迎继续提出宝贵意见和建议。"
)
TOPICS = [
    ("economy", "关于推进光伏产业高质量发展的建议"),
    ("economy", "关于支持中小微企业融资的建议"),
    ("economy", "关于加快长治数字经济产业园建设的建议"),
    ("society", "关于完善城乡养老服务体系的建议"),
    ("society", "关于加强学前教育师资队伍建设的提案"),
    ("society", "关于推进县域医共体建设的建议"),
    ("culture", "关于加强上党梆子保护传承的建议"),
    ("ecology", "关于加强浊漳河流域生态保护的建议"),
    ("politics", "关于提升基层社会治理数字化水平的建议"),
]


def _setup(tmp: Path) -> None:
    os.environ["ZX_VAR_DIR"] = str(tmp)
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'samples.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _records():
    """A 长治 政协 with a meeting of filed proposals, one answered and evaluated, one rejected."""
    from django.utils import timezone

    from zhengxie.accounts.models import Organisation
    from zhengxie.core.roles import Role
    from zhengxie.core.testing import make_cppcc, make_member, make_org, make_term, make_user
    from zhengxie.members.models import Meeting
    from zhengxie.proposals.models import (
        Assignment,
        Category,
        CoSigner,
        Evaluation,
        Proposal,
        ProposerType,
        RejectReason,
        Reply,
    )
    from zhengxie.proposals.workflow import Action, Status

    city = make_cppcc("changzhi", "长治市政协")
    city.short_name = "长治市"
    city.save()
    term = make_term(city)
    meeting = Meeting.objects.create(cppcc=city, term=term, kind=Meeting.Kind.PLENARY, number=2, name="十四届二次会议",
                                     start_date=dt.date(2026, 1, 12), end_date=dt.date(2026, 1, 15))
    cats = {code: Category.objects.create(cppcc=city, code=code, name=name, sort=i)
            for i, (code, name) in enumerate([("economy", "经济建设"), ("politics", "政治建设"), ("culture", "文化建设"),
                                              ("society", "社会建设"), ("ecology", "生态文明建设")])}
    sector = make_org(city, "经济界", Organisation.Kind.SECTOR)
    committee = make_org(city, "经济委员会", Organisation.Kind.COMMITTEE)
    energy = make_org(city, "长治市能源局", Organisation.Kind.HANDLING_UNIT, system="government")
    drc = make_org(city, "长治市发展和改革委员会", Organisation.Kind.HANDLING_UNIT, system="government")
    league = make_org(city, "民盟长治市委员会", Organisation.Kind.PARTY, address="长治市英雄中路8号", phone="0355-2023456")
    people = []
    for name, employer in (("王建国", "长治市新能源产业协会会长"), ("刘晓梅", "山西长治学院教授"), ("陈志强", "潞州区工商联副主席"),
                           ("赵丽华", "长治市第二人民医院主任医师")):
        user = make_user(city, roles=[Role.MEMBER], name=name)
        people.append(make_member(city, name, term=term, sector=sector, committee=committee, user=user, employer=employer,
                                  address="长治市太行东街168号", phone="13903551234"))
    staff = make_user(city, "staff", roles=[Role.PROPOSAL_STAFF], name="提案委工作人员")
    now = timezone.make_aware(dt.datetime(2026, 1, 13, 9, 30))
    base = dict(cppcc=city, meeting=meeting, is_plenary=True, proposer_type=ProposerType.INDIVIDUAL, sector=sector,
                committee=committee, situation=SITUATION, analysis=ANALYSIS, suggestions=SUGGESTIONS, submitted_at=now,
                received_at=now + dt.timedelta(hours=2), decided_at=now + dt.timedelta(days=2), decision=Action.FILE)
    proposals = []
    for n, (code, title) in enumerate(TOPICS, start=1):
        extra = dict(lead_member=people[n % len(people)], status=Status.ASSIGNED)
        if "提案" in title:
            extra = dict(proposer_type=ProposerType.PARTY_ORG, proposer_org=league, has_seal=True, status=Status.IN_PROGRESS)
        p = Proposal.objects.create(**{**base, **extra}, number=n, receipt_no=f"142-S{n:04d}", title=title,
                                    category=cats[code], is_key=n in (1, 4, 8))
        Assignment.objects.create(cppcc=city, proposal=p, unit=energy if code == "economy" else drc, role="lead",
                                  state="accepted", due_date=dt.date(2026, 5, 15))
        proposals.append(p)
    lead = proposals[0]
    lead.proposer_type, lead.lead_member, lead.status = ProposerType.JOINT, people[0], Status.EVALUATED
    lead.decision_text = "提案内容具体，建议可行，同意立案，交市能源局主办、市发展改革委会办。"
    lead.answered_at, lead.result_class, lead.evaluation_result = now + dt.timedelta(days=90), "A", "satisfied"
    lead.save()
    CoSigner.objects.create(proposal=lead, member=people[1], order=1, state=CoSigner.State.CONFIRMED)
    CoSigner.objects.create(proposal=lead, member=people[2], order=2, state=CoSigner.State.CONFIRMED)
    a = lead.assignments.get()
    a.state = Assignment.State.REPLIED
    a.save()
    Assignment.objects.create(cppcc=city, proposal=lead, unit=drc, role="co", state="opinion_sent",
                              due_date=dt.date(2026, 3, 15))
    reply = Reply.objects.create(assignment=a, doc_number="长能源提〔2026〕12号", result_class="A", proposed_class="A",
                                 body=REPLY, signer="李建军", signer_level="principal", contact_person="张敏",
                                 contact_phone="0355-2198765", state=Reply.State.PUBLISHED,
                                 signed_at=now + dt.timedelta(days=88), published_at=now + dt.timedelta(days=90))
    Evaluation.objects.create(reply=reply, member=people[0], is_lead=True, rating=Evaluation.Rating.SATISFIED,
                              comment="承办单位办前主动面商，答复具体，措施有力，对办理结果表示满意。")
    rejected = Proposal.objects.create(**{**base, "decision": Action.REJECT}, lead_member=people[3],
                                       status=Status.REJECTED, receipt_no="142-S0031",
                                       title="关于解决本人子女就业问题的建议", category=cats["society"],
                                       decision_reason=RejectReason.PERSONAL,
                                       decision_text="反映的是个人问题，不属于提案范围，建议通过信访渠道反映。")
    return {"staff": staff, "meeting": meeting, "proposal": lead, "reply": reply, "rejected": rejected}


def _xlsx_to_pdf(data: bytes) -> bytes:
    from zhengxie.documents import fonts, pdf

    with tempfile.TemporaryDirectory(prefix="zx-xlsx-") as tmp:
        source = Path(tmp) / "sheet.xlsx"
        source.write_bytes(data)
        subprocess.run([pdf.soffice_binary(), f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}",
                        "--headless", "--norestore", "--convert-to", "pdf", "--outdir", tmp, str(source)],
                       check=True, capture_output=True, env=fonts.fontconfig_env(), timeout=pdf.SOFFICE_TIMEOUT)
        return (Path(tmp) / "sheet.pdf").read_bytes()


def main(argv: list[str] | None = None) -> None:
    default_out = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    parser = argparse.ArgumentParser(description="生成提案文档样例截图（临时数据库，不影响开发数据库）")
    parser.add_argument("--out", default=str(default_out))
    parser.add_argument("--dpi", type=int, default=60)
    parser.add_argument("--keep", action="store_true", help="同时保存 .docx/.xlsx/.pdf")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="zx-propdocs-") as tmp:
        _setup(Path(tmp))
        from zhengxie.documents.pdf import docx_to_pdf, pdf_info, pdf_page_png
        from zhengxie.proposals import exports

        r = _records()
        staff, meeting = r["staff"], r["meeting"]
        documents = {
            "form": exports.proposal_form_for(staff, r["proposal"].pk),
            "rejection": exports.rejection_notice_for(staff, r["rejected"].pk),
            "reply": exports.reply_letter_for(staff, r["reply"].pk),
            "evaluation-form": exports.evaluation_form_for(staff, r["reply"].pk),
            "catalogue": exports.catalogue_for(staff, meeting=meeting.pk),
            "key-catalogue": exports.catalogue_for(staff, meeting=meeting.pk, key="1"),
            "compilation": exports.compilation_for(staff, meeting=meeting.pk),
            "assignment-list": exports.assignment_list_for(staff, meeting=meeting.pk),
            "progress": exports.progress_for(staff),
        }
        for kind, download in documents.items():
            started = time.perf_counter()
            is_xlsx = download.filename.endswith(".xlsx")
            pdf_bytes = _xlsx_to_pdf(download.data) if is_xlsx else docx_to_pdf(download.data)
            (out / f"proposal-doc-{kind}.png").write_bytes(pdf_page_png(pdf_bytes, page=1, dpi=args.dpi))
            if args.keep:
                (out / f"proposal-doc-{kind}{Path(download.filename).suffix}").write_bytes(download.data)
                (out / f"proposal-doc-{kind}.pdf").write_bytes(pdf_bytes)
            print(f"{kind}: {download.filename}，{pdf_info(pdf_bytes)['pages']} 页，"
                  f"{time.perf_counter() - started:.1f} s")
    print(f"截图已写入 {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
