# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: run test lint typecheck pytest install install-test demo bench bench-survey clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(PIP) install -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install -c constraints.txt -e '.[test]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## make run: install, generate the demo province, score both years, print the ranking
run: install
	$(BIN)/parindex demo --out out/demo --score

## make test: lint, type checks and every test
test: install-test lint typecheck pytest

lint: install-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: install-test
	$(BIN)/mypy

pytest: install-test
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python benchmarks/national_scoring.py

bench-survey: install
	$(BIN)/python benchmarks/survey_national.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
