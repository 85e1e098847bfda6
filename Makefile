# Program 4.3 performance portal. `make run` serves it, `make test` runs the whole suite.
# Both work on a fresh clone with nothing but Python 3.11+ (and make) installed.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
MO := locale/fr/LC_MESSAGES/django.mo
# Extra pytest arguments, e.g. make test PYTEST_ARGS="tests/forums -m 'not browser' -x"
PYTEST_ARGS ?=

.PHONY: run worker test install lint format messages check-messages check-deploy bench bench-api clean

# The virtualenv is (re)built whenever a requirements file changes.
$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(PY) -c "import pathlib; pathlib.Path('$@').touch()"

install: $(VENV)/.installed

# The compiled French catalog is built here, never committed (pure Python: no gettext needed).
$(MO): locale/fr/LC_MESSAGES/django.po $(VENV)/.installed
	$(PY) scripts/compile_messages.py

# The task worker (e-mails, reminders, digests) runs beside the web server; Ctrl-C stops both.
# Mail goes to the console unless EMAIL_URL says otherwise (e.g. smtp://127.0.0.1:1025).
run: install $(MO)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --if-empty
	PORTAL_BASE_URL="$${PORTAL_BASE_URL:-http://$(HOST):$(PORT)}" $(PY) manage.py run_worker & \
	worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# The task worker alone (another terminal, or a second worker beside make run).
worker: install
	$(PY) manage.py run_worker

# On DATABASE_URL when it is set (PostgreSQL in CI), else on SQLite.
test: install $(MO)
	$(PY) -m pytest $(PYTEST_ARGS)

# ruff on everything; mypy (django-stubs) on core and the apps' services and selectors
lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Refresh the French catalog from the code and templates (then translate what is new).
# Needs GNU gettext (Debian: apt-get install gettext).
messages: install
	$(PY) manage.py makemessages --locale fr --ignore=.venv --ignore=staticfiles --no-obsolete --no-location
	$(PY) scripts/compile_messages.py

# Fails when a French string is missing or fuzzy, or the catalog does not compile (needs gettext).
check-messages: install
	$(PY) scripts/check_messages.py

# The deployment checklist with the production settings and throw-away values.
check-deploy: install
	SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	ALLOWED_HOSTS=portal.example DJANGO_SETTINGS_MODULE=config.settings.production \
	$(PY) manage.py check --deploy --fail-level WARNING

# Volume benchmarks on PostgreSQL at 127.0.0.1:5432 (not part of make test; see benchmarks/README.md):
#   make bench SIZE=1000000 BENCH_ARGS="--write"
SIZE ?= 100000
BENCH_ARGS ?=
bench: install
	$(PY) benchmarks/run.py --size $(SIZE) $(BENCH_ARGS)

# The API's endpoints at volume (issue 15): make bench-api SIZE=1000000 BENCH_ARGS="--write"
bench-api: install
	$(PY) benchmarks/api.py --size $(SIZE) $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var staticfiles $(MO)
