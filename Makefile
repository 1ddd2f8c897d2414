# jxanalysis: `make help` lists the targets. Every target sets up .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
SOLUTIONS := $(sort $(wildcard notebooks/solutions/*.ipynb))
EXECUTE = $(BIN)/jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.timeout=600 \
	--ExecutePreprocessor.record_timing=False --NotebookExporter.preprocessors=jxanalysis.lab.StableOutputs

# the notebooks named on stdin, two at a time; a failing one prints its error and stops the run
EXECUTE_TWO = xargs -P 2 -I NB sh -c 'echo "running NB"; log=$$(mktemp); $(EXECUTE) NB 2>$$log; status=$$?; [ $$status = 0 ] || cat $$log; rm -f $$log; [ $$status = 0 ] || exit 255'

.DEFAULT_GOAL := help
.PHONY: help setup browser test reproduce solutions reproducible unchanged bench lab clean

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[notebooks,test]'
	touch $(STAMP)

setup: $(STAMP) ## create .venv with pinned versions (constraints.txt)

browser: ## install Debian's chromium and chromium-driver for the browser test (apt-get, needs root; CI runs it)
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
		if [ "$$(id -u)" != 0 ]; then echo "the browser test needs: sudo apt-get install chromium chromium-driver"; exit 1; fi; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi

test: $(STAMP) ## run the whole test suite: unit tests, strict nbval over notebooks/, figures unchanged (the browser test is skipped without chromium: make browser)
	$(BIN)/python -m pytest -q tests notebooks --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg
	@$(MAKE) --no-print-directory unchanged WHAT="figures/ (rewritten by the notebooks under nbval)"

reproducible: reproduce solutions ## run `make reproduce` and `make solutions` and check that they leave git status clean
	@$(MAKE) --no-print-directory unchanged WHAT="notebooks/ and figures/ (rewritten by make reproduce and make solutions)"

unchanged:
	@if git rev-parse --git-dir >/dev/null 2>&1; then \
		changed=$$(git status --porcelain -- figures notebooks); \
		if [ -n "$$changed" ]; then echo "$(WHAT) differ from the committed files:"; echo "$$changed"; exit 1; fi; \
		echo "$(WHAT): identical to the committed files"; \
	fi

reproduce: $(STAMP) ## re-execute the numbered notebooks in place, two at a time, and rewrite figures/ (widgets are stored as text)
	@printf '%s\n' $(NOTEBOOKS) | $(EXECUTE_TWO)

solutions: $(STAMP) ## re-execute the exercise solutions in notebooks/solutions/, two at a time
	@printf '%s\n' $(SOLUTIONS) | $(EXECUTE_TWO)

bench: $(STAMP) ## print each speed and memory target next to its measured value and the bare tokenizer (~2 min)
	$(BIN)/python tests/bench_load.py
	$(BIN)/python tests/bench_tokenize.py
	$(BIN)/python tests/bench_corpus.py

lab: $(STAMP) ## open the notebooks in JupyterLab, with the bundled CJK font for Chinese where the system has none
	$(BIN)/python -m jxanalysis.lab notebooks/

clean: ## remove .venv and caches
	rm -rf $(VENV) .pytest_cache
