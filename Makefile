# Two commands do all the set-up on a fresh machine (Python 3.11+):
#   make example   creates .venv, installs newsbrief, and briefs the bundled example article
#   make test      creates .venv, installs newsbrief with its test tools, and runs lint, types and the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: example test install install-test lint screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	@# The browser tests need Debian's chromium and fail without it; install it when it is missing.
	@test -x /usr/bin/chromium || (apt-get update && apt-get install -y chromium)

example: install
	$(BIN)/newsbrief brief examples/defence-spending.txt

lint:
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

test: install-test lint
	$(BIN)/python -m pytest -q

# The README's two screenshots (overview, a brief page) into docs/, through Chromium.
screenshots: install-test
	$(BIN)/python docs/screenshots.py
