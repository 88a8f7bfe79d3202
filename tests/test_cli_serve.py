"""`kehoach serve`: the web server and the task worker as one process tree, on the embedded
defaults (SQLite database, SQLite queue), stopped whole by Ctrl-C, SIGTERM, or its own death."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import servers
from tests.conftest import ROOT, SAMPLES

pytestmark = pytest.mark.slow


def _start_batch(server: servers.Server, api_token: str) -> str:
    plans = servers.call(f"{server.base}/api/plans", api_token).json()
    (parent,) = [p for p in plans if p["level"] == "province" and "Đồng Nai" in p["issuer_name"]]
    body, kind = servers.multipart(
        {"parent_id": str(parent["id"]), "date": "20/01/2026"},
        {"communes": ("xa.csv", (SAMPLES / "communes_example.csv").read_bytes())},
    )
    started = servers.call(f"{server.base}/api/batches", api_token, body, kind)
    assert started.status == 202, started.body.decode()
    job_id: str = started.json()["id"]
    return job_id


def _wait_for(server: servers.Server, api_token: str, job_id: str, seconds: float) -> dict[str, object]:
    deadline = time.monotonic() + seconds
    while True:
        status: dict[str, object] = servers.call(f"{server.base}/api/batches/{job_id}", api_token).json()
        if status["state"] not in ("queued", "running") or time.monotonic() > deadline:
            return status
        time.sleep(0.3)


def test_serve_runs_a_batch_to_the_end_and_ctrl_c_stops_every_process(tmp_path: Path) -> None:
    with servers.serving(tmp_path) as server:
        tree = servers.descendants(server.process.pid)
        commands = {Path(f"/proc/{pid}/cmdline").read_bytes() for pid in tree}
        assert any(b"gunicorn" in c for c in commands), commands
        assert any(b"worker" in c for c in commands), commands
        api_token = servers.token(server.instance)
        status = _wait_for(server, api_token, _start_batch(server, api_token), 120)
        assert (status["state"], status["done"], status["total"]) == ("done", 5, 5), server.output()
        tree |= servers.descendants(server.process.pid)
        server.process.send_signal(signal.SIGINT)  # what Ctrl-C delivers
        assert server.process.wait(timeout=60) == 0, server.output()
        assert servers.wait_gone(tree) == set(), f"left running: {tree}\n{server.output()}"
        assert not list((server.instance / "jobs" / "workers").glob("*.json")), "heartbeat left behind"


def test_no_worker_serves_the_web_only_the_batch_waits_and_sigterm_stops_it(tmp_path: Path) -> None:
    with servers.serving(tmp_path, "--no-worker", wait_for_worker=False) as server:
        tree = servers.descendants(server.process.pid)
        commands = {Path(f"/proc/{pid}/cmdline").read_bytes() for pid in tree}
        assert not any(b"app.cli\x00worker" in c for c in commands), commands
        api_token = servers.token(server.instance)
        job_id = _start_batch(server, api_token)
        time.sleep(2)
        status = servers.call(f"{server.base}/api/batches/{job_id}", api_token).json()
        assert (status["state"], status["done"], status["worker_running"]) == ("queued", 0, False)
        server.process.send_signal(signal.SIGTERM)
        assert server.process.wait(timeout=60) == 0, server.output()
        assert servers.wait_gone(tree) == set(), server.output()


def test_the_worker_stops_when_the_web_server_cannot_start(tmp_path: Path) -> None:
    env = servers.server_env(tmp_path)
    servers.seed(env)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "app.cli",
                "serve",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--queue-workers",
                "1",
                "--stop-with-parent",
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        seen: set[int] = set()
        try:
            deadline = time.monotonic() + 90
            while process.poll() is None and time.monotonic() < deadline:
                seen |= servers.descendants(process.pid)
                time.sleep(0.1)
            output = process.communicate(timeout=30)[0].decode(errors="replace")
        finally:
            servers.kill_tree(process.pid)
    assert process.returncode not in (0, None), output
    assert "web stopped by itself" in output
    assert servers.wait_gone(seen) == set(), output


def test_a_killed_serve_takes_its_children_with_it(tmp_path: Path) -> None:
    with servers.serving(tmp_path) as server:
        tree = servers.descendants(server.process.pid)
        os.kill(server.process.pid, signal.SIGKILL)  # no chance to stop anything itself
        server.process.wait(timeout=10)
        assert servers.wait_gone(tree) == set(), server.output()
