# Everything a fresh machine needs: `make all` builds the campaign, `make test` tests it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    ?= output
JOBS   ?= $(shell nproc 2>/dev/null || echo 2)
PIP    := $(BIN)/pip install --quiet --disable-pip-version-check

.PHONY: all test bench clean province check help serve

all: $(VENV)/.installed                ## build every spec into output/
	$(BIN)/campaign build specs --out $(OUT) -j $(JOBS)

province: $(VENV)/.installed           ## one province's localized set: make province P=quang-ninh
	@test -n "$(P)" || { echo "usage: make province P=<slug>   (slugs: make provinces)"; exit 2; }
	$(BIN)/campaign build specs --out $(OUT) -j $(JOBS) --province $(P)

provinces: $(VENV)/.installed
	$(BIN)/campaign provinces

check: $(VENV)/.installed              ## validate the specs, render nothing
	$(BIN)/campaign check specs

test: $(VENV)/.installed-test          ## lint, check the layering, run the test suite
	$(BIN)/ruff check pipeline tests bench
	$(BIN)/lint-imports
	$(BIN)/pytest -n 2 -q

serve: $(VENV)/.installed             ## the province desk on http://127.0.0.1:8000 (docs/desk.md)
	$(BIN)/campaign serve --out $(OUT)

bench: $(VENV)/.installed-test         ## measure speed and intelligibility; writes bench/results.md
	$(PIP) -e '.[test,bench]'
	$(BIN)/python bench/run.py

clean:                                 ## remove build products (keeps .venv)
	rm -rf $(OUT) .pytest_cache

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) --upgrade pip
	$(PIP) -e .
	touch $@

# The desk's browser tests drive Debian's chromium (Playwright's own download needs the
# network); the print PDFs are checked with Ghostscript and qpdf, tools we did not write
# (no wheel ships their command lines). Installed here when missing, as root in CI.
$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) -e '.[test]'
	command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }
	command -v gs >/dev/null && command -v qpdf >/dev/null || \
	  { apt-get update -qq && apt-get install -y -qq ghostscript qpdf; }
	touch $@

help:
	@grep -E '^[a-z]+:.*##' Makefile | sed 's/:.*##/ -/'
