"""Files of a job folder that survive a killed worker: atomic writes and leases.

A write goes to a temporary name carrying the host and pid, then is renamed, so a reader
never sees half a file and a temporary left by a dead process is recognisably abandoned. A
lease is a POSIX lock (``lockf``) on a file: the kernel drops it the moment its process dies,
however it dies, so there is no stale lease to judge and no race in taking one over (deleting
and re-creating a lease file is racy: two workers can both "take" it). POSIX locks are per
process, so a set of held leases also keeps two threads of one worker apart.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

HOST = socket.gethostname()
_held: set[str] = set()
_held_lock = threading.Lock()


def write_atomic(path: Path, data: bytes, sync: bool = False) -> None:
    """Temp name carrying our pid, then rename: a stale temp is recognisably abandoned.

    The file is created mode 0600 (whatever the umask). The rename alone makes the write
    atomic against a killed process, which is what a job
    must survive; ``sync`` (fsync, ~6 ms) is kept for the files a power cut must not lose
    (job.json), not paid per document.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{HOST}.{os.getpid()}.part")
    # Readable by the service's own user only (0600): a job's files are the office's plans.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # a temp left by a killed writer keeps its old mode otherwise
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        if sync:
            fh.flush()
            os.fsync(fh.fileno())
    os.replace(tmp, path)


@contextlib.contextmanager
def lease(path: Path) -> Iterator[bool]:
    """Hold the lease ``path`` while working; yields False when another worker holds it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    key = str(path)
    with _held_lock:
        if key in _held:
            taken = False
        else:
            _held.add(key)
            taken = True
    if not taken:
        yield False
        return
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            yield False
            return
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{HOST} {os.getpid()}".encode())  # for a human looking at the folder
            yield True
        finally:
            os.close(fd)  # releases the lock; the file stays (unlinking it would race)
    finally:
        with _held_lock:
            _held.discard(key)


def _alive(pid: int) -> bool:
    """True when ``pid`` runs here; a zombie (killed, not yet reaped: containers whose init
    does not reap) counts as dead."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(OSError, IndexError):
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rpartition(")")[2].split()[0] != "Z"
    return True


def clean_stale_temps(folder: Path, everything: bool = False) -> None:
    """Remove temp files left by a dead process of this host (a killed worker); with
    ``everything``, all of them (the job is complete, no writer can be left)."""
    for tmp in folder.rglob(".*.part"):
        if not tmp.is_file():  # ours are files; anything else is not ours to remove
            continue
        if everything:
            tmp.unlink(missing_ok=True)
            continue
        parts = tmp.name.rsplit(".", 3)
        if len(parts) == 4 and parts[1] == HOST and parts[2].isdigit() and not _alive(int(parts[2])):
            tmp.unlink(missing_ok=True)
