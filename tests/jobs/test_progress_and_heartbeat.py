"""A job's rate counts from the start of processing; a worker's heartbeat says it runs; job
files hold no secret and are readable by the service's user only."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app import jobs
from app.batch.communes import Commune
from app.domain.plan import Plan
from app.planfile.load import load_plan
from app.services import batch_jobs
from tests.conftest import ROOT

DATA = Path(__file__).resolve().parents[1] / "data" / "batch"


@pytest.fixture(scope="module")
def parent() -> Plan:
    return load_plan(DATA / "parent.yaml")


def _communes(n: int) -> list[Commune]:
    return [
        Commune(i + 2, f"Số {i}", "xã", "commune", f"Số {i}", "Nguyễn Văn A", "Chủ tịch", 1.0)
        for i in range(n)
    ]


def _queued_an_hour_ago(folder: batch_jobs.JobFolder) -> None:
    meta = json.loads((folder.path / "job.json").read_text(encoding="utf-8"))
    meta["created"] = time.time() - 3600
    (folder.path / "job.json").write_text(json.dumps(meta), encoding="utf-8")


def test_the_rate_counts_from_the_start_of_processing_not_from_queueing(tmp_path: Path, parent: Plan) -> None:
    folder = batch_jobs.JobFolder.create(tmp_path, parent, _communes(30), None)
    _queued_an_hour_ago(folder)  # waited an hour for a worker
    folder = batch_jobs.JobFolder(tmp_path, folder.id)
    assert batch_jobs.status(folder).state == "pending"
    assert batch_jobs.run_chunk(folder, 0) == 25
    status = batch_jobs.status(folder)
    assert status.rate > 1.0, status.rate  # 25 communes in seconds, not 25 in an hour (0,007/s)
    assert status.seconds_left is not None
    assert status.seconds_left < 60


def test_a_job_taken_up_is_running_before_its_first_commune_is_done(tmp_path: Path, parent: Plan) -> None:
    folder = batch_jobs.JobFolder.create(tmp_path, parent, _communes(3), None)
    folder.mark_started()
    status = batch_jobs.status(folder)
    assert (status.state, status.done, status.rate) == ("running", 0, 0.0)


def test_a_finished_jobs_rate_stays_what_it_was(tmp_path: Path, parent: Plan) -> None:
    folder = batch_jobs.JobFolder.create(tmp_path, parent, _communes(5), None)
    assert batch_jobs.run_chunk(folder, 0) == 5
    bundle = batch_jobs.finish(folder)
    assert bundle is not None
    started = time.time() - 3600
    (folder.path / batch_jobs.STARTED).write_text(repr(started), encoding="ascii")
    os.utime(bundle, (started + 10, started + 10))  # five communes in ten seconds, an hour ago
    assert batch_jobs.status(folder).rate == pytest.approx(0.5)


def test_job_files_hold_no_password_and_are_private(tmp_path: Path, parent: Plan) -> None:
    owner = {"user_id": 1, "parent_id": 2, "database_url": "postgresql://kehoach:s3cret@db.example/kh"}
    folder = batch_jobs.JobFolder.create(tmp_path, parent, _communes(2), None, owner=owner)
    text = (folder.path / "job.json").read_text(encoding="utf-8")
    assert "s3cret" not in text
    assert folder.meta["owner"]["database_url"] == "postgresql+psycopg://kehoach@db.example/kh"
    assert stat.S_IMODE((folder.path / "job.json").stat().st_mode) == 0o600
    batch_jobs.run_chunk(folder, 0)
    written = [p for p in folder.path.rglob("*") if p.is_file() and p.parent.name != "leases"]
    assert {stat.S_IMODE(p.stat().st_mode) for p in written} == {0o600}, written


def test_the_configured_database_is_not_named_in_a_job(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://kehoach:s3cret@db.example:5432/kh")
    # The web app's engine spells the same database with its driver: still "the configured one".
    same = jobs.job_database("postgresql+psycopg://kehoach:s3cret@db.example:5432/kh")
    assert same == {"database_url": None, "database_schema": None}
    other = jobs.job_database("postgresql://kehoach:s3cret@other.example/kh", "t_1")
    assert other == {
        "database_url": "postgresql+psycopg://kehoach@other.example/kh",
        "database_schema": "t_1",
    }


def _heartbeat(root: Path, name: str, queue: str, seen: float) -> None:
    folder = root / jobs.WORKERS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.json").write_text(json.dumps({"queue": queue, "seen": seen}), encoding="utf-8")


def test_only_a_recent_heartbeat_of_this_queue_counts(tmp_path: Path) -> None:
    assert not jobs.worker_running(tmp_path)
    _heartbeat(tmp_path, "old", jobs.queue_name(), time.time() - jobs.WORKER_SEEN_SECONDS - 5)
    _heartbeat(tmp_path, "elsewhere", "another-queue", time.time())
    (tmp_path / jobs.WORKERS_DIR / "torn.json").write_text("{", encoding="utf-8")
    assert not jobs.worker_running(tmp_path)
    assert batch_jobs.job_folders(tmp_path) == []  # the workers' folder is not a job
    _heartbeat(tmp_path, "live", jobs.queue_name(), time.time())
    assert jobs.worker_running(tmp_path)


def test_a_real_worker_beats_while_it_runs_and_removes_its_heartbeat_when_stopped(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "KEHOACH_INSTANCE": str(tmp_path / "instance"),
        "KEHOACH_QUEUE": f"kehoach-heartbeat-{os.getpid()}",
    }
    env.pop("REDIS_URL", None)
    env.pop("KEHOACH_JOBS_DIR", None)
    root = tmp_path / "instance" / "jobs"
    worker = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "worker", "-w", "1"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not list((root / jobs.WORKERS_DIR).glob("*.json")) and time.monotonic() < deadline:
            time.sleep(0.1)
        (beat,) = (root / jobs.WORKERS_DIR).glob("*.json")
        first = json.loads(beat.read_text(encoding="utf-8"))
        assert first["queue"] == env["KEHOACH_QUEUE"]
        assert first["pid"] == worker.pid
        time.sleep(jobs.HEARTBEAT_SECONDS + 1.5)
        assert json.loads(beat.read_text(encoding="utf-8"))["seen"] > first["seen"], "no second beat"
        os.killpg(worker.pid, signal.SIGTERM)
        assert worker.wait(timeout=30) == 0
        assert not beat.exists()
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
