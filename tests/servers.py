"""A real `kehoach serve` in a subprocess, on a free port and its own instance folder (SQLite
database, SQLite queue: the embedded defaults), and the HTTP a script would use on it."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.conftest import ROOT, SAMPLES


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def server_env(tmp_path: Path) -> dict[str, str]:
    """The environment of a fresh instance: nothing of the developer's own set-up leaks in."""
    env = {
        **os.environ,
        "KEHOACH_INSTANCE": str(tmp_path / "instance"),
        "KEHOACH_QUEUE": f"kehoach-serve-test-{uuid.uuid4().hex[:8]}",
    }
    for name in ("DATABASE_URL", "REDIS_URL", "KEHOACH_JOBS_DIR", "KEHOACH_DATABASE_URL"):
        env.pop(name, None)
    return env


def seed(env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "-m", "app.cli", "db", "seed", "--samples", str(SAMPLES)],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    base: str
    instance: Path
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def start(env: dict[str, str], *args: str, wait_for_worker: bool = True) -> Server:
    """`kehoach serve` with one web and one task process; returns once the site answers (and,
    unless told otherwise, a worker has written its heartbeat)."""
    instance = Path(env["KEHOACH_INSTANCE"])
    port = free_port()
    log = instance.parent / f"serve-{port}.log"
    with log.open("wb") as out:
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
                "--stop-with-parent",  # a killed test run leaves no server behind
                *args,
            ],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a Ctrl-C in the terminal reaches this process only
        )
    server = Server(process, f"http://127.0.0.1:{port}", instance, log)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"kehoach serve ended ({process.returncode}):\n{server.output()}")
        up = _answers(f"{server.base}/auth/login")
        beating = not wait_for_worker or any((instance / "jobs" / "workers").glob("*.json"))
        if up and beating:
            return server
        time.sleep(0.2)
    kill_tree(process.pid)
    raise AssertionError(f"kehoach serve did not come up:\n{server.output()}")


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie, dead but not reaped, is not running)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def descendants(pid: int) -> set[int]:
    """Every running process below ``pid`` (children, grandchildren ...), from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                parents[int(entry.name)] = int((entry / "stat").read_text().rpartition(")")[2].split()[1])
    found: set[int] = set()
    todo = [pid]
    while todo:
        current = todo.pop()
        for child, parent in parents.items():
            if parent == current and child not in found:
                found.add(child)
                todo.append(child)
    return {p for p in found if alive(p)}


def kill_tree(pid: int) -> None:
    """Clean up after a failed test: SIGKILL the process and everything below it."""
    for each in [*descendants(pid), pid]:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(each, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def wait_gone(pids: set[int], seconds: float = 30) -> set[int]:
    """The processes of ``pids`` still running after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        left = {p for p in pids if alive(p)}
        if not left:
            return set()
        time.sleep(0.1)
    return {p for p in pids if alive(p)}


@contextlib.contextmanager
def serving(tmp_path: Path, *args: str, wait_for_worker: bool = True) -> Iterator[Server]:
    """A seeded instance and its server; whatever is left of it is killed at the end."""
    env = server_env(tmp_path)
    seed(env)
    server = start(env, *args, wait_for_worker=wait_for_worker)
    tree = {server.process.pid} | descendants(server.process.pid)
    try:
        yield server
    finally:
        for pid in tree | descendants(server.process.pid):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                if alive(pid):
                    os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.process.wait(timeout=10)


def token(instance: Path, username: str = "admin") -> str:
    """A new API token for ``username`` of the instance's database (what /auth/token gives)."""
    from app.services import accounts
    from app.storage.db import make_engine, make_session_factory
    from app.storage.tables import User

    engine = make_engine(f"sqlite:///{instance / 'kehoach.sqlite3'}")
    try:
        with make_session_factory(engine)() as session:
            row = session.query(User).filter_by(username=username).one()
            return accounts.issue_token(session, row)
    finally:
        engine.dispose()


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    """A multipart/form-data body, as curl -F builds it."""
    boundary = uuid.uuid4().hex
    body = b""
    for name, value in fields.items():
        body += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
    for name, (filename, data) in files.items():
        body += (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n"
            ).encode()
            + data
            + b"\r\n"
        )
    body += f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def call(url: str, api_token: str, data: bytes | None = None, content_type: str | None = None) -> Reply:
    headers = {"Authorization": f"Bearer {api_token}", "Accept": "application/json"}
    if content_type:
        headers["Content-Type"] = content_type
    request = urllib.request.Request(url, data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return Reply(response.status, dict(response.headers), response.read())
    except urllib.error.HTTPError as exc:
        return Reply(exc.code, dict(exc.headers), exc.read())
