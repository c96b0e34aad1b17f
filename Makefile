# The two commands of the README, and the helpers behind them.
PY := .venv/bin/python

.PHONY: lecture test setup bench mutation reliability baselines gallery clean

lecture: setup
	$(PY) cli.py build

test:
	@scripts/setup.sh --test
	$(PY) -m pytest

setup:
	@scripts/setup.sh

# Benchmarks print measured ratios; results are recorded in the README.
bench: setup
	$(PY) bench/figures.py
	$(PY) bench/build.py
	$(PY) bench/scenes.py
	$(PY) bench/formats.py
	$(PY) bench/cluster.py

# Mutation score of `verify` (README): mutmut 3, pinned apart from requirements.txt, mutates a
# copy of sim/ in .mutation/; 5 to 11 minutes on two cores, so not part of `make test`.
mutation: setup
	$(PY) -m pip install -q -r bench/mutation-requirements.txt
	nice -n 10 $(PY) bench/mutation.py

# The build's safety promises, each tried 20 times (README, Reliability); about 15 minutes.
reliability: setup
	$(PY) scripts/reliability.py --rounds 20

# Re-draw the stored reference images after an intended visual change.
baselines: setup
	$(PY) -m pytest tests --regenerate-baselines -q

# The README's gallery: every figure's PNG and every scene's poster, with captions.
gallery: setup
	$(PY) scripts/gallery.py

clean:
	rm -rf out .pytest_cache
