# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: run serve test lint typecheck pytest install install-test system-deps demo bench bench-survey bench-web bench-ranking bench-onestop clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(PIP) install -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install -c constraints.txt -e '.[test]'
	touch $@

$(VENV)/.installed-bench: $(VENV)/.installed
	$(PIP) install -c constraints.txt -e '.[bench]'
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## Debian packages the tests need: Chromium (browser tests), poppler-utils (pdftoppm renders a
## generated PDF page for review) and LibreOffice Calc and Writer without their GUI (the fill-in
## workbook's round trip through LibreOffice; every generated DOCX and XLSX opened without
## repair). The PDF fonts ship in the package (reports/fonts).
## Installed with apt-get when missing and running as root; otherwise one line says what to install.
SYSTEM_PACKAGES := chromium poppler-utils libreoffice-calc-nogui libreoffice-writer-nogui
OFFICE_LIB := /usr/lib/libreoffice/program
system-deps:
	@missing=""; office=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v pdftoppm >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	[ -e $(OFFICE_LIB)/libsclo.so ] || office="$$office libreoffice-calc-nogui"; \
	[ -e $(OFFICE_LIB)/libswlo.so ] || office="$$office libreoffice-writer-nogui"; \
	if [ -n "$$missing$$office" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "--- installing Debian packages:$$missing$$office"; \
			apt-get update -qq; \
			if [ -n "$$missing" ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; fi; \
			if [ -n "$$office" ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$office >/dev/null || exit 1; fi; \
		else \
			echo "make test needs Debian packages:$$missing$$office — run: sudo apt-get install$$missing$$office"; exit 1; \
		fi; \
	fi

## make run: install, score the demo province on the command line, then serve the web app with it
run: install
	$(BIN)/parindex demo --out out/demo --score
	$(MAKE) --no-print-directory serve

WEB_ENV = DEBUG=1 SECRET_KEY="$$(cat var/secret_key)"

var/secret_key:
	mkdir -p var
	$(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@

## make serve: migrate, load the demo (once) and serve http://127.0.0.1:8000; beside the server a
## worker (db_worker) runs the background jobs (every unit's scorecards as one ZIP) and stops with it
serve: install var/secret_key
	$(WEB_ENV) $(BIN)/python manage.py migrate -v0
	$(WEB_ENV) $(BIN)/python manage.py load_demo out/demo
	@echo "Mở http://127.0.0.1:8000 và đăng nhập bằng một tài khoản ở trên (Ctrl+C để dừng)."
	$(WEB_ENV) $(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(WEB_ENV) $(BIN)/python manage.py runserver --noreload 127.0.0.1:8000

## make test: lint, type checks and every test
test: install-test system-deps lint typecheck pytest

lint: install-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: install-test
	$(BIN)/mypy

pytest: install-test system-deps
	$(BIN)/python -m pytest
	@if [ -n "$$PARINDEX_TEST_POSTGRES" ]; then \
		echo "--- the suite again on PostgreSQL"; \
		DATABASE_URL="$$PARINDEX_TEST_POSTGRES" $(BIN)/python -m pytest; \
	fi

## make bench: the national run's stages, then `parindex score` against the pandas peer
bench: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/national_scoring.py
	$(BIN)/python benchmarks/score_peer.py

bench-survey: install
	$(BIN)/python benchmarks/survey_national.py
	$(BIN)/python benchmarks/survey_import.py

bench-web: install
	$(BIN)/python benchmarks/web_load.py

bench-onestop: install
	$(BIN)/python benchmarks/onestop.py --peer

bench-ranking: install
	$(BIN)/python benchmarks/ranking_page.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
