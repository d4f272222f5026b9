# Shortcuts; the commands themselves are in README.md. `make install` first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install test lint bench bench-store reliability demo

install:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -e '.[test]'

test:
	$(BIN)/python -m pytest

lint:
	$(BIN)/ruff check provenance tests bench
	$(BIN)/mypy provenance

bench:
	$(BIN)/python bench/bench_extract.py

bench-store:
	$(BIN)/python bench/bench_store.py

reliability:
	$(BIN)/python bench/reliability_report.py

demo:
	$(BIN)/provenance ingest seeds/ && $(BIN)/provenance report
