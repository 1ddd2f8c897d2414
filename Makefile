# jxanalysis: `make help` lists the targets. Every target sets up .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))

.DEFAULT_GOAL := help
.PHONY: help setup test reproduce bench lab clean

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[notebooks,test]'
	touch $(STAMP)

setup: $(STAMP) ## create .venv with pinned versions (constraints.txt)

test: $(STAMP) ## run the whole test suite: unit tests and strict nbval over notebooks/
	MPLBACKEND=Agg $(BIN)/python -m pytest -q tests notebooks --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg

reproduce: $(STAMP) ## re-execute every notebook in place and rewrite figures/
	@for nb in $(NOTEBOOKS); do \
		echo "running $$nb"; \
		MPLBACKEND=Agg $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
			--ExecutePreprocessor.timeout=600 --ExecutePreprocessor.record_timing=False $$nb || exit 1; \
	done

bench: $(STAMP) ## print tokenizer throughput and start-up time
	$(BIN)/python tests/bench_tokenize.py

lab: $(STAMP) ## open the notebooks in JupyterLab
	$(BIN)/jupyter lab notebooks/

clean: ## remove .venv and caches
	rm -rf $(VENV) .pytest_cache
