"""Measure textindex on a throwaway test database: indexing time, query latency, recall.

    .venv/bin/python -m zhengxie.textindex.bench [--n 10000]                       # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/zx_textindex_bench \\
        .venv/bin/python -m zhengxie.textindex.bench                                # PostgreSQL

Texts come from zhengxie.core.bench.texts (seeded), so runs are comparable. Prints Markdown.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import time


def _ms(samples: list[float]) -> str:
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    return f"{statistics.median(samples) * 1000:.1f} / {p95 * 1000:.1f}"


def _jieba_only_found(doc_words: list[set[str]], query: str, tk) -> set[int]:
    words = [w for w in tk.cut_for_search(query) if w.strip()]
    return {i for i, ws in enumerate(doc_words) if all(w in ws for w in words)}


def run(n: int, repeat: int) -> None:
    from django.db import connection

    from zhengxie import textindex
    from zhengxie.accounts.models import Organisation
    from zhengxie.core.bench.texts import SentenceBank
    from zhengxie.core.testing import make_cppcc
    from zhengxie.textindex.tokenize import jieba_tokenizer

    rng = random.Random(20260101)
    bank = SentenceBank(rng)
    city = make_cppcc("city", "测试市政协")
    other = make_cppcc("county-b", "乙县政协", level="county", parent=city)
    rows = []
    for i in range(n):
        topic = bank.topic()
        rows.append(Organisation(cppcc=city if i % 10 else other, kind=Organisation.Kind.HANDLING_UNIT,
                                 name=f"{bank.title(topic)}（{i:05d}）", duty=bank.paragraph(topic, rng.randint(3, 5)),
                                 system=rng.choice(["government", "other"])))
    Organisation.objects.bulk_create(rows, batch_size=1000)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Organisation._meta.db_table}")  # as autovacuum would
    textindex.register(Organisation, fields={"name": "A", "duty": "C"},
                       document=lambda o: {"name": o.name, "duty": o.duty},
                       filters=lambda o: {"system": o.system})
    from zhengxie.textindex.tokenize import keywords_query

    keywords_query("光伏产业")  # load the dictionaries outside the timings

    started = time.perf_counter()
    count = textindex.reindex(Organisation)
    reindex_s = time.perf_counter() - started
    sample = list(Organisation.objects.order_by("?")[:200])
    singles = []
    for org in sample:
        t = time.perf_counter()
        textindex.index(org)
        singles.append(time.perf_counter() - t)
    avg_chars = sum(len(r.name) + len(r.duty) for r in rows) / len(rows)

    queries = ["养老", "营商环境", "老旧小区改造", "乡村振兴人才", "资金 人才", "城市交通拥堵治理问题", "水", "00123", "不存在的词语"]
    print(f"## {connection.vendor}: {count} texts (avg {avg_chars:.0f} chars), "
          f"reindex {reindex_s:.1f} s ({count / reindex_s:.0f}/s), index() one object {_ms(singles)} ms (median / p95)\n")
    print("| query | hits (city) | search() top 50 | search_queryset count + first 20 |")
    print("|---|---|---|---|")
    qs = Organisation.objects.filter(cppcc=city)
    for q in queries:
        s1, s2 = [], []
        for _ in range(repeat):
            t = time.perf_counter()
            textindex.search(Organisation, q, cppcc=city, limit=50)
            s1.append(time.perf_counter() - t)
            t = time.perf_counter()
            found = textindex.search_queryset(qs, q, cppcc=city)
            hits = found.count()
            list(found[:20])
            s2.append(time.perf_counter() - t)
        print(f"| {q} | {hits} | {_ms(s1)} ms | {_ms(s2)} ms |")
    text = rows[1].duty
    s3 = []
    for _ in range(repeat):
        t = time.perf_counter()
        textindex.similar(Organisation, text, cppcc=city, limit=5)
        s3.append(time.perf_counter() - t)
    print(f"| similar(one {len(text)}-char text) | 5 | {_ms(s3)} ms | |\n")

    # Recall against plain substring search, on a 500-text subset: our index vs jieba words alone.
    tk = jieba_tokenizer()
    subset = list(Organisation.objects.filter(cppcc=city).order_by("pk")[:500])
    texts = [o.name + "\n" + o.duty for o in subset]
    doc_words = [set(tk.cut_for_search(t)) for t in texts]
    pos = {o.pk: i for i, o in enumerate(subset)}
    subset_qs = Organisation.objects.filter(pk__in=[o.pk for o in subset])
    for size in (2, 4):
        probes = set()
        while len(probes) < 150:
            t = rng.choice(texts)
            start = rng.randrange(0, max(1, len(t) - size))
            piece = t[start : start + size]
            if all("\u4e00" <= c <= "\u9fff" for c in piece) and len(piece) == size:
                probes.add(piece)
        ours = jieba = expected_total = 0
        exact = 0
        for q in probes:
            expected = {i for i, t in enumerate(texts) if q in t}
            got = {pos[o.pk] for o in textindex.search_queryset(subset_qs, q)}
            exact += got == expected
            ours += len(got & expected)
            jieba += len(_jieba_only_found(doc_words, q, tk) & expected)
            expected_total += len(expected)
        print(f"- {size}-character substrings (150 random): recall ours {ours / expected_total:.1%}, "
              f"jieba words only {jieba / expected_total:.1%}; result set identical to substring search "
              f"for {exact}/150")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
    import django

    django.setup()
    from django.db import connection

    name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(args.n, args.repeat)
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)


if __name__ == "__main__":
    main()
