import numpy as np

from zhengxie.intelligence.metrics import topk_accuracy

SEVEN = {"城乡建设", "教育文体", "劳动和社会保障", "卫生计生", "交通运输", "商贸旅游", "环境保护"}


def test_the_router_learns_the_seven_kinds_of_department(router):
    assert set(router.classes_) == SEVEN


def test_held_out_messages_are_routed_well(router, split):
    _, test = split
    s = router.scores([(r["title"], r["detail"]) for r in test])
    truth = [r["category"] for r in test]
    assert topk_accuracy(s, router.classes_, truth, 1) >= 0.75
    assert topk_accuracy(s, router.classes_, truth, 3) >= 0.93


def test_a_ranking_says_which_words_led_to_each_class(router):
    ranked = router.rank("小区旁边的工地夜间施工噪音扰民", "每天晚上挖机施工到凌晨，严重影响居民休息。", k=3)
    assert len(ranked) == 3
    assert ranked[0].score >= ranked[1].score >= ranked[2].score
    assert ranked[0].because and all(len(w) >= 2 for w in ranked[0].because)


def test_taxonomy_pseudo_documents_are_learned_as_class_keywords(router):
    best = router.rank("网约车问题", "", k=1)[0]
    assert best.label == "交通运输"


def test_self_training_uses_unlabelled_texts(split, taxonomy, messages):
    from zhengxie.intelligence.routing import Router

    train, test = split
    r = Router(self_training_per_class=20).fit(
        [(x["title"], x["detail"]) for x in train[::2]], [x["category"] for x in train[::2]],
        taxonomy=taxonomy, unlabeled=[(m["title"], m["detail"]) for m in messages[:400]])
    s = r.scores([(x["title"], x["detail"]) for x in test])
    assert s.shape == (len(test), 7)
    assert np.isfinite(s).all()
