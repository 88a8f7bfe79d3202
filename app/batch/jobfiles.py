"""Files of a job folder that survive a killed worker: atomic writes and leases.

A write goes to a temporary name carrying the host and pid, then is renamed, so a reader
never sees half a file and a temporary left by a dead process is recognisably abandoned. A
lease is a file created exclusively, naming its holder; it is taken over when the holder's
process is dead (same host) or has been silent for ``KEHOACH_JOB_LEASE`` seconds (another
host sharing the folder).
"""

from __future__ import annotations

import contextlib
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

HOST = socket.gethostname()


def lease_seconds() -> float:
    return float(os.environ.get("KEHOACH_JOB_LEASE", "120"))


def write_atomic(path: Path, data: bytes, sync: bool = False) -> None:
    """Temp name carrying our pid, then rename: a stale temp is recognisably abandoned.

    The rename alone makes the write atomic against a killed process, which is what a job
    must survive; ``sync`` (fsync, ~6 ms) is kept for the files a power cut must not lose
    (job.json), not paid per document.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{HOST}.{os.getpid()}.part")
    with tmp.open("wb") as fh:
        fh.write(data)
        if sync:
            fh.flush()
            os.fsync(fh.fileno())
    os.replace(tmp, path)


@contextlib.contextmanager
def lease(path: Path) -> Iterator[bool]:
    """Hold the lease file ``path`` while working; yields False when someone alive holds it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mine = f"{HOST} {os.getpid()}"
    if not _take(path, mine):
        yield False
        return
    try:
        yield True
    finally:
        with contextlib.suppress(FileNotFoundError):
            if path.read_text() == mine:
                path.unlink()


def refresh(path: Path) -> None:
    """Show the holder is alive (another host judges a lease by its age)."""
    with contextlib.suppress(FileNotFoundError):
        os.utime(path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _take(path: Path, mine: str) -> bool:
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        try:
            holder, age = path.read_text().split(), time.time() - path.stat().st_mtime
        except (FileNotFoundError, ValueError):
            return _take(path, mine) if not path.exists() else False
        host, pid = [*holder, "", "0"][:2]
        stale = (host == HOST and not _alive(int(pid))) or (host != HOST and age > lease_seconds())
        if not stale:
            return False
        path.unlink(missing_ok=True)
        return _take(path, mine)
    with os.fdopen(fd, "w") as fh:
        fh.write(mine)
    return True


def clean_stale_temps(folder: Path) -> None:
    """Remove temp files left by a dead process of this host (a killed worker)."""
    for tmp in folder.rglob(".*.part"):
        parts = tmp.name.rsplit(".", 3)
        if len(parts) == 4 and parts[1] == HOST and parts[2].isdigit() and not _alive(int(parts[2])):
            tmp.unlink(missing_ok=True)
