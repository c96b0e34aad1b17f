"""Scene jobs: each render runs Manim in its own process with its own media directory.

Manim's ``config`` is global to a process, so the parent never imports Manim;
it hands a job to ``assets.scene_worker``, keeps the log, and moves the
finished files into place.
"""
from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from assets import captions, options, processes, tex_cache
from assets.catalogue import ROOT
from assets.errors import AssetError, RenderError
from assets.output import atomic_path, replace_dir, write_sidecar, write_text

USER_ERROR_EXIT = 3  # the worker's exit code for a SimError: the parameters, not the code, are wrong


def worker_spec(job, media_dir: Path) -> dict:
    """Everything the worker needs, as JSON-safe values."""
    return {"module": job.asset.module, "cls": job.asset.cls, "params": job.params,
            "seed": job.seed, "theme": job.theme, "aspect": job.aspect,
            "quality": job.quality, "fps": job.fps, "deck_fps": job.deck_fps,
            "formats": list(job.formats), "stem": job.stem,
            "media_dir": str(media_dir), "tex_cache": str(job.out / tex_cache.FOLDER)}


def key_lines(log: str, limit: int = 3) -> str:
    """The lines of a log that say what went wrong: LaTeX's '!' lines, else the last line."""
    lines = [ln.strip() for ln in log.splitlines() if ln.strip()]
    bangs = [ln for ln in lines if ln.startswith("!")]
    return " | ".join(bangs[:limit] or lines[-1:]) or "no output"


def render(job, dest: Path) -> list[Path]:
    """Render ``job`` in a Manim process of its own; its files land in ``dest``, its log in
    ``out/logs``."""
    media = Path(tempfile.mkdtemp(prefix=f".{job.stem}.", suffix=".media", dir=dest))
    log_path = job.out / "logs" / f"{job.stem}.log"
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "assets.scene_worker", json.dumps(worker_spec(job, media))],
            cwd=ROOT, capture_output=True, text=True,
            preexec_fn=functools.partial(processes.die_with_parent, os.getpid()),
            env={**os.environ, "PYTHONPATH": str(ROOT)})
        write_text(log_path, proc.stdout + proc.stderr)
        if proc.returncode == USER_ERROR_EXIT:
            raise AssetError(f"{job.id}: {key_lines(proc.stderr, 1)}")
        if proc.returncode < 0:
            raise RenderError(f"{job.id}: render failed: its process was killed by signal "
                              f"{-proc.returncode} (full log: {log_path})")
        if proc.returncode != 0:
            raise RenderError(f"{job.id}: render failed: {key_lines(proc.stderr)} "
                              f"(full log: {log_path})")
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        produced = {job.stem + options.SUFFIXES[fmt]: Path(path)
                    for fmt, path in result["files"].items()}
        if result.get("sections"):  # the notes as captions, the names as chapters (WebVTT)
            produced.update({p.name: p for p in captions.write(media, job.stem,
                                                               result["sections"])})
        files = []
        for name, path in sorted(produced.items()):
            target = dest / name
            if path.is_dir():
                replace_dir(path, target)
            else:
                with atomic_path(target) as tmp:
                    shutil.move(path, tmp)
            files.append(target)
    finally:
        shutil.rmtree(media, ignore_errors=True)
    sidecar = dest / f"{job.stem}.json"
    extra = {key: result[key] for key in ("frames", "duration", "fps", "sections", "deck")
             if key in result}
    write_sidecar(sidecar, job, files, quality=job.quality, **extra)
    return [*files, sidecar]
