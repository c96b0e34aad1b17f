"""`python cli.py verify` as pytest tests, one per fact: the test command of `make mutation`.

mutmut 3 runs pytest in a forked process, so this file is what it runs for each
mutant, copied into the mutation work folder as tests/test_verify.py. A test fails
exactly when `verify` would print FAIL on its row (a check that raises included: each
check turns its own exception into a failed row, as in ``run_all``), so a mutant is
killed exactly when `verify` would exit 1. One test per fact lets mutmut run, for each
mutant, only the facts whose code reaches the mutated function.
"""
import pytest

from sim import facts


@pytest.mark.parametrize("check", facts.CHECKS, ids=[c.__name__ for c in facts.CHECKS])
def test_fact(check):
    result = check()
    assert result.passed, f"FAIL {result.name}: error {result.error:.3g} {result.message}"
