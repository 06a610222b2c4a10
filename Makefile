# The two set-up commands (see README): `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell md5sum requirements.txt | cut -c1-8)
PORT ?= 8501

.PHONY: run test browser proxy bench

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-* && touch $(STAMP)

## Start the app on the embedded SQLite database, with demo data when it is empty.
run: $(STAMP)
	$(PY) manage.py seed-demo --if-empty
	$(VENV)/bin/streamlit run serve.py --server.port $(PORT)

## Run every test, browser tests included (installs Chromium, emoji fonts and nginx when missing), on both cores (pytest-xdist).
test: $(STAMP) browser proxy
	$(PY) -m pytest -n 2

browser:
	bash scripts/install-browser.sh

proxy:
	bash scripts/install-nginx.sh

bench: $(STAMP) browser
	$(PY) bench/bench_answering.py
	$(PY) bench/bench_join.py
	$(PY) bench/bench_capacity.py --serial 3
	$(PY) bench/bench_seed.py --runs 1
	$(PY) bench/bench_analysis.py
	$(PY) bench/bench_dashboard.py
	$(PY) bench/bench_workshop_wall.py
	$(PY) bench/bench_safety_queue.py
	$(PY) bench/bench_import.py
