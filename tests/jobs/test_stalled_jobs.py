"""A batch never stalls: broken job folders are marked failed and skipped by a starting
worker, a commune that fails is listed and the rest bundle, a 3,000-character name is cut to a
file name, an error that may pass is retried and, on the last try, recorded per commune."""

from __future__ import annotations

import json
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy.exc import OperationalError

from app import jobs
from app.batch.bundle import MAX_NAME
from app.batch.communes import Commune
from app.batch.jobfiles import HOST
from app.domain.plan import Plan
from app.planfile.load import load_plan
from app.services import batch_jobs, batch_store
from tests.jobs.test_jobs import _communes

DATA = Path(__file__).resolve().parents[1] / "data" / "batch"
LONG_NAME = "Tân Phú " + "và các khu dân cư sáp nhập theo Nghị quyết của Ủy ban Thường vụ Quốc hội " * 41


@pytest.fixture(scope="module")
def parent() -> Plan:
    return load_plan(DATA / "parent.yaml")


@pytest.fixture
def immediate() -> Iterator[None]:
    """Queued tasks run at once, in this process (Huey's immediate mode, in-memory queue)."""
    jobs.huey.immediate = True
    yield
    jobs.huey.immediate = False


def _long_commune(row: int = 2) -> Commune:
    assert len(LONG_NAME) > 3000
    return Commune(row, LONG_NAME, "xã", "commune", "Tân Phú", "Nguyễn Văn A", "Chủ tịch", weight=1.0)


def _broken_folder(root: Path, job_id: str, content: str) -> Path:
    folder = root / job_id
    folder.mkdir(parents=True)
    (folder / "job.json").write_text(content, encoding="utf-8")
    return folder


def _docx_names(bundle: Path) -> list[str]:
    with zipfile.ZipFile(bundle) as archive:
        assert archive.testzip() is None
        return [n for n in archive.namelist() if n.endswith(".docx")]


def test_a_worker_starting_on_broken_jobs_marks_them_failed_and_runs_every_other_job(
    tmp_path: Path, parent: Plan, immediate: None
) -> None:
    """Before, one such folder made resume() raise, so no worker started and every batch of
    every user waited until someone removed the folder by hand."""
    root = tmp_path / "jobs"
    good = batch_jobs.JobFolder.create(root, parent, _communes(3), None)
    long = batch_jobs.JobFolder.create(root, parent, [_long_commune(), *_communes(2)], None)
    sound = json.loads((good.path / "job.json").read_text(encoding="utf-8"))
    broken = {
        "20260101-000000-0000000a": '{"parent": {"id": "x", "issuer"',  # cut off mid-write
        "20260101-000000-0000000b": "[1, 2, 3]",  # not an object
        "20260101-000000-0000000c": json.dumps({**sound, "total": "ba"}),  # wrong type
        "20260101-000000-0000000d": json.dumps({k: v for k, v in sound.items() if k != "communes"}),
        "20260101-000000-0000000e": json.dumps({**sound, "parent": {"id": "x"}}),  # spec unreadable
        "20260101-000000-0000000f": json.dumps({**sound, "communes": [{"row": 2}]}),  # a commune half there
    }
    for job_id, content in broken.items():
        _broken_folder(root, job_id, content)
    (root / "20260101-000000-00000010").mkdir()  # no job.json at all: not a job
    (root / "ghi-chu.txt").write_text("không phải lô", encoding="utf-8")

    queued = jobs.resume(root)

    assert queued == 2  # one chunk each for the two sound jobs, run at once
    assert batch_jobs.status(good).state == "done"
    assert len(_docx_names(good.bundle_path)) == 3
    names = _docx_names(long.bundle_path)
    assert len(names) == 3
    assert all(len(n.removesuffix(".docx")) <= MAX_NAME for n in names)
    assert names[0].startswith("xa-tan-phu-va-cac-khu-dan-cu")
    for job_id in broken:
        folder = batch_jobs.JobFolder(root, job_id)
        status = batch_jobs.status(folder)
        assert status.state == "failed", job_id
        assert status.error is not None
        assert status.error.startswith("Không đọc được lô")
        assert (folder.path / batch_jobs.BROKEN).exists(), job_id
        assert batch_jobs.run_chunk(folder, 0) == 0
        assert batch_jobs.finish(folder) is None
    listed = {f.id for f in batch_jobs.job_folders(root)}
    assert listed == {good.id, long.id, *broken}
    assert jobs.resume(root) == 0  # a second start meets the same folders and goes on again


def test_a_job_id_of_3000_characters_is_not_found_rather_than_an_error(tmp_path: Path) -> None:
    with pytest.raises(batch_jobs.JobNotFoundError):
        batch_jobs.JobFolder(tmp_path, "a" * 3000)


def test_a_commune_whose_file_cannot_be_written_is_listed_failed_and_the_rest_bundle(
    tmp_path: Path, parent: Plan
) -> None:
    folder = batch_jobs.JobFolder.create(tmp_path, parent, _communes(4), None)
    victim = folder.spec().items[1]
    # Where the commune's DOCX is written before its rename: a folder there makes the write fail
    # with an OSError (as a full or read-only disk would), not with an error of the plan itself.
    blocker = folder.docx_path(victim).with_name(f".{victim.name}.docx.{HOST}.{os.getpid()}.part")
    (blocker / "x").mkdir(parents=True)

    assert batch_jobs.run_chunk(folder, 0) == 3
    status = batch_jobs.status(folder)
    assert [unit for unit, _ in status.failed] == [victim.commune.unit]
    assert "Is a directory" in status.failed[0][1]
    bundle = batch_jobs.finish(folder)
    assert bundle is not None
    assert batch_jobs.status(folder).state == "failed"  # finished, with a commune that failed
    assert len(_docx_names(bundle)) == 3
    with zipfile.ZipFile(bundle) as archive:
        sheet = load_workbook(archive.open("tong-hop.xlsx")).active
        assert sheet is not None
        rows = [[str(c) if c is not None else "" for c in r] for r in sheet.iter_rows(values_only=True)]
    failed_row = next(r for r in rows if r[1].endswith(victim.commune.name))  # STT, Đơn vị, ...
    assert any("Is a directory" in cell for cell in failed_row)


@pytest.fixture
def job_engines() -> Iterator[None]:
    """The engines a job opens on its own (app.services.batch_store), closed afterwards."""
    yield
    batch_store.dispose_engines()


def test_an_error_that_may_pass_is_retried_and_on_the_last_try_recorded_per_commune(
    tmp_path: Path, parent: Plan, job_engines: None
) -> None:
    """The database unreachable (here: its file is a folder): the chunk fails so the queue
    tries it again; on the last try every commune it meets is listed failed and the job ends."""
    unreachable = tmp_path / "db-is-a-folder"
    unreachable.mkdir()
    owner = {"user_id": 1, "parent_id": 1, "database_url": f"sqlite:///{unreachable}"}
    folder = batch_jobs.JobFolder.create(tmp_path / "jobs", parent, _communes(3), None, owner=owner)
    with pytest.raises(OperationalError):
        batch_jobs.run_chunk(folder, 0, last_try=False)
    assert batch_jobs.status(folder).finished == 0  # nothing recorded: the retry does it all
    assert batch_jobs.run_chunk(folder, 0, last_try=True) == 0
    status = batch_jobs.status(folder)
    assert len(status.failed) == 3
    assert all("unable to open database file" in reason for _, reason in status.failed)
    assert batch_jobs.finish(folder) is not None
    assert batch_jobs.status(folder).state == "failed"
