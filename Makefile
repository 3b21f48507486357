# agingpolicy — every target sets up .venv itself, so a fresh clone needs only Python 3.11 and pip.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed

.PHONY: help run test lint golden bench fuzz check clean

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' Makefile | sed 's/:.*## /\t/'

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q -U pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)  ## parse data/raw into data/structured and print the summary
	$(BIN)/agingpolicy parse data/raw --out data/structured

test: $(STAMP)  ## run the test suite
	$(BIN)/python -m pytest

lint: $(STAMP)  ## ruff
	$(BIN)/ruff check src tests

golden: $(STAMP)  ## rewrite tests/golden from data/raw (read the diff before committing)
	$(BIN)/python -m tests.golden_update

bench: $(STAMP)  ## speed and memory figures (parsing, then index and query)
	$(BIN)/python -m bench.parse
	$(BIN)/python -m bench.query

fuzz: $(STAMP)  ## long property-based run (10,000 examples)
	FUZZ_EXAMPLES=10000 $(BIN)/python -m pytest -m fuzz tests/test_fuzz.py

check: $(STAMP)  ## does data/structured match what parsing data/raw gives?
	$(BIN)/agingpolicy parse data/raw --out data/structured --check

clean:  ## remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
