# Two commands do all the set-up: `make run` and `make test`.
# Each creates .venv on first use and reinstalls when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint typecheck pytest bench clean install-desktop

run: $(VENV)/.installed-app
	$(BIN)/backroutine

test: $(VENV)/.installed-test lint typecheck pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

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

bench: $(VENV)/.installed-app
	$(BIN)/python benchmarks/validate_many.py

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-app: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed-app

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache
