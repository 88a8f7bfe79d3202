"""How the web app is served in production: one gunicorn command line, shared by
`kehoach serve` and the load test so both measure the same server."""

from __future__ import annotations

import sys

APP_SPEC = "app.web:create_app()"


def gunicorn_command(bind: str, workers: int, *extra: str) -> list[str]:
    """The argv that starts gunicorn on ``bind`` with ``workers`` processes.

    --preload imports the app once and then forks: a faster start and shared memory.
    """
    return [sys.executable, "-m", "gunicorn", "--preload", "-w", str(workers), "-b", bind, *extra, APP_SPEC]
