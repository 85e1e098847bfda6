# Program 4.3 performance portal. `make run` serves it, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint format messages check-messages clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

locale/fr/LC_MESSAGES/django.mo: locale/fr/LC_MESSAGES/django.po $(VENV)/.installed
	$(PY) manage.py compilemessages --ignore=.venv --locale fr

run: install locale/fr/LC_MESSAGES/django.mo
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --if-empty
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install locale/fr/LC_MESSAGES/django.mo
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Refresh the French catalog from the code and templates (then translate what is new).
messages: install
	$(PY) manage.py makemessages --locale fr --ignore=.venv --ignore=staticfiles --no-obsolete --no-location
	$(PY) manage.py compilemessages --ignore=.venv --locale fr

# Fails when a French string is missing or fuzzy, or the catalog does not compile.
check-messages: install
	$(PY) scripts/check_messages.py

clean:
	rm -rf $(VENV) var staticfiles
