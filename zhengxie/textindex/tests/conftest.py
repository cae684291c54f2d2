"""Organisation (name + duty) registered for the duration of a test, and a corpus of 长治 units."""
import pytest

from zhengxie import textindex
from zhengxie.accounts.models import Organisation
from zhengxie.core.testing import make_org
from zhengxie.textindex import registry

GOV = Organisation.System.GOVERNMENT
OTHER = Organisation.System.OTHER
UNIT = Organisation.Kind.HANDLING_UNIT
OFFICE = Organisation.Kind.OFFICE

# (name, duty, kind, system): short texts about 长治 topics.
CORPUS = [
    ("市能源局", "负责全市光伏产业规划和新能源项目管理，推进分布式光伏发电。", UNIT, GOV),
    ("光伏产业发展服务中心", "服务企业技术改造和招商引资。", UNIT, OTHER),
    ("市农业农村局", "负责乡村振兴和高标准农田建设，推进农村人居环境整治。", UNIT, GOV),
    ("市乡村振兴局", "统筹巩固拓展脱贫攻坚成果同乡村振兴有效衔接。", UNIT, GOV),
    ("市教育局", "负责义务教育均衡发展、学前教育和职业教育。", UNIT, GOV),
    ("市住房和城乡建设局", "负责老旧小区改造、城中村改造和保障性住房建设。", UNIT, GOV),
    ("市行政审批服务管理局", "优化营商环境，推行一网通办和放管服改革。", UNIT, GOV),
    ("市民政局", "负责养老服务体系建设，发展居家养老和医养结合。", UNIT, GOV),
    ("市医疗保障局", "负责医保基金监管和异地就医直接结算。", UNIT, GOV),
    ("市生态环境局", "负责工业固废污染防治和浊漳河流域生态保护。", UNIT, GOV),
    ("市卫生健康委员会", "推进分级诊疗和家庭医生签约服务。", UNIT, GOV),
    ("市工业和信息化局", "推动煤炭、焦化产业转型发展和数字经济发展。", UNIT, GOV),
    ("市文化和旅游局", "推进太行山文旅融合和全域旅游，保护非物质文化遗产。", UNIT, GOV),
    ("市交通运输局", "负责农村公路建设和城市公交线路优化。", UNIT, GOV),
    ("市水利局", "负责河湖长制落实和农田水利设施建设。", UNIT, GOV),
    ("市自然资源局", "负责国土空间规划和耕地保护。", UNIT, GOV),
    ("市人力资源和社会保障局", "负责高校毕业生就业和职业技能培训。", UNIT, GOV),
    ("市市场监督管理局", "负责食品安全监管和中小企业质量提升。", UNIT, GOV),
    ("市公安局交通警察支队", "负责城市交通拥堵治理和校园周边交通安全。", UNIT, GOV),
    ("市商务局", "负责招商引资和外贸企业服务。", UNIT, GOV),
    ("市财政局", "负责预算管理和政府采购监督。", UNIT, GOV),
    ("市城市管理局", "负责城市管理综合执法和生活垃圾分类。", UNIT, GOV),
    ("市科学技术局", "推进科技创新平台建设和高新技术企业培育。", UNIT, GOV),
    ("市退役军人事务局", "负责退役军人就业安置和优抚工作。", UNIT, GOV),
    ("市体育局", "负责全民健身设施建设和青少年体育。", UNIT, GOV),
    ("市数据局", "推进数字政府建设和政务数据共享。", UNIT, GOV),
    ("潞州区人民政府", "负责潞州区城中村改造和老旧街区更新。", UNIT, GOV),
    ("上党区人民政府", "推进上党区高标准农田建设和光伏电站运维。", UNIT, GOV),
    ("沁源县人民政府", "推进沁源县生态旅游和森林防火。", UNIT, GOV),
    ("武乡县人民政府", "推进红色旅游和小米产业发展。", UNIT, GOV),
    ("市信访局", "负责群众来信来访和矛盾纠纷化解。", UNIT, GOV),
    ("市林业局", "负责太行山绿化和森林资源保护。", UNIT, GOV),
    ("市应急管理局", "负责安全生产监管和防汛抗旱。", UNIT, GOV),
    ("提案委员会办公室", "承办第0123号提案，答复老旧小区加装电梯的问题。", OFFICE, OTHER),
    ("社情民意信息处", "汇总委员反映的社情民意，报送有事来商量议题。", OFFICE, OTHER),
]


def org_document(org):
    return {"name": org.name, "duty": org.duty}


def org_filters(org):
    return {"kind": org.kind, "system": org.system or None}


@pytest.fixture
def org_search(db):
    """Organisation searchable by name (weight A) and duty (weight C), with facets kind and system."""
    label = Organisation._meta.label
    previous = registry._registry.pop(label, None)
    textindex.register(Organisation, fields={"name": "A", "duty": "C"}, document=org_document, filters=org_filters)
    yield Organisation
    registry._registry.pop(label, None)
    if previous is not None:
        registry._registry[label] = previous


@pytest.fixture
def make_indexed(org_search):
    def make(cppcc, name, duty="", kind=UNIT, system=GOV):
        org = make_org(cppcc, name, kind, duty=duty, system=system)
        textindex.index(org)
        return org

    return make


@pytest.fixture
def corpus(city, make_indexed):
    """name → Organisation of the city 政协, all indexed (in bulk, through reindex)."""
    Organisation.objects.bulk_create(
        Organisation(cppcc=city, name=name, duty=duty, kind=kind, system=system) for name, duty, kind, system in CORPUS
    )
    textindex.reindex(Organisation, cppcc=city)
    return {org.name: org for org in Organisation.objects.filter(cppcc=city)}
