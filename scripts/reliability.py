"""The build's safety promises, tried again and again: ``make reliability`` (README, Reliability).

Three cases, each for ``--rounds`` rounds (default 20), printing how many held:

- hidden-files: a render into a folder holding ``.ssh/id_ed25519``, ``.git/HEAD``
  and ``.bashrc`` is refused and leaves all three as they were; so does a render
  into the build's own folder after the user added them there.
- kill-during-parameter-change: a figure build changing ``lr`` is killed with
  SIGKILL at a random moment; afterwards no worker is alive, every manifest
  entry matches its file, and the sidecar's ``lr`` is the manifest's.
- two-concurrent-builds: two identical builds of a scene and a figure on one
  folder, started together with a new seed: one renders, the other finds it done
  and publishes; deck frames included, both succeed without a traceback and leave
  the manifest true and no leftovers.

Exit code 1 if any round failed. Random delays come from ``--seed``.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assets import manifest, outdir  # noqa: E402

FIGURE, SCENE = "gd-sgd-minibatch", "single-layer-forward"
USER_FILES = {".ssh/id_ed25519": b"-----BEGIN OPENSSH PRIVATE KEY-----\n", ".git/HEAD":
              b"ref: refs/heads/main\n", ".bashrc": b"export EDITOR=vi\n"}


def cli(*args, wait=True):
    command = [sys.executable, str(ROOT / "cli.py"), *args]
    if wait:
        return subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


def true_manifest(out: Path) -> str | None:
    """Why the manifest of ``out`` is not true, or None: every listed file has its recorded hash."""
    for stem, entry in manifest.load(out).items():
        for name, info in entry["files"].items():
            path = out / name
            if not path.exists() or manifest.describe(path)["sha256"] != info["sha256"]:
                return f"{stem}: {name} does not match the manifest"
        sidecar = out / f"{stem}.json"
        if entry.get("status") == "done" and sidecar.exists():
            if json.loads(sidecar.read_text())["params"] != entry["params"]:
                return f"{stem}: sidecar and manifest disagree on parameters"
    return None


def hidden_files(folder: Path, rng: random.Random) -> str | None:
    """A folder of the user's is refused and left as it was; the build's own folder, after the
    user added files to it, keeps them too."""
    users = folder / "users"
    for name, data in USER_FILES.items():
        (users / name).parent.mkdir(parents=True, exist_ok=True)
        (users / name).write_bytes(data)
    refused = cli("render", "gradient-level-sets", "--format", "pdf", "--out", str(users))
    if refused.returncode != 2:
        return f"a folder of the user's was not refused: exit {refused.returncode}"
    own = folder / "own"
    for attempt in ("first", "again"):
        result = cli("render", "gradient-level-sets", "--format", "pdf", "--out", str(own))
        if result.returncode != 0:
            return result.stderr.strip()
        if attempt == "first":  # the user adds files to the build's folder
            for name, data in USER_FILES.items():
                (own / name).parent.mkdir(parents=True, exist_ok=True)
                (own / name).write_bytes(data)
    changed = [f"{place.name}/{n}" for place in (users, own) for n, data in USER_FILES.items()
               if not (place / n).exists() or (place / n).read_bytes() != data]
    return f"gone or changed: {changed}" if changed else None


def _alive_naming(folder: Path) -> list[str]:
    listing = subprocess.run(["pgrep", "-af", str(folder)], capture_output=True, text=True)
    return [line for line in listing.stdout.splitlines() if "pgrep" not in line]


def kill_during_parameter_change(folder: Path, rng: random.Random) -> str | None:
    base = ("build", "--kind", "figure", "--only", FIGURE, "--out", str(folder))
    if not (folder / manifest.NAME).exists() and cli(*base).returncode != 0:
        return "the first build failed"
    lr = rng.choice(["0.05", "0.1", "0.2", "0.3"])
    running = cli(*base, "--set", f"lr={lr}", wait=False)
    time.sleep(rng.uniform(0.2, 3.5))
    os.kill(running.pid, signal.SIGKILL)
    running.wait()
    time.sleep(2.0)  # what a surviving worker would move into place, it would have by now
    alive = _alive_naming(folder)
    if alive:
        return f"still running after the kill: {alive}"
    return true_manifest(folder)


def two_concurrent_builds(folder: Path, rng: random.Random) -> str | None:
    # A new seed each round: one build renders, the other finds it done and publishes at once.
    args = ("build", "--only", f"{SCENE},{FIGURE}", "--seed", str(rng.randrange(2**32)),
            "--jobs", "1", "--quality", "low", "--out", str(folder))
    command = [sys.executable, str(ROOT / "cli.py"), *args]
    both = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for _ in range(2)]
    for running in both:
        _, stderr = running.communicate()
        if running.returncode != 0 or "Traceback" in stderr:
            return f"exit {running.returncode}: {stderr.strip()[-300:]}"
    leftovers = [str(p) for p in folder.rglob(".*") if outdir.LEFTOVER.match(p.name)]
    if leftovers:
        return f"leftovers: {leftovers}"
    if not list((folder / f"{SCENE}-deck").glob("*.jpg")):
        return "no deck frames"
    return true_manifest(folder)


CASES = {"hidden-files": hidden_files, "kill-during-parameter-change": kill_during_parameter_change,
         "two-concurrent-builds": two_concurrent_builds}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--case", choices=tuple(CASES), action="append")
    options = parser.parse_args()
    rng = random.Random(options.seed)
    failed = 0
    for name in options.case or CASES:
        started, failures = time.perf_counter(), []
        with tempfile.TemporaryDirectory(prefix="reliability-") as scratch:
            shared = Path(scratch) / "out"  # one folder across rounds: a build's real life
            for index in range(options.rounds):
                folder = shared if name != "hidden-files" else Path(scratch) / f"round{index}"
                folder.mkdir(exist_ok=True)
                problem = CASES[name](folder, rng)
                if problem:
                    failures.append(f"round {index + 1}: {problem}")
                if name == "hidden-files":
                    shutil.rmtree(folder)
        held = options.rounds - len(failures)
        print(f"{name}: {held} of {options.rounds} rounds held "
              f"({time.perf_counter() - started:.0f} s)", flush=True)
        for line in failures:
            print(f"  {line}", flush=True)
        failed += len(failures)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
