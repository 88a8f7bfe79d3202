# kehoach task runner. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APT_PACKAGES := libreoffice-writer-nogui fonts-liberation2 poppler-utils chromium
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help sysdeps install run render load test lint fmt typecheck eval bench schemas clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN{FS=":.*?## "}{printf "  %-12s %s\n", $$1, $$2}'

sysdeps: ## Install system packages (LibreOffice, fonts, poppler, Chromium) when root and missing
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing system packages: $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else \
	    echo "Missing system packages (install with sudo apt-get install $$missing): PDF and browser features will say so."; \
	  fi; \
	fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install kehoach with its dev tools

run: install ## Set up and serve the web app on http://127.0.0.1:8000 with the batch worker (SQLite, samples, first admin printed; Ctrl-C stops both)
	$(BIN)/kehoach db seed --samples samples/
	$(BIN)/kehoach serve --bind 127.0.0.1:8000 --workers 3 --stop-with-parent

render: install ## Render every sample plan into out/
	$(BIN)/kehoach render samples/ -o out/

load: install ## Load test (not in CI): gunicorn workers on PostgreSQL, concurrent readers and savers
	$(BIN)/python -m tests.load

test: sysdeps install ## Set up and run the whole test suite
	$(BIN)/ruff check app tests
	$(BIN)/ruff format --check app tests
	$(BIN)/mypy
	$(BIN)/pytest

lint: install ## ruff lint and format check, mypy
	$(BIN)/ruff check app tests
	$(BIN)/ruff format --check app tests
	$(BIN)/mypy

fmt: install ## Format and auto-fix with ruff
	$(BIN)/ruff format app tests
	$(BIN)/ruff check --fix app tests

schemas: install ## Regenerate schemas/plan.schema.json from the marshmallow schemas
	$(BIN)/kehoach schema -o schemas/plan.schema.json

eval: install ## Precision/recall over the labelled development set
	$(BIN)/python -m tests.eval

bench: sysdeps install ## Benchmarks (not tests): rates, memory, latencies
	$(BIN)/python -m tests.bench

clean: ## Remove generated output
	rm -rf out/ .pytest_cache .mypy_cache .ruff_cache
