from zhengxie.textindex.highlight import highlight
from zhengxie.textindex.tokenize import AnyOf, Phrase, Prefix, index_tokens, keywords_query, parse_query


def test_a_chinese_run_is_stored_as_its_bigrams_and_its_last_character():
    tokens = index_tokens("老旧小区")
    assert tokens[:4] == ["老旧", "旧小", "小区", "区"]


def test_domain_words_come_out_of_jieba_whole():
    tokens = index_tokens("关于推进高标准农田和社情民意工作的建议")
    assert "高标准农田" in tokens
    assert "社情民意" in tokens
    assert "农田" in tokens


def test_numbers_and_latin_are_kept_in_lower_case_and_without_leading_zeros():
    tokens = index_tokens("第０１２３号 提案，涉及5G基站和ABC公司")
    assert {"0123", "123", "5g", "5", "g", "abc"} <= set(tokens)


def test_punctuation_and_whitespace_give_no_tokens():
    assert index_tokens("，。！？“”《》 \n\t---") == []
    assert index_tokens(None) == []


def test_a_short_query_is_one_exact_phrase():
    assert parse_query("乡村振兴").units == [AnyOf((Phrase(("乡村", "村振", "振兴")), Phrase(("乡村振兴",))))]
    assert parse_query("光伏").units == [Phrase(("光伏",))]
    assert parse_query("煤").units == [Prefix("煤")]


def test_a_long_query_is_cut_into_words_that_must_all_match():
    query = parse_query("老旧小区改造和养老服务问题")
    assert query.words == ["老旧小区改造", "养老服务", "问题"]
    assert not query.match_any


def test_a_query_keeps_only_letters_digits_and_chinese():
    assert parse_query('"光伏" AND (乡村*) -教育').words == ["光伏", "and", "乡村", "教育"]
    assert parse_query("第0123号").words == ["0123"]
    assert not parse_query("……——！！")


def test_keywords_of_a_text_leave_out_words_every_proposal_uses():
    query = keywords_query("关于加快推进光伏产业发展的建议：建议完善分布式光伏发电支持政策。")
    assert query.match_any
    assert "光伏产业" in query.words
    assert "建议" not in query.words and "加快" not in query.words


def test_highlight_marks_each_query_word():
    html = highlight("推进老旧小区改造和城中村改造", "老旧小区 改造")
    assert html == "推进<mark>老旧小区改造</mark>和城中村<mark>改造</mark>"


def test_highlight_escapes_the_text():
    html = highlight("<b>光伏</b> & 储能", "光伏")
    assert html == "&lt;b&gt;<mark>光伏</mark>&lt;/b&gt; &amp; 储能"


def test_highlight_matches_full_width_and_upper_case_forms():
    assert highlight("第０１２３号提案", "0123") == "第<mark>０１２３</mark>号提案"
    assert highlight("ABC公司", "abc") == "<mark>ABC</mark>公司"


def test_highlight_without_a_query_only_escapes():
    assert highlight("a<b", "") == "a&lt;b"
    assert highlight(None, "光伏") == ""


def test_highlight_can_cut_an_excerpt_around_the_first_match():
    text = "开头" * 50 + "光伏产业" + "结尾" * 50
    html = highlight(text, "光伏", max_chars=40)
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>光伏</mark>" in html
    assert len(html.replace("<mark>", "").replace("</mark>", "")) == 42
