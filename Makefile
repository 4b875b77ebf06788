# Dual Life Tohoku — the two commands a fresh machine needs:
#   make run    install everything, set up SQLite with the Tohoku pack and demo data, serve :8000
#   make test   install everything, then lint, import contracts, and the whole test suite
SHELL := /bin/bash
PY := .venv/bin/python
VENV_STAMP := .venv/.installed
NODE_STAMP := node_modules/.installed
ASSETS_STAMP := build/static/.built
MO_FILES := $(patsubst %.po,%.mo,$(wildcard duallife/locale/en/LC_MESSAGES/django.po duallife/*/locale/en/LC_MESSAGES/django.po))
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest-xdist workers for `make test` (each gets its own test database and browser-test server)
PYTEST_WORKERS ?= 2
# Compiled modules are kept (__pycache__, ignored by git) even where the environment turns that
# off: every command of `make db`, every test worker, the browser tests' servers and the commands
# the tests start would otherwise compile the whole project again (about 3 s each).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test tests setup system-packages db lint unit e2e messages bench clean

run: setup db
	@echo "==> デュアルライフ東北: http://$(HOST):$(PORT)/"
	.venv/bin/duallife runserver $(HOST):$(PORT)

test: setup lint tests

# The test suite alone, without the lint (CI's second database lints nothing new).
tests: setup
	.venv/bin/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

setup: system-packages $(VENV_STAMP) $(ASSETS_STAMP) $(MO_FILES)

# The English catalogues (one per app, one for the project) compiled for gettext.
%.mo: %.po | system-packages
	msgfmt --check-format -o $@ $<

# Debian packages: Chromium and CJK fonts for the browser tests, gettext for translations.
system-packages:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	[ -d /usr/share/fonts/opentype/noto ] || missing="$$missing fonts-noto-cjk"; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  echo "==> installing Debian packages:$$missing"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

$(VENV_STAMP): pyproject.toml
	[ -x $(PY) ] || python3 -m venv .venv
	$(PY) -m pip install -q -U pip
	$(PY) -m pip install -q -e ".[dev]"
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(ASSETS_STAMP): $(NODE_STAMP) scripts/build_assets.py
	$(PY) scripts/build_assets.py
	touch $@

db: setup
	.venv/bin/duallife migrate --noinput
	.venv/bin/duallife load-region-pack tohoku
	.venv/bin/duallife load-vocabulary
	.venv/bin/duallife load-content
	.venv/bin/duallife load-subsidy-programs
	.venv/bin/duallife demo

lint: $(VENV_STAMP)
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/lint-imports
	$(PY) scripts/messages.py --check

unit: setup
	.venv/bin/pytest duallife $(PYTEST_ARGS)

e2e: setup
	.venv/bin/pytest e2e $(PYTEST_ARGS)

# Extract every catalogue (each app's and the project's) and compile them; translate what is new.
messages: $(VENV_STAMP)
	$(PY) scripts/messages.py

bench: setup
	$(PY) bench/bench_costs.py

clean:
	rm -rf .venv node_modules build var
