# 智慧政协 — the two commands: `make run` and `make test`.
SHELL := /bin/bash
PY := .venv/bin/python
PORT ?= 8000
DEMO_PASSWORD ?= zhengxie2026
export ZX_DEMO_PASSWORD := $(DEMO_PASSWORD)

.PHONY: run test venv system-deps test-deps migrate seed serve lint bench bench-text screenshots check-migrations

.venv/.installed: requirements.lock pyproject.toml
	@test -x $(PY) || python3 -m venv .venv
	@$(PY) -m pip install -q --disable-pip-version-check -r requirements.lock
	@touch $@

venv: .venv/.installed

system-deps:
	@bash scripts/system-deps.sh run

test-deps:
	@bash scripts/system-deps.sh test

migrate: venv
	@mkdir -p var
	@$(PY) manage.py migrate --noinput -v 0

seed: migrate
	@$(PY) manage.py seed_demo

# Installs what is missing, migrates, loads the demo data (idempotent) and serves on 127.0.0.1:$(PORT)
# with a Celery worker and beat on the server-less SQLite broker.
run: system-deps seed
	@$(PY) manage.py collectstatic --noinput -v 0
	@bash scripts/serve.sh $(PORT)

# The whole suite on SQLite; with DATABASE_URL=postgres://… on PostgreSQL.
test: venv test-deps
	@$(PY) -m pytest -q -n 2 --dist loadfile $(PYTEST_ARGS)

check-migrations: venv
	@mkdir -p var
	@$(PY) manage.py makemigrations --check --dry-run

lint: venv
	@$(PY) -m ruff check .

# Seeds the national dataset on PostgreSQL (kept as a dump for reuse) and measures the main pages and API.
bench: venv
	@$(PY) manage.py bench $(BENCH_ARGS)

screenshots: venv
	@$(PY) scripts/screenshots.py

# Routing (5-fold CV unless TEST differs from TRAIN) and similarity quality on the citizen messages, plus
# similarity latency on a synthetic 100k corpus. Prints four result lines first (docs/intelligence.md).
bench-text: venv
	@$(PY) scripts/bench_text.py $(if $(TRAIN),--train "$(TRAIN)") $(if $(TEST),--test "$(TEST)") $(if $(MESSAGES),--messages "$(MESSAGES)") $(if $(CLUSTERS),--clusters "$(CLUSTERS)")
