"""Demo 承办单位 (zhengxie/core/demo/data.py) → taxonomy level-1 categories of taxonomy.csv.

The first category is the unit's main one; a unit may answer for more than one kind of matter.
The 7 categories of labeled.csv are 城乡建设, 教育文体, 劳动和社会保障, 卫生计生, 交通运输, 商贸旅游,
环境保护; the other 8 level-1 classes of the taxonomy cover the remaining units.
"""
from __future__ import annotations

UNIT_CATEGORIES: dict[str, tuple[str, ...]] = {
    "市委办公室": ("党务政务",),
    "市委组织部": ("党务政务",),
    "市委宣传部": ("党务政务", "教育文体"),
    "市委统战部": ("党务政务",),
    "市委政法委": ("政法",),
    "市委网信办": ("科技与信息产业",),
    "市委编办": ("党务政务",),
    "市委政研室": ("党务政务",),
    "市委老干部局": ("党务政务",),
    "市纪委监委": ("纪检监察",),
    "市委党校": ("党务政务",),
    "市人大常委会办公室": ("党务政务",),
    "市人民政府办公室": ("党务政务",),
    "市政府督查室": ("党务政务",),
    "市发展和改革委员会": ("经济管理",),
    "市教育局": ("教育文体",),
    "市科学技术局": ("科技与信息产业",),
    "市工业和信息化局": ("科技与信息产业", "经济管理"),
    "市公安局": ("政法", "交通运输"),
    "市民政局": ("民政",),
    "市司法局": ("政法",),
    "市财政局": ("经济管理",),
    "市人力资源和社会保障局": ("劳动和社会保障",),
    "市规划和自然资源局": ("国土资源", "城乡建设"),
    "市生态环境局": ("环境保护",),
    "市住房和城乡建设局": ("城乡建设",),
    "市城市管理局": ("城乡建设",),
    "市交通运输局": ("交通运输",),
    "市水利局": ("农村农业",),
    "市农业农村局": ("农村农业",),
    "市商务局": ("商贸旅游",),
    "市文化和旅游局": ("商贸旅游", "教育文体"),
    "市卫生健康委员会": ("卫生计生",),
    "市退役军人事务局": ("民政",),
    "市应急管理局": ("城乡建设",),
    "市审计局": ("经济管理",),
    "市市场监督管理局": ("商贸旅游", "卫生计生"),
    "市体育局": ("教育文体",),
    "市统计局": ("经济管理",),
    "市医疗保障局": ("劳动和社会保障", "卫生计生"),
    "市能源局": ("经济管理",),
    "市行政审批服务管理局": ("党务政务",),
    "市住房公积金管理中心": ("城乡建设", "劳动和社会保障"),
    "市林业局": ("农村农业", "环境保护"),
    "市国有资产监督管理委员会": ("经济管理",),
    "市信访局": ("党务政务",),
    "市大数据应用局": ("科技与信息产业",),
    "市外事办公室": ("党务政务",),
    "市乡村振兴局": ("农村农业",),
    "市地方金融监督管理局": ("经济管理",),
    "市粮食和物资储备局": ("农村农业",),
    "市中级人民法院": ("政法",),
    "市人民检察院": ("政法",),
    "市总工会": ("党务政务", "劳动和社会保障"),
    "团市委": ("党务政务",),
    "市妇联": ("党务政务",),
    "市科协": ("科技与信息产业",),
    "市残联": ("党务政务", "民政"),
    "市工商联": ("经济管理",),
    "市文联": ("教育文体",),
    "市红十字会": ("卫生计生",),
    "国家税务总局长治市税务局": ("经济管理",),
    "国网长治供电公司": ("城乡建设",),
    "市消防救援支队": ("政法",),
    "市气象局": ("国土资源",),
}


def category_of(unit_name: str) -> str | None:
    """The main category of a unit (county copies 县/区… map like their 市 namesakes)."""
    cats = categories_of(unit_name)
    return cats[0] if cats else None


def categories_of(unit_name: str) -> tuple[str, ...]:
    if unit_name in UNIT_CATEGORIES:
        return UNIT_CATEGORIES[unit_name]
    for prefix in ("县", "区"):
        if unit_name.startswith(prefix) and "市" + unit_name[1:] in UNIT_CATEGORIES:
            return UNIT_CATEGORIES["市" + unit_name[1:]]
    return ()


def units_for_category(category: str, unit_names=None, *, main_only: bool = False) -> list[str]:
    """Units (of `unit_names`, default all mapped ones) that answer for the category, main ones first."""
    names = list(unit_names) if unit_names is not None else list(UNIT_CATEGORIES)
    main = [n for n in names if categories_of(n)[:1] == (category,)]
    if main_only:
        return main
    other = [n for n in names if category in categories_of(n)[1:]]
    return main + other
