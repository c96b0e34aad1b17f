"""Child processes that die with the build, so that no render outlives it.

A build killed with SIGKILL cannot stop its workers itself; Linux can, with
the parent-death signal (prctl(2), PR_SET_PDEATHSIG): each worker, and each
Manim process a worker starts, asks to be killed when its parent dies.
"""
from __future__ import annotations

import ctypes
import os
import signal

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def die_with_parent(parent: int) -> None:
    """Ask the kernel to SIGKILL this process when its parent dies; exit at once if the parent,
    whose pid the caller took before starting this process, has already died."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if os.getppid() != parent:
        os._exit(1)
