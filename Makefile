# newsmon: two commands on a fresh machine.
#   make run   - venv, install, start the embedded S3 store, one pass over config/newsmon.yaml
#   make test  - everything CI runs (.ci/run calls exactly this)
# Also: make demo (the whole pipeline offline against the fixture site), make bench, make bench-load,
# make faults, make report, make stop.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
STORE  := var/seaweedfs
CONFIG ?= config/newsmon.yaml

.PHONY: config-schema install run test test-celery lint demo report bench-report bench bench-load bench-alert bench-parse bench-latency faults stop store-start clean eval-detect bench-detect bench-analyze

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements-dev.txt
	$(BIN)/python -m pip install -q -e '.[embedded]'
	$(BIN)/python -m pip check
	touch $@

install: $(STAMP)

store-start: install
	$(BIN)/newsmon store start --dir $(STORE)

run: store-start
	set -a && . $(STORE)/credentials.env && set +a && $(BIN)/newsmon run --config $(CONFIG)
	@echo "(the store keeps running for you to read the parquet; 'make stop' stops it)"

lint: install
	$(BIN)/ruff check .

test: install lint
	$(BIN)/python -m pytest -q -p no:cacheprovider
	$(MAKE) --no-print-directory test-celery

# Airflow's CeleryExecutor on local PostgreSQL + Redis as plain processes; skips where they are
# absent unless NEWSMON_REQUIRE_CELERY=1 (set by .ci/run).
test-celery: install
	$(BIN)/python scripts/celery_e2e.py

demo: install
	$(BIN)/python scripts/demo.py

# the analyst report (static HTML) from the demo data; prints the page to open
report: install
	$(BIN)/python scripts/report_demo.py

# the report over 10,000 articles / 20,000 events (<= 10 s, pages <= 2 MB), beside the DuckDB query alone
bench-report: install
	$(BIN)/python bench/bench_report.py

bench: install
	$(BIN)/python bench/bench_pipeline.py

# publish->alert latency on a real Airflow (LocalExecutor on the local PostgreSQL, database
# newsmon_latency) with the feed watcher, against the 15-minute cron; idle requests/hour (~9 min)
bench-latency: install
	$(BIN)/python bench/bench_latency.py

# DAG parse time per file, beyond the Airflow SDK import (target < 1 s)
bench-parse: install
	$(BIN)/python bench/bench_parse.py

# one outlet run over 10,000 pages (PAGES=N to run smaller): pages/s, peak RSS <= 400 MB, every
# page stored exactly once; exits 1 when a target is missed. Not part of `make test` (~6 min).
PAGES ?= 10000
bench-load: install
	$(BIN)/python bench/bench_load.py --pages $(PAGES)

faults: install
	$(BIN)/python bench/faults.py

# extraction F1/precision/recall per language on extraction-dev and the frozen dev/test parts of
# extraction-modern, beside three trafilatura configurations, + the seed page. Gate: above the best
# trafilatura on every set, F1 >= 0.97 on the dev sets, >= 0.96 on the held-out test part.
.PHONY: eval-extract
eval-extract: install
	$(BIN)/python bench/eval_extract.py --min-f1 0.97 --min-f1-test 0.96

eval-detect: install
	$(BIN)/python bench/eval_detect.py

bench-detect: install
	$(BIN)/python bench/bench_detect.py

bench-analyze: install
	$(BIN)/python bench/bench_analyze.py --copies 2 --rounds 3

bench-alert: install
	$(BIN)/python bench/bench_alert.py

# docs/config.schema.json from the config models (tests/test_config_docs.py fails when it is stale)
config-schema: install
	$(BIN)/python scripts/config_schema.py

stop:
	-$(BIN)/newsmon store stop --dir $(STORE)

clean: stop
	rm -rf $(VENV) var
