"""Task-queue wiring (Huey): a batch job's chunks as tasks; no logic of its own.

SQLite storage under instance/ by default (nothing to install); Redis when ``REDIS_URL`` is
set, so workers on several machines share one queue. ``KEHOACH_QUEUE`` names the queue (tests
use a private one). Job state lives in the job folders (see app.services.batch_jobs), so a
task lost with a killed worker is simply queued again by :func:`resume` when a worker starts.
A job folder that cannot be read is marked failed there and skipped: it never keeps a worker
from starting, nor the other jobs from running.

A running worker writes a heartbeat every few seconds (``jobs/workers/<host>-<pid>.json``,
beside the job folders it works on, so every machine sharing them sees it): the batch page
says when no worker has been seen recently, instead of showing a batch waiting forever.

A job file names no secret: the worker connects to the database of its own DATABASE_URL; a
job names its database only when the web app used another one (tests), and then without the
password (see :func:`job_database`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import time
from pathlib import Path
from typing import Any

from huey import Huey, RedisHuey, SqliteHuey
from huey.api import Task
from huey.consumer import Consumer

from app.batch.communes import Commune
from app.batch.jobfiles import HOST, clean_stale_temps, write_atomic
from app.config import settings
from app.domain.plan import Plan
from app.messages import both
from app.services import batch_jobs
from app.services.batch import describe_failure


def jobs_root() -> Path:
    return Path(os.environ.get("KEHOACH_JOBS_DIR") or settings().instance_dir / "jobs")


HEARTBEAT_SECONDS = 5.0  # how often a worker says it is alive
WORKER_SEEN_SECONDS = 30.0  # a worker not heard from for longer is taken for gone
STALE_HEARTBEAT_SECONDS = 24 * 3600.0  # a killed worker's file is removed by the next one
WORKERS_DIR = "workers"


def queue_name() -> str:
    return os.environ.get("KEHOACH_QUEUE", "kehoach")


def make_huey() -> Huey:
    name = queue_name()
    url = settings().redis_url
    if url:
        return RedisHuey(name, url=url)
    path = settings().instance_dir / "huey.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(name, filename=str(path))


huey = make_huey()
log = logging.getLogger("kehoach.jobs")


# A chunk that fails as a whole (database briefly down) is tried again; communes already
# written are skipped, so a retry never generates one twice. On the last try such an error is
# recorded as the failure of each commune it meets, so the job still ends with its bundle.
@huey.task(retries=2, retry_delay=10, context=True)  # type: ignore[untyped-decorator,unused-ignore]
def run_chunk(root: str, job_id: str, chunk_no: int, task: Task | None = None) -> int:
    """Render one chunk of a job, then assemble the bundle if it was the last."""
    try:
        folder = batch_jobs.JobFolder(Path(root), job_id)
    except batch_jobs.JobNotFoundError:
        return 0  # the job was removed since it was queued
    last_try = task is None or not task.retries
    rendered = batch_jobs.run_chunk(folder, chunk_no, last_try=last_try)
    batch_jobs.finish(folder)
    return rendered


def enqueue(folder: batch_jobs.JobFolder, chunks: list[int] | None = None) -> int:
    """Queue the given (default: every unfinished) chunk of a job; returns how many."""
    todo = batch_jobs.unfinished_chunks(folder) if chunks is None else chunks
    for chunk_no in todo:
        run_chunk(str(folder.root), folder.id, chunk_no)
    if not todo:
        batch_jobs.finish(folder)
    return len(todo)


def job_database(url: str, schema: str | None = None) -> dict[str, Any]:
    """What a job file says of the database the web app writes to: nothing (None) when it is
    the one of DATABASE_URL, which the worker reads itself; else (tests) that database's URL
    without its password. Never a password."""
    same = batch_jobs.without_password(url) == batch_jobs.without_password(settings().database_url)
    return {
        "database_url": None if same else batch_jobs.without_password(url),
        "database_schema": schema,
    }


def start_batch(
    parent: Plan,
    communes: list[Commune],
    date: dt.date | None,
    pdf: bool = False,
    *,
    root: Path | None = None,
    owner: dict[str, object] | None = None,
) -> str:
    """Create a job folder (checking and allocating first) and queue its chunks.

    ``owner`` (web runs) names the user, and where to store each commune's plan as version 1:
    {"user_id", "parent_id", "database_url", "database_schema"} (see :func:`job_database`).
    """
    folder = batch_jobs.JobFolder.create(root or jobs_root(), parent, communes, date, pdf, owner=owner)
    enqueue(folder)
    return folder.id


def resume(root: Path | None = None) -> int:
    """Queue again what killed workers left unfinished; returns the number of chunks.

    A job that cannot be resumed (its job.json or spec unreadable, a file it cannot write) is
    marked failed and the next one is looked at: one bad folder must not stop every batch.
    """
    queued = 0
    for folder in batch_jobs.job_folders(root or jobs_root()):
        if folder.error is not None:
            if not (folder.path / batch_jobs.BROKEN).exists():
                folder.mark_broken(folder.error)  # said once, in the folder and the log
            continue
        try:
            clean_stale_temps(folder.path)
            queued += enqueue(folder)
        except Exception as exc:  # whatever it is, it is this job's problem only
            log.exception("batch job %s cannot be resumed", folder.id)
            folder.mark_broken(f"{both('batch_job_unreadable')}: {describe_failure(exc)}")
    return queued


class Heartbeat:
    """This worker's file in ``<jobs>/workers/``: who, which queue, and when last seen."""

    def __init__(self, root: Path | None = None) -> None:
        self.path = (root or jobs_root()) / WORKERS_DIR / f"{HOST}-{os.getpid()}.json"
        self.next = 0.0

    def beat(self) -> None:
        record = {"host": HOST, "pid": os.getpid(), "queue": queue_name(), "seen": time.time()}
        try:
            write_atomic(self.path, json.dumps(record).encode("utf-8"))
        except OSError:  # a full disk must not stop the worker; the page will say "no worker"
            log.warning("cannot write the worker heartbeat %s", self.path, exc_info=True)
        self.next = time.monotonic() + HEARTBEAT_SECONDS

    def beat_if_due(self) -> None:
        if time.monotonic() >= self.next:
            self.beat()

    def remove(self) -> None:
        with contextlib.suppress(OSError):
            self.path.unlink(missing_ok=True)


def worker_last_seen(root: Path | None = None) -> float | None:
    """When (epoch seconds) a worker of this queue was last heard from, or None."""
    folder = (root or jobs_root()) / WORKERS_DIR
    seen: float | None = None
    for path in folder.glob("*.json") if folder.is_dir() else ():
        with contextlib.suppress(OSError, ValueError, TypeError, KeyError, AttributeError):
            record = json.loads(path.read_text(encoding="utf-8"))
            if record.get("queue") == queue_name():
                seen = max(seen or 0.0, float(record["seen"]))
    return seen


def worker_running(root: Path | None = None) -> bool:
    """True when a worker was heard from in the last WORKER_SEEN_SECONDS (or tasks run in this
    very process: Huey's immediate mode)."""
    if huey.immediate:
        return True
    seen = worker_last_seen(root)
    return seen is not None and time.time() - seen < WORKER_SEEN_SECONDS


def _remove_stale_heartbeats(root: Path) -> None:
    folder = root / WORKERS_DIR
    for path in folder.glob("*.json") if folder.is_dir() else ():
        with contextlib.suppress(OSError):
            if time.time() - path.stat().st_mtime > STALE_HEARTBEAT_SECONDS:
                path.unlink()


class _Consumer(Consumer):  # type: ignore[misc]
    """Huey's consumer, writing the heartbeat from its main loop (which also watches the
    worker processes): alive in the file means the consumer is alive."""

    heartbeat: Heartbeat

    def loop(self, health_check_ts: float | None = None) -> float | None:
        health_check_ts = super().loop(health_check_ts)
        self.heartbeat.beat_if_due()
        return health_check_ts


def run_worker(workers: int = 1, worker_type: str = "process") -> None:
    """Resume unfinished jobs, then consume the queue until stopped (kehoach worker)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(process)d %(name)s %(message)s")
    root = jobs_root()
    _remove_stale_heartbeats(root)
    heartbeat = Heartbeat(root)
    heartbeat.beat()
    consumer = _Consumer(huey, workers=workers, worker_type=worker_type, periodic=False)
    consumer.heartbeat = heartbeat
    try:
        log.info("resumed %d chunk(s)", resume(root))
        consumer.run()
    finally:
        consumer.heartbeat.remove()
