# Terpadu: `make run` serves the demo site, `make test` runs the whole suite.
# Every target installs what it needs; `make help` lists them.

SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV_VERSION := 0.13.9
HOST ?= 127.0.0.1
PORT ?= 8000
# gunicorn workers of `make serve`: one per core with Redis (CACHE_URL), else one
# (gunicorn.conf.py refuses several workers without a shared cache).
WORKERS ?= $(if $(CACHE_URL),$(shell nproc),1)
# pytest-xdist processes of `make test` (one per core; 0 runs the tests in one process)
TEST_WORKERS ?= $(shell nproc)
DEV := DJANGO_SETTINGS_MODULE=cms.settings.dev
LANGS := -l id -l en

# Progress lines appear as they happen, even when the output is piped.
export PYTHONUNBUFFERED := 1

# $(call step,what it does,command): say what a step does, run it, say how long it took.
step = start=$$(date +%s); echo "==> $(1)"; $(2) && echo "    done in $$(( $$(date +%s) - start )) s"

.PHONY: help install run demo serve test lint format messages compilemessages check-messages bench browsers clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

# The packages are installed with their bytecode compiled (--compile-bytecode):
# where PYTHONDONTWRITEBYTECODE is set, every command would otherwise compile
# Django and Wagtail again, about two seconds of each start.
$(VENV)/.installed: pyproject.toml uv.lock
	@$(call step,Installing the locked dependencies into $(VENV) (the first time takes a few minutes),\
		(test -x $(PY) || $(PYTHON) -m venv $(VENV)) \
		&& $(VENV)/bin/pip install -q --disable-pip-version-check uv==$(UV_VERSION) \
		&& $(VENV)/bin/uv sync --frozen --quiet --compile-bytecode)
	@touch $@ $(VENV)/.bytecode

install: $(VENV)/.installed ## Create .venv and install the locked dependencies
	@command -v msgfmt >/dev/null || (apt-get update -qq && apt-get install -y -qq gettext >/dev/null)
	@test -f $(VENV)/.bytecode || { $(call step,Compiling the installed packages once (faster starts),\
		$(VENV)/bin/uv sync --frozen --quiet --compile-bytecode) && touch $(VENV)/.bytecode; }

# Catalogs are compiled again only when a .po file changed (a second `make run` skips it).
CATALOGS := $(shell find . -path ./.venv -prune -o -path ./var -prune -o -name '*.po' -print)

$(VENV)/.catalogs: $(VENV)/.installed $(CATALOGS)
	@$(call step,Compiling the message catalogs,$(DEV) $(PY) manage.py compilemessages -v0 --ignore=.venv)
	@touch $@

compilemessages: install $(VENV)/.catalogs ## Compile the message catalogs (.po -> .mo) when a .po changed

# The demo database is migrated and seeded only when something that shapes it
# changed since the last time (var/.demo-built): a migration (ours, or the
# installed packages'), a demo module or its data; or when the database file is
# gone or empty. The stamp holds the site's address: when only that changed
# (another HOST or PORT), the site is pointed at it. With DATABASE_URL (in the
# environment or in .env, which the settings read) the database is elsewhere:
# both steps run every time (they are idempotent). So a second `make run`
# starts the server at once.
DEMO_STAMP := var/.demo-built
demo_inputs_changed = find . -path ./.venv -prune -o -path ./var -prune -o \( -path '*/migrations/*.py' \
	-o -name 'demo*' -o -path '*/data/*.yaml' -o -name seeding.py -o -name seed_demo.py \) \
	-newer $(DEMO_STAMP) -print -quit
demo_built = { [ -z "$$DATABASE_URL" ] && ! grep -qs '^[[:space:]]*DATABASE_URL=' .env \
	&& [ -s var/terpadu.sqlite3 ] && [ -f $(DEMO_STAMP) ] \
	&& [ $(DEMO_STAMP) -nt $(VENV)/.installed ] && [ -z "$$($(demo_inputs_changed))" ]; }
remember_demo = { [ -n "$$DATABASE_URL" ] || echo "$$PUBLIC_BASE_URL" > $(DEMO_STAMP); }

demo: compilemessages ## Migrate and build the demo content (skipped when nothing changed since)
	@mkdir -p var
	@if ! $(demo_built); then \
		rm -f $(DEMO_STAMP) \
		&& { $(call step,Migrating the database (about a minute the first time),$(DEV) $(PY) manage.py migrate --noinput -v0); } \
		&& { $(call step,Building the demo content (later runs find it and add nothing),$(DEV) $(PY) manage.py seed_demo); } \
		&& $(remember_demo); \
	elif [ "$$(cat $(DEMO_STAMP))" != "$$PUBLIC_BASE_URL" ]; then \
		{ $(call step,Pointing the demo site at $$PUBLIC_BASE_URL,$(DEV) $(PY) manage.py sync_site_url); } \
		&& $(remember_demo); \
	else \
		echo "==> Database migrated and demo built already (nothing changed since)"; \
	fi

# The demo site's address follows HOST and PORT: posters, QR codes, JSON-LD and
# API links point at the server that `make run` starts (cms/core/sites.py).
demo run: export PUBLIC_BASE_URL ?= http://$(HOST):$(PORT)

# The demo is served as readers meet the site: its own 404 and 500 pages, not
# Django's debug pages (`make run DEBUG=true` for those). --insecure: the
# development server serves the static files without DEBUG.
DEBUG ?= false
run: demo ## Install, migrate, seed and serve the demo site on HOST:PORT
	@echo "Serving on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	@DEBUG=$(DEBUG) $(DEV) $(PY) manage.py runserver --insecure --noreload $(HOST):$(PORT)

serve: compilemessages ## Production settings under gunicorn + whitenoise (needs SECRET_KEY, ALLOWED_HOSTS)
	@DJANGO_SETTINGS_MODULE=cms.settings.production $(PY) manage.py collectstatic --noinput -v0
	@DJANGO_SETTINGS_MODULE=cms.settings.production $(PY) manage.py migrate --noinput -v0
	@DJANGO_SETTINGS_MODULE=cms.settings.production $(PY) manage.py sync_site_url
	@echo "==> Serving on $(HOST):$(PORT) with $(WORKERS) worker(s)$(if $(CACHE_URL),, (no CACHE_URL: one worker; set CACHE_URL=redis://... for more))"
	@DJANGO_SETTINGS_MODULE=cms.settings.production $(VENV)/bin/gunicorn cms.wsgi:application \
		--bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile -

browsers: ## Install Debian's Chromium for the browser tests (skipped, with the reason, if impossible)
	@test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) \
		|| echo "Chromium could not be installed: the browser tests will be skipped."

test: compilemessages browsers ## Run the whole test suite (SQLite; PostgreSQL when DATABASE_URL is set)
	@$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

lint: install check-messages ## ruff, Django checks, migrations and catalogs up to date
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .
	@$(DEV) $(PY) manage.py check
	@mkdir -p var
	@$(DEV) $(PY) manage.py makemigrations --check --dry-run

format: install ## Format and fix with ruff
	@$(VENV)/bin/ruff format .
	@$(VENV)/bin/ruff check --fix .

messages: install ## Update the message catalogs of every app
	@$(DEV) $(PY) manage.py makemessages $(LANGS) --no-obsolete --no-location --ignore=.venv --ignore=var -v0

check-messages: messages ## Fail when a catalog is stale or an Indonesian string is untranslated
	@git diff --exit-code -I '^"POT-Creation-Date' -- '*.po' >/dev/null || \
		(echo "Message catalogs are out of date: run 'make messages', translate, commit." && git diff --stat -- '*.po' && exit 1)
	@untranslated=$$(for po in $$(git ls-files '*/locale/id/LC_MESSAGES/*.po'); do msgattrib --untranslated --no-obsolete "$$po" | grep -c '^msgid ' ; done | awk '{s+=$$1} END {print s+0}'); \
		if [ "$$untranslated" -gt 0 ]; then echo "$$untranslated untranslated Indonesian strings"; exit 1; fi

bench: compilemessages ## Demo seeding, pages, submissions (PostgreSQL), search, relevance and SKM figures; writes var/bench.json
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)
	@$(PY) -m tests.bench.seed
	@$(PY) -m tests.bench.run
	@$(PY) -m tests.bench.serving
	@$(PY) -m tests.bench.submissions
	@$(PY) -m tests.bench.search_bench
	@$(PY) -m tests.bench.relevance
	@$(PY) -m tests.bench.skm --responses 1000000

clean: ## Remove the virtualenv, the demo database and generated files
	rm -rf $(VENV) var
