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

Everything happens in a copy (``--workdir``, default .mutation/, which this
script owns and remakes): the repository's own files are never modified.
Prints the score, a table per module and every survivor (with ``--diffs``, its
diff); run it under
`nice` on a shared machine (`make mutation` does).
"""
from __future__ import annotations

import argparse
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


def prepare(workdir: Path) -> None:
    """A fresh work folder: sim/ as it is now, the mutmut settings, and verify as tests."""
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
    prepare(workdir)
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
    survivors, unreached = Counter(), Counter()
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
    print("unreached by any fact, by function:")
    for function, number in sorted(unreached.items()):
        print(f"  {number:4d}  {function}")
    print(f"\nmutation score of verify: {caught} of {reached} mutants in code it runs killed "
          f"({100 * caught / reached:.1f} %; {caught} of all {count}, {100 * caught / count:.1f} %, "
          f"counting {total['unreached']} in functions no fact reaches) in {seconds:.0f} s "
          f"with {args.jobs} at once (mutmut results: {workdir / 'mutants'})")


if __name__ == "__main__":
    main()
