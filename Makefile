# Two commands for a new user: `make run` (the main job on the bundled examples) and `make test`.
# Each creates .venv on first use and reinstalls only when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install catalogue clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/vakr catalogue

test: $(STAMP)
	$(BIN)/python -m pytest

catalogue: $(STAMP)
	$(BIN)/vakr catalogue

clean:
	rm -rf $(VENV) out _site
