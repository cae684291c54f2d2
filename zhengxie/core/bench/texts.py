"""Texts for the benchmark dataset, built by recombining a small bank of sentences written here.

Nothing is read from outside: every title, body, name and employer comes from the lists below and a
seeded `random.Random`, so the same seed always gives the same dataset.
"""
from __future__ import annotations

import random

# 主题 (topics) and the parts of a sentence that are recombined around them.
TOPICS = [
    "老旧小区改造", "养老服务体系", "义务教育均衡发展", "基层医疗卫生", "营商环境优化", "农村人居环境整治",
    "城市交通拥堵治理", "中小企业融资", "乡村振兴人才", "生态环境保护", "食品安全监管", "职业技能培训",
    "文化遗产保护", "智慧城市建设", "校园安全管理", "社区治理创新", "河湖长制落实", "新能源汽车充电设施",
    "未成年人心理健康", "高校毕业生就业", "农产品品牌建设", "历史街区活化利用", "数字政府建设", "公共法律服务",
]
OPENERS = [
    "近年来，我市在{topic}方面做了大量工作，取得了明显成效。",
    "{topic}事关群众切身利益，社会关注度持续上升。",
    "在调研中我们发现，{topic}仍存在一些突出问题。",
    "随着经济社会快速发展，{topic}面临新的形势和要求。",
    "根据群众反映和实地走访，{topic}工作还有较大提升空间。",
    "{topic}是推动高质量发展的重要抓手，也是民生工作的重点。",
]
PROBLEMS = [
    "一是统筹协调机制不够健全，部门之间职责交叉、衔接不畅。",
    "二是资金投入渠道单一，社会资本参与的积极性不高。",
    "三是专业人才队伍短缺，基层工作力量相对薄弱。",
    "部分政策落地存在“最后一公里”问题，群众获得感不强。",
    "相关标准和规范尚不完善，监督考核缺乏刚性约束。",
    "信息化水平不高，数据共享和业务协同程度较低。",
    "城乡之间、区域之间发展不平衡的问题依然存在。",
    "宣传引导不够深入，公众知晓率和参与度有待提高。",
]
SUGGESTIONS = [
    "建议由市政府牵头建立联席会议制度，明确各部门责任分工。",
    "建议设立专项资金，并通过政府购买服务引导社会力量参与。",
    "建议加强专业人才培养和引进，完善激励保障措施。",
    "建议制定实施细则，细化工作标准，强化督查考核。",
    "建议搭建统一的信息平台，推动数据互联互通、共享共用。",
    "建议总结推广先进地区经验，开展试点示范，以点带面逐步推开。",
    "建议加大宣传力度，畅通群众意见表达渠道，形成共建共治共享格局。",
    "建议将相关工作纳入年度绩效考核，定期通报进展情况。",
]
CLOSINGS = [
    "以上建议，供有关部门研究参考。",
    "希望有关部门高度重视，切实抓好落实。",
    "相信通过各方共同努力，这项工作一定能够取得更大成效。",
    "恳请相关单位予以研究采纳。",
]
TITLE_FORMS = [
    "关于加强{topic}的建议", "关于推进{topic}工作的提案", "关于进一步完善{topic}的建议",
    "关于{topic}存在问题及对策的建议", "{topic}亟待加强", "关于加快{topic}的几点建议",
]
NOTICE_FORMS = [
    "关于召开{topic}专题协商会的通知", "您有一件“{topic}”相关事项待处理", "“{topic}”调研活动报名提醒",
    "关于报送{topic}相关材料的通知", "“{topic}”视察活动安排", "您参加的“{topic}”座谈会时间调整",
]

# Names: common surnames (weighted towards the most frequent ones, as in a real directory) and given-name characters.
SURNAMES = (
    "王" * 8 + "李" * 8 + "张" * 8 + "刘" * 6 + "陈" * 6 + "杨" * 4 + "黄" * 3 + "赵" * 3 + "吴" * 3 + "周" * 3
    + "徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦"
)
COMPOUND_SURNAMES = ["欧阳", "司马", "上官", "诸葛"]
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏飞建国志文斌宇浩然婷雪梅俊峰海燕晓东立新春晖佳怡子涵"
ETHNICITIES = ["汉族"] * 18 + ["回族", "满族", "蒙古族", "壮族", "藏族", "苗族"]
EDUCATIONS = ["研究生", "研究生", "大学本科", "大学本科", "大学本科", "大专", "博士"]
PLACES = ["市", "东城区", "西城区", "南湖区", "北山县", "新区", "高新区"]
INSTITUTIONS = [
    "第一人民医院", "中心医院", "中医院", "第一中学", "实验小学", "职业技术学院", "师范大学", "农业科学院",
    "律师事务所", "会计师事务所", "建设集团有限公司", "城市投资发展集团", "农村商业银行", "科技有限公司",
    "文化馆", "图书馆", "社会科学院", "红十字会", "工商业联合会", "供销合作社", "广播电视台", "日报社",
]
POSITIONS = ["院长", "副院长", "校长", "副校长", "主任", "副主任", "董事长", "总经理", "主任医师", "教授", "研究员",
             "高级工程师", "律师", "会计师", "馆长", "总编辑", "党委书记", "副总经理", "科长"]
SPECIALTIES = ["医疗卫生", "基础教育", "高等教育", "法律", "财税金融", "城乡规划", "生态环保", "文化艺术", "农业农村",
               "科技创新", "社会保障", "民族宗教", "交通运输", "文化旅游"]


class SentenceBank:
    """Deterministic texts from the sentence bank above: same RNG state, same text; never empty."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def topic(self) -> str:
        return self.rng.choice(TOPICS)

    def title(self, topic: str | None = None) -> str:
        return self.rng.choice(TITLE_FORMS).format(topic=topic or self.topic())

    def notice_title(self, topic: str | None = None) -> str:
        return self.rng.choice(NOTICE_FORMS).format(topic=topic or self.topic())

    def paragraph(self, topic: str | None = None, sentences: int = 4) -> str:
        topic = topic or self.topic()
        sentences = max(2, sentences)
        parts = [self.rng.choice(OPENERS).format(topic=topic)]
        middle = self.rng.sample(PROBLEMS, k=min(len(PROBLEMS), max(0, (sentences - 2) // 2)))
        middle += self.rng.sample(SUGGESTIONS, k=min(len(SUGGESTIONS), max(1, sentences - 2 - len(middle))))
        parts.extend(middle)
        parts.append(self.rng.choice(CLOSINGS))
        return "".join(parts)

    def text(self, paragraphs: int = 3, topic: str | None = None) -> str:
        topic = topic or self.topic()
        return "\n\n".join(self.paragraph(topic, self.rng.randint(3, 7)) for _ in range(max(1, paragraphs)))

    def person_name(self) -> str:
        surname = self.rng.choice(COMPOUND_SURNAMES) if self.rng.random() < 0.01 else self.rng.choice(SURNAMES)
        given = "".join(self.rng.choice(GIVEN) for _ in range(1 if self.rng.random() < 0.35 else 2))
        return surname + given

    def employer(self) -> str:
        return f"{self.rng.choice(PLACES)}{self.rng.choice(INSTITUTIONS)}{self.rng.choice(POSITIONS)}"

    def specialty(self) -> str:
        return "、".join(self.rng.sample(SPECIALTIES, k=self.rng.randint(1, 3)))

    def choice(self, seq):
        return self.rng.choice(seq)
