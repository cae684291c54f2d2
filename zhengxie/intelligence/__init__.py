"""Offline Chinese text intelligence for 提案 work (issue 4).

Pure-Python models of text, no downloads:

* `routing`    – which kind of department (taxonomy level-1 category) should handle a text;
* `similarity` – similar texts (per-model index with add/update/remove and `top_k`, `similar_texts`);
* `units`      – 承办单位 suggestions at 交办 with the words that led to each;
* `hints`      – reply quality hints for staff (未回应建议要点, 答复过于简短 …);
* `metrics`    – the evaluation used by the tests and `make bench-text`.

Everything is learned from the texts the caller passes in; see docs/intelligence.md.

Product integration (docs/intelligence.md §6): `index` (stored vectors + per-process index kept fresh across
processes), `selectors` (scoped reads), `views`/`api`/`panels` (pages, htmx partials, API, detail-page sections),
`routing_model` (the per-政协 routing model trained by `manage.py intelligence_train`).
"""
