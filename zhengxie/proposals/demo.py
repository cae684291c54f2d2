"""提案 demo data for the 长治 city 政协 (called by `manage.py seed_demo` through `zhengxie.core.demo.builder`).

Two 会议 are filled:

* 十四届二次会议 (2023, the year of the annual review): about three hundred proposals, every review outcome,
  handled and evaluated, with contacts (面商/电话), A/B/C classes and evaluations; 63 of them are attributed to
  the 农业和农村委员会 (52 立案, 6 重点), as the review reports.
* 十四届五次会议 (2026, current): the plenary volume mostly closed, 平时提案 in every stage, and — built through
  the services, so their timelines and notifications are real — the showcase proposals that give every demo
  role work waiting (委员, 常委, 集体提案单位, 提案委, 承办单位 市教育局, 政府督查室).

Texts are recombined from the sentence bank below (written for this demo). The volume is written as bulk rows
(status, numbers through `numbering.next_value`, children rows and a minimal timeline); deterministic with the
given `random.Random`; idempotent: nothing happens when the city already holds 2023 proposals.
"""
from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from zhengxie.accounts.models import Organisation, RoleAssignment, User
from zhengxie.core import workdays
from zhengxie.core.models import Event
from zhengxie.core.roles import Role
from zhengxie.members.models import Meeting, Membership

from . import numbering, search
from .models import (
    Assignment,
    Category,
    Contact,
    CoSign,
    CoSigner,
    Evaluation,
    Proposal,
    ProposerType,
    RejectReason,
    Reply,
    ReviewDecision,
    ReviewMeeting,
)
from .workflow import Action, Status

S, A = Status, Action
K = Organisation.Kind
R, AS = Assignment.Role, Assignment.State
RT = Evaluation.Rating

CATEGORIES = [("economy", "经济建设"), ("politics", "政治建设"), ("culture", "文化建设"), ("society", "社会建设"),
              ("ecology", "生态文明建设"), ("other", "其他")]
AGRI_COMMITTEE = "农业和农村委员会"


@dataclass(frozen=True)
class Topic:
    name: str  # used in "感谢您对…工作的关心和支持"
    category: str
    units: tuple[str, ...]  # lead first, then possible 会办 units
    titles: tuple[str, ...]
    situation: tuple[str, ...]
    analysis: tuple[str, ...]
    suggestions: tuple[str, ...]
    measures: tuple[str, ...]
    agri: bool = False


TOPICS = [
    Topic("光伏产业", "economy", ("市工业和信息化局", "市能源局", "国网长治供电公司"),
          ("关于推进光伏产业链高质量发展的建议", "关于加快光伏制造业强链补链的建议", "关于提升光伏发电就地消纳能力的建议"),
          ("近年来我市光伏组件、电池片等制造项目相继落地，产业集群初具规模。",
           "全市分布式光伏装机容量增长较快，但配套储能和电网接入能力明显滞后。",
           "部分光伏企业反映，用地、用电和融资成本较高，产业链上下游配套率不足四成。"),
          ("原因在于产业规划统筹不够，本地配套企业少，关键材料和设备依赖外地供应。",
           "电网改造投资周期长，储能项目收益机制尚不清晰，企业投资意愿不强。"),
          ("编制光伏产业链专项规划，明确补链延链重点项目清单", "在高新区布局光伏配套产业园，对本地配套采购给予奖励",
           "加快配电网改造，建设一批“光伏＋储能”示范项目", "设立新能源产业发展基金，支持企业技术改造和研发",
           "支持职业院校开设光伏运维专业，定向培养产业工人"),
          ("我局已会同有关部门编制《长治市光伏产业链发展行动方案》，梳理补链项目27个。",
           "市能源局已将配电网改造纳入年度计划，新建储能示范项目3个。",
           "我市已出台新能源企业专项扶持政策，对本地配套采购给予一定比例奖励。")),
    Topic("高标准农田", "economy", ("市农业农村局", "市财政局", "市水利局"),
          ("关于加快高标准农田建设的建议", "关于加强高标准农田建后管护的建议", "关于统筹整合涉农资金建设高标准农田的建议"),
          ("我市耕地以丘陵旱地为主，已建成高标准农田占耕地面积比重仍低于全省平均水平。",
           "部分已建成的高标准农田存在渠系损毁、机耕路破损等问题，建后管护责任不落实。",
           "高标准农田建设亩均投入标准偏低，山区项目实际建设成本远高于补助标准。"),
          ("建设资金来源单一，县级配套压力大，社会资本参与不足。", "重建设轻管护，管护经费没有稳定来源，村集体缺乏管护能力。"),
          ("提高山区丘陵地带高标准农田亩均补助标准", "建立“县负总责、乡镇监管、村为主体”的建后管护机制",
           "统筹整合涉农资金，引导金融和社会资本投入农田建设", "将高效节水灌溉与高标准农田建设同步规划、同步实施",
           "建立高标准农田上图入库和质量评价制度"),
          ("今年全市新建和改造提升高标准农田18.6万亩，已全部上图入库。",
           "我局会同市财政局制定了建后管护办法，明确管护主体和经费来源。",
           "市水利局将高效节水灌溉与高标准农田项目同步实施，新增节水灌溉面积2.3万亩。"), agri=True),
    Topic("乡村振兴", "economy", ("市农业农村局", "市乡村振兴局", "市财政局"),
          ("关于发展壮大村级集体经济的建议", "关于推进和美乡村建设的建议", "关于巩固拓展脱贫攻坚成果的建议"),
          ("全市仍有部分村集体经济收入低于10万元，缺少稳定增收项目。",
           "乡村建设重硬件轻运营，一些村的公共设施建成后使用率不高。",
           "脱贫人口中依靠务工收入的比重较高，收入稳定性受外部影响较大。"),
          ("村级组织带头人能力参差不齐，项目选择缺乏市场论证。", "资金投入分散，部门之间政策衔接不够紧密。"),
          ("实施村级集体经济“强村”计划，每年扶持一批示范村", "建立乡村运营人才引进和培训机制",
           "加大防返贫动态监测，对易返贫致贫人口及早帮扶", "推动资源变资产、资金变股金、农民变股东改革",
           "完善联农带农利益联结机制"),
          ("我市已将村级集体经济发展纳入乡村振兴考核，今年扶持示范村120个。",
           "市乡村振兴局完善了防返贫动态监测机制，实现应纳尽纳、应帮尽帮。",
           "我局组织开展了乡村运营人才培训，培训村干部和致富带头人860人次。"), agri=True),
    Topic("特优农业", "economy", ("市农业农村局", "市市场监督管理局", "市商务局"),
          ("关于打造上党特优农产品区域公用品牌的建议", "关于做强沁州黄小米产业的建议", "关于推动上党党参全产业链发展的建议"),
          ("我市小米、党参、连翘等特色农产品品质优良，但品牌影响力和市场溢价能力不强。",
           "特色农产品精深加工比例低，多以原料形式外销，附加值不高。",
           "部分地理标志产品存在以次充好、包装混乱等问题，影响品牌声誉。"),
          ("经营主体规模小、分布散，缺乏龙头企业带动。", "品牌建设投入不足，标准体系和质量追溯体系不健全。"),
          ("整合打造“上党”农产品区域公用品牌，统一标准和标识", "培育一批精深加工龙头企业，延长产业链",
           "建立特色农产品质量追溯体系，严厉打击假冒地理标志行为", "组织企业参加农博会和电商直播，拓展销售渠道",
           "建设特优农产品标准化种植基地"),
          ("我市已发布“上党好物”区域公用品牌，授权使用企业86家。",
           "市市场监督管理局开展了地理标志产品专项整治，查处案件23起。",
           "我局支持建设标准化种植基地12个，带动农户增收。"), agri=True),
    Topic("农村人居环境", "ecology", ("市农业农村局", "市住房和城乡建设局", "市生态环境局"),
          ("关于持续改善农村人居环境的建议", "关于推进农村生活污水治理的建议", "关于加强农村户厕改造后续管护的建议"),
          ("部分农村生活垃圾收运体系不完善，偏远村庄存在垃圾堆放现象。",
           "农村生活污水治理率偏低，一些已建设施因运行经费不足而闲置。",
           "户厕改造后粪污清掏、维修服务跟不上，群众使用意愿下降。"),
          ("设施建设与运行维护脱节，缺少长效管护机制。", "村民参与积极性不高，村规民约约束作用发挥不够。"),
          ("建立农村人居环境设施运行维护经费保障机制", "因村制宜选择污水治理模式，优先推进水源地周边村庄",
           "培育专业化管护队伍，推行市场化运营", "开展“美丽庭院”评比，激发村民参与热情"),
          ("我市已建立农村生活垃圾“户分类、村收集、乡转运、县处理”体系，覆盖行政村95%以上。",
           "市生态环境局今年完成农村生活污水治理村庄74个。",
           "我局会同市住房和城乡建设局出台了户厕管护办法，各县区均建立了管护服务站。"), agri=True),
    Topic("农村电商", "economy", ("市商务局", "市交通运输局", "市农业农村局"),
          ("关于完善县乡村三级物流配送体系的建议", "关于发展农村电子商务助力农产品上行的建议"),
          ("农村快递末端网点覆盖不全，部分行政村快递需到乡镇自取。",
           "农产品电商起步较晚，网销农产品标准化、品牌化程度低。"),
          ("物流成本高、单量少，快递企业进村积极性不高。", "电商人才缺乏，农户对直播带货等新模式掌握不够。"),
          ("推进客货邮融合发展，整合农村物流资源", "建设县级电商公共服务中心和产地仓",
           "开展农村电商人才培训，培育本土带货主播", "对农产品冷链物流设施建设给予补助"),
          ("我市已在8个县区开展客货邮融合试点，新增村级寄递物流综合服务站310个。",
           "市商务局组织电商培训42场，培训学员3100人次。"), agri=True),
    Topic("农业科技", "economy", ("市科学技术局", "市农业农村局"),
          ("关于加强种业创新推动良种繁育的建议", "关于健全基层农技推广体系的建议"),
          ("我市谷子、玉米等主要作物良种自给率不高，本地育种能力较弱。",
           "基层农技推广人员年龄老化，知识更新慢，服务能力不足。"),
          ("科研投入分散，育种单位与企业合作不紧密。", "农技推广机构编制不足，待遇偏低，难以吸引年轻人才。"),
          ("建设谷子良种繁育基地，支持育繁推一体化企业发展", "实施农技推广特聘计划，选聘一批乡土专家",
           "建立农业科技特派员制度，组织科技人员下乡服务", "设立农业科技创新专项资金"),
          ("我市已建成谷子良种繁育基地3处，繁育面积1.2万亩。",
           "今年选派农业科技特派员215名，服务经营主体480家。"), agri=True),
    Topic("老旧小区改造", "society", ("市住房和城乡建设局", "市城市管理局", "国网长治供电公司"),
          ("关于推进城镇老旧小区改造的建议", "关于完善老旧小区改造后长效管理机制的建议", "关于老旧小区加装电梯的建议"),
          ("我市2000年以前建成的老旧小区仍有较大数量，基础设施老化、配套不全。",
           "部分已改造小区缺乏物业管理，改造成果难以巩固。",
           "多层住宅老年住户比例高，加装电梯需求强烈，但协调难度大。"),
          ("改造资金主要依靠财政，居民出资和社会资本参与不足。", "加装电梯涉及低层住户利益，缺少有效的协商机制。"),
          ("统筹推进老旧小区改造与完整社区建设", "引入专业物业或实行准物业管理，建立长效管护机制",
           "简化加装电梯审批流程，给予每部电梯适当补助", "发挥社区协商平台作用，化解加装电梯邻里矛盾"),
          ("今年全市开工改造老旧小区126个，惠及居民1.9万户。",
           "我局出台了既有住宅加装电梯实施意见，实行联合审批，每部电梯补助10万元。",
           "市城市管理局对已改造小区推行“红色物业”管理，覆盖率达78%。")),
    Topic("义务教育", "society", ("市教育局", "市财政局", "市人力资源和社会保障局"),
          ("关于推进义务教育优质均衡发展的建议", "关于加强乡村教师队伍建设的建议", "关于缓解城区学校大班额问题的建议"),
          ("城区部分学校学位紧张，大班额问题仍然存在，而农村学校生源持续减少。",
           "乡村教师结构性缺编，音体美和心理健康教师尤为短缺。",
           "城乡学校在办学条件和师资水平上仍有差距，择校现象较为突出。"),
          ("学校布局调整滞后于城镇化进程。", "乡村教师待遇和职业发展空间有限，优秀教师流失。"),
          ("科学编制中小学布局规划，新建改扩建一批城区学校", "推进集团化办学和城乡学校共同体建设",
           "落实乡村教师生活补助，完善职称评聘向乡村倾斜政策", "推行县管校聘，促进校长教师交流轮岗"),
          ("我局已完成《中小学布局专项规划》修编，今年新建改扩建学校9所，新增学位6800个。",
           "全市组建城乡教育共同体46个，覆盖农村学校160所。",
           "市人力资源和社会保障局落实乡村教师职称评聘倾斜政策，今年乡村教师晋升中高级职称312人。")),
    Topic("职业教育", "society", ("市教育局", "市人力资源和社会保障局", "市工业和信息化局"),
          ("关于深化产教融合办好职业教育的建议", "关于加强技能人才培养的建议"),
          ("职业院校专业设置与我市主导产业匹配度不高，毕业生本地就业率偏低。",
           "企业技能人才缺口较大，高技能人才占技能劳动者比重偏低。"),
          ("校企合作停留在浅层次，企业参与办学积极性不高。", "技能人才待遇偏低，社会认可度不够。"),
          ("围绕主导产业调整职业院校专业设置", "推行现代学徒制，建设一批产教融合实训基地",
           "落实技能人才薪酬激励政策", "举办全市职业技能大赛，营造尊重技能的氛围"),
          ("我市职业院校今年新增光伏、智能制造等专业12个。", "已建成产教融合实训基地15个，合作企业120余家。")),
    Topic("校园安全", "society", ("市教育局", "市公安局", "市市场监督管理局"),
          ("关于加强校园及周边安全治理的建议", "关于做好中小学课后服务的建议", "关于加强中小学生心理健康教育的建议"),
          ("部分学校上下学时段周边交通拥堵，存在安全隐患。",
           "课后服务内容较为单一，以看管和作业辅导为主，学生参与兴趣不高。",
           "中小学生心理问题呈上升趋势，专职心理健康教师配备不足。"),
          ("校园周边治理涉及部门多，联动机制不健全。", "课后服务经费保障不足，引入社会资源渠道不畅。"),
          ("在学校周边设置护学岗和临时停车区", "丰富课后服务内容，引入科技、体育、艺术类社会资源",
           "按标准配齐中小学专兼职心理健康教师", "建立学校、家庭、医院心理危机干预联动机制"),
          ("市公安局已在全市中小学设立“护学岗”420个。", "我局出台了课后服务工作指南，课后服务覆盖全部义务教育学校。",
           "今年新配备专职心理健康教师86名，实现每校至少1名。")),
    Topic("营商环境", "economy", ("市行政审批服务管理局", "市发展和改革委员会", "市市场监督管理局"),
          ("关于持续优化营商环境的建议", "关于深化“一件事一次办”改革的建议", "关于支持民营经济发展壮大的建议"),
          ("企业办事“多头跑”现象仍未完全解决，部分事项线上线下标准不一。",
           "民营企业反映融资难、融资贵问题依然突出。",
           "涉企检查频次偏多，部分企业反映迎检负担较重。"),
          ("部门数据共享不充分，系统之间尚未完全打通。", "政策宣传不到位，部分惠企政策企业知晓率不高。"),
          ("推行企业全生命周期“一件事一次办”", "建设惠企政策“免申即享”平台",
           "推行跨部门“综合查一次”，减少涉企检查", "建立政银企对接常态化机制，扩大信用贷款规模"),
          ("我局已推出“一件事一次办”主题套餐68项，平均办理时限压缩60%。",
           "市发展和改革委员会上线惠企政策平台，兑现资金1.6亿元。",
           "市市场监督管理局推行跨部门联合抽查，涉企检查次数同比下降35%。")),
    Topic("工业固废", "ecology", ("市生态环境局", "市工业和信息化局", "市发展和改革委员会"),
          ("关于推进工业固废综合利用的建议", "关于加快煤矸石粉煤灰资源化利用的建议"),
          ("我市煤矸石、粉煤灰等大宗工业固废年产生量大，综合利用率仍有提升空间。",
           "部分固废堆场存在扬尘和渗滤风险，历史遗留堆存量较大。"),
          ("综合利用产品附加值低，市场竞争力不强。", "缺少规模化利用项目，技术研发投入不足。"),
          ("编制大宗工业固废综合利用规划", "支持建设固废制建材、充填开采等综合利用项目",
           "对综合利用产品实行政府采购优先", "加强历史遗留堆场排查整治"),
          ("今年全市一般工业固废综合利用率达到62%。", "市工业和信息化局支持建设综合利用项目7个，新增利用能力300万吨。")),
    Topic("漳河生态", "ecology", ("市水利局", "市生态环境局", "市林业局"),
          ("关于加强浊漳河流域生态保护和修复的建议", "关于推进水土流失综合治理的建议"),
          ("浊漳河流域部分河段水质不稳定，汛期面源污染问题突出。",
           "丘陵山区水土流失面积较大，生态修复任务重。"),
          ("流域上下游、左右岸协同治理机制不健全。", "生态补偿机制尚未全面建立。"),
          ("建立浊漳河流域横向生态补偿机制", "实施河道综合治理和湿地修复工程",
           "推进小流域综合治理和淤地坝建设", "落实河湖长制，加强日常巡河管护"),
          ("市水利局今年完成小流域综合治理面积86平方公里。", "我市已与相关县区签订流域横向生态补偿协议。")),
    Topic("文旅融合", "culture", ("市文化和旅游局", "市交通运输局", "市委宣传部"),
          ("关于推动太行山文旅融合发展的建议", "关于加强古建筑保护利用的建议", "关于打造上党红色旅游品牌的建议"),
          ("我市太行山水、上党古建和红色资源丰富，但旅游产品同质化，过夜游客比例低。",
           "部分古建筑分布在偏远村落，保护修缮资金不足，存在安全隐患。",
           "景区之间交通连接不畅，旅游公路和服务设施配套不足。"),
          ("文旅资源整合不够，缺少有影响力的精品线路。", "古建保护重修缮轻利用，活化利用方式单一。"),
          ("串联太行大峡谷、古建、红色遗址打造精品旅游线路", "建立古建筑认养和社会力量参与保护机制",
           "完善旅游公路和景区交通接驳", "开发夜游、研学等文旅新业态"),
          ("我局已推出“太行山水·上党古韵”精品线路8条。", "今年实施古建筑保护修缮项目21处。",
           "市交通运输局开通旅游专线4条，完善景区接驳服务。")),
    Topic("中医药", "society", ("市卫生健康委员会", "市医疗保障局", "市农业农村局"),
          ("关于促进中医药传承创新发展的建议", "关于推动中药材产业与中医药服务融合发展的建议"),
          ("我市是道地药材主产区，但中医药服务能力与资源优势不相匹配。",
           "基层中医馆人才短缺，中医适宜技术推广不够。"),
          ("中医药人才培养和引进机制不健全。", "中医药服务医保支付政策有待完善。"),
          ("在县级医院和乡镇卫生院全面建设中医馆", "将更多中医适宜技术纳入医保支付范围",
           "建设道地药材种植基地和中药材交易市场", "加强中医药人才师承教育"),
          ("我市已实现乡镇卫生院中医馆全覆盖。", "市医疗保障局将26项中医适宜技术纳入医保支付。")),
    Topic("养老服务", "society", ("市民政局", "市卫生健康委员会", "市财政局"),
          ("关于完善居家社区养老服务体系的建议", "关于推进医养结合发展的建议", "关于发展农村互助养老的建议"),
          ("我市60岁以上人口占比持续上升，失能半失能老人照护需求大。",
           "社区养老服务设施覆盖不均衡，部分设施运营困难。",
           "农村空巢老人多，养老服务供给明显不足。"),
          ("养老护理人员短缺，待遇低、流动性大。", "医疗和养老资源分属不同部门，衔接不畅。"),
          ("建设街道综合养老服务中心和社区嵌入式养老机构", "推动医疗机构与养老机构签约合作",
           "发展农村幸福院和互助养老", "开展养老护理员职业技能培训并给予补贴"),
          ("今年全市新建社区养老服务设施56个。", "全市养老机构与医疗机构签约率达到100%。")),
    Topic("城市停车", "society", ("市城市管理局", "市公安局", "市住房和城乡建设局"),
          ("关于缓解城区停车难问题的建议", "关于规范非机动车停放管理的建议"),
          ("城区机动车保有量快速增长，医院、学校和老旧小区周边停车难问题突出。",
           "共享单车和电动自行车乱停乱放，占用人行道和盲道。"),
          ("停车设施规划建设滞后，路内停车管理不规范。", "管理职责交叉，执法力度不够。"),
          ("编制停车设施专项规划，利用边角地建设立体停车场", "推行错时共享停车", "建设智慧停车平台",
           "划定非机动车停放区域，加强日常管理"),
          ("我市已建成智慧停车平台，接入泊位2.1万个。", "今年新增公共停车泊位3600个。")),
    Topic("基层治理", "politics", ("市委政法委", "市民政局", "市司法局"),
          ("关于深化“有事来商量”基层协商的建议", "关于加强网格化基层治理的建议", "关于完善矛盾纠纷多元化解机制的建议"),
          ("基层协商议事平台在部分村和社区流于形式，议题来源不够广泛。",
           "网格员工作负担重，事务性工作挤占了服务群众的时间。",
           "婚姻家庭、邻里纠纷等矛盾增多，调解力量相对薄弱。"),
          ("基层协商成果转化和反馈机制不健全。", "部门下沉事项多，网格职责边界不清。"),
          ("建立协商议题征集、办理和反馈闭环机制", "厘清网格职责清单，减轻网格员负担",
           "建设县乡村三级矛盾纠纷调处化解中心", "培育专业调解组织和调解员队伍"),
          ("全市已建成“有事来商量”协商议事室1200余个。", "我市已实现县级社会矛盾纠纷调处化解中心全覆盖。")),
    Topic("就业创业", "society", ("市人力资源和社会保障局", "市财政局", "团市委"),
          ("关于促进高校毕业生本地就业的建议", "关于支持返乡入乡创业的建议"),
          ("我市高校毕业生留长就业比例偏低，人才外流问题较为突出。",
           "返乡创业人员在场地、融资、技术方面面临困难。"),
          ("本地就业岗位吸引力不足，薪酬水平与周边城市有差距。", "创业扶持政策分散，申请流程复杂。"),
          ("实施青年人才留长计划，给予住房和生活补贴", "建设返乡创业园和孵化基地",
           "扩大创业担保贷款规模，简化申请流程", "组织校地招聘对接活动"),
          ("今年全市吸引高校毕业生留长就业1.1万人。", "市人力资源和社会保障局发放创业担保贷款4.2亿元。")),
]

AGRI_TOPICS = [t for t in TOPICS if t.agri]
OTHER_TOPICS = [t for t in TOPICS if not t.agri]
CN_ORDINAL = "一二三四五六七八九十"

CLASS_OPENING = {"A": "您的建议对做好相关工作很有价值，我们已采纳并落实。",
                 "B": "您的建议很有针对性，我们已列入工作计划，正在逐步解决。",
                 "C": "您的建议具有前瞻性，受当前条件限制暂难全面实施，我们将留作参考，在今后工作中统筹考虑。"}
CLASS_CLOSING = {"A": "下一步，我们将继续巩固工作成效，及时向您通报进展。",
                 "B": "下一步，我们将加快推进相关工作，办理进展将及时向您报告。",
                 "C": "我们将积极创造条件，在条件成熟时推动落实。"}
CONTACT_NOTES = ["承办单位分管领导带队登门面商，听取提案者对办理工作的意见。", "电话沟通办理思路和时间安排，提案者表示认可。",
                 "邀请提案者实地察看项目进展，共同研究推进措施。", "召开办理座谈会，提案者和相关部门负责人参加。",
                 "电话征求提案者对答复初稿的意见。"]
EVAL_COMMENTS = {RT.SATISFIED: ["办理态度认真，措施具体，感谢承办单位。", "答复有针对性，落实情况良好。", ""],
                 RT.BASIC: ["答复较为全面，希望加快落实进度。", "部分建议尚未落实，希望继续跟进。", ""],
                 RT.UNSATISFIED: ["答复与提案所提问题不对应，缺少具体措施，请重新办理。",
                                  "答复内容空泛，没有回应核心建议，希望承办单位再次面商。"]}
REJECT_TEXTS = {RejectReason.EMPTY: "提案内容较为笼统，未提出具体可行的建议。",
                RejectReason.PERSONAL: "所反映问题属于个人诉求，建议通过信访渠道反映。",
                RejectReason.LITIGATION: "所涉事项已进入司法程序，不宜作为提案处理。",
                RejectReason.BEYOND_POWER: "所提事项超越本级事权，建议向有关方面反映。",
                RejectReason.MULTI_ISSUE: "一件提案涉及多个互不相关的事项，不符合一事一案要求。"}
SIGNER_CHARS = "建国伟强军明华志勇斌刚涛磊鹏杰峰波辉宇文海平东亮林晋振学忠永宏云飞俊瑞祥德荣庆民生春立新"
SURNAMES = "王李张刘郭杨赵陈申牛秦段连崔原靳常宋任冯韩霍郝武田侯马孙史贾程魏梁白高范薛吕苏卫路裴曹"
UNIT_ABBR = {"市教育局": "长教", "市农业农村局": "长农", "市住房和城乡建设局": "长建", "市工业和信息化局": "长工信",
             "市能源局": "长能源", "国网长治供电公司": "长供电", "市财政局": "长财", "市水利局": "长水", "市城市管理局": "长城管",
             "市行政审批服务管理局": "长审批", "市发展和改革委员会": "长发改", "市生态环境局": "长环", "市乡村振兴局": "长振兴",
             "市文化和旅游局": "长文旅", "市交通运输局": "长交", "市卫生健康委员会": "长卫健", "市市场监督管理局": "长市监",
             "市商务局": "长商", "市民政局": "长民", "市人力资源和社会保障局": "长人社", "市公安局": "长公",
             "市委政法委": "长政法", "市科学技术局": "长科", "市林业局": "长林", "市医疗保障局": "长医保", "市司法局": "长司",
             "市委宣传部": "长宣", "团市委": "长团"}

#: Extra handling-unit actors for the showcase (no password: they cannot log in; they only act in the timelines).
UNIT_ACTORS = [("unit_agri", "市农业农村局"), ("unit_housing", "市住房和城乡建设局"), ("unit_hrss", "市人力资源和社会保障局")]


def _aware(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour, minute))


@dataclass
class Item:
    """One bulk proposal to write: who, what, when and how far it has come."""

    meeting: Meeting
    topic: Topic
    status: str
    submitted: dt.datetime
    plenary: bool
    lead: Membership | None = None
    org: Organisation | None = None
    ptype: str = ProposerType.INDIVIDUAL
    cosigners: list = field(default_factory=list)
    key: bool = False
    decided: dt.datetime | None = None
    assigned: dt.date | None = None
    answered: dt.date | None = None  # explicit answer day (else computed from the due date)
    review: ReviewMeeting | None = None
    late: bool = False


class ProposalDemo:
    def __init__(self, city, rng: random.Random):
        self.city = city
        self.rng = rng
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.created: Counter = Counter()
        self.events: list[tuple] = []  # (proposal, at, verb, message, actor, data)
        self.doc_counter: Counter = Counter()

    # --- reference data --------------------------------------------------------------------------------------

    def _load(self) -> None:
        city = self.city
        self.categories = {}
        for sort, (code, name) in enumerate(CATEGORIES, start=1):
            obj, made = Category.objects.get_or_create(cppcc=city, code=code, defaults={"name": name, "sort": sort})
            self.categories[code] = obj
            self.created["提案类别"] += made
        orgs = list(Organisation.objects.filter(cppcc=city))
        self.units = {o.name: o for o in orgs if o.kind == K.HANDLING_UNIT}
        self.committee = {o.name: o for o in orgs if o.kind == K.COMMITTEE}
        self.parties = [o for o in orgs if o.kind == K.PARTY and o.short_name not in ("中共", "无党派")]
        self.people_orgs = [o for o in orgs if o.kind == K.PEOPLE_ORG]
        plenaries = {m.number: m for m in Meeting.objects.filter(cppcc=city, kind=Meeting.Kind.PLENARY).select_related("term")}
        self.m2023, self.m2026 = plenaries[2], plenaries[5]
        users = {u.username: u for u in User.objects.filter(username__in=[
            "member", "standing_member", "org_submitter", "proposal_staff", "handling_unit", "supervising_office"])}
        self.users = users
        self.staff, self.sup = users["proposal_staff"], users["supervising_office"]
        linked = set(User.objects.filter(cppcc=city, member__isnull=False).values_list("member__id", flat=True))
        ships = list(Membership.objects.filter(cppcc=city, term=self.m2023.term)
                     .exclude(member_id__in=linked).select_related("member", "committee", "sector", "party")
                     .order_by("member__name", "id"))

        def valid(ms, a, b):
            return ms.start_date <= a and (ms.end_date is None or ms.end_date >= b)

        regular = [m for m in ships if m.position in (Membership.Position.MEMBER, Membership.Position.STANDING)]
        self.pool23 = [m for m in regular if valid(m, dt.date(2022, 10, 1), dt.date(2023, 12, 31))]
        self.pool26 = [m for m in regular if valid(m, dt.date(2025, 10, 1), self.today)]
        self.unit_actor = {}
        for username, unit_name in UNIT_ACTORS:
            self.unit_actor[unit_name] = self._unit_user(username, self.units[unit_name])
        self.unit_actor["市教育局"] = users["handling_unit"]

    def _unit_user(self, username: str, unit: Organisation) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, cppcc=self.city, display_name=f"{unit.name}经办人")
            user.set_unusable_password()
            user.save()
            self.created["承办单位经办人"] += 1
        RoleAssignment.objects.get_or_create(cppcc=self.city, user=user, role=Role.HANDLING_UNIT, organisation=unit,
                                             defaults={"valid_from": dt.date(2022, 1, 1), "note": "演示：承办单位经办人"})
        return user

    # --- texts -----------------------------------------------------------------------------------------------

    def _text(self, t: Topic) -> dict:
        rng = self.rng
        sugg = rng.sample(t.suggestions, min(len(t.suggestions), rng.randint(3, 4)))
        return {
            "title": rng.choice(t.titles),
            "category": self.categories[t.category],
            "situation": "".join(rng.sample(t.situation, 2)),
            "analysis": "".join(rng.sample(t.analysis, len(t.analysis))),
            "suggestions": "\n".join(f"{CN_ORDINAL[i]}是{s}。" for i, s in enumerate(sugg)),
        }

    def _person(self) -> str:
        return self.rng.choice(SURNAMES) + "".join(self.rng.choice(SIGNER_CHARS) for _ in range(self.rng.randint(1, 2)))

    def _reply_body(self, p: Proposal, t: Topic, cls: str, salutation: str) -> str:
        measures = self.rng.sample(t.measures, min(2, len(t.measures)))
        lines = [f"{salutation}：", f"　　您提出的《{p.title}》收悉。{CLASS_OPENING[cls]}现将办理情况答复如下："]
        lines += [f"　　{CN_ORDINAL[i]}、{m}" for i, m in enumerate(measures)]
        lines += [f"　　{CLASS_CLOSING[cls]}", f"　　感谢您对{t.name}工作的关心和支持！"]
        return "\n".join(lines)

    def _doc_number(self, unit: Organisation, year: int, co: bool = False) -> str:
        abbr = UNIT_ABBR.get(unit.name, "长" + unit.name.removeprefix("市")[:2])
        self.doc_counter[(unit.pk, year)] += 1
        return f"{abbr}{'提函' if co else '提'}〔{year}〕{self.doc_counter[(unit.pk, year)]}号"

    # --- entry ----------------------------------------------------------------------------------------------

    def run(self) -> Counter:
        if Proposal.objects.filter(cppcc=self.city, meeting__kind=Meeting.Kind.PLENARY, meeting__number=2).exists():
            return Counter()
        with transaction.atomic():
            self._load()
            items23 = self._plan_2023()
            items26 = self._plan_2026()
            self._write(items23, self.m2023)
            self._write(items26, self.m2026)
            self._showcase()
            # the proposals above were written in bulk, past the services: give every one its search entry
            search.reindex_all(self.city)
        return self.created

    # --- planning ---------------------------------------------------------------------------------------------

    def _lead(self, pool, agri: bool | None):
        if agri is None:
            return self.rng.choice(pool)
        cands = [m for m in pool if (m.committee is not None and m.committee.name == AGRI_COMMITTEE) == agri]
        return self.rng.choice(cands)

    def _cosigners(self, pool, lead, n) -> list:
        others = [m for m in pool if m.member_id != lead.member_id]
        return self.rng.sample(others, n)

    def _outcomes(self, counts: dict[str, int]) -> list[str]:
        out = [status for status, n in counts.items() for _ in range(n)]
        self.rng.shuffle(out)
        return out

    def _plan_2023(self) -> list[Item]:
        rng, m = self.rng, self.m2023
        items: list[Item] = []
        # 农业和农村委员会: 63 报送 = 52 立案 + 4 并案 + 3 转意见建议 + 1 转社情民意 + 2 不予立案 + 1 撤案.
        agri = self._outcomes({S.CLOSED: 50, S.CLOSED_UNSATISFIED: 2, S.MERGED: 4, S.TO_SUGGESTION: 3, S.TO_SQMY: 1,
                               S.REJECTED: 2, S.WITHDRAWN: 1})
        committee_org = self.committee[AGRI_COMMITTEE]
        for n, status in enumerate(agri):
            topic = rng.choice(AGRI_TOPICS)
            if n < 2 and status == S.CLOSED:
                items.append(Item(m, topic, status, self._when23(), True, org=committee_org, ptype=ProposerType.COMMITTEE))
                continue
            lead = self._lead(self.pool23, agri=True)
            joint = rng.random() < 0.25
            items.append(Item(m, topic, status, self._when23(), False, lead=lead,
                              ptype=ProposerType.JOINT if joint else ProposerType.INDIVIDUAL,
                              cosigners=self._cosigners(self.pool23, lead, rng.randint(1, 3)) if joint else []))
        filed = [it for it in items if it.status in (S.CLOSED, S.CLOSED_UNSATISFIED)]
        for it in rng.sample([it for it in filed if it.status == S.CLOSED], 6):
            it.key = True
        # the other 237 of the meeting
        rest = self._outcomes({S.CLOSED: 184, S.CLOSED_UNSATISFIED: 4, S.MERGED: 14, S.TO_SUGGESTION: 15, S.TO_SQMY: 5,
                               S.REJECTED: 8, S.WITHDRAWN: 5, S.RETURNED: 2})
        for n, status in enumerate(rest):
            topic = rng.choice(OTHER_TOPICS if rng.random() < 0.88 else AGRI_TOPICS)
            if n % 7 == 0:
                org = rng.choice(self.parties + self.people_orgs)
                items.append(Item(m, topic, status, self._when23(), False, org=org, ptype=ProposerType.PARTY_ORG,
                                  key=status == S.CLOSED and rng.random() < 0.2))
                continue
            lead = self._lead(self.pool23, agri=False)
            joint = rng.random() < 0.2
            items.append(Item(m, topic, status, self._when23(), False, lead=lead,
                              ptype=ProposerType.JOINT if joint else ProposerType.INDIVIDUAL,
                              cosigners=self._cosigners(self.pool23, lead, rng.randint(1, 2)) if joint else [],
                              key=status == S.CLOSED and rng.random() < 0.03))
        for it in items:
            it.plenary = it.submitted.date() <= dt.date(2023, 1, 10)
        return items

    def _when23(self) -> dt.datetime:
        rng = self.rng
        if rng.random() < 0.75:
            day = dt.date(2023, 1, 2) + dt.timedelta(days=rng.randint(0, 8))
        else:
            day = dt.date(2023, 2, 15) + dt.timedelta(days=rng.randint(0, 220))
        return _aware(day, rng.randint(8, 17), rng.randint(0, 59))

    def _plan_2026(self) -> list[Item]:
        rng, m, today = self.rng, self.m2026, self.today
        items: list[Item] = []
        plenary = self._outcomes({S.CLOSED: 112, S.EVALUATED: 4, S.ANSWERED: 5, S.CLOSED_UNSATISFIED: 2, S.REHANDLING: 2,
                                  S.MERGED: 10, S.TO_SUGGESTION: 10, S.TO_SQMY: 4, S.REJECTED: 5, S.WITHDRAWN: 3})
        recent_answers = 0
        for n, status in enumerate(plenary):
            topic = rng.choice(TOPICS)
            day = dt.date(2026, 1, 3) + dt.timedelta(days=rng.randint(0, 9))
            when = _aware(day, rng.randint(8, 17), rng.randint(0, 59))
            it = self._who(m, topic, status, when, self.pool26, collective=n % 8 == 0)
            it.plenary = True
            if status == S.ANSWERED:  # two answered recently (window open), three long ago (window closed)
                recent_answers += 1
                it.answered = today - dt.timedelta(days=rng.randint(2, 6) if recent_answers <= 2 else rng.randint(40, 80))
                it.late = True
            if status == S.EVALUATED:
                it.answered = today - dt.timedelta(days=rng.randint(12, 20))
                it.late = True
            if status == S.REHANDLING:
                it.answered = today - dt.timedelta(days=rng.randint(10, 14))
                it.late = True
            it.key = status == S.CLOSED and rng.random() < 0.05
            items.append(it)
        # 平时提案 of 2026 in every stage, dated back from today.
        stages = [(S.RECEIVED, 3, 3), (S.UNDER_REVIEW, 4, 8), (S.RETURNED, 1, 20), (S.FILED, 2, 22), (S.ASSIGNED, 3, 30),
                  (S.REASSIGNING, 1, 32), (S.IN_PROGRESS, 10, 60), (S.IN_PROGRESS, 3, 130), (S.ANSWER_DRAFTED, 2, 90),
                  (S.ANSWER_COSIGNED, 3, 95), (S.ANSWERED, 2, 100), (S.EVALUATED, 1, 110), (S.CLOSED, 4, 150)]
        for status, count, days_ago in stages:
            for _ in range(count):
                topic = rng.choice([t for t in TOPICS if t.units[0] != "市教育局"])
                when = self.now - dt.timedelta(days=days_ago + rng.randint(0, 6), hours=rng.randint(0, 8))
                when = max(when, _aware(dt.date(2026, 1, 20)))
                it = self._who(m, topic, status, when, self.pool26, collective=False)
                if status == S.ANSWERED:
                    it.answered = today - dt.timedelta(days=rng.randint(1, 4))
                items.append(it)
        return items

    def _who(self, m, topic, status, when, pool, *, collective: bool) -> Item:
        rng = self.rng
        if collective:
            return Item(m, topic, status, when, False, org=rng.choice(self.parties + self.people_orgs),
                        ptype=ProposerType.PARTY_ORG)
        lead = self._lead(pool, agri=topic.agri if rng.random() < 0.7 else None)
        joint = rng.random() < 0.2
        return Item(m, topic, status, when, False, lead=lead, ptype=ProposerType.JOINT if joint else ProposerType.INDIVIDUAL,
                    cosigners=self._cosigners(pool, lead, rng.randint(1, 2)) if joint else [])

    # --- writing the volume -----------------------------------------------------------------------------------

    def _review(self, meeting: Meeting, day: dt.date, plenary: bool) -> ReviewMeeting:
        key = (meeting.pk, plenary, day if plenary else (day.year, day.month))
        if key not in self._reviews:
            if plenary:
                title = f"{meeting.name}提案审查委员会全体会议"
                kind = ReviewMeeting.Kind.PLENARY
            else:
                title = f"提案委员会主任会议（{day.year}年{day.month}月平时提案审查）"
                kind = ReviewMeeting.Kind.REVIEW
            self._reviews[key] = ReviewMeeting.objects.create(
                cppcc=self.city, meeting=meeting, kind=kind, date=day, title=title, created_by=self.staff,
                participants="提案委员会主任、副主任及委员；提案委办公室工作人员",
                invited="市委办公室、市政府办公室（督查室）有关负责同志；市委政研室专家",
                opinions="经集体审查，对收到的提案逐件作出审查决定：符合立案条件的予以立案，内容相近的并案办理，"
                         "不符合立案条件的按规定转有关部门参考或不予立案，并告知提案者理由。")
            self.created["审查会"] += 1
        return self._reviews[key]

    def _write(self, items: list[Item], meeting: Meeting) -> None:
        self._reviews = getattr(self, "_reviews", {})
        rng = self.rng
        items.sort(key=lambda it: it.submitted)
        plain, merged_items = [], []
        for it in items:
            (merged_items if it.status == S.MERGED else plain).append(it)
        # receipt numbers in submit order, 提案号 in decision order (plenary first), both through the counters
        receipts = {id(it): numbering.format_receipt(meeting, numbering.next_value(meeting, "receipt")) for it in items}
        for it in items:
            self._schedule(it)
        numbers = {}
        for it in sorted([i for i in plain if i.status in FILED_LIKE], key=lambda i: (i.decided, i.submitted)):
            numbers[id(it)] = numbering.next_value(meeting, "number")
        rows = self._children_store()
        protos = {}
        for it in plain:
            protos[id(it)] = self._proposal(it, receipts[id(it)], numbers.get(id(it)))
        self._bulk(Proposal, list(protos.values()), ["created_at", "updated_at"])
        # 并案: into a filed case of the same topic (else any filed case) of this meeting
        filed_by_topic = defaultdict(list)
        for it in plain:
            if it.status in FILED_LIKE:
                filed_by_topic[it.topic.name].append(protos[id(it)])
        any_filed = [p for ps in filed_by_topic.values() for p in ps]
        for it in merged_items:
            target = rng.choice(filed_by_topic.get(it.topic.name) or any_filed)
            it.merge_target = target
            protos[id(it)] = self._proposal(it, receipts[id(it)], None, merged_into=target)
        self._bulk(Proposal, [protos[id(it)] for it in merged_items], ["created_at", "updated_at"])
        self.created["提案"] += len(items)
        for it in items:
            self._lifecycle(protos[id(it)], it, rows)
        self._flush(rows)

    def _schedule(self, it: Item) -> None:
        rng = self.rng
        received = it.submitted + (dt.timedelta(hours=rng.randint(2, 40)) if it.cosigners else dt.timedelta(0))
        if it.plenary:
            close = it.meeting.end_date
            it.decided = _aware(close, 15, rng.randint(0, 59))
            received = max(min(received, it.decided - dt.timedelta(hours=3)), it.submitted)
            it.assigned = close + dt.timedelta(days=44)  # 交办会 about six weeks after the plenary
        else:
            it.decided = received + dt.timedelta(days=rng.randint(6, 15), hours=rng.randint(0, 5))
            it.assigned = (it.decided + dt.timedelta(days=rng.randint(3, 7))).date()
        if it.decided > self.now:
            it.decided = self.now - dt.timedelta(hours=2)
        if it.assigned >= self.today:
            it.assigned = self.today - dt.timedelta(days=1)
        it.received = received
        it.pre_reviewed = min(received + dt.timedelta(hours=rng.randint(2, 30)), it.decided - dt.timedelta(hours=1))

    def _proposal(self, it: Item, receipt: str, number: int | None, merged_into: Proposal | None = None) -> Proposal:
        text = self._text(it.topic)
        if merged_into is not None:
            text["title"] = self.rng.choice([t for t in it.topic.titles if t != merged_into.title] or it.topic.titles)
        lead = it.lead
        p = Proposal(
            cppcc=self.city, meeting=it.meeting, is_plenary=it.plenary, receipt_no=receipt, number=number,
            proposer_type=it.ptype, lead_member=lead.member if lead else None, proposer_org=it.org,
            has_seal=it.org is not None, consent_to_sqmy=it.status == S.TO_SQMY or self.rng.random() < 0.5,
            is_key=it.key, status=it.status, submitted_at=it.submitted, cosign_deadline=(
                it.submitted + dt.timedelta(days=7) if it.cosigners else None),
            received_at=it.received if it.status != S.SUBMITTED else None, merged_into=merged_into,
            sector=lead.sector if lead else None, committee=lead.committee if lead else (
                it.org if it.org and it.org.kind == K.COMMITTEE else None),
            party=lead.party if lead else (it.org if it.org and it.org.kind == K.PARTY else None),
            **text,
        )
        p._stamps = {"created_at": it.submitted - dt.timedelta(days=self.rng.randint(1, 6)), "updated_at": it.submitted}
        return p

    # children rows are collected per model and written level by level
    def _children_store(self) -> dict[str, list]:
        return defaultdict(list)

    def _event(self, p: Proposal, at: dt.datetime, verb: str, message: str, actor=None, data=None) -> None:
        self.events.append((p, at, verb, message, actor, data or {}))
        p._stamps["updated_at"] = max(p._stamps["updated_at"], at)

    def _lifecycle(self, p: Proposal, it: Item, rows) -> None:
        rng, staff = self.rng, self.staff
        target = it.status
        lead_user = it.lead.member.user if it.lead and it.lead.member.user_id else None
        self._event(p, it.submitted, "proposal.submit", "提交提案", lead_user, {"from": S.DRAFT, "to": S.SUBMITTED})
        for n, ms in enumerate(it.cosigners, start=1):
            state = CoSigner.State.CONFIRMED if n == 1 or rng.random() < 0.85 else CoSigner.State.EXPIRED
            rows["cosigner"].append(CoSigner(proposal=p, member=ms.member, order=n, state=state,
                                             answered_at=it.received if state == CoSigner.State.CONFIRMED else None))
        for unit_name in it.topic.units[: rng.randint(1, 2)]:
            rows["units"].append(Proposal.suggested_units.through(proposal=p, organisation=self.units[unit_name]))
        msg = "联名人均已确认，完成收件" if it.cosigners else "提交后自动收件"
        self._event(p, it.received, "proposal.receive", msg, None, {"from": S.SUBMITTED, "to": S.RECEIVED})
        if target == S.RECEIVED:
            return
        self._event(p, it.pre_reviewed, "proposal.pre_review", "初审通过，提交审查会复审", staff,
                    {"from": S.RECEIVED, "to": S.UNDER_REVIEW})
        if target == S.UNDER_REVIEW:
            return
        review = self._review(it.meeting, timezone.localdate(it.decided), it.plenary)
        decision = {S.MERGED: A.MERGE, S.TO_SUGGESTION: A.TO_SUGGESTION, S.TO_SQMY: A.TO_SQMY, S.REJECTED: A.REJECT,
                    S.WITHDRAWN: A.WITHDRAW, S.RETURNED: A.RETURN}.get(target, A.FILE)
        p.decision, p.decided_at = decision, it.decided
        reason, text = "", ""
        if decision == A.REJECT:
            reason = rng.choice(list(REJECT_TEXTS))
            text = REJECT_TEXTS[reason]
        elif decision == A.RETURN:
            text = "建议补充问题的现状数据和具体建议，修改完善后重新提交。"
        elif decision == A.WITHDRAW:
            text = "提案者申请撤回：相关问题已在其他渠道得到解决。"
        elif decision == A.TO_SUGGESTION:
            text = "所提问题属于具体工作事项，转有关部门作为意见建议参考。"
        elif decision == A.TO_SQMY:
            text = "经提案者同意，转为社情民意信息报送。"
        elif decision == A.MERGE:
            text = f"与{p.merged_into.number_display}「{p.merged_into.title}」内容相近，并案办理。"
        p.decision_reason, p.decision_text = reason, text
        rows["decision"].append(ReviewDecision(review=review, proposal=p, decision=decision, reason=reason, text=text,
                                               merged_into=p.merged_into))
        rows["decision"][-1]._stamps = {"at": it.decided}
        label = Action(decision).label
        self._event(p, it.decided, f"proposal.{decision}", f"审查结果：{label}（{review.title}）" + (f"。{text}" if text else ""),
                    staff, {"from": S.UNDER_REVIEW, "to": target if decision != A.FILE else S.FILED, "review": review.pk})
        if decision == A.TO_SUGGESTION:
            a = Assignment(cppcc=self.city, proposal=p, unit=self.units[it.topic.units[0]], role=R.SOLE, state=AS.REFERENCE)
            a._stamps = {"created_at": it.decided, "updated_at": it.decided}
            rows["assignment"].append(a)
        if decision == A.MERGE:
            rows["link"].append((p, p.merged_into, it.decided))
        if decision != A.FILE or target == S.FILED:
            return
        self._handle(p, it, rows)

    def _plan_units(self, it: Item) -> list[tuple[Organisation, str]]:
        rng = self.rng
        names = it.topic.units
        r = rng.random()
        if it.status == S.ANSWER_DRAFTED:  # waiting for a 会办 unit's 会签
            return [(self.units[names[0]], R.LEAD), (self.units[names[1]], R.CO)]
        if len(names) >= 2 and r < 0.1:
            return [(self.units[names[0]], R.SPLIT), (self.units[names[1]], R.SPLIT)]
        if len(names) >= 2 and r < 0.45:
            cos = names[1: 1 + rng.randint(1, len(names) - 1)]
            return [(self.units[names[0]], R.LEAD)] + [(self.units[n], R.CO) for n in cos]
        return [(self.units[names[0]], R.SOLE)]

    def _handle(self, p: Proposal, it: Item, rows) -> None:
        rng, staff, target = self.rng, self.staff, it.status
        start = it.assigned
        due = workdays.due_date(start, {"months": 3})
        co_due = min(due, workdays.due_date(start, {"months": 1}))
        plan = self._plan_units(it)
        p.assigned_at, p.due_date = _aware(start, 9, 30), due
        assignments = []
        for unit, role in plan:
            a = Assignment(cppcc=self.city, proposal=p, unit=unit, role=role, state=AS.PENDING,
                           due_date=co_due if role == R.CO else due, dispute_until=start + dt.timedelta(days=10))
            a._stamps = {"created_at": p.assigned_at, "updated_at": p.assigned_at}
            assignments.append(a)
            rows["assignment"].append(a)
        names = "、".join(f"{u.name}（{R(r).label}）" for u, r in plan)
        self._event(p, p.assigned_at, "proposal.assign", f"交办：{names}，办理期限{due.year}年{due.month}月{due.day}日", staff,
                    {"from": S.FILED, "to": S.ASSIGNED})
        if target == S.ASSIGNED:
            return
        if target == S.REASSIGNING:
            a = assignments[0]
            a.state, a.dispute_reason = AS.DISPUTED, "所提事项主要涉及其他部门职责，建议调整承办单位。"
            self._event(p, p.assigned_at + dt.timedelta(days=3), "proposal.dispute",
                        f"{a.unit}申请调整承办单位：{a.dispute_reason}", None, {"from": S.ASSIGNED, "to": S.REASSIGNING})
            return
        accepted = p.assigned_at + dt.timedelta(days=rng.randint(1, 4), hours=rng.randint(0, 6))
        for a in assignments:
            a.state, a.accepted_at = AS.ACCEPTED, accepted
        self._event(p, accepted, "proposal.accept", "各承办单位均已签收，进入办理", None, {"from": S.ASSIGNED, "to": S.IN_PROGRESS})
        answering = [a for a in assignments if a.role != R.CO]
        cos = [a for a in assignments if a.role == R.CO]
        # 办前/办中 contacts: most face to face, some by phone
        for a in answering:
            day = start + dt.timedelta(days=rng.randint(5, 20))
            if day < self.today:
                way = Contact.Way.FACE if rng.random() < 0.82 else Contact.Way.PHONE
                rows["contact"].append(Contact(assignment=a, date=day, stage=Contact.Stage.BEFORE, way=way,
                                               note=CONTACT_NOTES[0] if way == Contact.Way.FACE else CONTACT_NOTES[1]))
                if rng.random() < 0.3 and day + dt.timedelta(days=30) < self.today:
                    rows["contact"].append(Contact(assignment=a, date=day + dt.timedelta(days=30), stage=Contact.Stage.DURING,
                                                   way=rng.choice([Contact.Way.SITE, Contact.Way.FORUM, Contact.Way.PHONE]),
                                                   note=rng.choice(CONTACT_NOTES[2:4])))
        for a in cos:
            day = min(a.due_date - dt.timedelta(days=rng.randint(1, 10)), self.today - dt.timedelta(days=1))
            if target != S.IN_PROGRESS or day < self.today - dt.timedelta(days=3):
                a.state, a.co_opinion, a.co_opinion_at = AS.OPINION_SENT, "同意主办单位的办理意见，我单位将积极配合落实。", _aware(day, 16)
        if target == S.IN_PROGRESS:
            return
        # the answer: on time mostly; late on purpose for some
        if it.answered:
            answer_day = it.answered
        elif rng.random() < 0.06 or it.late:
            answer_day = due + dt.timedelta(days=rng.randint(3, 20))
        else:
            answer_day = due - dt.timedelta(days=rng.randint(0, 40))
        answer_day = max(min(answer_day, self.today - dt.timedelta(days=1)), start + dt.timedelta(days=20))
        self._replies(p, it, answering, cos, answer_day, 1, rows)
        if target in (S.ANSWER_DRAFTED, S.ANSWER_COSIGNED):
            return
        if target == S.ANSWERED:
            return
        rounds = {S.REHANDLING: 1, S.CLOSED_UNSATISFIED: 3}.get(target, 1)
        for rnd in range(1, rounds + 1):
            last = rnd == rounds
            unhappy = target in (S.REHANDLING, S.CLOSED_UNSATISFIED)
            eval_day = max(min(p.answered_at + dt.timedelta(days=rng.randint(2, 8)), self.now - dt.timedelta(hours=3)),
                           p.answered_at + dt.timedelta(hours=1))
            rating = self._evaluate(p, it, rnd, eval_day, unhappy, rows)
            if unhappy and not (last and target == S.CLOSED_UNSATISFIED):
                new_due = workdays.due_date(timezone.localdate(eval_day), {"months": 1})
                for a in answering:
                    a.state, a.due_date = AS.ACCEPTED, new_due
                p.rehandle_rounds, p.due_date, p.evaluation_result = rnd, new_due, ""
                self._event(p, eval_day, "proposal.rehandle",
                            f"重新办理（第{rnd}轮）：{'、'.join(a.unit.name for a in answering)}。提案者对答复不满意。",
                            None, {"from": S.ANSWERED, "to": S.REHANDLING})
                if target == S.REHANDLING:
                    return
                again = min(timezone.localdate(eval_day) + dt.timedelta(days=rng.randint(15, 28)), self.today - dt.timedelta(days=1))
                self._replies(p, it, answering, cos, again, rnd + 1, rows)
                continue
            p.evaluation_result = rating
            if target == S.CLOSED_UNSATISFIED:
                closed = eval_day + dt.timedelta(days=rng.randint(5, 15))
                p.closed_at = min(closed, self.now - dt.timedelta(hours=1))
                self._event(p, p.closed_at, "proposal.close_unsatisfied",
                            "不满意办结：已重新办理两轮，提案者仍不满意，写入年度提案办理情况报告。", staff,
                            {"from": S.EVALUATED, "to": S.CLOSED_UNSATISFIED})
                return
            self._event(p, eval_day, "proposal.evaluate", f"评价完成：{RT(rating).label}", None,
                        {"from": S.ANSWERED, "to": S.EVALUATED})
            if target == S.EVALUATED:
                return
            closed = min(eval_day + dt.timedelta(days=rng.randint(5, 20)), self.now - dt.timedelta(hours=1))
            p.closed_at = closed
            self._event(p, closed, "proposal.close", "办结", staff, {"from": S.EVALUATED, "to": S.CLOSED})

    def _replies(self, p, it, answering, cos, day: dt.date, rnd: int, rows) -> None:
        rng, target = self.rng, it.status
        classes = []
        at = _aware(day, rng.randint(9, 16), rng.randint(0, 59))
        for a in answering:
            cls = rng.choices(["A", "B", "C"], weights=[62, 30, 8])[0] if rnd == 1 else rng.choice(["A", "B"])
            salutation = f"尊敬的{p.lead_member.name}委员" if p.lead_member_id else (
                p.proposer_org.name if p.proposer_org_id else "尊敬的委员")
            if target == S.ANSWER_DRAFTED:
                state = Reply.State.COSIGNING
            elif target == S.ANSWER_COSIGNED:
                state = Reply.State.AUDITING
            else:
                state = Reply.State.PUBLISHED
            reply = Reply(assignment=a, round=rnd, doc_number=self._doc_number(a.unit, day.year), result_class=cls,
                          proposed_class=cls, salutation=salutation, body=self._reply_body(p, it.topic, cls, salutation),
                          signer=self._person(), signer_level="principal" if p.is_key else "deputy",
                          contact_person=self._person(), contact_phone=f"0355-{rng.randint(2020000, 2199999)}",
                          cc="市政协提案委员会；市政府督查室", state=state, signed_at=at - dt.timedelta(days=1),
                          published_at=at if state == Reply.State.PUBLISHED else None,
                          follow_up_open=cls == "B" and state == Reply.State.PUBLISHED and rng.random() < 0.5)
            if reply.follow_up_open is False and cls == "B" and state == Reply.State.PUBLISHED:
                reply.follow_up_report = f"[{(day + dt.timedelta(days=90)).isoformat()}] 相关项目已建成投用，问题已解决。"
            reply._stamps = {"created_at": at - dt.timedelta(days=3), "updated_at": at}
            rows["reply"].append(reply)
            a.state = AS.REPLIED
            a._reply_rows = getattr(a, "_reply_rows", []) + [reply]
            p._replies = getattr(p, "_replies", []) + [reply]
            classes.append(cls)
        submitted_at = at - dt.timedelta(days=2 if cos else 1)
        self._event(p, submitted_at, "proposal.submit_answer", "答复已报送，进入会签" if cos else "答复已报送",
                    None, {"from": S.IN_PROGRESS if rnd == 1 else S.REHANDLING, "to": S.ANSWER_DRAFTED})
        if target == S.ANSWER_DRAFTED:
            return
        for co in cos:
            for reply in [r for a in answering for r in a._reply_rows if r.round == rnd]:
                cs = CoSign(reply=reply, assignment=co, note="同意")
                cs._stamps = {"signed_at": at - dt.timedelta(days=1)}
                rows["cosign"].append(cs)
        self._event(p, at - dt.timedelta(days=1), "proposal.cosign",
                    "会办单位均已会签，送督办审核" if cos else "无会办单位，答复直接送督办审核", None,
                    {"from": S.ANSWER_DRAFTED, "to": S.ANSWER_COSIGNED})
        if target == S.ANSWER_COSIGNED:
            return
        government = all(a.unit.system == "government" for a in answering)
        p.answered_at, p.result_class = at, max(classes)
        self._event(p, at, "proposal.audit", "督办审核通过，答复已送达提案者", self.sup if government else self.staff,
                    {"from": S.ANSWER_COSIGNED, "to": S.ANSWERED})

    def _evaluate(self, p, it, rnd: int, when: dt.datetime, unhappy: bool, rows) -> str:
        rng = self.rng
        replies = [r for r in p._replies if r.round == rnd]
        worst = RT.SATISFIED
        for reply in replies:
            if unhappy:
                rating = RT.UNSATISFIED
            else:
                weights = {"A": [88, 12, 0], "B": [60, 38, 2], "C": [30, 62, 8]}[reply.result_class]
                rating = rng.choices([RT.SATISFIED, RT.BASIC, RT.UNSATISFIED], weights=weights)[0]
                if rating == RT.UNSATISFIED and p.rehandle_rounds == 0:
                    rating = RT.BASIC  # a 领衔人's 不满意 would have started 重新办理
            comment = rng.choice(EVAL_COMMENTS[rating])
            lead = Evaluation(reply=reply, member=p.lead_member if not p.proposer_org_id else None,
                              org=p.proposer_org if p.proposer_org_id else None, is_lead=True, rating=rating, comment=comment)
            lead._stamps = {"at": when}
            rows["evaluation"].append(lead)
            for ms in it.cosigners:
                if rng.random() < 0.7:
                    e = Evaluation(reply=reply, member=ms.member, is_lead=False, rating=RT.SATISFIED if rating != RT.UNSATISFIED
                                   else RT.BASIC, comment="")
                    e._stamps = {"at": when + dt.timedelta(hours=rng.randint(1, 48))}
                    rows["evaluation"].append(e)
            worst = max(worst, rating, key=[RT.SATISFIED, RT.BASIC, RT.UNSATISFIED].index)
        return worst

    def _bulk(self, model, objs: list, stamp_fields: list[str]) -> None:
        if not objs:
            return
        model.objects.bulk_create(objs, batch_size=500)
        if stamp_fields:
            for o in objs:
                for f, v in getattr(o, "_stamps", {}).items():
                    setattr(o, f, v)
            model.objects.bulk_update(objs, stamp_fields, batch_size=500)

    def _flush(self, rows) -> None:
        # the proposals' fields changed along their lifecycle: write them back
        props = list({id(p): p for p, *_ in self.events}.values())
        for p in props:
            for f, v in p._stamps.items():
                setattr(p, f, v)
        Proposal.objects.bulk_update(props, ["status", "decision", "decided_at", "decision_reason", "decision_text",
                                             "assigned_at", "due_date", "answered_at", "result_class", "evaluation_result",
                                             "rehandle_rounds", "closed_at", "created_at", "updated_at"], batch_size=500)
        self._bulk(CoSigner, rows["cosigner"], [])
        Proposal.suggested_units.through.objects.bulk_create(rows["units"], batch_size=500)
        self._bulk(ReviewDecision, rows["decision"], ["at"])
        self._bulk(Assignment, rows["assignment"], ["created_at", "updated_at"])
        self._bulk(Contact, rows["contact"], [])
        self._bulk(Reply, rows["reply"], ["created_at", "updated_at"])
        self._bulk(CoSign, rows["cosign"], ["signed_at"])
        self._bulk(Evaluation, rows["evaluation"], ["at"])
        self._links(rows["link"])
        self.created["交办"] += len(rows["assignment"])
        self.created["答复"] += len(rows["reply"])
        self.created["评价"] += len(rows["evaluation"])
        self.created["办理协商"] += len(rows["contact"])
        ct = ContentType.objects.get_for_model(Proposal)
        events = [Event(cppcc=self.city, content_type=ct, object_id=str(p.pk), verb=verb, message=msg[:500], actor=actor,
                        data=data) for p, _at, verb, msg, actor, data in self.events]
        Event.objects.bulk_create(events, batch_size=500)
        for e, (_p, at, *_rest) in zip(events, self.events, strict=True):
            e.at = at
        Event.objects.bulk_update(events, ["at"], batch_size=500)
        self.created["流转记录"] += len(events)
        self.events = []

    def _links(self, pairs) -> None:
        from zhengxie.links.models import Link

        if not pairs:
            return
        ct = ContentType.objects.get_for_model(Proposal)
        links = [Link(cppcc=self.city, kind=Link.Kind.MERGED, source_type=ct, source_id=str(p.pk), target_type=ct,
                      target_id=str(target.pk), note="审查并案", created_by=self.staff) for p, target, _at in pairs]
        Link.objects.bulk_create(links, batch_size=500)
        for link, (_p, _t, at) in zip(links, pairs, strict=True):
            link.created_at = at
        Link.objects.bulk_update(links, ["created_at"], batch_size=500)

    # --- the showcase, through the services ---------------------------------------------------------------

    def _showcase(self) -> None:
        """Proposals that give every demo role work waiting, driven through the services (real timelines and
        notifications); the few dates the services cannot set in the past are adjusted afterwards."""
        from . import services

        u, today = self.users, self.today
        member, standing, org_user, staff, edu, sup = (u["member"], u["standing_member"], u["org_submitter"], self.staff,
                                                       u["handling_unit"], self.sup)
        actor = self.unit_actor
        topics = {t.name: t for t in TOPICS}
        league = Organisation.objects.get(cppcc=self.city, kind=K.PARTY, name="民盟长治市委员会")
        review = services.review_meeting_create(
            meeting=self.m2026, by=staff, date=today, title=f"提案委员会主任会议（{today.year}年{today.month}月平时提案审查）",
            participants="提案委员会主任、副主任及委员；提案委办公室工作人员",
            invited="市政府督查室负责同志", opinions="对本月收到的平时提案逐件研究，作出审查决定。")
        made: list[Proposal] = []

        def draft(by, topic, *, title=None, ptype=ProposerType.INDIVIDUAL, **kw) -> Proposal:
            text = self._text(topics[topic])
            if title:
                text["title"] = title
            if ptype == ProposerType.PARTY_ORG:
                kw.update(proposer_org=league, has_seal=True)
            p = services.proposal_create(by=by, proposer_type=ptype, meeting=self.m2026, consent_to_sqmy=True,
                                         suggested_unit_ids=[self.units[topics[topic].units[0]].pk], **text, **kw)
            made.append(p)
            return p

        def received(by, topic, **kw) -> Proposal:
            return services.proposal_submit(proposal=draft(by, topic, **kw), by=by)

        def filed(by, topic, **kw) -> Proposal:
            p = services.proposal_pre_review(proposal=received(by, topic, **kw), by=staff)
            return services.proposal_decide(proposal=p, decision=A.FILE, by=staff, review=review)

        def assigned(by, topic, plan, due=None, **kw) -> Proposal:
            p = filed(by, topic, **kw)
            return services.proposal_assign(proposal=p, by=staff, due_date=due,
                                            plan=[(self.units[name].pk, role) for name, role in plan])

        def handling(by, topic, plan, due=None, **kw) -> Proposal:
            p = assigned(by, topic, plan, due, **kw)
            for name, _role in plan:
                p = services.assignment_accept(proposal=p, by=actor[name])
            return p

        def answer(p, unit, cls="A", *, submit=True) -> Proposal:
            topic = next(t for t in TOPICS if p.title in t.titles)
            salutation = f"尊敬的{p.lead_member.name}委员" if p.lead_member_id else p.proposer_org.name
            services.reply_save(proposal=p, by=actor[unit], body=self._reply_body(p, topic, cls, salutation),
                                proposed_class=cls, doc_number=self._doc_number(self.units[unit], today.year),
                                salutation=salutation, signer=self._person(), signer_level="deputy",
                                contact_person=self._person(), contact_phone=f"0355-{self.rng.randint(2020000, 2199999)}",
                                cc="市政协提案委员会；市政府督查室")
            services.reply_sign(proposal=p, by=actor[unit])
            return services.reply_submit(proposal=p, by=actor[unit]) if submit else p

        def meet(p, unit, way=Contact.Way.FACE):
            services.contact_add(proposal=p, by=actor[unit], date=today, stage=Contact.Stage.BEFORE, way=way,
                                 note=CONTACT_NOTES[0] if way == Contact.Way.FACE else CONTACT_NOTES[1])

        sole_edu = [("市教育局", R.SOLE)]
        # 委员 (the `member` login): a draft, a joint one waiting for the 常委, one returned, one answered, one closed
        draft(member, "特优农业", title="关于打造上党特优农产品区域公用品牌的建议")
        p = draft(member, "文旅融合", title="关于推动太行山文旅融合发展的建议", ptype=ProposerType.JOINT,
                  cosigner_ids=[standing.member.pk])
        services.proposal_submit(proposal=p, by=member)
        p = services.proposal_pre_review(proposal=received(member, "城市停车", title="关于缓解城区停车难问题的建议"), by=staff)
        services.proposal_decide(proposal=p, decision=A.RETURN, by=staff, review=review,
                                 text="请补充医院、学校周边停车泊位缺口的具体数据，并细化建议后重新提交。")
        p = handling(member, "义务教育", sole_edu, title="关于推进义务教育优质均衡发展的建议")
        meet(p, "市教育局")
        p = answer(p, "市教育局", "B")
        services.reply_audit(proposal=p, by=sup)
        p = handling(member, "老旧小区改造", [("市住房和城乡建设局", R.SOLE)], title="关于老旧小区加装电梯的建议")
        meet(p, "市住房和城乡建设局")
        p = services.reply_audit(proposal=answer(p, "市住房和城乡建设局", "A"), by=sup)
        p = services.evaluation_submit(proposal=p, by=member, rating=RT.SATISFIED, comment="办理认真，加装电梯补助政策已落地。")
        services.proposal_close(proposal=p, by=staff)
        # 提案委 queues: received, under review, filed (to 交办), a dispute, an extension request, answered past the
        # evaluation window (to close), evaluated (to close)
        received(standing, "养老服务", title="关于发展农村互助养老的建议")
        services.proposal_pre_review(proposal=received(standing, "工业固废", title="关于推进工业固废综合利用的建议"), by=staff)
        filed(standing, "营商环境", title="关于深化“一件事一次办”改革的建议")
        p = assigned(standing, "城市停车", sole_edu, title="关于规范非机动车停放管理的建议")
        services.assignment_dispute(proposal=p, by=edu, reason="所提非机动车停放管理不属于我局职责，建议交由市城市管理局办理。")
        p = handling(standing, "职业教育", sole_edu, title="关于深化产教融合办好职业教育的建议")
        services.extension_request(proposal=p, by=edu, days=30, reason="需会同市人力资源和社会保障局开展校企合作专题调研，申请延期30天。")
        p = handling(standing, "高标准农田", [("市农业农村局", R.SOLE)], title="关于加强高标准农田建后管护的建议")
        meet(p, "市农业农村局", Contact.Way.PHONE)
        p = services.reply_audit(proposal=answer(p, "市农业农村局", "A"), by=sup)
        long_ago = self.now - dt.timedelta(days=40)
        Proposal.objects.filter(pk=p.pk).update(answered_at=long_ago)
        Reply.objects.filter(assignment__proposal=p).update(published_at=long_ago)
        p = handling(standing, "农村人居环境", [("市住房和城乡建设局", R.SOLE)], title="关于加强农村户厕改造后续管护的建议")
        p = services.reply_audit(proposal=answer(p, "市住房和城乡建设局", "B"), by=sup)
        services.evaluation_submit(proposal=p, by=standing, rating=RT.BASIC, comment="希望加快管护服务站建设进度。")
        # 集体提案 of 民盟: one waiting for 市教育局 to sign for it, one answered waiting for the 民盟's evaluation
        assigned(org_user, "校园安全", sole_edu, title="关于加强中小学生心理健康教育的建议", ptype=ProposerType.PARTY_ORG)
        p = handling(org_user, "特优农业", [("市农业农村局", R.SOLE)], title="关于做强沁州黄小米产业的建议",
                     ptype=ProposerType.PARTY_ORG)
        services.reply_audit(proposal=answer(p, "市农业农村局", "B"), by=sup)
        # 市教育局: due soon, overdue, a reply to co-sign as 会办 unit, one to handle again
        handling(member, "校园安全", sole_edu, due=today + dt.timedelta(days=6), title="关于做好中小学课后服务的建议")
        p = handling(standing, "义务教育", sole_edu, title="关于缓解城区学校大班额问题的建议")
        self._overdue(p, today - dt.timedelta(days=4))
        p = handling(member, "就业创业", [("市人力资源和社会保障局", R.LEAD), ("市教育局", R.CO)],
                     title="关于促进高校毕业生本地就业的建议")
        services.co_opinion_submit(proposal=p, by=edu, text="我局将把高校毕业生就业指导纳入职业院校教学计划，配合主办单位落实。")
        answer(p, "市人力资源和社会保障局", "B")
        p = handling(member, "义务教育", sole_edu, title="关于加强乡村教师队伍建设的建议")
        meet(p, "市教育局")
        p = services.reply_audit(proposal=answer(p, "市教育局", "C"), by=sup)
        services.evaluation_submit(proposal=p, by=member, rating=RT.UNSATISFIED,
                                   comment="答复未回应乡村教师周转宿舍建设的具体建议，请重新办理。")
        # 政府督查室: government units' replies to audit
        p = handling(standing, "职业教育", sole_edu, title="关于加强技能人才培养的建议")
        answer(p, "市教育局", "A")
        p = handling(member, "乡村振兴", [("市农业农村局", R.LEAD), ("市住房和城乡建设局", R.CO)],
                     title="关于推进和美乡村建设的建议")
        services.co_opinion_submit(proposal=p, by=actor["市住房和城乡建设局"], text="农房风貌管控部分由我局负责，意见已提供主办单位。")
        p = answer(p, "市农业农村局", "B")
        services.reply_cosign(proposal=p, by=actor["市住房和城乡建设局"], note="同意答复意见")
        self.created["提案"] += len(made)

    def _overdue(self, p: Proposal, due: dt.date) -> None:
        """Move a showcase proposal's due date into the past (the services only accept future due dates)."""
        Assignment.objects.filter(proposal=p).update(due_date=due)
        Proposal.objects.filter(pk=p.pk).update(due_date=due)
        ct = ContentType.objects.get_for_model(Proposal)
        for e in Event.objects.filter(content_type=ct, object_id=str(p.pk), verb="proposal.assign"):
            e.message = e.message.split("，办理期限")[0] + f"，办理期限{due.year}年{due.month}月{due.day}日"
            e.save(update_fields=["message"])


FILED_LIKE = frozenset({S.FILED, S.ASSIGNED, S.REASSIGNING, S.IN_PROGRESS, S.ANSWER_DRAFTED, S.ANSWER_COSIGNED, S.ANSWERED,
                        S.EVALUATED, S.REHANDLING, S.CLOSED, S.CLOSED_UNSATISFIED})


def seed(cppcc, rng: random.Random | None = None) -> Counter:
    """Write the 提案 demo of the city 政协 `cppcc` (idempotent). Returns what was created, by Chinese label."""
    return ProposalDemo(cppcc, rng or random.Random(20230302)).run()
