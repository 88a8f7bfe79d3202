"""One process tree for `kehoach serve`: the web server and the task worker started together
and stopped together.

Each child (gunicorn's master, the Huey consumer) runs in its own process group, so stopping
reaches the processes it started too (gunicorn's workers, Huey's worker processes); a child
also gets SIGTERM from the kernel if this process dies without a chance to stop it (kill -9,
Linux only). Ctrl-C (SIGINT), SIGTERM and SIGHUP stop every child: SIGTERM to each group, then,
after ``STOP_SECONDS``, SIGKILL to whatever is left. When one child ends by itself (the port
is taken, the worker cannot start), the others are stopped too and its exit status is ours:
half a product is never left running.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

STOP_SECONDS = 20.0
PR_SET_PDEATHSIG = 1
log = logging.getLogger("kehoach.serve")


@dataclass(frozen=True)
class Child:
    """A named command to run: "web" → gunicorn, "worker" → kehoach worker."""

    name: str
    argv: Sequence[str]


def _stop_with_parent() -> None:
    """Ask the kernel for SIGTERM when our parent dies (runs in the child, before exec)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)


def stop_with_parent() -> None:
    """Make this process stop (SIGTERM) when the process that started it dies: `make run`
    killed with SIGTERM or closed, which passes no signal on to its children."""
    _stop_with_parent()


def group_alive(pgid: int) -> bool:
    """True while a process of the group ``pgid`` runs (zombies, dead but not yet reaped by
    an init that does not reap, count as gone)."""
    proc = Path("/proc")
    if not proc.is_dir():
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = (entry / "stat").read_text().rpartition(")")[2].split()
            # fields: state, ppid, pgrp, ...
            if int(fields[2]) == pgid and fields[0] != "Z":
                return True
    return False


def _signal_group(pgid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signum)


class Supervisor:
    """Start the children, wait for a stop signal or for one of them to end, stop them all."""

    def __init__(self, children: Sequence[Child], *, stop_seconds: float = STOP_SECONDS) -> None:
        self.children = list(children)
        self.stop_seconds = stop_seconds
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self._signal: int | None = None

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        self._signal = signum

    def run(self) -> int:
        """Run until stopped; returns the exit status (0 when stopped by a signal)."""
        previous = {
            signum: signal.signal(signum, self._on_signal)
            for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
        }
        try:
            for child in self.children:
                if self._signal is not None:
                    break
                self.processes[child.name] = subprocess.Popen(
                    list(child.argv), start_new_session=True, preexec_fn=_stop_with_parent
                )
                log.info("%s started (pid %d)", child.name, self.processes[child.name].pid)
            status = self._wait()
        finally:
            self.stop()
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        return status

    def _wait(self) -> int:
        while self._signal is None:
            for name, process in self.processes.items():
                code = process.poll()
                if code is not None:
                    log.error("%s stopped by itself (exit status %s): stopping the others", name, code)
                    return code if code > 0 else 1
            time.sleep(0.2)
        log.info("%s received: stopping", signal.Signals(self._signal).name)
        return 0

    def stop(self) -> None:
        """SIGTERM to every child's group, SIGKILL after ``stop_seconds``; returns when every
        process of every group is gone."""
        for process in self.processes.values():
            _signal_group(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + self.stop_seconds
        pending = dict(self.processes)
        while pending and time.monotonic() < deadline:
            for name, process in list(pending.items()):
                if process.poll() is not None and not group_alive(process.pid):
                    del pending[name]
            if pending:
                time.sleep(0.1)
        for name, process in pending.items():
            log.warning("%s did not stop within %.0f s: killed", name, self.stop_seconds)
            _signal_group(process.pid, signal.SIGKILL)
            process.wait()


def worker_argv(processes: int) -> list[str]:
    """The command line of `kehoach worker` in this interpreter."""
    return [sys.executable, "-m", "app.cli", "worker", "-w", str(processes)]
