# Everything a fresh machine needs: `make all` builds the campaign, `make test` tests it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    ?= output
JOBS   ?= $(shell nproc 2>/dev/null || echo 2)
PIP    := $(BIN)/pip install --quiet --disable-pip-version-check

.PHONY: all test bench clean province check help

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

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) -e '.[test]'
	touch $@

help:
	@grep -E '^[a-z]+:.*##' Makefile | sed 's/:.*##/ -/'
