import pytest
from django.db import transaction

from zhengxie import textindex
from zhengxie.accounts.models import Organisation
from zhengxie.textindex.models import IndexEntry

from .conftest import CORPUS, GOV, OFFICE, OTHER, UNIT


def names(results):
    by_id = Organisation.objects.in_bulk([oid for oid, _ in results])
    return [by_id[oid].name for oid, _ in results]


def found(query, cppcc, **kw):
    return set(names(textindex.search(Organisation, query, cppcc=cppcc, **kw)))


def test_a_two_character_query_finds_every_record_that_contains_it(corpus, city):
    assert found("光伏", city) == {"市能源局", "光伏产业发展服务中心", "上党区人民政府"}
    assert found("医保", city) == {"市医疗保障局"}


def test_a_four_character_query_finds_the_records_with_that_phrase(corpus, city):
    assert found("乡村振兴", city) == {"市农业农村局", "市乡村振兴局"}
    assert found("老旧小区", city) == {"市住房和城乡建设局", "提案委员会办公室"}


def test_a_phrase_query_does_not_match_its_characters_scattered_over_the_text(corpus, city):
    # 市住房和城乡建设局 has 老旧 and 小区 but 潞州区 only 老旧街区: the phrase must be contiguous.
    assert "潞州区人民政府" not in found("老旧小区", city)


def test_a_word_inside_a_longer_compound_is_found(corpus, city):
    # jieba keeps 高标准农田 as one dictionary word; its parts are still found.
    assert found("农田", city) == {"市农业农村局", "上党区人民政府", "市水利局"}
    assert found("标准", city) == {"市农业农村局", "上党区人民政府"}
    # and a pair of characters across a word boundary (区 | 改造) too
    assert found("区改", city) == {"市住房和城乡建设局"}


def test_a_single_character_finds_every_record_containing_it(corpus, city):
    expected = {name for name, duty, *_ in CORPUS if "煤" in name + duty}
    assert found("煤", city) == expected == {"市工业和信息化局"}
    expected = {name for name, duty, *_ in CORPUS if "林" in name + duty}
    assert found("林", city) == expected


def test_every_two_and_four_character_substring_finds_exactly_the_records_containing_it(corpus, city):
    texts = {name: name + "\n" + duty for name, duty, *_ in CORPUS}
    queries = set()
    for text in texts.values():
        for run in "".join(c if "\u4e00" <= c <= "\u9fff" else " " for c in text).split():
            queries.update(run[i : i + 2] for i in range(len(run) - 1))
            queries.update(run[i : i + 4] for i in range(0, len(run) - 3, 3))
    misses = []
    for query in sorted(queries):
        expected = {name for name, text in texts.items() if query in text}
        if found(query, city) != expected:
            misses.append(query)
    assert len(queries) > 500
    assert misses == []


def test_the_record_with_the_word_in_its_name_ranks_first(corpus, city):
    assert names(textindex.search(Organisation, "乡村振兴", cppcc=city))[0] == "市乡村振兴局"
    assert names(textindex.search(Organisation, "光伏", cppcc=city))[0] == "光伏产业发展服务中心"


def test_several_words_must_all_match(corpus, city):
    assert found("城中村 老旧", city) == {"市住房和城乡建设局", "潞州区人民政府"}
    assert found("老旧小区 城中村", city) == {"市住房和城乡建设局"}
    assert found("上党区高标准农田", city) == {"上党区人民政府"}
    assert found("光伏 教育", city) == set()


def test_a_proposal_number_is_found_with_or_without_its_wording(corpus, city):
    assert found("0123", city) == {"提案委员会办公室"}
    assert found("第0123号", city) == {"提案委员会办公室"}
    assert found("第０１２３号", city) == {"提案委员会办公室"}
    assert found("123", city) == {"提案委员会办公室"}
    assert found("0124", city) == set()


def test_facets_narrow_the_results(corpus, city):
    assert found("老旧小区", city, facets={"kind": OFFICE}) == {"提案委员会办公室"}
    assert found("光伏", city, facets={"system": OTHER}) == {"光伏产业发展服务中心"}
    assert found("光伏", city, facets={"system": [OTHER, GOV]}) == {"市能源局", "光伏产业发展服务中心", "上党区人民政府"}
    assert found("光伏", city, facets={"system": GOV, "kind": UNIT}) == {"市能源局", "上党区人民政府"}
    assert found("光伏", city, facets={"system": []}) == set()
    assert found("光伏", city, facets={"system": "judicial"}) == set()


def test_another_cppccs_records_are_never_returned(city, county, make_indexed):
    mine = make_indexed(city, "市能源局", "负责光伏产业规划。")
    theirs = make_indexed(county, "县能源局", "负责光伏产业规划。")
    assert textindex.search(Organisation, "光伏", cppcc=city) and found("光伏", city) == {"市能源局"}
    assert found("光伏", county) == {"县能源局"}
    assert [o.pk for o in textindex.search_queryset(Organisation.objects.filter(cppcc=county), "光伏")] == [theirs.pk]
    ranked_elsewhere = textindex.search_queryset(Organisation.objects.all(), "光伏", cppcc=city)
    assert list(ranked_elsewhere.filter(cppcc=city)) == [mine]


def test_a_search_without_a_cppcc_is_refused(corpus):
    with pytest.raises(ValueError, match="必须指定所属政协"):
        textindex.search(Organisation, "光伏", cppcc=None)


def test_updating_a_record_reindexes_it(corpus, city):
    org = corpus["市能源局"]
    org.duty = "负责煤层气开发利用。"
    org.save()
    textindex.index(org)
    assert "市能源局" not in found("光伏发电", city)
    assert "市能源局" not in found("光伏", city)
    assert found("煤层气", city) == {"市能源局"}
    assert IndexEntry.objects.filter(object_id=org.pk).count() == 1


def test_a_change_of_state_alone_updates_the_facets_and_leaves_the_text_as_it_was(corpus, city):
    org = corpus["市能源局"]
    entry = IndexEntry.objects.get(object_id=org.pk)
    assert textindex.index(org) is None  # nothing changed: nothing written
    org.system = OTHER
    org.save()
    assert textindex.index(org) is None  # the text is the same: only the facets were updated
    after = IndexEntry.objects.get(object_id=org.pk)
    assert after.facets["system"] == str(OTHER) and after.tokens_c == entry.tokens_c
    assert "市能源局" in found("光伏", city, facets={"system": OTHER})
    assert "市能源局" not in found("光伏", city, facets={"system": GOV})
    org.duty = "负责煤层气开发利用。"
    org.save()
    assert textindex.index(org) is not None
    assert found("煤层气", city, facets={"system": OTHER}) == {"市能源局"}


def test_indexing_refreshes_an_entry_another_process_created_after_the_lookup(corpus, city, monkeypatch):
    from zhengxie.textindex import services

    org = corpus["市能源局"]
    real, calls = services._current, []

    def missed_once(*args):  # the first lookup misses: another process creates the entry just after it
        calls.append(args)
        return None if len(calls) == 1 else real(*args)

    monkeypatch.setattr(services, "_current", missed_once)
    org.duty = "负责煤层气开发利用。"
    org.save()
    assert textindex.index(org) is not None and len(calls) == 2
    assert found("煤层气", city) == {"市能源局"} and IndexEntry.objects.filter(object_id=org.pk).count() == 1


def test_removing_a_record_takes_it_out_of_the_results(corpus, city):
    org = corpus["市医疗保障局"]
    assert textindex.remove(org) == 1
    org.delete()
    assert found("医保", city) == set()
    assert not IndexEntry.objects.filter(object_id=org.pk).exists()
    assert textindex.remove(Organisation, 999999) == 0


def test_search_queryset_keeps_the_callers_scope_and_orders_by_relevance(corpus, city):
    scoped = Organisation.objects.filter(cppcc=city, system=GOV)
    result = textindex.search_queryset(scoped, "乡村振兴", cppcc=city)
    assert [o.name for o in result] == ["市乡村振兴局", "市农业农村局"]
    assert result.count() == 2
    only_units = Organisation.objects.filter(cppcc=city, kind=OFFICE)
    assert [o.name for o in textindex.search_queryset(only_units, "老旧小区")] == ["提案委员会办公室"]
    with_facet = textindex.search_queryset(Organisation.objects.filter(cppcc=city), "光伏", facets={"system": GOV})
    assert set(with_facet.values_list("name", flat=True)) == {"市能源局", "上党区人民政府"}


def test_search_queryset_returns_all_matches_beyond_the_ranked_ones(corpus, city, monkeypatch):
    from zhengxie.textindex import selectors

    monkeypatch.setattr(selectors, "RANKED", 1)
    result = textindex.search_queryset(Organisation.objects.filter(cppcc=city), "负责")
    expected = {name for name, duty, *_ in CORPUS if "负责" in duty}
    assert set(result.values_list("name", flat=True)) == expected
    assert result.count() == len(expected)


@pytest.mark.parametrize("ranked", [1, 3, 200])
@pytest.mark.parametrize("per_page", [1, 4, 50])
def test_search_page_pages_exactly_what_search_queryset_orders(corpus, city, monkeypatch, ranked, per_page):
    """The list pages use search_page: every page holds the rows search_queryset puts there, in the same order."""
    from zhengxie.textindex import selectors

    monkeypatch.setattr(selectors, "RANKED", ranked)
    scoped = Organisation.objects.filter(cppcc=city).order_by("name")
    for query in ("负责", "乡村振兴", "光伏", "没有这个词"):
        expected = list(textindex.search_queryset(scoped, query, cppcc=city).values_list("pk", flat=True))
        pages, number = [], 1
        while True:
            page = textindex.search_page(scoped, query, number=number, per_page=per_page, cppcc=city)
            assert page.paginator.count == len(expected)
            pages += list(page.object_list)
            if not page.has_next():
                break
            number += 1
        assert pages == expected, query


@pytest.mark.parametrize("limit", [1, 3, 1000])
def test_search_page_counts_up_to_the_limit_and_says_when_there_are_more(corpus, city, monkeypatch, limit):
    from zhengxie.textindex import selectors

    monkeypatch.setattr(selectors, "COUNT_LIMIT", limit)
    scoped = Organisation.objects.filter(cppcc=city).order_by("name")
    expected = list(textindex.search_queryset(scoped, "负责", cppcc=city).values_list("pk", flat=True))
    assert len(expected) > 3
    page = textindex.search_page(scoped, "负责", number=1, per_page=2, cppcc=city)
    assert page.paginator.count == min(limit, len(expected))
    assert page.count_capped is (len(expected) > limit)
    last = textindex.search_page(scoped, "负责", number=10_000, per_page=2, cppcc=city)  # past the end: the last page
    assert list(last.object_list) == expected[:page.paginator.count][(last.number - 1) * 2:last.number * 2]
    assert textindex.search_page(scoped, "没有这个词", number=1, per_page=2, cppcc=city).count_capped is False


def test_search_page_keeps_the_callers_scope(corpus, city):
    only_government = Organisation.objects.filter(cppcc=city, system=GOV)
    page = textindex.search_page(only_government, "负责", number=1, per_page=100, cppcc=city)
    names = set(Organisation.objects.filter(pk__in=page.object_list).values_list("name", flat=True))
    assert names and "提案委员会办公室" not in names
    assert names == {name for name, duty, _kind, system in CORPUS if "负责" in duty and system == GOV}


def test_indexing_on_commit_happens_only_when_the_transaction_commits(org_search, city, django_capture_on_commit_callbacks):
    from zhengxie.core.testing import make_org

    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                org = make_org(city, "市光伏办", Organisation.Kind.OFFICE, duty="光伏扶贫")
                textindex.index_on_commit(org)
                raise RuntimeError("写入失败")
        except RuntimeError:
            pass
    assert found("光伏", city) == set()

    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            org = make_org(city, "市光伏办", Organisation.Kind.OFFICE, duty="光伏扶贫")
            textindex.index_on_commit(org)
    assert found("光伏", city) == {"市光伏办"}

    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            textindex.remove_on_commit(org)
            org.delete()
    assert found("光伏", city) == set()
    assert not IndexEntry.objects.exists()


@pytest.mark.parametrize("query", ["", "   ", None, "，。！？", "……", "“”《》", "---", "***"])
def test_empty_or_punctuation_only_queries_return_nothing(corpus, city, query):
    assert textindex.search(Organisation, query, cppcc=city) == []
    assert not textindex.search_queryset(Organisation.objects.filter(cppcc=city), query).exists()


@pytest.mark.parametrize(
    "query",
    ['"', '光伏"', '"光伏', "光伏*", "*", "光伏:*", "a:b", "光伏 & 乡村", "光伏 | 教育", "(光伏", "光伏)", "-光伏",
     "!光伏", "NEAR(光伏 乡村)", "光伏 NEAR 乡村", "光伏 AND", "OR", "NOT 光伏", "光伏' OR '1'='1", "'; DROP TABLE x; --",
     "\\", "^光伏", "光伏 <-> 产业", "tokens_a:光伏", "{tokens_a}: 光伏", "%", "_光伏_"],
)
def test_search_syntax_characters_in_a_query_are_plain_text(corpus, city, query):
    assert isinstance(textindex.search(Organisation, query, cppcc=city), list)
    assert isinstance(list(textindex.search_queryset(Organisation.objects.filter(cppcc=city), query)), list)
    assert isinstance(textindex.similar(Organisation, query, cppcc=city), list)


@pytest.mark.parametrize("query", ['光伏"', '"光伏"', "光伏*", "光伏:*", "(光伏)", "-光伏", "!光伏", "^光伏", "_光伏_", "【光伏】"])
def test_a_word_wrapped_in_syntax_characters_is_still_found(corpus, city, query):
    assert found(query, city) == {"市能源局", "光伏产业发展服务中心", "上党区人民政府"}


def test_similar_items_share_the_most_keywords(corpus, city):
    text = "建议加快发展光伏产业，推广分布式光伏发电，带动新能源项目落地。"
    results = names(textindex.similar(Organisation, text, cppcc=city))
    assert results[0] == "市能源局"
    assert "光伏产业发展服务中心" in results
    assert "市能源局" not in names(textindex.similar(Organisation, text, cppcc=city, exclude=corpus["市能源局"]))
    assert textindex.similar(Organisation, "，。", cppcc=city) == []


def test_similar_items_stay_within_the_cppcc(city, county, make_indexed):
    make_indexed(county, "县能源局", "负责光伏产业规划。")
    assert textindex.similar(Organisation, "光伏产业规划", cppcc=city) == []


def test_reindex_rebuilds_entries_from_the_records(corpus, city, county, make_indexed):
    make_indexed(county, "县教育局", "负责义务教育。")
    Organisation.objects.filter(name="市教育局").update(duty="负责托育服务。")  # behind the index's back
    assert textindex.reindex(Organisation, cppcc=city) == len(CORPUS)
    assert found("托育", city) == {"市教育局"}
    assert found("义务教育", city) == set()
    assert found("义务教育", county) == {"县教育局"}  # the other 政协 was left alone
    assert textindex.reindex(Organisation) == len(CORPUS) + 1
    assert IndexEntry.objects.count() == len(CORPUS) + 1
    assert found("托育", city) == {"市教育局"}


def test_unregistered_models_cannot_be_searched(db, city):
    with pytest.raises(LookupError, match="未登记全文检索"):
        textindex.search(Organisation, "光伏", cppcc=city)


def test_a_common_word_ranks_the_name_match_first_even_when_matches_outnumber_the_ranked_candidates(
        city, make_indexed, monkeypatch):
    # PostgreSQL ranks a large result set in two steps (candidates by the name vector, then the full vector)
    from zhengxie.textindex.backends import PostgresBackend

    monkeypatch.setattr(PostgresBackend, "CANDIDATES", 3)
    named = make_indexed(city, "光伏产业服务中心", "负责企业服务。")
    duties = [make_indexed(city, f"第{i}能源局", "负责光伏规划。" * (i + 1)) for i in range(6)]
    best = textindex.search(Organisation, "光伏", cppcc=city, limit=2)
    assert [oid for oid, _ in best][:1] == [named.pk] and len(best) == 2
    page = textindex.search_page(Organisation.objects.filter(cppcc=city), "光伏", number=1, per_page=20, cppcc=city)
    assert page.paginator.count == 7 and set(page.object_list) == {named.pk, *(o.pk for o in duties)}


def test_long_texts_do_not_widen_the_rows_a_search_reads(city, make_indexed):
    import random

    from django.db import connection

    rng = random.Random(7)
    # about 1.9 KB of tokens and an 8 KB vector per entry: compressed, each row would still fit in a page inline
    chars = [chr(c) for c in range(0x4E00, 0x4E00 + 60)]
    for i in range(40):
        make_indexed(city, f"第{i}单位", "".join(rng.choice(chars) for _ in range(600)) + "光伏")
    assert len(textindex.search(Organisation, "光伏", cppcc=city, limit=50)) == 40
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # by default only each row's vector would go out of line (40 values) and the compressed token text
            # would stay in the row (about 1.7 KB); narrow rows keep both in the TOAST relation
            cursor.execute("SELECT reltoastrelid::regclass::text FROM pg_class WHERE oid = 'textindex_indexentry'::regclass")
            toast = cursor.fetchone()[0]
            cursor.execute(f"SELECT count(DISTINCT chunk_id) FROM {toast}")
            assert cursor.fetchone()[0] >= 2 * 40
        else:
            cursor.execute("SELECT count(*) FROM textindex_fts WHERE textindex_fts MATCH '\"光伏\"'")
            assert cursor.fetchone()[0] == 40
