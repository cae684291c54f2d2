from zhengxie.core.demo.data import COUNTY_HANDLING_UNITS, HANDLING_UNITS
from zhengxie.intelligence.unit_categories import (
    UNIT_CATEGORIES,
    categories_of,
    category_of,
    units_for_category,
)
from zhengxie.intelligence.units import suggest_units

UNITS = [(name, duty) for name, _, duty in HANDLING_UNITS]


def test_every_demo_unit_is_mapped_to_taxonomy_categories(taxonomy):
    level1 = {t[0] for t in taxonomy}
    assert {name for name, _, _ in HANDLING_UNITS} <= set(UNIT_CATEGORIES)
    assert all(set(cats) <= level1 for cats in UNIT_CATEGORIES.values())
    assert all(category_of(name) for name in COUNTY_HANDLING_UNITS)
    assert categories_of("县教育局") == ("教育文体",)


def test_each_of_the_seven_routing_categories_has_main_units():
    for category in ("城乡建设", "教育文体", "劳动和社会保障", "卫生计生", "交通运输", "商贸旅游", "环境保护"):
        assert units_for_category(category, main_only=True), category


def test_the_unit_whose_duty_matches_comes_first_with_the_words_that_led_to_it():
    best = suggest_units("建议加快推进全市老旧小区改造，规范物业管理", UNITS, k=3)[0]
    assert best.unit_id == "市住房和城乡建设局"
    assert "老旧小区" in best.because or "物业管理" in best.because or "物业" in best.because


def test_past_assignments_move_a_unit_up_for_similar_texts():
    text = "关于在城区增设公共自行车租赁点的建议"
    before = [s.unit_id for s in suggest_units(text, UNITS, k=len(UNITS))]
    history = [("城区公共自行车租赁点布局不合理，建议增加站点", "市城市管理局"),
               ("公共自行车租赁卡办理不方便", "市城市管理局"),
               ("建议在高铁站设公共自行车租赁点", "市城市管理局")]
    after = suggest_units(text, UNITS, history, k=len(UNITS))
    rank_after = [s.unit_id for s in after].index("市城市管理局")
    assert rank_after < before.index("市城市管理局")
    assert rank_after == 0
    managed = next(s for s in after if s.unit_id == "市城市管理局")
    assert managed.history_count == 3 and "自行车" in "".join(managed.because)


def test_history_for_unknown_units_is_ignored_and_empty_lists_are_fine():
    assert suggest_units("任何文字", []) == []
    out = suggest_units("养老服务", UNITS[:3], [("养老服务", "不存在的单位")], k=3)
    assert all(s.history_count == 0 for s in out)


def test_a_routed_labelled_message_yields_units_of_its_category(router, split):
    _, test = split
    hits = 0
    for row in test[:20]:
        category = router.rank(row["title"], row["detail"], k=1)[0].label
        names = units_for_category(category, [n for n, _ in UNITS])
        assert names and all(category in categories_of(n) for n in names)
        boost = {n: 0.2 for n in names}
        ranked = suggest_units(row["title"] + "。" + row["detail"], UNITS, k=3, boost=boost)
        assert category in categories_of(ranked[0].unit_id)
        hits += category == row["category"]
    assert hits >= 14
