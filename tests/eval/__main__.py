"""Run every eval module of this folder (or those named on the command line)."""

from __future__ import annotations

from pathlib import Path

from tests.runner import run_modules

if __name__ == "__main__":
    run_modules("tests.eval", Path(__file__).parent, "eval_")
