# Two commands for a new machine: `make run` and `make test`.
VENV    := .venv
PY      := $(VENV)/bin/python
FLASK   := $(VENV)/bin/flask --app consult
HOST    ?= 127.0.0.1
PORT    ?= 5000
PO      := $(wildcard translations/*/LC_MESSAGES/messages.po)
MO      := $(PO:.po=.mo)

.PHONY: run test install install-test vendor translations database chromium bench load clean

run: install vendor translations database
	@echo ""
	@echo "  Consult is running at http://$(HOST):$(PORT)"
	@echo "  Demo staff login: demo@consult.example / demo-password-change-me"
	@echo ""
	@# Posters print PUBLIC_URL (never the request's Host); on this machine it is the address above.
	PUBLIC_URL="$${PUBLIC_URL:-http://$(HOST):$(PORT)}" $(FLASK) run --host $(HOST) --port $(PORT)

# The suite spreads over every CPU (pytest-xdist; PYTEST_WORKERS=0 runs it in one process). Each worker has
# its own database, instance folder, live server, browser and screenshot folder (tests/conftest.py,
# tests/browser/conftest.py). A file's tests run on one worker (loadfile), in the order they were
# collected: tests that share a walk or a verdict (JavaScript on, then off) are in one file, and
# the long browser files start early instead of ending the run on one busy worker.
PYTEST_WORKERS ?= auto
test: install-test vendor translations chromium
	$(VENV)/bin/ruff check consult tests
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder --durations=25 $(PYTEST_ARGS)

# Add PostgreSQL's results SQL with: make bench BENCH_DATABASE_URL=postgresql://user@host:5432/dbname
# (it works in a schema of its own in that database and drops it afterwards; see tests/bench.py).
# Add BENCH_SCALE=1 for 10,000 / 100,000 / 1,000,000 responses (tens of minutes; tests/bench_scale.py).
bench: install-test vendor translations
	$(PY) -m tests.bench

# Two gunicorn servers on PostgreSQL and Redis, 50 simulated residents (locust) for 60 s, then what they
# were told against what is stored; exits non-zero on any error or lost answer (tests/load/run.py).
# LOAD_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/consult_load, made afresh) and
# LOAD_REDIS_URL (default REDIS_URL, else redis://127.0.0.1:6379/0) say where. Not part of `make test`.
load: install-test vendor translations
	$(PY) -m tests.load.run

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install -q -e '.[test]'
	touch $@

# Third-party front-end files come from the npm registry, pinned by package-lock.json, never committed.
WELSH_FONT := static/vendor/fonts/web/atkinson-hyperlegible-next-welsh-400-normal.woff2
vendor: static/vendor/.installed $(WELSH_FONT)

static/vendor/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p static/vendor
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx.min.js
	mkdir -p static/vendor/fonts static/vendor/openmoji
	cp node_modules/@expo-google-fonts/atkinson-hyperlegible-next/400Regular/AtkinsonHyperlegibleNext_400Regular.ttf \
	   node_modules/@expo-google-fonts/atkinson-hyperlegible-next/700Bold/AtkinsonHyperlegibleNext_700Bold.ttf \
	   node_modules/@expo-google-fonts/atkinson-hyperlegible-next/LICENSE_FONT static/vendor/fonts/
	@# The web pages' font: fontsource's WOFF2 files, split by script (latin, latin-ext) so a page fetches
	@# only what its letters need; the regular weight only, for the first visit's budget (static/css/app.css).
	mkdir -p static/vendor/fonts/web
	cp node_modules/@fontsource/atkinson-hyperlegible-next/files/atkinson-hyperlegible-next-latin-400-normal.woff2 \
	   node_modules/@fontsource/atkinson-hyperlegible-next/files/atkinson-hyperlegible-next-latin-ext-400-normal.woff2 \
	   node_modules/@fontsource/atkinson-hyperlegible-next/LICENSE static/vendor/fonts/web/
	@# Arabic in the PDFs: Amiri, one complete TTF per weight (why Amiri: static/css/pdf/base.css).
	cp node_modules/@expo-google-fonts/amiri/400Regular/Amiri_400Regular.ttf \
	   node_modules/@expo-google-fonts/amiri/700Bold/Amiri_700Bold.ttf static/vendor/fonts/
	cp node_modules/@expo-google-fonts/amiri/LICENSE_FONT static/vendor/fonts/LICENSE_FONT_Amiri
	rm -rf static/vendor/openmoji/svg
	cp -r node_modules/openmoji/color/svg static/vendor/openmoji/svg
	cp node_modules/openmoji/data/openmoji.json node_modules/openmoji/LICENSE.txt static/vendor/openmoji/
	touch $@

# Welsh pages need only ŵ ŷ (and ẁ ẃ ẅ ỳ Ÿ) from latin-ext: a 1 KB subset of it instead of the 7 KB file
# (static/css/app.css gives each its unicode-range). fontTools comes with the Python dependencies.
$(WELSH_FONT): static/vendor/.installed $(VENV)/.installed
	$(VENV)/bin/pyftsubset node_modules/@fontsource/atkinson-hyperlegible-next/files/atkinson-hyperlegible-next-latin-ext-400-normal.woff2 \
	   --unicodes="U+0174-0178,U+1E80-1E85,U+1EF2-1EF3" --layout-features='*' --flavor=woff2 --output-file=$@

translations: $(MO)

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po $(VENV)/.installed
	$(PY) -m babel.messages.frontend -q compile -i $< -o $@

database: install
	$(FLASK) db upgrade
	$(FLASK) seed-demo

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = "0" ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Debian's chromium. Install it with: sudo apt-get install chromium"; exit 1; \
	  fi; }

clean:
	rm -rf $(VENV) node_modules static/vendor
