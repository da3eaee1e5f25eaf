# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
DEMO_ENV := DEBUG=true SECRET_KEY=dev-only-secret-key-for-make-run
RUN_ENV := CACHE_URL=$${CACHE_URL:-filecache://$(CURDIR)/var/cache}

.PHONY: run test test-checks test-large lint bench load install clean cluster-demo

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

# The jobs' worker (db_worker) runs beside the server and stops with it; both share a file cache (progress).
run: install
	mkdir -p var/static
	$(DEMO_ENV) $(PY) manage.py migrate --noinput
	$(DEMO_ENV) $(PY) manage.py seed_demo
	$(DEMO_ENV) $(PY) manage.py periodic_jobs
	@echo ""
	@echo "Портал: http://127.0.0.1:8000/   Каталог для абитуриентов: http://127.0.0.1:8000/catalog/"
	@echo "Демо-пользователи (пароль cluster-demo): coordinator, secretary, expert, expert2, college, college2, employer, observer"
	@echo "Фоновые задачи выполняет manage.py db_worker, запущенный рядом с сервером."
	@echo ""
	$(DEMO_ENV) $(RUN_ENV) $(PY) manage.py db_worker --no-reload --interval 1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEMO_ENV) $(RUN_ENV) $(PY) manage.py runserver 127.0.0.1:8000

# Tests run on every core (pytest-xdist; each worker has its own test database): PYTEST_ARGS="-n 0" runs them in one process.
PYTEST_ARGS ?= -n auto

test: install
	mkdir -p var/static
	$(PY) -m pytest --create-db $(PYTEST_ARGS)

# The outside checks, left out of make test to keep it under 10 minutes on 2 cores: axe-core and the Nu HTML
# Checker over every role's pages, the Excel templates through LibreOffice, schemathesis against the API schema.
# Each is skipped, with its reason, where its tool is absent; CI runs them after make test.
test-checks: install
	mkdir -p var/static
	$(PY) -m pytest --create-db $(PYTEST_ARGS) -m "axe or vnu or libreoffice or schemathesis"

# 50,000-row imports (marker large_import, left out of make test): the command and the page with a live worker.
test-large: install
	mkdir -p var/static
	$(PY) -m pytest -n 0 -m large_import

# radon: no function graded D or worse (cyclomatic complexity above 20) outside migrations and tests.
RADON_EXCLUDE := */migrations/*,*/tests/*,*/test_*.py,conftest.py,.venv/*,var/*

lint: install
	$(VENV)/bin/ruff check .
	$(DEMO_ENV) $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/bandit -r . --ini .bandit --severity-level medium --quiet
	@complex=$$($(VENV)/bin/radon cc --min D --show-complexity --exclude "$(RADON_EXCLUDE)" .); \
		if [ -n "$$complex" ]; then echo "$$complex"; echo "radon: split these functions into named steps"; exit 1; fi

BENCH_SCALES ?= seed,x10
BENCH_ARGS ?=
BENCH_ENV := SECRET_KEY=bench-only-secret DEBUG=false SECURE_SSL_REDIRECT=false ALLOWED_HOSTS=testserver \
	STATIC_STORAGE=django.contrib.staticfiles.storage.StaticFilesStorage \
	DATABASE_URL=$${BENCH_DATABASE_URL:-sqlite:///$(CURDIR)/var/bench.sqlite3}

# Performance figures into docs/performance.md; BENCH_SCALES=seed,x10,x100 for the largest scale,
# BENCH_DATABASE_URL=postgres://…/bench_… for PostgreSQL, BENCH_ARGS=--measure-only to re-measure a filled database.
bench: install
	mkdir -p var/static
	$(BENCH_ENV) $(PY) manage.py migrate --noinput -v0
	$(BENCH_ENV) $(PY) manage.py bench --scales $(BENCH_SCALES) $(BENCH_ARGS)

# 50 users browsing a gunicorn server on loopback for 60 s (needs the local PostgreSQL).
load: install
	scripts/load_run.sh

# Two gunicorn nodes (8107, 8108) and a job worker on the local PostgreSQL and Redis; `scripts/cluster_demo.sh stop` ends them.
cluster-demo: install
	scripts/cluster_demo.sh start

clean:
	rm -rf var/db.sqlite3 var/test-media var/imports
