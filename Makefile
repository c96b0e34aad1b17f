# The two commands of the README, and the helpers behind them.
PY := .venv/bin/python
STAMP := .venv/requirements.sha256

.PHONY: lecture test setup bench baselines clean

lecture: setup
	$(PY) cli.py build

test: setup
	$(PY) -m pytest

setup:
	@scripts/setup.sh

bench: setup
	$(PY) bench/run.py

# Re-draw the stored reference images after an intended visual change.
baselines: setup
	$(PY) -m pytest tests --regenerate-baselines -q

clean:
	rm -rf out .pytest_cache
