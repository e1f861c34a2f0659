# Two commands matter: `make run` and `make test`. Everything else supports them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
UV_VERSION ?= 0.13.8
MANAGE = $(VENV)/bin/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# `make run` reloads the code when it changes; RUNSERVER_ARGS=--noreload serves without (the
# reloader's process and file polling cost CPU a smoke test does not need).
RUNSERVER_ARGS ?=
# The same for the task worker: WORKER_ARGS=--no-reload.
WORKER_ARGS ?=
CHROMIUM ?= /usr/bin/chromium
# The Nu HTML Checker (W3C), from the npm registry, run on the machine's Java by the markup test.
VNU_VERSION ?= 26.9.27
VNU_JAR = .cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar
# stylelint for the CSS, from the npm registry, with its standard rules (.stylelintrc.json).
STYLELINT_VERSION ?= 17.16.0
STYLELINT_CONFIG_VERSION ?= 40.0.0
STYLELINT = .cache/stylelint/node_modules/.bin/stylelint
# Parallel test workers (pytest-xdist): one per CPU, at most 8 (each gets a Redis database of its
# own below the one in REDIS_URL); PYTEST_WORKERS=0 runs in one process.
PYTEST_WORKERS ?= auto
# Links in mails, calendars and share buttons point at the site's address; on a fresh install
# `make run` gives the site the address it serves (the seed's site_address step).
export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
export UV_PYTHON_DOWNLOADS = never
# Compiled bytecode, kept: uv compiles the installed packages once at install, and Python keeps
# the project's own. Some machines set PYTHONDONTWRITEBYTECODE, which made every Python
# process compile Django and Wagtail from source again: 4.9 s of CPU for `django.setup()`
# against 1.9 s (2026-12-07), paid by every test process, worker and app server.
export UV_COMPILE_BYTECODE = 1
unexport PYTHONDONTWRITEBYTECODE
export UV_PROJECT_ENVIRONMENT = $(VENV)

.PHONY: help
help:
	@echo "make run    - install, migrate, load the seed content and serve http://$(HOST):$(PORT)"
	@echo "make test   - lint and run the whole test suite, browser tests included, with coverage"
	@echo "make test-fast - the same without the browser tests"
	@echo "make test-database - the tests whose database matters (with DATABASE_URL: on PostgreSQL)"
	@echo "make screenshots - full-page PNGs of every public page type at 360 and 1280 px (screenshots/)"
	@echo "make bench  - measure page speed and query counts on the seeded site"
	@echo "make lighthouse - Lighthouse (phone) on every page type, on the production stack"
	@echo "make lint   - Python (ruff), the layer contract (import-linter), templates (djLint), CSS (stylelint)"

$(VENV)/.installed: pyproject.toml uv.lock
	@py=$$(scripts/find-python) || { \
	  echo "Python 3.12 or newer is needed and none was found that runs."; \
	  echo "Install it (Debian/Ubuntu: apt-get install python3 python3-venv) or pass PYTHON=/path/to/python3.12."; \
	  exit 1; }; \
	echo "Using $$py"; \
	if [ ! -x $(VENV)/bin/python ] || ! $(VENV)/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then \
	  rm -rf $(VENV) && "$$py" -m venv $(VENV) || { echo "Could not create a virtual environment: install python3-venv."; exit 1; }; \
	fi
	$(VENV)/bin/python -m pip install --quiet "uv==$(UV_VERSION)"
	$(VENV)/bin/uv sync --frozen --python $(VENV)/bin/python
	@touch $@

.PHONY: install
install: $(VENV)/.installed

.PHONY: setup
setup: install
	$(MANAGE) migrate --no-input
	$(MANAGE) collectstatic --no-input --verbosity 0
	$(MANAGE) load_seed
	$(MANAGE) ensure_admin --email "$${ADMIN_EMAIL:-beheerder@localhost}"

.PHONY: run
run: setup
	@echo "Site: http://$(HOST):$(PORT)/   Beheer: http://$(HOST):$(PORT)/admin/"
	@if [ "$${TWO_FACTOR_REQUIRED:-0}" = 1 ]; then \
	  echo "Tweestapsverificatie is verplicht voor Beheerder en Redactie, zoals op de echte site."; \
	else \
	  echo "Tweestapsverificatie is hier niet verplicht (om even rond te kijken). Op de echte site is die verplicht voor Beheerder en Redactie; probeer het zo: TWO_FACTOR_REQUIRED=1 make run"; \
	fi
	@# The worker quiet (each task would be logged twice), so mails printed here are easy to find.
	@$(MANAGE) run_worker --verbosity 0 $(WORKER_ARGS) & worker=$$!; \
	$(MANAGE) run_periodic_tasks --loop & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(RUNSERVER_ARGS) $(HOST):$(PORT)

.PHONY: chromium
chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Chromium is missing: installing Debian's chromium package"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Chromium at $(CHROMIUM)."; \
	    echo "Install it with: sudo apt-get install chromium   (or set CHROMIUM=/path/to/chromium)"; \
	    exit 1; \
	  fi; \
	fi

$(VNU_JAR):
	@command -v java >/dev/null || { echo "The HTML checker needs Java: apt-get install default-jre-headless"; exit 1; }
	npm install --silent --no-audit --no-fund --prefix .cache/vnu vnu-jar@$(VNU_VERSION)

.PHONY: vnu
vnu: $(VNU_JAR)

$(STYLELINT):
	@command -v npm >/dev/null || { echo "The CSS check needs Node.js and npm: apt-get install npm"; exit 1; }
	npm install --silent --no-audit --no-fund --prefix .cache/stylelint \
	  stylelint@$(STYLELINT_VERSION) stylelint-config-standard@$(STYLELINT_CONFIG_VERSION)

.PHONY: lint
lint: install $(STYLELINT)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/djlint website --lint --quiet
	$(STYLELINT) --config .stylelintrc.json --config-basedir .cache/stylelint "website/**/*.css"

PYTEST = $(VENV)/bin/pytest -n $(PYTEST_WORKERS) --maxprocesses 8 --dist loadgroup --durations=15
# Coverage of `make test`, with the floor in pyproject.toml (CI measures two runs and reports
# them together: .ci/run).
COVERAGE_ARGS ?= --cov --cov-report=term

# The linters and the migration check (`make checks`) run beside the tests (they take a few
# CPU seconds but twenty of waiting when the tests go first on a busy machine); their output
# follows the tests', and either failing fails `make test`. CHECKS=no leaves them out (CI runs
# them in a track of their own).
CHECKS ?= yes

.PHONY: checks
checks: lint
	$(MANAGE) makemigrations --check --dry-run --settings=website.settings.test

.PHONY: test
test: install chromium vnu $(STYLELINT)
	@mkdir -p .cache
	@if [ "$(CHECKS)" = yes ]; then $(MAKE) --no-print-directory checks >.cache/lint.log 2>&1; \
	  else echo "(left out: CHECKS=$(CHECKS))" >.cache/lint.log; fi & checks=$$!; \
	CHROMIUM=$(CHROMIUM) VNU_JAR=$(VNU_JAR) $(PYTEST) $(COVERAGE_ARGS) $(PYTEST_ARGS); tests=$$?; \
	wait $$checks; checked=$$?; \
	echo "== linters and migration check"; cat .cache/lint.log; \
	if [ $$checked != 0 ]; then echo "The linters or the migration check failed (above)."; fi; \
	[ $$tests = 0 ] && [ $$checked = 0 ]

.PHONY: test-fast
test-fast: install lint
	$(PYTEST) -m "not browser" $(PYTEST_ARGS)

# The tests whose database matters (marker `database`), e.g. on PostgreSQL: DATABASE_URL=…
.PHONY: test-database
test-database: install
	$(PYTEST) -m "database and not browser" $(PYTEST_ARGS)

.PHONY: screenshots
screenshots: install chromium
	CHROMIUM=$(CHROMIUM) $(VENV)/bin/python scripts/screenshots.py $(SCREENSHOTS_ARGS)

.PHONY: bench
bench: install chromium
	$(VENV)/bin/python scripts/bench.py

# Lighthouse (npm registry) on a phone, on every page type, against the production stack.
.PHONY: lighthouse
lighthouse: install chromium
	CHROMIUM=$(CHROMIUM) $(VENV)/bin/python scripts/lighthouse.py

.PHONY: clean
clean:
	rm -rf $(VENV) static_collected
