"""Batches as durable background jobs: state lives in the job's folder, not in a worker.

A job folder holds ``job.json`` (the parent plan, the commune list, the options), one file per
finished commune (``docx/<name>.docx``, ``pdf/<name>.pdf``), one per failed commune
(``failed/<name>.txt``), ``started`` (when a worker first took the job up: the rate counts from
there, not from the queueing), a ``cancel`` flag and finally ``bundle.zip``; ``broken.txt`` marks a job
whose ``job.json`` or spec cannot be read (it is failed for good, never retried). Every file is written to a
temporary name and renamed, so a worker killed at any moment leaves no half-written file, and a
commune is done exactly when its file exists: a restarted worker skips it. Work is split into
chunks; a chunk is held by a lease (a lock the kernel drops when its process dies, see
app.batch.jobfiles) so two workers never render the same commune at once.

A batch never stalls: a commune that fails for any reason is recorded as failed and the
others go on to the bundle; an error that may pass (the database briefly down) fails the chunk
so the task queue tries it again, and on the last try it too is recorded per commune; a job
folder that cannot be read is marked broken and skipped, so it never stops a worker from
starting or the other jobs from running.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import logging
import secrets
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from app.batch.bundle import Bundle
from app.batch.communes import Commune
from app.batch.jobfiles import clean_stale_temps, lease, write_atomic
from app.batch.summary import Summary
from app.domain.errors import KehoachError
from app.domain.plan import Plan
from app.messages import both
from app.planfile.load import dump_plan, plan_from_data
from app.render.batch import Rendered, add_pdfs, render_chunk
from app.render.context import build_context
from app.render.docx import prepare
from app.services.batch import (
    BatchItem,
    BatchSpec,
    add_result,
    child_plan,
    commune_context,
    describe_failure,
    plan_batch,
)

CHUNK_SIZE = 25
BROKEN = "broken.txt"
STARTED = "started"
MAX_ID = 64  # ids are "20260301-101500-1a2b3c4d"; anything much longer is not one of ours
log = logging.getLogger("kehoach.jobs")


# A worker runs many chunks of the same job: rebuild its spec once, not once per chunk.
_SPECS: dict[str, BatchSpec] = {}


class JobNotFoundError(KehoachError):
    """No job with this id."""


class BrokenJobError(KehoachError):
    """A job whose job.json or spec cannot be read: it is marked failed, not retried."""


@dataclass
class JobStatus:
    """Progress of a job, as the web page and the CLI show it."""

    id: str
    state: str  # pending / running / done / failed / cancelled
    total: int
    done: int
    failed: list[tuple[str, str]] = field(default_factory=list)  # (unit, reason)
    rate: float = 0.0  # communes per second since a worker took the job up
    seconds_left: float | None = None
    bundle: Path | None = None
    pdf: bool = False
    error: str | None = None  # why the whole job failed (a broken job folder)

    @property
    def finished(self) -> int:
        return self.done + len(self.failed)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["bundle"] = self.bundle.name if self.bundle else None
        data["failed"] = [{"unit": u, "reason": r} for u, r in self.failed]
        return data


def without_password(url: str) -> str:
    """``url`` with no password in it (the driver spelled as the engine spells it), for
    comparing database URLs and for anything written to a file."""
    from app.storage.db import normalize_url

    try:
        parsed = make_url(normalize_url(url))
    except ArgumentError:
        return ""  # not a URL at all: nothing of it is worth keeping
    return parsed._replace(password=None).render_as_string(hide_password=False)


def _public_owner(owner: dict[str, Any] | None) -> dict[str, Any]:
    """The owner as a job file may hold it: a database URL only without its password."""
    public = dict(owner or {})
    if public.get("database_url"):
        public["database_url"] = without_password(str(public["database_url"])) or None
    return public


class JobFolder:
    """One batch job on disk."""

    def __init__(self, root: Path, job_id: str) -> None:
        self.id = job_id
        self.root = Path(root)
        self.path = self.root / job_id
        if (
            not 0 < len(job_id) <= MAX_ID
            or not job_id.replace("-", "").isalnum()
            or not (self.path / "job.json").is_file()
        ):
            raise JobNotFoundError(f"{both('batch_not_found')}: {job_id[:MAX_ID]}")
        self._spec: BatchSpec | None = None
        self.meta: dict[str, Any] = {}
        self.error: str | None = _read_broken(self.path)
        if self.error is None:
            self.meta, self.error = _read_meta(self.path / "job.json")

    @property
    def broken(self) -> bool:
        """True when the job cannot run (see :meth:`mark_broken`)."""
        return self.error is not None

    def mark_broken(self, reason: str) -> None:
        """Fail the job for good: its status says why, workers skip it."""
        self.error = reason
        with contextlib.suppress(OSError):  # a read-only folder: at least this process knows
            write_atomic(self.path / BROKEN, reason.encode("utf-8"))
        log.warning("batch job %s marked broken: %s", self.id, reason)

    @classmethod
    def create(
        cls,
        root: Path,
        parent: Plan,
        communes: list[Commune],
        date: dt.date | None,
        pdf: bool = False,
        owner: dict[str, Any] | None = None,
    ) -> JobFolder:
        """Check and allocate now (errors surface before the job exists), then write job.json."""
        spec = plan_batch(parent, communes, date)
        job_id = f"{dt.datetime.now(dt.UTC):%Y%m%d-%H%M%S}-{secrets.token_hex(4)}"
        meta = {
            "parent": dump_plan(parent),
            "communes": [asdict(c) for c in communes],
            "date": date.isoformat() if date else None,
            "pdf": pdf,
            "chunk_size": CHUNK_SIZE,
            "total": len(spec.items),
            "created": time.time(),
            "owner": _public_owner(owner),
        }
        write_atomic(
            Path(root) / job_id / "job.json", json.dumps(meta, ensure_ascii=False).encode("utf-8"), sync=True
        )
        return cls(root, job_id)

    @property
    def pdf(self) -> bool:
        return bool(self.meta.get("pdf"))

    def spec(self) -> BatchSpec:
        """The batch, rebuilt from job.json (allocation is deterministic); raises
        :class:`BrokenJobError` (and marks the job broken) when it cannot be rebuilt."""
        if self.error is not None:
            raise BrokenJobError(self.error)
        if self._spec is None:
            self._spec = _SPECS.get(str(self.path))
        if self._spec is None:
            try:
                spec = self._rebuild()
            except (KehoachError, KeyError, TypeError, ValueError, AttributeError, RecursionError) as exc:
                self.mark_broken(f"{both('batch_job_unreadable')}: {describe_failure(exc)}")
                raise BrokenJobError(self.error) from None
            self._spec = spec
            _SPECS.clear()  # one job at a time per worker is the common case; keep memory flat
            _SPECS[str(self.path)] = self._spec
        return self._spec

    def _rebuild(self) -> BatchSpec:
        parent = plan_from_data(self.meta["parent"], f"{self.id}/job.json")
        communes = [Commune(**c) for c in self.meta["communes"]]
        date = dt.date.fromisoformat(self.meta["date"]) if self.meta.get("date") else None
        spec = plan_batch(parent, communes, date)
        if len(spec.items) != int(self.meta["total"]):
            raise ValueError(f"{len(spec.items)} ≠ total {self.meta['total']}")
        return spec

    def chunks(self) -> list[list[int]]:
        size = int(self.meta.get("chunk_size", CHUNK_SIZE))
        total = int(self.meta["total"])
        return [list(range(i, min(i + size, total))) for i in range(0, total, size)]

    def docx_path(self, item: BatchItem) -> Path:
        return self.path / "docx" / f"{item.name}.docx"

    def pdf_path(self, item: BatchItem) -> Path:
        return self.path / "pdf" / f"{item.name}.pdf"

    def failed_path(self, item: BatchItem) -> Path:
        return self.path / "failed" / f"{item.name}.txt"

    def is_finished(self, item: BatchItem) -> bool:
        if self.failed_path(item).exists():
            return True
        return self.docx_path(item).exists() and (not self.pdf or self.pdf_path(item).exists())

    @property
    def cancelled(self) -> bool:
        return (self.path / "cancel").exists()

    def cancel(self) -> None:
        write_atomic(self.path / "cancel", b"")

    @property
    def bundle_path(self) -> Path:
        return self.path / "bundle.zip"

    def mark_started(self) -> None:
        """Note when a worker first took the job up (kept across resumed runs)."""
        if not (self.path / STARTED).exists():
            write_atomic(self.path / STARTED, repr(time.time()).encode("ascii"))

    @property
    def started(self) -> float | None:
        """When a worker first took the job up (epoch seconds), or None while it waits."""
        try:
            return float((self.path / STARTED).read_text(encoding="ascii"))
        except (OSError, ValueError, UnicodeDecodeError):
            return None

    def record_failure(self, item: BatchItem, reason: str) -> None:
        write_atomic(self.failed_path(item), reason.encode("utf-8"))

    def record_done(self, item: BatchItem, docx: bytes) -> None:
        write_atomic(self.docx_path(item), docx)
        # One line per generated document: the kill-and-resume test counts them.
        with (self.path / "generated.log").open("a", encoding="utf-8") as log:
            log.write(f"{item.name}\n")


def run_chunk(folder: JobFolder, chunk_no: int, *, last_try: bool = True) -> int:
    """Render the unfinished communes of one chunk; returns how many were rendered now.

    Whatever goes wrong with one commune is recorded as its failure and the others go on. An
    error that may pass by itself (:func:`worth_retrying`: the database down) is raised
    instead, so the queue runs the chunk again, unless this is the ``last_try``.
    """
    if folder.cancelled or folder.broken:
        return 0
    name = f"chunk-{chunk_no}"
    with lease(folder.path / "leases" / name) as held:
        if not held:
            return 0
        try:
            spec = folder.spec()
            indices = folder.chunks()[chunk_no]
        except (BrokenJobError, IndexError):
            return 0
        folder.mark_started()
        rendered = 0
        try:
            prepared = prepare()
        except Exception as exc:  # the template itself: every commune fails the same way
            if not last_try:
                raise
            prepared, reason = None, describe_failure(exc)
        for index in indices:
            item = spec.items[index]
            if folder.cancelled:
                break
            if folder.docx_path(item).exists() or folder.failed_path(item).exists():
                continue
            if prepared is None:
                folder.record_failure(item, reason)
                continue
            try:
                (result,) = render_chunk(
                    [index], functools.partial(_context_and_store, folder, spec), prepared, False
                )
                if result.docx is None:
                    folder.record_failure(item, result.error or "")
                else:
                    folder.record_done(item, result.docx)
                    rendered += 1
            except Exception as exc:  # one commune's failure must not stop the batch
                if not last_try and worth_retrying(exc):
                    raise
                log.exception("batch job %s: %s failed", folder.id, item.commune.unit[:MAX_ID])
                folder.record_failure(item, describe_failure(exc))
        if folder.pdf and not folder.cancelled:
            _convert_chunk(folder, indices)
    return rendered


def worth_retrying(exc: BaseException) -> bool:
    """True for an error that may pass by itself, so the chunk is worth running again."""
    from app.services.batch_store import worth_retrying as store_says

    return store_says(exc)


def _context_and_store(folder: JobFolder, spec: BatchSpec, index: int) -> dict[str, Any]:
    """The commune's context; on a web run its plan is also stored as the draft of the
    commune's own agency (once: a resumed or repeated job updates it, see batch_store)."""
    owner = folder.meta.get("owner") or {}
    if owner.get("user_id"):
        from app.services.batch_store import store_child_plan

        item = spec.items[index]
        plan = child_plan(spec, item)
        store_child_plan(owner, plan, item.commune)
        return build_context(plan)
    return commune_context(spec, index)


def _convert_chunk(folder: JobFolder, indices: list[int]) -> None:
    """One soffice call for the chunk's DOCX files still lacking a PDF."""
    spec = folder.spec()
    todo = [
        Rendered(i, docx=folder.docx_path(spec.items[i]).read_bytes())
        for i in indices
        if folder.docx_path(spec.items[i]).exists() and not folder.pdf_path(spec.items[i]).exists()
    ]
    add_pdfs(todo)
    for result in todo:
        item = spec.items[result.index]
        if result.pdf is not None:
            write_atomic(folder.pdf_path(item), result.pdf)
        else:
            folder.record_failure(item, result.error or "PDF")


def status(folder: JobFolder) -> JobStatus:
    """Counts from the folder: done, failed, rate since the first file, time left."""
    if folder.broken:
        return _broken_status(folder)
    total = int(folder.meta["total"])
    done_files = list((folder.path / "docx").glob("*.docx")) if (folder.path / "docx").exists() else []
    failed_dir = folder.path / "failed"
    failed_files = sorted(failed_dir.glob("*.txt")) if failed_dir.exists() else []
    failed_names = {p.stem for p in failed_files}
    done = sum(1 for p in done_files if p.stem not in failed_names)
    if folder.pdf:
        done = (
            min(done, sum(1 for _ in (folder.path / "pdf").glob("*.pdf")))
            if (folder.path / "pdf").exists()
            else 0
        )
    try:
        units = {item.name: item.commune.unit for item in folder.spec().items} if failed_files else {}
    except BrokenJobError:
        return _broken_status(folder)
    failed = [(units.get(p.stem, p.stem), p.read_text(encoding="utf-8")) for p in failed_files]
    finished = done + len(failed)
    started = folder.started
    # From the moment a worker took the job up to now, or to its end: the time it waited in
    # the queue is not work, nor is the time since it ended.
    ended = _mtime(folder.bundle_path) or (_mtime(folder.path / "cancel") if folder.cancelled else None)
    elapsed = ((ended or time.time()) - started) if started is not None else 0.0
    rate = finished / elapsed if finished and elapsed > 0 else 0.0
    left = (total - finished) / rate if rate > 0 else None
    if folder.cancelled:
        state = "cancelled"
    elif folder.bundle_path.exists():
        state = "done" if not failed else "failed"
    else:
        state = "running" if finished or started is not None else "pending"
    bundle = folder.bundle_path if folder.bundle_path.exists() else None
    return JobStatus(folder.id, state, total, done, failed, rate, left, bundle, folder.pdf)


def _mtime(path: Path) -> float | None:
    try:
        return path.stat().st_mtime
    except OSError:
        return None


def _broken_status(folder: JobFolder) -> JobStatus:
    total = folder.meta.get("total")
    return JobStatus(
        folder.id,
        "failed",
        total if isinstance(total, int) else 0,
        0,
        pdf=folder.pdf,
        error=folder.error,
    )


def finish(folder: JobFolder) -> Path | None:
    """Assemble bundle.zip once every commune is finished (by whichever worker gets there)."""
    if folder.bundle_path.exists() or folder.cancelled or folder.broken:
        return folder.bundle_path if folder.bundle_path.exists() else None
    try:
        spec = folder.spec()
    except BrokenJobError:
        return None
    if not all(folder.is_finished(item) for item in spec.items):
        return None
    with lease(folder.path / "leases" / "bundle") as held:
        if not held or folder.bundle_path.exists():
            return None
        summary = Summary(spec.quota_columns)
        with contextlib.closing(summary), Bundle(folder.bundle_path) as bundle:
            for item in spec.items:
                failed = folder.failed_path(item)
                reason = failed.read_text(encoding="utf-8") if failed.exists() else None
                pdf = folder.pdf_path(item) if folder.pdf and not reason else None
                add_result(bundle, summary, item, folder.docx_path(item), pdf, reason)
            bundle.add_summary(summary)
    clean_stale_temps(folder.path, everything=True)
    return folder.bundle_path


def unfinished_chunks(folder: JobFolder) -> list[int]:
    """Chunks with a commune not yet finished (what a restarted worker must queue again)."""
    if folder.cancelled or folder.broken or folder.bundle_path.exists():
        return []
    try:
        spec = folder.spec()
    except BrokenJobError:
        return []
    return [
        n
        for n, chunk in enumerate(folder.chunks())
        if not all(folder.is_finished(spec.items[i]) for i in chunk)
    ]


def job_folders(root: Path) -> list[JobFolder]:
    """Every job under ``root``, broken ones included (their status says why); a folder that
    is not a job at all (no job.json, a name that is not a job id) is left out."""
    if not root.exists():
        return []
    found = []
    for path in sorted(root.iterdir()):
        try:
            found.append(JobFolder(root, path.name))
        except (JobNotFoundError, OSError):
            continue
    return found


def _read_broken(path: Path) -> str | None:
    """The reason a job was marked broken, or None."""
    try:
        return (path / BROKEN).read_text(encoding="utf-8", errors="replace") or both("batch_job_unreadable")
    except FileNotFoundError:
        return None
    except OSError:
        return both("batch_job_unreadable")


def _read_meta(path: Path) -> tuple[dict[str, Any], str | None]:
    """job.json's content and None, or what of it could be read and why it cannot be used."""
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        return {}, f"{both('batch_job_unreadable')}: {describe_failure(exc)}"
    if not isinstance(meta, dict):
        return {}, both("batch_job_unreadable")
    if not isinstance(meta.get("owner"), dict | None):
        return {}, f"{both('batch_job_unreadable')}: owner"
    shapes = {"parent": dict, "communes": list, "total": int, "chunk_size": int}
    for key, kind in shapes.items():
        value = meta.get(key)
        if (value is None and key != "chunk_size") or (value is not None and not isinstance(value, kind)):
            return meta, f"{both('batch_job_unreadable')}: {key}"
    if meta.get("chunk_size", 1) < 1:
        return meta, f"{both('batch_job_unreadable')}: chunk_size"
    return meta, None
