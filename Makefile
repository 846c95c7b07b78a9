# Two commands do all the set-up on a fresh machine (Python 3.11+):
#   make example   creates .venv, installs newsbrief, and briefs the bundled example article
#   make test      creates .venv, installs newsbrief with its test tools, and runs lint, types and the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: example test install install-test lint

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	@command -v chromium >/dev/null 2>&1 || (apt-get install -y -q chromium >/dev/null 2>&1 || \
	  (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null 2>&1) || \
	  echo "note: Debian's chromium could not be installed; browser tests will be skipped")

example: install
	$(BIN)/newsbrief brief examples/defence-spending.txt

lint:
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

test: install-test lint
	$(BIN)/python -m pytest -q
