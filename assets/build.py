"""The lecture build: incremental, parallel and crash-safe.

Each asset has a cache key (its parameters and output choices, the source of
everything that draws it, and the versions of the libraries that shape its
pixels); an asset whose key matches ``out/manifest.json`` and whose files still
have their recorded SHA-256 is skipped without starting anything. The rest
render in forked worker processes, one job each and at most ``workers`` at
once, longest first, each into a stage folder of its own (or, with a
``scheduler``, on a Dask cluster: ``assets.cluster``). Only the build moves
files into place (by rename) and rewrites the manifest (atomically), and
workers die with it, so a build killed at any moment leaves the previous files
intact and a manifest that describes them; the next build sweeps the stage
folders away and finishes the job. A lock on the output folder keeps two
builds, their publishing included, from interleaving; ``assets.outdir`` keeps
every write inside the folder and every deletion to the build's own leftovers.
"""
from __future__ import annotations

import ast
import contextlib
import fcntl
import functools
import hashlib
import json
import multiprocessing
import os
import queue
import signal
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from assets import jobs, manifest, outdir, processes
from assets.catalogue import ROOT
from assets.errors import AssetError, RenderError, one_line
from assets.output import replace_dir, versions, write_text

LOCK = outdir.LOCK


@dataclass
class Outcome:
    stem: str
    state: str  # "cached", "done" or "failed"
    seconds: float = 0.0
    message: str = ""
    files: list[str] = field(default_factory=list)
    exit_code: int = 0  # for a failure: 2 when the input was wrong, 1 when the render broke


@functools.cache  # each file parsed once per build, however many assets import it
def _local_imports(path: Path) -> frozenset[Path]:
    """The project's own modules that ``path`` imports, anywhere in the file (lazy imports too)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
    found = set()
    for name in names:
        base = ROOT.joinpath(*name.split("."))
        found.update(p for p in (base.with_suffix(".py"), base / "__init__.py") if p.exists())
    return frozenset(found)


@functools.cache
def closure(path: Path) -> frozenset[Path]:
    """``path`` and every project module it imports, transitively."""
    seen, todo = {path}, [path]
    while todo:
        for found in _local_imports(todo.pop()) - seen:
            seen.add(found)
            todo.append(found)
    return frozenset(seen)


RENDERERS = {"figure": ROOT / "assets" / "figure_render.py",
             "scene": ROOT / "assets" / "scene_worker.py"}


def dependencies(asset) -> list[Path]:
    """Every source file whose change can change this asset's output: its module, its renderer,
    and all the project modules they import, transitively (so editing ``theme.py`` touches
    every asset, editing one ``sim`` module only the assets that use it)."""
    return sorted(closure(asset.source) | closure(RENDERERS[asset.kind]))


class Keys:
    """Cache keys, hashing each source file once per build."""

    def __init__(self):
        self._digests: dict[Path, str] = {}
        self._versions = versions()

    def digest(self, path: Path) -> str:
        """The SHA-256 of a source file, read once per build."""
        if path not in self._digests:
            self._digests[path] = hashlib.sha256(path.read_bytes()).hexdigest()
        return self._digests[path]

    def sources(self, job) -> dict[str, str]:
        """Path (relative to the checkout) → SHA-256 of every source file ``job``'s output
        depends on: part of its key, and what a cluster's worker must hold to render it."""
        return {str(p.relative_to(ROOT)): self.digest(p) for p in dependencies(job.asset)}

    def key(self, job) -> str:
        scene = job.asset.kind == "scene"
        payload = {
            "id": job.id, "params": job.params, "seed": job.seed, "theme": job.theme,
            "aspect": job.aspect, "formats": sorted(job.formats), "data": job.data,
            "tex": job.tex and not scene,
            "quality": job.quality if scene else None, "fps": job.fps if scene else None,
            "deck_fps": job.deck_fps if scene else None,
            "sources": self.sources(job),
            "versions": self._versions,
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


@contextlib.contextmanager
def locked(out: Path, notify):
    """Hold the output folder's lock; a second build waits for the first instead of interleaving.

    Raises ``AssetError`` for a folder whose own parts are links (see ``outdir``).
    """
    outdir.claim(out)
    outdir.check_folders(out)
    handle = os.open(out / LOCK, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            notify(f"waiting for another build in {out} to finish")
            fcntl.flock(handle, fcntl.LOCK_EX)
        outdir.check_folders(out)  # again: the build that held the lock may have changed them
        yield
    finally:
        os.close(handle)


def attempt(job, stage: Path) -> tuple[str, str, list[str], int]:
    """Render one job into the new folder ``stage``: ``("done", "", file names, 0)``, or
    ``("failed", one line, [], exit code)``: a worker's outcome, local or on a cluster."""
    try:
        stage.mkdir()
        return "done", "", [f.name for f in jobs.run(job, stage)], 0
    except (AssetError, RenderError) as err:
        message = str(err) if str(err).startswith(job.id) else f"{job.id}: {err}"
        return "failed", message, [], err.exit_code
    except Exception as err:  # noqa: BLE001 - any bug in one asset must not stop the others
        return "failed", _message(job, err), [], RenderError.exit_code


def _work(job, results, parent: int) -> None:
    """Body of a worker process: render one job into its own stage folder, report the names of
    the files there or a one-line error. Only the build moves files into place."""
    os.setpgrp()  # its own process group, so an interrupted build can stop it with its children
    processes.die_with_parent(parent)  # and a killed build takes it along
    started = time.perf_counter()
    state, message, files, exit_code = attempt(job, outdir.scratch(job.out / job.stem, "stage"))
    results.put((job.stem, state, time.perf_counter() - started, message, files, exit_code))


def _message(job, err: Exception) -> str:
    """One line for an unexpected error: a full or unwritable disk said plainly, anything else
    with its log (when the log can be written)."""
    written = outdir.os_error(err)
    if written is not None:
        return f"{job.id}: {outdir.write_error(written, job.out)}"
    last = one_line(err)
    log = job.out / "logs" / f"{job.stem}.log"
    try:
        write_text(log, traceback.format_exc())  # atomic: a link at its name is replaced
    except OSError:
        return f"{job.id}: {last}"
    return f"{job.id}: {last} (full log: {log})"


def _warm_up(pending) -> None:
    """Import the figure renderer before forking, so each worker starts with matplotlib loaded."""
    if any(j.asset.kind == "figure" for j in pending):
        import assets.figure_render  # noqa: F401


def _record(out: Path, entries: dict, job, key: str, outcome: Outcome, stage: Path) -> None:
    """Move a finished job's files from its stage folder into place and describe them, or
    record a failed render; the stage folder goes in any case. Input the mathematics refuses
    (exit code 2: a point outside the plot, a level no point reaches) leaves the entry as it was.

    While the files are moved the entry describes none of them (status
    "publishing"), so a build killed half-way leaves a manifest that is true.
    """
    try:
        if outcome.exit_code != AssetError.exit_code:  # a refused input changes nothing
            entries[job.stem] = _move_into_place(out, entries, job, key, outcome, stage)
            manifest.save(out, entries)
    finally:
        outdir.remove(stage)


def _move_into_place(out: Path, entries: dict, job, key: str, outcome: Outcome,
                     stage: Path) -> dict:
    entry = entries.get(job.stem, {})
    if outcome.state != "done":  # keep describing the previous files, which are still intact
        return {"files": {}, **entry, "id": job.id, "kind": job.asset.kind,
                "status": "failed", "error": outcome.message}
    if entry:
        entries[job.stem] = {**entry, "status": "publishing", "files": {}}
        manifest.save(out, entries)
    for name in outcome.files:
        source, target = stage / name, outdir.inside(out, name)
        if source.is_dir():
            replace_dir(source, target)
        else:
            os.replace(source, target)
    return {"id": job.id, "kind": job.asset.kind, "key": key, "status": "done",
            "params": job.params, "seed": job.seed, "theme": job.theme, "aspect": job.aspect,
            "quality": job.quality if job.asset.kind == "scene" else None,
            "versions": versions(), "seconds": round(outcome.seconds, 3),
            "files": {name: manifest.describe(out / name) for name in outcome.files}}


def build(job_list, out: Path, workers: int, force: bool = False, report=print,
          publish=None, scheduler: str | None = None) -> list[Outcome]:
    """Bring ``out`` up to date with ``job_list``; ``report(stem, state, detail)`` shows progress.
    Raises ``AssetError`` for a folder that may not be an output folder (``outdir.check_root``),
    or a ``scheduler`` that does not answer.

    The renders run in ``workers`` local processes or, given a ``scheduler``
    address (``assets.cluster``), on a Dask cluster; either way only this process
    writes into ``out``. ``publish()``, if given, runs after the renders and still
    under the lock (the deck, the page and the snippets are written by one build at a time).
    """
    out = outdir.check_root(out)
    try:
        return _build(job_list, out, workers, force, report, publish, scheduler)
    except OSError as err:  # a full disk or an unwritable folder, met by the build itself
        raise outdir.write_error(outdir.os_error(err) or err, out) from None


def _build(job_list, out: Path, workers: int, force: bool, report, publish,
           scheduler) -> list[Outcome]:
    outcomes: dict[str, Outcome] = {}
    with locked(out, lambda message: report("", "waiting", message)):
        outdir.sweep(out)
        entries = manifest.load(out, lambda message: report("", "warning", message))
        keys = Keys()
        pending = []
        for job in job_list:
            key = keys.key(job)
            entry = entries.get(job.stem)
            if (not force and entry and entry.get("key") == key and entry.get("status") == "done"
                    and manifest.intact(out, entry)):
                outcomes[job.stem] = Outcome(job.stem, "cached")
                report(job.stem, "cached", "")
            else:
                pending.append((job, key))
                report(job.stem, "queued", "")
        # longest first: last time's duration, else scenes (slow) before figures
        pending.sort(key=lambda jk: -(_seconds(entries.get(jk[0].stem))
                                      or (60.0 if jk[0].asset.kind == "scene" else 1.0)))
        for outcome in _run(pending, out, entries, workers, report, keys, scheduler):
            outcomes[outcome.stem] = outcome
        if publish is not None:
            publish()
    return [outcomes[j.stem] for j in job_list]


def _seconds(entry) -> float:
    seconds = (entry or {}).get("seconds")
    return float(seconds) if isinstance(seconds, (int, float)) else 0.0


def _run(pending, out, entries, workers, report, keys, scheduler):
    """Render ``pending`` where the build was told to, and put each finished job's files in
    place as it comes; yield its outcome."""
    if not pending:  # a no-op build starts no workers and no cluster
        return
    with contextlib.ExitStack() as stack:
        if scheduler:
            from assets import cluster

            client = stack.enter_context(cluster.connect(scheduler))
            finished = cluster.run(pending, out, client, keys, report)
        else:
            _warm_up([j for j, _ in pending])
            finished = _local(pending, out, workers, report)
        for job, key, outcome, stage in finished:
            _record(out, entries, job, key, outcome, stage)
            report(outcome.stem, outcome.state, f"{outcome.seconds:.1f} s"
                   if outcome.state == "done" else outcome.message)
            yield outcome


def _local(pending, out, workers, report):
    """Render in forked worker processes, at most ``workers`` at once; yield ``(job, key,
    outcome, stage)`` as each finishes, its files in its stage folder."""
    pending = list(pending)
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    running: dict[str, tuple] = {}  # stem → (process, job, key)
    try:
        while pending or running:
            while pending and len(running) < max(1, workers):
                job, key = pending.pop(0)
                process = context.Process(target=_work, args=(job, results, os.getpid()),
                                          daemon=False)
                process.start()
                running[job.stem] = (process, job, key)
                report(job.stem, "rendering", "")
            try:
                outcome = Outcome(*results.get(timeout=0.2))
            except queue.Empty:
                stem = _dead_worker(running)
                if stem is None:
                    continue
                died = f"{running[stem][1].id}: worker died (exit code {running[stem][0].exitcode})"
                outcome = Outcome(stem, "failed", 0.0, died, [], RenderError.exit_code)
            process, job, key = running.pop(outcome.stem)
            process.join()
            yield job, key, outcome, outdir.scratch(out / outcome.stem, "stage", process.pid)
    finally:
        for process, _, _ in running.values():  # interrupted: stop workers and their renders
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.join()


def _dead_worker(running) -> str | None:
    """A worker that exited without reporting (killed, crashed), if any."""
    for stem, (process, _, _) in running.items():
        if not process.is_alive() and process.exitcode not in (None, 0):
            return stem
    return None
