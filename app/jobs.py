"""Task-queue wiring (Huey): a batch job's chunks as tasks; no logic of its own.

SQLite storage under instance/ by default (nothing to install); Redis when ``REDIS_URL`` is
set, so workers on several machines share one queue. ``KEHOACH_QUEUE`` names the queue (tests
use a private one). Job state lives in the job folders (see app.services.batch_jobs), so a
task lost with a killed worker is simply queued again by :func:`resume` when a worker starts.
A job folder that cannot be read is marked failed there and skipped: it never keeps a worker
from starting, nor the other jobs from running.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

from huey import Huey, RedisHuey, SqliteHuey
from huey.api import Task

from app.batch.communes import Commune
from app.batch.jobfiles import clean_stale_temps
from app.config import settings
from app.domain.plan import Plan
from app.messages import both
from app.services import batch_jobs
from app.services.batch import describe_failure


def jobs_root() -> Path:
    return Path(os.environ.get("KEHOACH_JOBS_DIR") or settings().instance_dir / "jobs")


def make_huey() -> Huey:
    name = os.environ.get("KEHOACH_QUEUE", "kehoach")
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
    {"user_id", "parent_id", "database_url"}.
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


def run_worker(workers: int = 1, worker_type: str = "process") -> None:
    """Resume unfinished jobs, then consume the queue until stopped (kehoach worker)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(process)d %(name)s %(message)s")
    log.info("resumed %d chunk(s)", resume())
    consumer = huey.create_consumer(workers=workers, worker_type=worker_type, periodic=False)
    consumer.run()
