"""Run every bench module of this folder (or those named on the command line)."""

from __future__ import annotations

from pathlib import Path

from tests.runner import run_modules

if __name__ == "__main__":
    run_modules("tests.bench", Path(__file__).parent, "bench_")
