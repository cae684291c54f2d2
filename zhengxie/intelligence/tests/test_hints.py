from zhengxie.intelligence.hints import LABELS, reply_hints

PROPOSAL = "关于增加城区公交线路的建议。建议在融科东南海小区门口增加开往东塘方向的公交线路。"


def codes(*args, **kwargs):
    return {h.code for h in reply_hints(*args, **kwargs)}


def test_a_forward_only_reply_gets_every_warning():
    got = reply_hints(PROPOSAL, "您好！您的留言已收悉，已转相关部门处理，谢谢！", None)
    assert {h.code for h in got} == set(LABELS)
    assert all(h.label == LABELS[h.code] for h in got)
    assert "字" in next(h for h in got if h.code == "too_short").detail


def test_a_concrete_reply_with_a_class_gets_no_warning():
    reply = ("经调查，市交通运输局已于3月5日组织公交公司对融科东南海小区周边客流进行了核实。"
             "为方便居民前往东塘方向，已决定将263路公交线路延伸至融科东南海小区门口，"
             "预计于4月1日起开通运营，并在小区门口增设公交站台一处，届时将通过公交公司网站向社会公告。"
             "感谢您对我们工作的支持！")
    assert codes(PROPOSAL, reply, "A") == set()


def test_the_result_class_and_the_length_threshold_are_respected():
    reply = "已将263路延伸至融科东南海小区门口，开往东塘方向，4月1日开通。"
    assert "missing_result" not in codes(PROPOSAL, reply, "A")
    assert "too_short" in codes(PROPOSAL, reply, "A")
    assert "too_short" not in codes(PROPOSAL, reply, "A", min_chars=20)


def test_a_reply_about_something_else_does_not_answer_the_proposal():
    reply = ("经核实，城区道路照明设施已全部完成节能改造，共更换路灯1200盏，"
             "下一步将加强巡查维护，确保夜间照明正常。感谢您的关心。")
    got = reply_hints(PROPOSAL, reply, "B")
    assert "unanswered_points" in {h.code for h in got}
    assert "东塘" in next(h for h in got if h.code == "unanswered_points").detail


def test_agreement_with_the_fifty_hand_labelled_replies(replies, hint_labels):
    """Per-hint precision/recall against our labels; the levels are documented in docs/intelligence.md §5."""
    assert len(hint_labels) == 50
    tp = dict.fromkeys(LABELS, 0)
    fp, fn = dict(tp), dict(tp)
    for row in hint_labels:
        r = replies[row["id"]]
        gold = set(filter(None, row["hints"].split(";")))
        assert gold <= set(LABELS) and row["reason"].strip()
        got = codes(r["detail"], r["reply"], None, proposal_title=r["title"])
        for c in LABELS:
            tp[c] += c in got and c in gold
            fp[c] += c in got and c not in gold
            fn[c] += c in gold and c not in got
    f1 = {}
    for c in LABELS:
        p = tp[c] / (tp[c] + fp[c]) if tp[c] + fp[c] else 0.0
        r = tp[c] / (tp[c] + fn[c]) if tp[c] + fn[c] else 0.0
        f1[c] = 2 * p * r / (p + r) if p + r else 0.0
        assert r >= 0.7, (c, p, r)
        assert f1[c] >= 0.6, (c, p, r)
    assert sum(f1.values()) / len(f1) >= 0.8
