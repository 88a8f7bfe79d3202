"""Batch jobs: folder state, progress, cancel, and a REAL worker killed and restarted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.batch.communes import Commune
from app.domain.plan import Plan
from app.planfile.load import load_plan
from app.services import batch_jobs
from tests.conftest import IN_CI, ROOT, need_tool

DATA = Path(__file__).resolve().parents[1] / "data" / "batch"
REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture(scope="module")
def parent() -> Plan:
    return load_plan(DATA / "parent.yaml")


def _communes(n: int) -> list[Commune]:
    return [
        Commune(
            row=i + 2,
            name=f"Số {i}",
            kind="xã" if i % 3 else "phường",
            level="commune",
            place=f"Số {i}",
            signer_name="Nguyễn Văn A",
            signer_title="Chủ tịch",
            weight=float(i % 7 + 1),
        )
        for i in range(n)
    ]


def test_chunks_render_into_the_folder_and_the_bundle_is_complete(tmp_path: Path, parent: Plan) -> None:
    folder = batch_jobs.JobFolder.create(tmp_path, parent, _communes(30), None)
    assert batch_jobs.status(folder).state == "pending"
    assert batch_jobs.unfinished_chunks(folder) == [0, 1]
    assert batch_jobs.run_chunk(folder, 0) == 25
    status = batch_jobs.status(folder)
    assert (status.state, status.done, status.total) == ("running", 25, 30)
    assert status.seconds_left is not None
    assert batch_jobs.finish(folder) is None  # not everything is done yet
    assert batch_jobs.run_chunk(folder, 1) == 5
    assert batch_jobs.run_chunk(folder, 1) == 0  # nothing is generated twice
    bundle = batch_jobs.finish(folder)
    assert bundle is not None
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
    assert len([n for n in names if n.endswith(".docx")]) == 30
    assert "tong-hop.xlsx" in names
    assert batch_jobs.status(folder).state == "done"
    assert batch_jobs.unfinished_chunks(folder) == []


@pytest.mark.libreoffice
def test_a_pdf_job_converts_each_chunk_with_one_soffice_call(tmp_path: Path, parent: Plan) -> None:
    need_tool("soffice", "libreoffice-writer-nogui fonts-liberation2")
    folder = batch_jobs.JobFolder.create(tmp_path, parent, _communes(3), None, pdf=True)
    assert batch_jobs.run_chunk(folder, 0) == 3
    assert batch_jobs.status(folder).done == 3
    bundle = batch_jobs.finish(folder)
    assert bundle is not None
    with zipfile.ZipFile(bundle) as archive:
        pdfs = [n for n in archive.namelist() if n.endswith(".pdf")]
        assert len(pdfs) == 3
        assert all(archive.read(n).startswith(b"%PDF") for n in pdfs)


def test_cancel_stops_the_job(tmp_path: Path, parent: Plan) -> None:
    folder = batch_jobs.JobFolder.create(tmp_path, parent, _communes(30), None)
    folder.cancel()
    assert batch_jobs.run_chunk(folder, 0) == 0
    assert batch_jobs.status(folder).state == "cancelled"
    assert batch_jobs.finish(folder) is None


def test_a_lease_held_by_a_live_worker_is_respected_and_freed_when_it_dies(
    tmp_path: Path, parent: Plan
) -> None:
    folder = batch_jobs.JobFolder.create(tmp_path, parent, _communes(5), None)
    lease = folder.path / "leases" / "chunk-0"
    lease.parent.mkdir(parents=True)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time; fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT);"
            "fcntl.lockf(fd, fcntl.LOCK_EX); print('held', flush=True); time.sleep(60)",
            str(lease),
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == b"held\n"
        assert batch_jobs.run_chunk(folder, 0) == 0  # another worker is on it
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    assert batch_jobs.run_chunk(folder, 0) == 5  # its lock died with it


def test_unknown_job_is_reported(tmp_path: Path) -> None:
    with pytest.raises(batch_jobs.JobNotFoundError, match="Batch not found"):
        batch_jobs.JobFolder(tmp_path, "nope")


def _redis_available() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture(params=["sqlite", pytest.param("redis", marks=pytest.mark.redis)])
def queue_env(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, str]]:
    env = {
        **os.environ,
        "KEHOACH_INSTANCE": str(tmp_path / "instance"),
        "KEHOACH_QUEUE": f"kehoach-test-{os.getpid()}-{request.param}",
    }
    env.pop("REDIS_URL", None)
    if request.param == "redis":
        if not _redis_available():
            if IN_CI:
                pytest.fail("Redis is not running at 127.0.0.1:6379")
            pytest.skip("Redis is not running at 127.0.0.1:6379")
        env["REDIS_URL"] = REDIS_URL
    yield env
    if request.param == "redis":
        from huey import RedisHuey

        RedisHuey(env["KEHOACH_QUEUE"], url=REDIS_URL).storage.flush_all()


def _python(env: dict[str, str], code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def _start_worker(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "app.cli", "worker", "-w", "2"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: SIGKILL takes the workers too
    )


def _count(folder: Path) -> int:
    return len(list((folder / "docx").glob("*.docx"))) if (folder / "docx").exists() else 0


@pytest.mark.slow
def test_killed_worker_resumes_with_every_commune_exactly_once(
    queue_env: dict[str, str], tmp_path: Path
) -> None:
    total = 600
    job_id = _python(
        queue_env,
        "from pathlib import Path; from app.planfile.load import load_plan; from app.jobs import start_batch;"
        "from tests.jobs.test_jobs import _communes;"
        f"print(start_batch(load_plan(Path({str(DATA / 'parent.yaml')!r})), _communes({total}), None))",
    )
    folder = tmp_path / "instance" / "jobs" / job_id
    worker = _start_worker(queue_env)
    try:
        deadline = time.monotonic() + 60
        while _count(folder) < 40 and time.monotonic() < deadline:
            time.sleep(0.02)
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()
        killed_at = _count(folder)
        assert 0 < killed_at < total, "the worker must be killed in the middle of the batch"
        assert not (folder / "bundle.zip").exists()
        worker = _start_worker(queue_env)
        deadline = time.monotonic() + 120
        while not (folder / "bundle.zip").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait()
    with zipfile.ZipFile(folder / "bundle.zip") as archive:
        names = [n for n in archive.namelist() if n.endswith(".docx")]
        assert archive.testzip() is None
    assert len(names) == len(set(names)) == total
    generated = Counter((folder / "generated.log").read_text(encoding="utf-8").split())
    assert max(generated.values()) == 1, "a commune was generated twice"
    assert len(generated) >= total - 1  # at most the one being renamed at the kill is unlogged
    assert not [p for p in folder.rglob("*.part")], "a half-written file was left behind"
