"""Demo data of 提案线索与选题目录 (idempotent), built through the services so timelines are real.

For the current 会议 (市政协十四届五次会议, January 2026): the public letters of the intake demo are screened
(采纳 → 线索, a few left 待处理), 市教育局 and the demo expert propose 线索, 提案委 adds its own, 20 选题 are
merged from them and the 《提案选题参考目录》 is published in November 2025; submitted proposals of the 会议 on
the same subjects cite their 选题 (two 选题 stay uncited, so coverage is not trivially 100%).
"""
from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from django.utils import timezone

from zhengxie.accounts.models import Organisation, User
from zhengxie.members.models import Meeting

from . import services
from .models import Clue, Topic, TopicCatalogue

# (title, category code, units, 要点, public letter indices, staff/unit/expert clue keys, demo proposal subjects)
TOPICS = [
    ("推进光伏等新能源产业链高质量发展", "economy", ["市工业和信息化局", "市能源局"],
     "围绕光伏制造、储能和充电基础设施，研究强链补链、就地消纳和应用场景建设。\n\n可关注：电网接入与储能配套，公共充电网络规划，新能源与煤炭协同发展。",
     [21], ["expert_energy"], ["光伏产业"]),
    ("加快高标准农田建设和种业振兴", "economy", ["市农业农村局", "市科学技术局"],
     "研究高标准农田建后管护机制、良种繁育基地建设和农业科技服务体系。", [], [], ["高标准农田", "农业科技"]),
    ("发展壮大村级集体经济和乡村特色产业", "economy", ["市农业农村局"],
     "围绕小米、中药材等特色产业，研究合作社扶持、产地初加工和区域公用品牌建设。", [19], [], ["乡村振兴", "特优农业"]),
    ("完善县乡村三级物流体系促进农村电商", "economy", ["市商务局", "市交通运输局"],
     "研究农村寄递物流共同配送、电商直播人才培养和农产品上行渠道。", [], [], ["农村电商"]),
    ("持续改善农村人居环境和饮水安全", "ecology", ["市农业农村局", "市生态环境局", "市水利局"],
     "研究农村生活垃圾收运处置体系、污水治理和农村供水规模化改造、长效管护。", [13, 20], [], ["农村人居环境"]),
    ("推进城镇老旧小区改造和加装电梯", "society", ["市住房和城乡建设局"],
     "研究老旧小区改造中的加装电梯补贴、费用分摊和协商机制，提升城市品质。", [0, 36], ["staff_city"], ["老旧小区改造"]),
    ("缓解城区停车难问题", "society", ["市城市管理局", "市公安局"],
     "研究立体停车设施建设、机关单位停车场错时开放和智慧停车管理。", [1, 37], [], ["城市停车"]),
    ("推进义务教育优质均衡发展", "society", ["市教育局"],
     "研究学位供给、课后服务提质、作业总量控制和中小学生心理健康教育。", [6, 7, 26], ["unit_after_school"], ["义务教育"]),
    ("深化产教融合办好职业教育", "society", ["市教育局", "市人力资源和社会保障局"],
     "研究校企合作平台、订单式培养和市级公共实训基地建设。", [8], ["unit_training_base"], ["职业教育"]),
    ("加强校园及周边安全和食品安全治理", "society", ["市教育局", "市市场监督管理局"],
     "研究校园周边食品安全、交通安全和校外培训预收费监管。", [27, 28], [], ["校园安全"]),
    ("持续优化营商环境支持中小微企业", "economy", ["市行政审批服务管理局", "市发展和改革委员会", "市财政局"],
     "研究一网通办、容缺受理和政府性融资担保，降低中小微企业融资成本。", [15, 16], [], ["营商环境"]),
    ("推进工业固废综合利用和大气污染防治", "ecology", ["市生态环境局", "市工业和信息化局"],
     "研究煤矸石、粉煤灰等工业固废综合利用，巩固清洁取暖成果，防止散煤复烧。", [14], [], ["工业固废"]),
    ("加强浊漳河流域生态保护和城区水环境治理", "ecology", ["市水利局", "市生态环境局"],
     "研究入河排污口排查整治、雨污分流和滨河生态带建设。", [12], [], ["漳河生态"]),
    ("推动太行山文旅融合和传统村落保护利用", "culture", ["市文化和旅游局"],
     "研究太行山旅游品牌、旅游专线、乡村民宿和传统村落活化利用，推动上党文化数字化保护。", [17, 18],
     ["expert_culture"], ["文旅融合"]),
    ("提升基层医疗服务能力促进中医药传承创新", "society", ["市卫生健康委员会", "市医疗保障局"],
     "研究医联体建设、专家下沉、基层医务人才培养和中医药特色服务，方便老年人就医。", [9, 10, 11],
     ["staff_medical"], ["中医药"]),
    ("完善居家社区养老服务体系", "society", ["市民政局"],
     "研究日间照料中心专业化运营、老年助餐和农村互助养老。", [4, 5, 38], [], ["养老服务"]),
    ("深化“有事来商量”基层协商和智慧社区建设", "politics", ["市委政法委", "市民政局"],
     "研究基层协商议事规则、社区服务平台建设，兼顾老年人使用习惯。", [29], [], ["基层治理"]),
    ("促进高校毕业生本地就业和灵活就业人员权益保障", "society", ["市人力资源和社会保障局"],
     "研究人才引进政策、就业见习岗位和灵活就业人员参保、职业伤害保障。", [24, 25], [], ["就业创业"]),
    ("完善城乡公交网络和无障碍出行环境", "society", ["市交通运输局", "市住房和城乡建设局"],
     "研究新建小区公交覆盖、城乡公交末班时间和无障碍设施专项整治。", [2, 3], [], []),
    ("加快采煤沉陷区综合治理和生态修复", "ecology", ["市能源局", "市规划和自然资源局"],
     "研究采空区治理、搬迁安置和矿区生态修复资金保障。", [31], [], []),
]
LEFT_NEW = {30, 35, 39}  # letters the demo 提案委 has not screened yet (to-dos)
CLUES = {  # key: (role username, title, body)
    "unit_training_base": ("handling_unit", "关于建设市级职业教育公共实训基地的建议",
                           "我市职业院校实训设备分散、利用率不高。建议整合各校和企业资源，建设市级公共实训基地，面向院校学生和企业职工开放，服务全市重点产业人才培养。"),
    "unit_after_school": ("handling_unit", "关于推进中小学课后服务提质增效的建议",
                          "课后服务已覆盖全市中小学，但内容以看管和作业辅导为主。建议引入文体、科技类社会资源，建立课后服务经费保障和质量评价机制。"),
    "unit_pending": ("handling_unit", "关于加强中小学心理健康教育的建议",
                     "中小学心理健康教师配备不足，部分学校没有专职教师。建议按标准配齐心理教师，建立心理危机识别、干预和转介工作机制。"),
    "expert_energy": ("expert", "关于构建新能源与煤炭协同发展体系的建议",
                      "我市是传统煤炭基地，新能源发展空间大。建议统筹煤电与新能源调峰，推进采煤沉陷区光伏和储能项目建设，形成协同发展格局。"),
    "expert_culture": ("expert", "关于推动上党文化数字化保护传承的建议",
                       "上党梆子、八音会等非遗项目传承人老龄化。建议开展数字化采集建档，建设上党文化数字资源库，推动进校园、进景区。"),
    "expert_pending": ("expert", "关于建立城市体检评估机制的建议",
                       "城市更新需要科学的问题清单。建议参照住建部城市体检指标，每年开展城市体检，体检结果作为城市更新项目安排的依据。"),
    "staff_city": ("proposal_staff", "关于提升城市品质推进城市更新的建议",
                   "主席会议专题协商中，委员提出城市更新要与老旧小区改造、完整社区建设结合，重点解决加装电梯、停车和社区服务设施短板。"),
    "staff_medical": ("proposal_staff", "关于打造区域医疗中心的建议",
                      "常委会议议政中，委员建议依托市级医院打造晋东南区域医疗中心，带动县级医院重点专科建设，减少患者外转。"),
}
PUBLISHED_AT = dt.datetime(2025, 11, 24, 10, 0)


def _aware(value: dt.datetime) -> dt.datetime:
    return timezone.make_aware(value)


def seed(city, rng: random.Random | None = None) -> Counter:
    from zhengxie.intake import services as intake_services
    from zhengxie.intake.models import Channel, Submission
    from zhengxie.proposals.demo import TOPICS as PROPOSAL_SUBJECTS
    from zhengxie.proposals.models import Category, Proposal

    rng = rng or random.Random(0)
    created: Counter = Counter()
    meeting = Meeting.objects.filter(cppcc=city, kind=Meeting.Kind.PLENARY).order_by("-start_date").first()
    users = {u.username: u for u in User.objects.filter(cppcc=city, username__in=["proposal_staff", "handling_unit", "expert"])}
    staff = users.get("proposal_staff")
    if meeting is None or staff is None or TopicCatalogue.objects.filter(meeting=meeting).exists():
        return created
    channel = Channel.objects.filter(cppcc=city, consumer="proposal_clue").first()
    letters = list(channel.submissions.order_by("created_at", "id")) if channel else []

    # 1. screen the public letters: 采纳 → 线索 (a few stay 待处理)
    by_letter: dict[int, Clue] = {}
    for i, sub in enumerate(letters):
        if sub.status != Submission.Status.NEW or i in LEFT_NEW:
            continue
        _, clue = intake_services.submission_accept(submission=sub, by=staff)
        when = sub.created_at + dt.timedelta(days=rng.randint(2, 6))
        Submission.objects.filter(pk=sub.pk).update(handled_at=when)
        Clue.objects.filter(pk=clue.pk).update(created_at=when, decided_at=when)
        by_letter[i] = clue
        created["提案线索"] += 1

    # 2. departments, experts and 提案委 propose 线索
    categories = {c.code: c for c in Category.objects.filter(cppcc=city)}
    by_key: dict[str, Clue] = {}
    for n, (key, (username, title, body)) in enumerate(CLUES.items()):
        user = users.get(username)
        if user is None:
            continue
        clue = services.clue_create(by=user, title=title, body=body)
        when = _aware(dt.datetime(2025, 10, 9, 9) + dt.timedelta(days=n * 3))
        Clue.objects.filter(pk=clue.pk).update(created_at=when)
        if clue.status == Clue.Status.PENDING and not key.endswith("pending"):
            clue = services.clue_accept(by=staff, clue=clue)
            Clue.objects.filter(pk=clue.pk).update(decided_at=when + dt.timedelta(days=2))
        by_key[key] = clue
        created["提案线索"] += 1

    # 3. the catalogue: 20 选题 merged from the 线索, published in November 2025
    cat = services.catalogue_create(by=staff, meeting=meeting)
    units = {o.name: o for o in Organisation.objects.filter(cppcc=city, kind=Organisation.Kind.HANDLING_UNIT)}
    made: list[tuple[Topic, list[str]]] = []
    for title, code, unit_names, desc, letter_ids, clue_keys, subjects in TOPICS:
        ids = [by_letter[i].pk for i in letter_ids if i in by_letter] + [by_key[k].pk for k in clue_keys if k in by_key]
        topic = services.topic_save(by=staff, catalogue=cat, title=title, description=desc, category=categories.get(code),
                                    units=[units[n] for n in unit_names if n in units], clue_ids=ids)
        made.append((topic, subjects))
        created["提案选题"] += 1
    services.catalogue_publish(by=staff, catalogue=cat)
    TopicCatalogue.objects.filter(pk=cat.pk).update(published_at=_aware(PUBLISHED_AT))
    Topic.objects.filter(catalogue=cat).update(created_at=_aware(PUBLISHED_AT - dt.timedelta(days=5)))
    created["选题参考目录"] += 1

    # 4. submitted proposals of this 会议 on the same subjects cite their 选题
    titles = {s.name: set(s.titles) for s in PROPOSAL_SUBJECTS}
    for topic, subjects in made:
        wanted = set().union(*(titles.get(s, set()) for s in subjects)) if subjects else set()
        if not wanted:
            continue
        qs = Proposal.objects.filter(cppcc=city, meeting=meeting, submitted_at__isnull=False, title__in=wanted).order_by("id")
        for p in qs:
            if rng.random() < 0.7:
                services.citation_set(by=staff, proposal=p, topic=topic)
                created["引用选题的提案"] += 1
    return created
