"""Builds on a Dask cluster (``build --scheduler``): each asset to render is one task.

A task is a pure function of its job and the sources it depends on: it renders
on a worker, in the worker's own scratch folder, and returns the bytes of the
files, the one-line outcome and the log. The build alone writes them into
``out/``, through the stage folders and manifest of a local build, so the
cache, the crash-safety and the outputs' bytes are those of a local build.
A worker whose checkout or libraries differ from the build's refuses the task
in one line naming the difference: a build never mixes sources.

``local:N`` starts a ``LocalCluster`` of N single-threaded worker processes on
loopback; any other address is a running ``dask scheduler`` (tcp://HOST:8786).
"""
from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import logging
import re
import shutil
import socket
import tempfile
import time
import warnings
from pathlib import Path

from assets import catalogue, outdir
from assets.catalogue import ROOT
from assets.errors import AssetError, RenderError, one_line
from assets.output import versions, write_text

LOCAL = re.compile(r"^local:(\d+)$")
REMOTE = re.compile(r"^(?:tcp://)?(\[[0-9A-Fa-f:.]+\]|[\w.-]+):(\d+)$")  # HOST:PORT, tcp:// or not
CONNECT_TIMEOUT = 10  # seconds to reach the scheduler
WORKERS_TIMEOUT = 30  # seconds for a scheduler without workers to get one
POLL = 0.5  # seconds between looks at which tasks the workers have started


def check_address(address: str) -> str:
    """``address`` if it names a scheduler (``tcp://HOST:PORT``, ``HOST:PORT``) or a local
    cluster (``local:N``, N from 1 to 64); ``AssetError`` otherwise."""
    local, remote = LOCAL.match(address), REMOTE.match(address)
    if (local and 1 <= int(local.group(1)) <= 64) or (
            not local and remote and 1 <= int(remote.group(2)) <= 65535):
        return address
    raise AssetError(f"--scheduler {address!r}: expected tcp://HOST:PORT (a running 'dask "
                     "scheduler') or local:N (N worker processes on this machine, 1 to 64)")


def _unanswered(address: str, why: str) -> AssetError:
    return AssetError(f"no Dask scheduler answers at {address} ({why}); start one with 'dask "
                      f"scheduler' and workers with 'dask worker {address}' (README, Past one "
                      "machine)")


def check_reachable(address: str) -> None:
    """Refuse, before the build touches its folder, a scheduler address where nothing listens
    (a TCP connection refused or timed out at once, not after Dask's retries)."""
    remote = None if LOCAL.match(check_address(address)) else REMOTE.match(address)
    if remote:
        try:
            socket.create_connection((remote.group(1).strip("[]"), int(remote.group(2))),
                                     timeout=CONNECT_TIMEOUT).close()
        except OSError as err:
            raise _unanswered(address, err.strerror or one_line(err)) from None


@contextlib.contextmanager
def connect(address: str):
    """A Dask client for ``address``, the local cluster closed with it. Raises ``AssetError``
    when no scheduler answers there, or none of its workers joins in ``WORKERS_TIMEOUT``."""
    from dask.distributed import Client, LocalCluster

    for name in ("distributed", "tornado"):  # their log lines would interleave with the table
        logging.getLogger(name).setLevel(logging.CRITICAL)
    # its health and metrics server moves off a taken port, and warns: the table says enough
    warnings.filterwarnings("ignore", message="Port .* is already in use", category=UserWarning)
    local = LOCAL.match(check_address(address))
    with contextlib.ExitStack() as stack:
        if local:
            scratch = stack.enter_context(tempfile.TemporaryDirectory(prefix="gd-lecture-dask-"))
            cluster = stack.enter_context(LocalCluster(
                n_workers=int(local.group(1)), threads_per_worker=1, processes=True,
                host="127.0.0.1", dashboard_address=None, silence_logs=logging.CRITICAL,
                local_directory=scratch))
            client = stack.enter_context(Client(cluster))
        else:
            try:
                client = stack.enter_context(Client(address, timeout=CONNECT_TIMEOUT))
            except Exception as err:  # noqa: BLE001 - Dask raises OSError, TimeoutError, ValueError...
                raise _unanswered(address, one_line(err)) from None
            try:
                client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
            except TimeoutError:
                raise AssetError(f"the Dask scheduler at {address} has no workers (none joined "
                                 f"in {WORKERS_TIMEOUT} s); start them with 'dask worker "
                                 f"{address}' (README, Past one machine)") from None
        yield client


def _differences(wanted: dict[str, str], libraries: dict[str, str]) -> list[str]:
    """How this worker differs from the build: source files, then library versions."""
    found = []
    for name, digest in wanted.items():
        path = ROOT / name
        if not path.is_file():
            found.append(f"{name} is missing")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            found.append(f"{name} differs")
    here = versions()
    found += [f"{lib} is {here.get(lib)} here, {version} in the build"
              for lib, version in libraries.items() if here.get(lib) != version]
    return found


def _read(path: Path):
    """A file's bytes, or a folder's files (name → bytes), as the task returns them."""
    if path.is_dir():
        return {p.name: p.read_bytes() for p in sorted(path.iterdir())}
    return path.read_bytes()


def task(job, wanted: dict[str, str], libraries: dict[str, str]) -> dict:
    """Run on a worker: render ``job`` and return its outcome and files (name → bytes, or
    name → {file name → bytes} for a folder), with the render's log. Never raises for a
    render that fails: the failure is the outcome, as in a local worker."""
    from distributed import get_worker

    from assets.build import attempt

    started = time.perf_counter()
    worker = get_worker()
    differences = _differences(wanted, libraries)
    if differences:
        more = f" (and {len(differences) - 1} more)" if len(differences) > 1 else ""
        return {"state": "failed", "exit_code": AssetError.exit_code, "files": {}, "log": None,
                "seconds": 0.0, "message": (
                    f"{job.id}: the Dask worker {worker.address} ({socket.gethostname()}:{ROOT}) "
                    f"runs other sources than this build: {differences[0]}{more}; check out the "
                    "build's commit there, run 'make setup' and restart 'dask worker'")}
    base = Path(worker.local_directory)
    local = dataclasses.replace(job, asset=catalogue.get(job.asset.id), out=base / "out")
    scratch = Path(tempfile.mkdtemp(prefix="render-", dir=base))
    try:
        state, message, names, exit_code = attempt(local, scratch / "stage")
        files = {name: _read(scratch / "stage" / name) for name in names}
        log = local.out / "logs" / f"{local.stem}.log"
        text = log.read_text(encoding="utf-8", errors="replace") if log.is_file() else None
        log.unlink(missing_ok=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return {"state": state, "exit_code": exit_code, "files": files, "log": text,
            "seconds": time.perf_counter() - started,
            "message": message.replace(str(local.out), str(job.out))}


def _unpack(result: dict, stage: Path) -> None:
    """Write a task's files into the build's stage folder."""
    stage.mkdir()
    for name, data in result["files"].items():
        target = outdir.inside(stage, name)
        if isinstance(data, dict):
            target.mkdir()
            for inner, content in data.items():
                outdir.inside(target, inner).write_bytes(content)
        else:
            target.write_bytes(data)


def run(pending, out: Path, client, keys, report):
    """Render ``pending`` ((job, key) pairs, longest first) on the cluster; yield ``(job, key,
    outcome, stage)`` as each finishes, its files in the stage folder ``stage``."""
    from dask.distributed import wait
    from distributed import KilledWorker

    from assets.build import Outcome

    libraries = versions()
    futures = {}
    for rank, (job, key) in enumerate(pending):
        future = client.submit(task, job, keys.sources(job), libraries, pure=False,
                               key=f"render-{job.stem}-{key[:16]}", priority=len(pending) - rank)
        futures[future.key] = (future, job, key)
    shown: set[str] = set()
    try:
        while futures:
            try:
                done, _ = wait([f for f, _, _ in futures.values()], timeout=POLL,
                               return_when="FIRST_COMPLETED")
            except TimeoutError:  # none finished yet (Dask raises where concurrent.futures returns)
                done = set()
            _show_started(client, futures, shown, report)
            for future in done:
                _, job, key = futures.pop(future.key)
                stage = outdir.scratch(out / job.stem, "stage")
                try:
                    result = future.result()
                    _unpack(result, stage)
                except KilledWorker as err:
                    tries = err.allowed_failures + 1
                    result = _failed(job, f"the worker rendering it died, {tries} time"
                                     f"{'s' if tries > 1 else ''} (Dask's allowed-failures); the "
                                     "workers' logs ('dask worker' output) say why")
                except Exception as err:  # noqa: BLE001 - a lost scheduler fails the asset, not the build
                    if isinstance(err, OSError) and outdir.os_error(err) is not None:
                        raise  # a full disk here is the build's own failure
                    result = _failed(job, f"the cluster could not render it ({one_line(err)})")
                if result["log"] is not None:
                    write_text(out / "logs" / f"{job.stem}.log", result["log"])
                outcome = Outcome(job.stem, result["state"], result["seconds"], result["message"],
                                  sorted(result["files"]), result["exit_code"])
                yield job, key, outcome, stage
    finally:
        for future, _, _ in futures.values():  # interrupted: the cluster drops what is left
            future.cancel()


def _failed(job, why: str) -> dict:
    return {"state": "failed", "exit_code": RenderError.exit_code, "files": {}, "log": None,
            "seconds": 0.0, "message": f"{job.id}: {why}"}


def _show_started(client, futures, shown: set[str], report) -> None:
    """Mark the tasks a worker has started as rendering, as a local build does."""
    processing = {key for keys in client.processing().values() for key in keys}
    for name in processing - shown:
        if name in futures:
            shown.add(name)
            report(futures[name][1].stem, "rendering", "")
