"""Mutation score of `python cli.py verify`: the share of single mistakes in `sim` that it catches.

mutmut 3 (pinned in bench/mutation-requirements.txt) makes every single-token
mutant of the sim modules behind the lecture's facts (listed in
bench/mutation.cfg) and runs `verify` against each, as the pytest tests of
bench/verify_as_tests.py (one per fact; a test fails exactly when `verify` prints
FAIL on that row). A mutant is killed when a fact fails; a timeout counts as
killed too (the run of `verify` would not finish), and is listed. The score is
over the mutants in code that `verify` runs; mutants in functions no fact reaches
(mutmut's "no tests": other surfaces, drawing helpers) are counted and listed
apart, and the share of all mutants killed is printed beside the score.

Out of the score, and printed apart with the reason: the statements that check a
user's input and word the one-line error (the CLI's contract, tested by tests/, not
the mathematics `verify` measures). They are found in the copy, not listed by hand:
an ``if`` whose body only raises (after assignments for the message), a function
with no ``return`` value and no effect but such checks (``_require``, ``_positive``,
the problems' ``__post_init__``), and a call of such a function or of one that only
checks and returns its input (``check_seed``) whose value is not used. bench/mutation.py
marks them with mutmut's ``# pragma: no mutate`` in the copy, so mutmut makes no
mutants of them (its ``do_not_mutate_patterns`` skip only expressions, never a
``def``). Timeouts count as killed (a `verify` that slow would not be waited for)
and are listed by function.

Everything happens in a copy (``--workdir``, default .mutation/, which this
script owns and remakes): the repository's own files are never modified.
Prints the score, a table per module and every survivor (with ``--diffs``, its
diff); run it under
`nice` on a shared machine (`make mutation` does).
"""
from __future__ import annotations

import argparse
import ast
import configparser
import json
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAMP = ".made-by-bench-mutation"
KILLED = {1: "killed", 3: "killed", 36: "timeout", -24: "timeout", 24: "timeout", 152: "timeout",
          255: "timeout"}
"""mutmut's exit codes that mean the mutant was caught (its ``status_by_exit_code``)."""
UNREACHED = {5: "unreached", 33: "unreached"}
"""mutmut's exit codes for a mutant in a function that no test (no fact) calls."""


def _guard_if(node: ast.stmt) -> bool:
    """``if …: raise`` (assignments for the message allowed), its ``elif``s guards too."""
    return (isinstance(node, ast.If) and isinstance(node.body[-1], ast.Raise)
            and all(isinstance(s, (ast.Assign, ast.Raise)) for s in node.body)
            and all(_guard_if(s) for s in node.orelse))


def _guard_call(node: ast.AST, checks: set[str]) -> bool:
    """A statement calling a guard or checker and dropping its value: ``_require(lr > 0, "…")``,
    ``check_seed(seed)``."""
    return (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
            and isinstance(node.value.func, ast.Name) and node.value.func.id in checks)


def _guard_function(node: ast.FunctionDef, checks: set[str], returns: bool = False) -> bool:
    """Nothing set: only input checks, calls of guards and checkers, local assignments, loops
    of those, and (``returns``: a checker such as ``check_seed``) a final ``return``."""
    def only_checks(body) -> bool:
        return all(_guard_if(s) or _guard_call(s, checks)
                   or isinstance(s, (ast.Assign, ast.Raise, ast.Pass))
                   or (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))
                   or (isinstance(s, ast.For) and not s.orelse and only_checks(s.body))
                   for s in body)
    last = node.body[-1]
    if returns and isinstance(last, ast.Return):
        return only_checks(node.body[:-1])
    return only_checks(node.body)


def guard_names(paths) -> set[str]:
    """Across the package's module-level functions: the guards (only input checks, no value
    returned) and the checkers (input checks, then the value returned, like ``check_seed``)."""
    functions = [n for path in paths for n in ast.parse(path.read_text()).body
                 if isinstance(n, ast.FunctionDef)]
    checks: set[str] = set()
    while True:  # a guard may call guards defined after it
        found = {f.name for f in functions
                 if _guard_function(f, checks) or _guard_function(f, checks, True)}
        if found == checks:
            return checks
        checks = found


def mark_guards(path: Path, checks: set[str]) -> list[str]:
    """Add mutmut's pragmas to the input checks of one copied module (a guard function whole,
    an ``if …: raise``, a call of a guard or checker whose value is not used); what was
    marked."""
    lines = path.read_text().splitlines()
    tree = ast.parse("\n".join(lines))
    owner = {f: f"{c.name}." for c in ast.walk(tree) if isinstance(c, ast.ClassDef)
             for f in c.body if isinstance(f, ast.FunctionDef)}
    marked, ends = [], {}
    for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
        where = f"{path.stem}.{owner.get(function, '')}{function.name}"
        if _guard_function(function, checks):
            ends[function.body[0].lineno - 1 if function.body[0].lineno > function.lineno
                 else function.lineno] = "block"
            marked.append(f"{where}: all of it")
            continue
        for node in ast.walk(function):
            if _guard_if(node):
                for line in range(node.lineno, node.test.end_lineno):
                    ends.setdefault(line, "")
                ends[node.test.end_lineno] = "block"
                marked.append(f"{where}: the if …: raise at line {node.lineno}")
            elif _guard_call(node, checks):
                for line in range(node.lineno, node.end_lineno + 1):
                    ends.setdefault(line, "")
                marked.append(f"{where}: the call of {node.value.func.id} at line {node.lineno}")
    for line, kind in ends.items():
        lines[line - 1] += f"  # pragma: no mutate {kind}".rstrip()
    path.write_text("\n".join(lines) + "\n")
    ast.parse(path.read_text())  # a pragma after a backslash would break the module
    return marked


def prepare(workdir: Path) -> list[str]:
    """A fresh work folder: sim/ as it is now with its input checks marked, the mutmut
    settings, and verify as tests; returns what was marked."""
    if workdir.exists():
        if not (workdir / STAMP).is_file():
            sys.exit(f"error: {workdir} exists and was not made by bench/mutation.py; "
                     f"pass another --workdir")
        shutil.rmtree(workdir)
    (workdir / "tests").mkdir(parents=True)
    (workdir / STAMP).touch()
    shutil.copytree(ROOT / "sim", workdir / "sim",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    shutil.copy(ROOT / "bench" / "mutation.cfg", workdir / "setup.cfg")
    shutil.copy(ROOT / "bench" / "verify_as_tests.py", workdir / "tests" / "test_verify.py")
    settings = configparser.ConfigParser()
    settings.read(workdir / "setup.cfg")
    mutated = settings["mutmut"]["only_mutate"].split()
    checks = guard_names(sorted((workdir / "sim").glob("*.py")))
    return [marked for name in mutated for marked in mark_guards(workdir / name, checks)]


def results(workdir: Path) -> dict[str, dict[str, int | None]]:
    """Exit code of every mutant, by module, from mutmut's own records."""
    found = {}
    for meta in sorted((workdir / "mutants" / "sim").glob("*.py.meta")):
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        if codes:
            found[meta.name.removesuffix(".meta")] = codes
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=ROOT / ".mutation")
    parser.add_argument("--jobs", type=int, default=2, help="mutants run at once (default 2)")
    parser.add_argument("--diffs", action="store_true", help="print every survivor's diff")
    args = parser.parse_args()
    workdir = args.workdir.resolve()
    marked = prepare(workdir)
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", str(args.jobs)],
                         cwd=workdir, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    found = results(workdir)
    if run.returncode != 0 or not found:
        sys.exit(f"error: mutmut run failed (exit {run.returncode}):\n{run.stdout[-3000:]}"
                 f"{run.stderr[-3000:]}")
    total = Counter()
    columns = ("killed", "timeout", "survived", "unreached")
    print(f"{'module':<24} {'mutants':>7} " + " ".join(f"{c:>9}" for c in columns) + "    score")
    survivors, unreached, timeouts = Counter(), Counter(), Counter()
    for module, codes in found.items():
        kinds = Counter(KILLED.get(code) or UNREACHED.get(code, "survived")
                        for code in codes.values())
        total.update(kinds)
        reached = len(codes) - kinds["unreached"]
        score = f"{100 * (kinds['killed'] + kinds['timeout']) / reached:6.1f}%" if reached else ""
        print(f"{module:<24} {len(codes):>7} " + " ".join(f"{kinds[c]:>9}" for c in columns)
              + f"  {score}")
        for name, code in codes.items():
            function = name.rsplit("__mutmut_", 1)[0]
            if code in UNREACHED:
                unreached[function] += 1
            elif KILLED.get(code) == "timeout":
                timeouts[function] += 1
            elif code not in KILLED:
                survivors[function] += 1
                if args.diffs:
                    shown = subprocess.run([sys.executable, "-m", "mutmut", "show", name],
                                           cwd=workdir, capture_output=True, text=True)
                    print(shown.stdout.strip())
    count = sum(total.values())
    caught = total["killed"] + total["timeout"]
    reached = count - total["unreached"]
    print(f"{'all':<24} {count:>7} " + " ".join(f"{total[c]:>9}" for c in columns)
          + f"  {100 * caught / reached:6.1f}%")
    print("\nsurvivors by function:")
    for function, number in sorted(survivors.items()):
        print(f"  {number:4d}  {function}")
    print("timeouts (counted as killed), by function:")
    for function, number in sorted(timeouts.items()):
        print(f"  {number:4d}  {function}")
    print("unreached by any fact, by function:")
    for function, number in sorted(unreached.items()):
        print(f"  {number:4d}  {function}")
    print(f"left out of the score, not mutated: {len(marked)} input checks (they refuse a bad "
          f"input with a one-line error, the CLI's contract that tests/ checks):")
    for what in marked:
        print(f"        {what}")
    print(f"\nmutation score of verify: {caught} of {reached} mutants in code it runs killed "
          f"({100 * caught / reached:.1f} %; {caught} of all {count}, "
          f"{100 * caught / count:.1f} %, "
          f"counting {total['unreached']} in functions no fact reaches) in {seconds:.0f} s "
          f"with {args.jobs} at once (mutmut results: {workdir / 'mutants'})")


if __name__ == "__main__":
    main()
