# ddgraph: the two commands of the README.
#   make demo   create .venv, install everything, build the graph of data/articles,
#               print the summary, the evaluation and the answers, write the HTML views
#   make test   install the test tools (Chromium from Debian) and run the test suite

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STORE  ?= out/store
SITE   ?= out/site
GOLD   ?= data/gold/seeds.yaml
DD     := DDGRAPH_STORE=$(STORE) $(BIN)/ddgraph

.PHONY: demo test install install-test chromium clean

$(BIN)/ddgraph: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found (ddgraph needs Python 3.11, 3.12 or 3.13; PYTHON=python3.12 make ... picks another)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $(BIN)/ddgraph

install: $(BIN)/ddgraph
	@# bytecode of our own modules, so a new ddgraph process need not compile them (PYTHONDONTWRITEBYTECODE)
	@$(BIN)/python -m compileall -q graph ingest queries >/dev/null

demo: install
	rm -rf $(STORE)
	$(DD) ingest data/articles
	$(DD) stats
	$(DD) evaluate --gold $(GOLD)
	$(DD) questions data/questions.yaml
	$(DD) site -o $(SITE)
	@echo "views: $(SITE)/index.html"

chromium:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

test: install chromium
	$(BIN)/python -m pytest

clean:
	rm -rf out $(VENV) ddgraph-store
