# Two commands do all the set-up: `make run` and `make test`.
# Each first makes sure the system packages are there (scripts/system-packages:
# installed as root on Debian/Ubuntu, otherwise named, and nothing else runs),
# then creates .venv from the lock files in requirements/ and reinstalls when
# they change. `make lock` updates the lock files within pyproject's ranges.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --quiet --disable-pip-version-check
UV_VERSION := 0.13.9
# The oldest Python we support: the locks are resolved for it and every newer one.
LOCK := $(BIN)/uv pip compile --quiet --custom-compile-command "make lock" --universal --generate-hashes --python-version 3.10 --upgrade

.PHONY: run test lint typecheck pytest bench clean install-desktop lock translations system-run system-test

run: system-run $(VENV)/.installed-app
	$(BIN)/backroutine

test: system-test $(VENV)/.installed-test lint typecheck pytest

system-run system-test: system-%:
	@$(PYTHON) scripts/system-packages $*

lint: $(VENV)/.installed-test
	$(BIN)/ruff check . scripts/system-packages
	$(BIN)/ruff format --check . scripts/system-packages

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

pytest: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

# Linux menus: the menu entry and icons, for this checkout's .venv.
DATA_HOME ?= $(or $(XDG_DATA_HOME),$(HOME)/.local/share)
install-desktop: $(VENV)/.installed-app
	mkdir -p "$(DATA_HOME)/applications"
	sed 's|^Exec=.*|Exec=$(abspath $(BIN))/backroutine|' packaging/linux/backroutine.desktop \
		> "$(DATA_HOME)/applications/backroutine.desktop"
	for size in 16 32 48 64 128 256; do \
		mkdir -p "$(DATA_HOME)/icons/hicolor/$${size}x$${size}/apps"; \
		cp assets/icons/backroutine-$$size.png "$(DATA_HOME)/icons/hicolor/$${size}x$${size}/apps/backroutine.png"; \
	done

# Extract the messages, update every language's catalogue, compile them
# (scripts/translations.py; docs/translating.md is the translators' guide).
translations: $(VENV)/.installed-app
	$(BIN)/python scripts/translations.py

bench: $(VENV)/.installed-app
	$(BIN)/python benchmarks/validate_many.py

# The newest releases pyproject.toml allows, with their hashes, for every
# platform and Python from 3.10 on (uv resolves for all of them at once).
lock: | $(VENV)/bin/python
	$(PIP) install uv==$(UV_VERSION)
	$(LOCK) pyproject.toml requirements/build.in -o requirements/app.txt
	$(LOCK) pyproject.toml requirements/build.in --extra test -o requirements/test.txt

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# Locked dependencies first (every file checked against its hash), then the
# project itself, built by the locked hatchling.
$(VENV)/.installed-app: pyproject.toml requirements/app.txt | $(VENV)/bin/python
	$(PIP) install --require-hashes -r requirements/app.txt
	$(PIP) install --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml requirements/test.txt | $(VENV)/bin/python
	$(PIP) install --require-hashes -r requirements/test.txt
	$(PIP) install --no-deps --no-build-isolation -e .
	touch $@ $(VENV)/.installed-app

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache
