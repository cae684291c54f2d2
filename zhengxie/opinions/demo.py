"""社情民意 demo data for the 长治 city 政协 (called by `manage.py seed_demo` through `zhengxie.core.demo.builder`).

* 2023 (the year of the review): items received all year in every final state, 12 signed issues of
  《政协社情民意》, items reported to 省政协/全国政协 (more than were published: 报送 is independent of 本级编发),
  upper-level adoptions with their 采用通报 and leaders' 批示 (件次) — a part of it attributed to the
  农业和农村委员会. Written as bulk rows (fast), then indexed for search.
* Scores: one 2023 item flagged as copied (抄袭认定), 2023 scored and frozen (signed off by info_approver); the
  current year scored and open.
* Today: built through the services (real timelines and notifications) so that the demo users have work
  waiting: items to screen and to edit (info_editor), an issue to sign (info_approver), 约稿 due and an item
  returned for revision (member, informant), a draft and a returned item for the 民盟 unit (org_submitter).

Texts are recombined from the sentence bank below (written for this demo). Deterministic with the given
`random.Random`; idempotent: nothing happens when the city already holds 2023 items.
"""
from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from zhengxie import textindex
from zhengxie.accounts.models import Organisation, RoleAssignment, User
from zhengxie.core.roles import Role
from zhengxie.members.models import Membership

from . import services
from .models import (
    Adoption,
    Article,
    Informant,
    Instruction,
    Issue,
    IssueCounter,
    Level,
    Opinion,
    ReportingUnit,
    UpwardReport,
)
from .workflow import Status

SERIES = "政协社情民意"
YEAR = 2023
AGRI = "农业和农村委员会"

# (title subject, situation, analysis, suggestions) — the demo's own sentence bank
BANK = [
    ("农村寄递物流", "部分行政村快递只到乡镇，群众取件往返十多公里，农产品寄出成本偏高。",
     "村级站点运营收入低，快递企业各自建网，末端网点重复而覆盖不足。",
     "一是推动邮快合作、快快合作共建村级站点；二是对偏远村站点给予运营补贴；三是把寄递服务纳入乡村振兴考核。"),
    ("高标准农田建后管护", "一些高标准农田建成后灌排设施损毁，机耕路被占用，管护主体不明确。",
     "管护经费没有稳定来源，村集体无力承担，责任落实不到地块。",
     "一是明确县乡村三级管护责任；二是按亩落实管护资金；三是建立设施损毁及时报修机制。"),
    ("城区老旧小区加装电梯", "老旧小区老年住户比例高，加装电梯意愿强烈，但实际开工的比例不高。",
     "低层住户补偿难以协商一致，审批涉及部门多，管线迁改费用分摊不清。",
     "一是出台低层住户补偿指导标准；二是实行联合审批一次办结；三是由供水供气企业承担部分管线迁改费用。"),
    ("中小学课后服务", "课后服务时间与家长下班时间仍有差距，服务内容以看管作业为主。",
     "学校师资紧张，引入校外资源的渠道和经费保障不足。",
     "一是建立课后服务经费分担机制；二是引入文化馆、科技馆等公益资源进校园；三是开展弹性离校试点。"),
    ("县域医疗共同体建设", "部分乡镇卫生院医生流失，群众常见病仍到县城和市区就医。",
     "医共体内人员统一调配不到位，乡村医生待遇偏低，绩效激励不足。",
     "一是推行县聘乡用、乡聘村用；二是提高乡村医生补助标准；三是扩大远程会诊覆盖面。"),
    ("光伏产业配套", "全市光伏制造项目相继落地，但本地配套企业少，关键材料依赖外地供应。",
     "产业链招商针对性不强，配套企业用地、融资成本较高。",
     "一是编制光伏产业链配套清单精准招商；二是设立产业链配套专项基金；三是建设标准化厂房降低落地成本。"),
    ("农村养老服务", "农村空巢老人增多，村级互助幸福院不少处于闲置或半闲置状态。",
     "运营经费缺乏持续来源，专业护理人员不足，服务内容单一。",
     "一是将互助幸福院运营纳入财政补助；二是培育本地护理员队伍；三是推行“餐食＋照护＋文娱”综合服务。"),
    ("城市停车难", "中心城区老旧街区停车位缺口大，占道停车影响通行。",
     "公共停车场建设用地难，单位内部停车场错时开放机制尚未建立。",
     "一是利用边角地建设立体停车设施；二是推动机关企事业单位停车场错时共享；三是建设智慧停车平台。"),
    ("太行山文旅融合", "景区之间交通连接不畅，游客停留时间短、二次消费少。",
     "文旅项目同质化，旅游线路缺乏统一策划，民宿服务水平参差不齐。",
     "一是开通景区旅游专线；二是统一策划太行山精品线路；三是开展民宿服务标准化培训。"),
    ("小微企业融资", "小微企业反映贷款审批周期长，首贷难、续贷难问题依然存在。",
     "企业缺少合格抵押物，银企信息不对称，政府性融资担保覆盖面不足。",
     "一是扩大政府性融资担保规模；二是建设银企信息共享平台；三是推广无还本续贷。"),
]
PREFIX = ("关于", "关于进一步", "关于加快", "关于完善")
SUFFIX = ("的建议", "问题的建议", "工作的几点建议")
STATES_2023 = [Status.ISSUED] * 6 + [Status.EDITED] * 5 + [Status.ACCEPTED] * 4 + [Status.NOT_USED] * 3 + [Status.RETURNED]


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


class OpinionDemo:
    def __init__(self, city, rng: random.Random):
        self.city, self.rng, self.created = city, rng, Counter()

    def run(self) -> Counter:
        if Opinion.objects.filter(cppcc=self.city, received_at__year=YEAR).exists():
            return self.created
        users = {u.username: u for u in User.objects.filter(cppcc=self.city, username__in=[
            "member", "standing_member", "informant", "org_submitter", "info_editor", "info_approver", "leader"])}
        if len(users) < 7:
            return self.created
        self.users = users
        with transaction.atomic():
            self._reporters()
            self._year()
            textindex.reindex(Opinion, cppcc=self.city)
            self._today()
            self._scores()
        return self.created

    # --- reporters -----------------------------------------------------------------------------------

    def _reporters(self) -> None:
        u = self.users
        Informant.objects.get_or_create(cppcc=self.city, user=u["informant"], defaults={
            "appointed_at": dt.date(2022, 1, 1), "term_end": dt.date(2026, 12, 31), "employer": "长治日报社记者"})
        party = RoleAssignment.objects.filter(user=u["org_submitter"], role=Role.ORG_SUBMITTER).values_list(
            "organisation", flat=True).first()
        self.unit, made = ReportingUnit.objects.get_or_create(cppcc=self.city, name="民盟长治市委员会", defaults={
            "kind": ReportingUnit.Kind.PARTY, "organisation_id": party, "leader_name": "民盟市委会副主委",
            "liaison": u["org_submitter"], "yearly_quota": 30})
        self.created["信息报送单位"] += made
        agri = Organisation.objects.filter(cppcc=self.city, kind=Organisation.Kind.COMMITTEE, name=AGRI).first()
        self.agri = agri
        if agri:
            _u, made = ReportingUnit.objects.get_or_create(cppcc=self.city, name=AGRI, defaults={
                "kind": ReportingUnit.Kind.COMMITTEE, "organisation": agri, "yearly_quota": 20})
            self.created["信息报送单位"] += made

    # --- 2023 ------------------------------------------------------------------------------------------

    def _title(self, i: int) -> tuple[str, tuple]:
        topic = BANK[i % len(BANK)]
        return f"{self.rng.choice(PREFIX)}{topic[0]}{self.rng.choice(SUFFIX)}", topic

    def _year(self) -> None:
        rng, u = self.rng, self.users
        seats = list(Membership.objects.filter(cppcc=self.city, end_date__isnull=True)
                     .select_related("member").order_by("id")[:400])
        reporters = [u["member"], u["standing_member"], u["informant"], u["org_submitter"]]
        rows = []
        for i in range(320):
            title, (_s, situation, analysis, suggestions) = self._title(i)
            day = dt.date(YEAR, 1, 5) + dt.timedelta(days=rng.randrange(330))
            seat = seats[rng.randrange(len(seats))] if seats and i % 4 != 2 else None
            if i % 9 == 0 and self.agri is not None:
                seat = next((s for s in seats if s.committee_id == self.agri.pk), seat)
            by_unit = i % 11 == 3
            reporter = reporters[3] if by_unit else reporters[i % 3]
            name = seat.member.name if seat else reporter.display_name or reporter.username
            state = STATES_2023[i % len(STATES_2023)]
            rows.append(Opinion(
                cppcc=self.city, title=title, situation=situation, analysis=analysis, suggestions=suggestions,
                reporter=reporter, reporter_name=f"{self.unit.name}　{name}" if by_unit else name,
                reporting_unit=self.unit if by_unit else None, status=state,
                member=seat.member if seat else None, sector_id=seat.sector_id if seat else None,
                committee_id=seat.committee_id if seat else None, party_id=seat.party_id if seat else None,
                is_informant=reporter == u["informant"], submitted_at=_at(day), received_at=_at(day),
                screened_at=_at(day + dt.timedelta(days=3)) if state != Status.RETURNED else _at(day + dt.timedelta(days=2)),
                screened_by=u["info_editor"],
                screen_note={Status.NOT_USED: "属于一般性工作情况，不作为社情民意信息编报。",
                             Status.RETURNED: "请补充具体数据和典型事例后重新报送。"}.get(state, ""),
                created_by=reporter))
        items = Opinion.objects.bulk_create(rows)
        self.created["社情民意信息"] += len(items)
        self._issues([o for o in items if o.status == Status.ISSUED])
        self._upward(items)

    def _issues(self, issued: list[Opinion]) -> None:
        u, n = self.users, 12
        issues = Issue.objects.bulk_create([Issue(
            cppcc=self.city, series=SERIES, year=YEAR, number=k + 1, total_number=k + 1,
            date=dt.date(YEAR, k + 1, 20), distribution="报送：市委、市人大常委会、市政府、市政协领导，省政协办公厅。",
            state=Issue.State.SIGNED, signed_by=u["info_approver"], signed_at=_at(dt.date(YEAR, k + 1, 19)),
            created_by=u["info_editor"]) for k in range(n)])
        for issue in issues:  # 报送范围 in the platform: the leader
            issue.readers.add(u["leader"])
        articles, links = [], []
        for i, o in enumerate(sorted(issued, key=lambda x: x.received_at)):
            issue = issues[min(n - 1, o.received_at.month - 1 + (1 if o.received_at.day > 15 else 0))]
            articles.append(Article(cppcc=self.city, kind=Article.Kind.SINGLE, title=o.title, body=o.body,
                                    author_line=o.reporter_name, issue=issue, position=i + 1, created_by=u["info_editor"]))
        articles = Article.objects.bulk_create(articles)
        for a, o in zip(articles, sorted(issued, key=lambda x: x.received_at), strict=True):
            links.append(Article.items.through(article_id=a.pk, opinion_id=o.pk))
            Opinion.objects.filter(pk=o.pk).update(issued_at=_at(a.issue.date))
        Article.items.through.objects.bulk_create(links)
        for year, value in ((YEAR, n), (0, n)):
            IssueCounter.objects.update_or_create(cppcc=self.city, series=SERIES, year=year, defaults={"value": value})
        self.created["期刊"] += n
        self.created["编发稿"] += len(articles)

    def _upward(self, items: list[Opinion]) -> None:
        u, rng = self.users, self.rng
        past = [o for o in items if o.status in (Status.ISSUED, Status.EDITED, Status.ACCEPTED)]
        reports, adoptions, instructions = [], [], []
        ct = ContentType.objects.get_for_model(Opinion)
        for i, o in enumerate(past):
            day = (o.screened_at + dt.timedelta(days=5)).date()
            if i % 3 != 2:
                reports.append(UpwardReport(cppcc=self.city, opinion=o, target=UpwardReport.Target.PROVINCIAL,
                                            reported_at=day, batch=f"{day:%Y年%-m月}", reported_by=u["info_editor"]))
            if i % 4 == 0:
                reports.append(UpwardReport(cppcc=self.city, opinion=o, target=UpwardReport.Target.NATIONAL,
                                            reported_at=day, batch=f"{day:%Y年%-m月}", reported_by=u["info_editor"]))
            if i % 3 != 2 and i % 8 == 1:
                adoptions.append(Adoption(cppcc=self.city, opinion=o, level=Level.PROVINCIAL, mode=Adoption.Mode.SINGLE,
                                          adopted_at=min(day + dt.timedelta(days=20), dt.date(YEAR, 12, 28)),
                                          by_org="省政协办公厅", issue_ref=f"《政协信息》{YEAR}年第{rng.randint(10, 90)}期",
                                          source_document=f"省政协办公厅{YEAR}年社情民意信息采用情况通报"))
            if i % 20 == 0:
                adoptions.append(Adoption(cppcc=self.city, opinion=o, level=Level.NATIONAL, mode=Adoption.Mode.COMBINED,
                                          adopted_at=min(day + dt.timedelta(days=30), dt.date(YEAR, 12, 28)),
                                          by_org="全国政协办公厅", source_document=f"全国政协办公厅{YEAR}年信息采用情况通报"))
            if i % 25 == 5:
                instructions.append(Instruction(
                    cppcc=self.city, content_type=ct, object_id=str(o.pk), leader_name="市政府主要领导",
                    leader_level=Instruction.LeaderLevel.PREFECTURAL, date=min(day + dt.timedelta(days=15), dt.date(YEAR, 12, 28)),
                    text="请市直有关部门认真研究，提出具体措施。", source_document="市政府办公室批办单",
                    recorded_by=u["info_editor"]))
        UpwardReport.objects.bulk_create(reports)
        Adoption.objects.bulk_create(adoptions)
        Instruction.objects.bulk_create(instructions)
        self.created.update({"上报记录": len(reports), "上级采用": len(adoptions), "领导批示": len(instructions)})

    # --- today: work waiting, through the services --------------------------------------------------

    def _new(self, by, i: int, *, unit=None, submit=True, commission=None) -> Opinion:
        title, (_s, situation, analysis, suggestions) = self._title(i)
        o = services.opinion_create(by=by, title=title, situation=situation, analysis=analysis, suggestions=suggestions,
                                    reporting_unit=unit, commission=commission)
        if submit:
            o = services.opinion_submit(opinion=o, by=by)
        self.created["社情民意信息"] += 1
        return o

    def _today(self) -> None:
        u = self.users
        editor = u["info_editor"]
        today = timezone.localdate()
        # to screen (info_editor)
        for i, by in enumerate((u["member"], u["standing_member"], u["informant"])):
            self._new(by, i)
        self._new(u["org_submitter"], 3, unit=self.unit)
        # returned for revision (member, org_submitter)
        services.opinion_return(opinion=self._new(u["member"], 4), by=editor,
                                comments="请补充本地的具体数据和典型事例，建议部分再具体一些。")
        services.opinion_return(opinion=self._new(u["org_submitter"], 5, unit=self.unit), by=editor,
                                comments="标题请突出反映的问题，正文压缩到1500字以内。")
        self._new(u["org_submitter"], 6, unit=self.unit, submit=False)  # a draft of the unit
        # accepted, waiting for editing / reporting
        accepted = [services.opinion_accept(opinion=self._new(u["informant"], 7 + k), by=editor) for k in range(2)]
        services.opinion_edit(opinion=accepted[0], by=editor, title=accepted[0].title,
                              situation=accepted[0].situation + "据初步统计，涉及群众上千户。", analysis=accepted[0].analysis,
                              suggestions=accepted[0].suggestions, note="补充数据，压缩文字")
        services.opinion_report_up(opinions=[accepted[1]], target=UpwardReport.Target.PROVINCIAL, by=editor)
        # an issue to sign (info_approver)
        sources = [services.opinion_accept(opinion=self._new(u["member"], 9), by=editor),
                   services.opinion_accept(opinion=self._new(u["standing_member"], 10), by=editor)]
        article = services.article_create(items=sources, by=editor, kind=Article.Kind.COMBINED,
                                          title="关于进一步做好民生实事的综合反映",
                                          body="\n".join(o.body for o in sources),
                                          author_line="　".join(o.reporter_name for o in sources))
        issue = services.issue_create(by=editor, series=SERIES, date=today, reader_ids=[u["leader"].pk])
        services.issue_add_article(issue=issue, article=article, by=editor)
        # 选题 and 约稿 due (member, informant)
        topic = services.topic_create(by=editor, period_label=f"{today.year}年第{(today.month - 1) // 3 + 1}季度",
                                      start_date=today, end_date=today + dt.timedelta(days=90), title="乡村振兴与农民增收",
                                      description="围绕农产品销售、农村寄递物流和农民就业增收反映情况、提出建议。")
        services.commission_create(by=editor, title="农村寄递物流最后一公里", assignee_ids=[u["member"].pk, u["informant"].pk],
                                   due_date=today + dt.timedelta(days=14), brief="请结合所在县区实际，一事一报。", topic=topic)
        self.created.update({"期刊": 1, "编发稿": 1, "重点选题": 1, "约稿": 2})

    def _scores(self) -> None:
        """One 2023 item found copied (抄袭认定), 2023 scored and frozen with sign-off; this year scored, open."""
        from . import scoring

        u = self.users
        copied = (Opinion.objects.filter(cppcc=self.city, received_at__year=YEAR, status=Status.ISSUED)
                  .order_by("id").first())
        if copied is not None:
            services.opinion_flag(opinion=copied, by=u["info_editor"], kind="plagiarism", date=dt.date(YEAR, 11, 20),
                                  reason="第二部分与某网站2023年5月发布的文章大段雷同，未注明出处。",
                                  evidence="网站文章链接及比对截图（存档于信息科）；作者来电确认引用未注明。")
            self.created["抄袭/不实认定"] += 1
        self.created["社情民意计分"] += scoring.score_recompute(cppcc=self.city, year=YEAR, by=u["info_editor"])
        scoring.score_freeze(cppcc=self.city, year=YEAR, by=u["info_approver"])
        self.created["社情民意计分"] += scoring.score_recompute(cppcc=self.city, year=timezone.localdate().year,
                                                           by=u["info_editor"])


def seed(city, rng: random.Random | None = None) -> Counter:
    """Write the 社情民意 demo of the city 政协 (idempotent). Returns what was created, by Chinese label."""
    return OpinionDemo(city, rng or random.Random(20230401)).run()
