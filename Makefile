# The two commands of the README: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
TEST_INSTALLED := $(VENV)/.test-installed
export COCREATE_VAR_DIR ?= $(CURDIR)/var

.PHONY: run test install test-deps browser messages migrate bench lint clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
		|| { echo "Cocreate needs Python 3.11 or newer; '$(PYTHON)' is $$($(PYTHON) --version)." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

install: $(INSTALLED) messages

# Translations: compiled from the .po files in cocreate/locale (needs GNU gettext's msgfmt).
messages: $(INSTALLED)
	@command -v msgfmt >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq gettext >/dev/null; } \
		|| { echo "Install GNU gettext (msgfmt) to compile the translations." >&2; exit 1; }
	@cd cocreate && ../$(BIN)/cocreate compilemessages -v0

migrate: install
	$(BIN)/cocreate migrate --noinput -v0

run: migrate
	$(BIN)/cocreate collectstatic --noinput -v0
	$(BIN)/cocreate demo --if-empty
	$(BIN)/cocreate serve

$(TEST_INSTALLED): pyproject.toml $(INSTALLED)
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
browser:
	@command -v chromium >/dev/null || [ -x /usr/bin/chromium ] || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing Chromium from Debian for the browser tests…"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else echo "Chromium is not installed: the browser tests will be skipped (sudo apt-get install chromium)."; fi; }

test-deps: $(TEST_INSTALLED) messages browser

test: test-deps
	$(BIN)/pytest -n 2

bench: test-deps
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; } || true
	$(BIN)/python bench/web.py

lint: $(TEST_INSTALLED)
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) var .pytest_cache
