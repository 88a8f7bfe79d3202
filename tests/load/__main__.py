"""Load test (``make load``, not part of CI): many concurrent users reading and saving plans
against gunicorn with several workers on PostgreSQL.

Each simulated user loops for the duration: list plans, read one, and one time in three save
it back on the version it read (a stale save gets 409, which is the optimistic lock working).
At the end every plan must have exactly 1 + (successful saves) versions: no save lost, none
doubled. Prints requests per second and latency percentiles. Traffic goes to 127.0.0.1 only.

    python -m tests.load [--users 32] [--seconds 20] [--workers 4] [--plans 8]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import psycopg
from sqlalchemy import func, select

from app.planfile.load import dump_plan
from app.services import accounts
from app.services import plans_store as store
from app.storage.db import make_engine, make_session_factory, upgrade
from app.storage.tables import PlanVersion
from app.web.server import gunicorn_command
from tests.storage.builders import build_world, plan_for

PG_URL = os.environ.get("KEHOACH_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    codes: Counter[int] = field(default_factory=Counter)
    saves: Counter[int] = field(default_factory=Counter)  # plan id -> successful saves
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, seconds: float, code: int) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.codes[code] += 1


def call(base: str, token: str, method: str, path: str, tally: Tally, body: Any = None) -> tuple[int, Any]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            code, payload = response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as exc:
        code, payload = exc.code, None
        exc.close()
    tally.record(time.perf_counter() - start, code)
    return code, payload


def user_loop(base: str, token: str, plan_ids: list[int], until: float, tally: Tally, seed: int) -> None:
    rng = random.Random(seed)
    while time.time() < until:
        call(base, token, "GET", "/api/plans", tally)
        plan_id = rng.choice(plan_ids)
        code, envelope = call(base, token, "GET", f"/api/plans/{plan_id}", tally)
        if code != 200 or rng.random() > 1 / 3:
            continue
        document = envelope["document"]
        document["subject"] = f"Sửa lần {uuid.uuid4().hex[:6]}"
        body = {"document": document, "base_version": envelope["version"]}
        code, _ = call(base, token, "PUT", f"/api/plans/{plan_id}", tally, body)
        if code == 200:
            with tally.lock:
                tally.saves[plan_id] += 1


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prepare(schema: str, users: int, plans: int) -> tuple[list[str], list[int]]:
    """A fresh schema with the agency tree, ``plans`` plans of commune A and a token per user."""
    engine = make_engine(PG_URL, schema=schema)
    upgrade(engine)
    with make_session_factory(engine)() as session:
        world = build_world(session)
        ids = [
            store.save_plan(session, world.drafter_a, plan_for(world.commune_a)).record.id
            for _ in range(plans)
        ]
        tokens = []
        for i in range(users):
            user = accounts.add_user(
                session,
                f"load{i}",
                "mat-khau-123",
                world.commune_a,
                "drafter",
                hash_method="pbkdf2:sha256:1000",
            )
            tokens.append(accounts.issue_token(session, user))
        assert dump_plan(plan_for(world.commune_a))
    engine.dispose()
    return tokens, ids


def count_versions(schema: str) -> dict[int, int]:
    engine = make_engine(PG_URL, schema=schema)
    with make_session_factory(engine)() as session:
        rows = session.execute(select(PlanVersion.plan_id, func.count()).group_by(PlanVersion.plan_id)).all()
    engine.dispose()
    return {int(plan_id): int(n) for plan_id, n in rows}


def start_gunicorn(port: int, workers: int, schema: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": PG_URL,
        "KEHOACH_DATABASE_SCHEMA": schema,
        "KEHOACH_SECRET_KEY": "load",
    }
    args = gunicorn_command(f"127.0.0.1:{port}", workers, "--log-level", "warning")
    process = subprocess.Popen(args, env=env)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/auth/login", timeout=5) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit("gunicorn did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--plans", type=int, default=8)
    opts = parser.parse_args()
    libpq = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    schema = f"load_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(libpq, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
    except psycopg.Error as exc:
        print(f"PostgreSQL unreachable at {PG_URL}: {exc}", file=sys.stderr)
        return 2
    server = None
    try:
        tokens, plan_ids = prepare(schema, opts.users, opts.plans)
        port = free_port()
        server = start_gunicorn(port, opts.workers, schema)
        base, tally = f"http://127.0.0.1:{port}", Tally()
        until = time.time() + opts.seconds
        started = time.perf_counter()
        threads = [
            threading.Thread(target=user_loop, args=(base, t, plan_ids, until, tally, i))
            for i, t in enumerate(tokens)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        versions = count_versions(schema)
        return report(opts, tally, elapsed, versions, plan_ids)
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(20)
        with psycopg.connect(libpq, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def report(
    opts: argparse.Namespace, tally: Tally, elapsed: float, versions: dict[int, int], plan_ids: list[int]
) -> int:
    lat = sorted(tally.latencies)
    p95 = lat[int(0.95 * (len(lat) - 1))] * 1000
    p50 = statistics.median(lat) * 1000
    lost = {
        p: (versions.get(p, 0), 1 + tally.saves[p])
        for p in plan_ids
        if versions.get(p, 0) != 1 + tally.saves[p]
    }
    errors = sum(n for code, n in tally.codes.items() if code >= 500 or code in (400, 401, 403, 404, 422))
    print(
        f"users={opts.users} workers={opts.workers} plans={opts.plans} duration={elapsed:.1f}s (PostgreSQL, gunicorn)"
    )
    print(
        f"requests={len(lat)}  rps={len(lat) / elapsed:.1f}  p50={p50:.0f} ms  p95={p95:.0f} ms  max={lat[-1] * 1000:.0f} ms"
    )
    print(f"status codes: {dict(sorted(tally.codes.items()))}")
    print(
        f"saves ok={sum(tally.saves.values())}  conflicts (409, refused stale saves)={tally.codes.get(409, 0)}"
    )
    print("versions check: " + ("OK, no save lost or doubled" if not lost else f"MISMATCH {lost}"))
    return 1 if lost or errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
