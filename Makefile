# Two commands for a newcomer: `make demo` and `make test`. Every target installs what it needs first,
# and skips the install when pyproject.toml has not changed since the last one.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test crawl serve status browser lint bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

install: $(STAMP)

# Debian's chromium for the browser tests (root or sudo needed once; skipped when it is already there).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

demo: install
	$(BIN)/tracker demo --any-port

test: install browser
	$(BIN)/python -m pytest

crawl: install
	$(BIN)/tracker crawl

serve: install
	$(BIN)/tracker serve

status: install
	$(BIN)/tracker status

lint: install
	$(BIN)/ruff check .

bench: install
	$(BIN)/python bench/ingest.py --articles 2000

clean:
	rm -rf $(VENV) data/demo .pytest_cache test-artifacts
