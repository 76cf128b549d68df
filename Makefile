# Two commands for a new user: `make run` (the main job on the bundled examples) and `make test` (all tests).
# Each creates .venv on first use and reinstalls only when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
STAMP := $(VENV)/.installed
# Jupyter kernels start as `python -m ipykernel`: the venv's python must come first on PATH.
export PATH := $(BIN):$(PATH)
EXAMPLES := data/examples/akimat-example.xlsx data/examples/quasi-example.xlsx
# The as-of date of the bundled example (its ВАКР runs 1 October – 28 November 2025).
EXAMPLE_TODAY := 2025-10-20

.PHONY: run test install office notebooks catalogue benchmarks clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/vakr run $(EXAMPLES) --out out --jobs 2 --today $(EXAMPLE_TODAY)
	@echo "Готово. Откройте out/summary.html; документы и выполненные блокноты — в out/<организация>/."

test: $(STAMP) office
	$(BIN)/python -m pytest

# LibreOffice proves that the generated DOCX files open (the tests convert them to PDF) and that a workbook saved by
# Calc still reads. Installed where apt is available and we are root (CI, fresh machines); elsewhere those tests
# are skipped with their reason.
office:
	@command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1 || \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Устанавливаются LibreOffice Writer и Calc (для проверки документов и книг Excel)…"; \
	    apt-get update -qq >/dev/null && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-writer libreoffice-calc fonts-liberation2 >/dev/null; \
	  else echo "LibreOffice не установлен и не может быть установлен: проверки в LibreOffice будут пропущены."; fi

# Re-execute the notebooks in place on the bundled example, so the outputs the handbook embeds are current.
notebooks: $(STAMP)
	$(BIN)/vakr notebooks

catalogue: $(STAMP)
	$(BIN)/vakr catalogue

benchmarks: $(STAMP)
	$(BIN)/python benchmarks/bench_calendar.py
	$(BIN)/python benchmarks/bench_schedule.py
	$(BIN)/python benchmarks/bench_run.py

clean:
	rm -rf $(VENV) out _site .quarto
