# Two commands on a fresh machine: `make report` and `make test` (see README.md).
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
ARTICLE := data/dpa_frankreich_russland_is.txt

.PHONY: report test notebooks lab clean

# The virtual environment, with the project and its test tools, re-installed when pyproject.toml changes.
$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(INSTALLED)

# Executes the notebooks on the bundled article and writes HTML reports to reports/.
report: $(INSTALLED)
	$(BIN)/blickwinkel report $(ARTICLE) --out reports

# Unit tests and the notebook tests (nbval, lax mode: cells marked NBVAL_CHECK_OUTPUT are compared).
test: $(INSTALLED)
	$(BIN)/pytest

# Re-executes the notebooks in place, so that the outputs kept in git are current (app.ipynb is kept without
# outputs: Voilà runs it).
notebooks: $(INSTALLED)
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace notebooks/0*.ipynb

lab: $(INSTALLED)
	$(BIN)/jupyter lab notebooks/

clean:
	rm -rf reports .pytest_cache
