# lscp: `make demo` serves the demo partnership; `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := help
# uv may be on PATH, or only importable after `pip install uv`.
UV = $$(command -v uv >/dev/null 2>&1 && echo uv || echo python3 -m uv)
DEMO_ENV = DEBUG=1 EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend

.PHONY: help setup demo serve test lint bench frontend chromium pdf-fonts

help:
	@echo "make demo   set up, load the synthetic demo partnership, serve http://127.0.0.1:8000"
	@echo "make test   set up and run every test (DATABASE_URL=postgres://... for PostgreSQL)"
	@echo "make lint   ruff and mypy"
	@echo "make bench  national-scale benchmark; writes bench/results/latest.json"

setup:
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet uv
	@$(UV) sync --frozen --quiet
	@[ -d node_modules/govuk-frontend ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error
	@scripts/build-frontend

demo: setup
	@$(DEMO_ENV) $(UV) run lscp migrate --noinput -v 0
	@$(DEMO_ENV) $(UV) run lscp demo
	@$(DEMO_ENV) scripts/serve-demo

chromium:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing: install Debian's chromium package (browser tests need it)"; exit 1; fi; \
	fi

# WeasyPrint subsets the fonts it embeds with HarfBuzz when Debian's libharfbuzz-subset0 is there
# (writing the annual report's PDF takes a third less time), and with fontTools when it is not.
pdf-fonts:
	@if ! ldconfig -p | grep -q libharfbuzz-subset.so.0; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's libharfbuzz-subset0 for faster PDFs"; \
	    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libharfbuzz-subset0 >/dev/null; \
	  else echo "libharfbuzz-subset0 is missing: PDFs are made, more slowly (install it as root)"; fi; \
	fi

test: setup chromium
	@$(UV) run pytest

lint: setup
	@$(UV) run ruff check .
	@$(UV) run ruff format --check .
	@LSCP_TESTING=1 $(UV) run mypy lscp

bench: setup pdf-fonts
	@$(UV) run --group bench python -m bench
