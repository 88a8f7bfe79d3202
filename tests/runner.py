"""Run the modules of a folder whose names share a prefix: `make bench` (bench_*) and
`make eval` (eval_*), each module exposing ``main()``."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def run_modules(package: str, folder: Path, prefix: str) -> None:
    """Run the modules named on the command line, or every ``prefix*`` module of ``folder``."""
    known = sorted(m.name for m in pkgutil.iter_modules([str(folder)]) if m.name.startswith(prefix))
    names = sys.argv[1:] or known
    unknown = [name for name in names if name not in known]
    if unknown:
        sys.exit(f"unknown module(s) {', '.join(unknown)}; known: {', '.join(known)}")
    for name in names:
        print(f"== {name}", flush=True)
        importlib.import_module(f"{package}.{name}").main()
