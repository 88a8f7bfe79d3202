"""Batches as durable background jobs: state lives in the job's folder, not in a worker.

A job folder holds ``job.json`` (the parent plan, the commune list, the options), one file per
finished commune (``docx/<name>.docx``, ``pdf/<name>.pdf``), one per failed commune
(``failed/<name>.txt``), a ``cancel`` flag and finally ``bundle.zip``. Every file is written to a
temporary name and renamed, so a worker killed at any moment leaves no half-written file, and a
commune is done exactly when its file exists: a restarted worker skips it. Work is split into
chunks; a chunk is held by a lease (a lock the kernel drops when its process dies, see
app.batch.jobfiles) so two workers never render the same commune at once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import secrets
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

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
from app.services.batch import BatchItem, BatchSpec, add_result, child_plan, commune_context, plan_batch

CHUNK_SIZE = 25


# A worker runs many chunks of the same job: rebuild its spec once, not once per chunk.
_SPECS: dict[str, BatchSpec] = {}


class JobNotFoundError(KehoachError):
    """No job with this id."""


@dataclass
class JobStatus:
    """Progress of a job, as the web page and the CLI show it."""

    id: str
    state: str  # pending / running / done / failed / cancelled
    total: int
    done: int
    failed: list[tuple[str, str]] = field(default_factory=list)  # (unit, reason)
    rate: float = 0.0  # communes per second since the first one finished
    seconds_left: float | None = None
    bundle: Path | None = None
    pdf: bool = False

    @property
    def finished(self) -> int:
        return self.done + len(self.failed)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["bundle"] = self.bundle.name if self.bundle else None
        data["failed"] = [{"unit": u, "reason": r} for u, r in self.failed]
        return data


class JobFolder:
    """One batch job on disk."""

    def __init__(self, root: Path, job_id: str) -> None:
        self.id = job_id
        self.root = Path(root)
        self.path = self.root / job_id
        if not job_id.replace("-", "").isalnum() or not (self.path / "job.json").is_file():
            raise JobNotFoundError(f"{both('batch_not_found')}: {job_id}")
        self.meta: dict[str, Any] = json.loads((self.path / "job.json").read_text(encoding="utf-8"))
        self._spec: BatchSpec | None = None

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
            "owner": owner or {},
        }
        write_atomic(
            Path(root) / job_id / "job.json", json.dumps(meta, ensure_ascii=False).encode("utf-8"), sync=True
        )
        return cls(root, job_id)

    @property
    def pdf(self) -> bool:
        return bool(self.meta.get("pdf"))

    def spec(self) -> BatchSpec:
        """The batch, rebuilt from job.json (allocation is deterministic)."""
        if self._spec is None:
            self._spec = _SPECS.get(str(self.path))
        if self._spec is None:
            parent = plan_from_data(self.meta["parent"], f"{self.id}/job.json")
            communes = [Commune(**c) for c in self.meta["communes"]]
            date = dt.date.fromisoformat(self.meta["date"]) if self.meta.get("date") else None
            self._spec = plan_batch(parent, communes, date)
            _SPECS.clear()  # one job at a time per worker is the common case; keep memory flat
            _SPECS[str(self.path)] = self._spec
        return self._spec

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

    def record_failure(self, item: BatchItem, reason: str) -> None:
        write_atomic(self.failed_path(item), reason.encode("utf-8"))

    def record_done(self, item: BatchItem, docx: bytes) -> None:
        write_atomic(self.docx_path(item), docx)
        # One line per generated document: the kill-and-resume test counts them.
        with (self.path / "generated.log").open("a", encoding="utf-8") as log:
            log.write(f"{item.name}\n")


def run_chunk(folder: JobFolder, chunk_no: int) -> int:
    """Render the unfinished communes of one chunk; returns how many were rendered now."""
    if folder.cancelled:
        return 0
    name = f"chunk-{chunk_no}"
    with lease(folder.path / "leases" / name) as held:
        if not held:
            return 0
        spec = folder.spec()
        prepared = prepare()
        rendered = 0
        for index in folder.chunks()[chunk_no]:
            item = spec.items[index]
            if folder.cancelled:
                break
            if folder.docx_path(item).exists() or folder.failed_path(item).exists():
                continue
            (result,) = render_chunk(
                [index], functools.partial(_context_and_store, folder, spec), prepared, False
            )
            if result.docx is None:
                folder.record_failure(item, result.error or "")
            else:
                folder.record_done(item, result.docx)
                rendered += 1
        if folder.pdf and not folder.cancelled:
            _convert_chunk(folder, folder.chunks()[chunk_no])
    return rendered


def _context_and_store(folder: JobFolder, spec: BatchSpec, index: int) -> dict[str, Any]:
    """The commune's context; on a web run its plan is also stored as version 1 (once)."""
    owner = folder.meta.get("owner") or {}
    if owner.get("user_id"):
        from app.services.batch_store import store_child_plan

        plan = child_plan(spec, spec.items[index])
        store_child_plan(owner, plan)
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
    units = {item.name: item.commune.unit for item in folder.spec().items} if failed_files else {}
    failed = [(units.get(p.stem, p.stem), p.read_text(encoding="utf-8")) for p in failed_files]
    finished = done + len(failed)
    elapsed = time.time() - float(folder.meta.get("created", time.time()))
    rate = finished / elapsed if finished and elapsed > 0 else 0.0
    left = (total - finished) / rate if rate > 0 else None
    if folder.cancelled:
        state = "cancelled"
    elif folder.bundle_path.exists():
        state = "done" if not failed else "failed"
    else:
        state = "running" if finished else "pending"
    bundle = folder.bundle_path if folder.bundle_path.exists() else None
    return JobStatus(folder.id, state, total, done, failed, rate, left, bundle, folder.pdf)


def finish(folder: JobFolder) -> Path | None:
    """Assemble bundle.zip once every commune is finished (by whichever worker gets there)."""
    if folder.bundle_path.exists() or folder.cancelled:
        return folder.bundle_path if folder.bundle_path.exists() else None
    spec = folder.spec()
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
    if folder.cancelled or folder.bundle_path.exists():
        return []
    spec = folder.spec()
    return [
        n
        for n, chunk in enumerate(folder.chunks())
        if not all(folder.is_finished(spec.items[i]) for i in chunk)
    ]


def job_folders(root: Path) -> list[JobFolder]:
    if not root.exists():
        return []
    return [JobFolder(root, p.name) for p in sorted(root.iterdir()) if (p / "job.json").is_file()]
