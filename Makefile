# Quick start: `make demo` parses the bundled samples, `make test` runs the test suite.
# Both create .venv (with the project installed editable) when it is missing.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
EXTRAS ?= dev,formats,dask

.PHONY: demo test lint check bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[$(EXTRAS)]'
	touch $(STAMP)

demo: $(STAMP)
	@for f in samples/*.txt; do echo "== $$f"; $(BIN)/replyparse show "$$f"; done

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/python -m mypy
	$(BIN)/python -m ruff check src tests bench

check: test lint

# The benchmark of issue #7: writes docs/performance.md and bench/baseline.json.  The money
# comparison needs the peers (the `bench` extra); BENCH_PYTHON may name a venv that has them.
BENCH_PYTHON ?= $(BIN)/python
BENCH_ARGS ?=
bench: $(STAMP)
	PYTHONPATH=src:. $(BENCH_PYTHON) -m bench --write docs/performance.md $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
