# Two commands for a newcomer: `make run` and `make test`. Everything installs into .venv.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test lint bench install screenshot clean system-deps

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PIP) install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(PY)
	$(PIP) install --quiet -e ".[test]"
	touch $@ $(STAMP)

install: $(STAMP)

# The window needs a few system libraries (Qt's xcb plugin); the check names any that are missing
# and the command that installs them, before anything else runs. `make system-deps` runs it.
run: $(STAMP)
	$(PY) -m annotator.qtcheck
	$(VENV)/bin/annotator import sample_data/ --quiet
	$(VENV)/bin/annotator tag --quiet
	$(VENV)/bin/annotator

# The walls, checked by tools (run `make lint` before landing; `make test` runs exactly this):
# import contracts (pyproject [tool.importlinter]), ruff, and mypy on the core packages.
lint: $(TEST_STAMP)
	$(VENV)/bin/lint-imports
	$(VENV)/bin/ruff check annotator tests benchmarks docs
	$(VENV)/bin/mypy

test: lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

system-deps: $(STAMP)
	$(PY) -m annotator.qtcheck --install

bench: $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks

screenshot: $(STAMP)
	mkdir -p bench_out
	$(PY) docs/screenshot_store.py bench_out/coalition-news-2017.db
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/annotator gui --db bench_out/coalition-news-2017.db --item 12 \
		--analyst "Rana Haddad" --screenshot bench_out/shot.png
	# the README's pictures: a laptop and a desktop screen, light and dark
	for size in 1366x768 1920x1080; do for theme in light dark; do \
		QT_QPA_PLATFORM=offscreen $(VENV)/bin/annotator gui --db bench_out/coalition-news-2017.db --item 12 \
			--analyst "Rana Haddad" --size $$size --theme $$theme --screenshot docs/screenshot-$$size-$$theme.png \
			|| exit 1; done; done

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .mypy_cache .ruff_cache .import_linter_cache
