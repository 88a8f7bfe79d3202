"""Render benchmark (not a test): documents per second for the largest sample, one process,
through render_docx (fast path) and plain docxtpl, plus peak memory while streaming many
documents into one ZIP (the batch pattern). Run: make bench, or python -m tests.bench bench_render.
"""

from __future__ import annotations

import resource
import tempfile
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

from app.domain.plan import Plan
from app.planfile.load import load_plan
from app.render.context import build_context
from app.render.docx import prepare, render_docx, render_docx_docxtpl
from tests.builders import district_plan

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def largest_plan() -> tuple[str, Plan]:
    """The sample whose rendered document is largest (the builder plan when none exist)."""
    plans = {p.name: load_plan(p) for p in sorted(SAMPLES.glob("*.yaml"))} or {
        "builder-district": district_plan()
    }
    name = max(plans, key=lambda n: len(render_docx(plans[n])))
    return name, plans[name]


def rate(render: Callable[[], object], seconds: float) -> tuple[float, int]:
    """Documents per second over at least ``seconds`` (after one warm-up call)."""
    render()
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        render()
        count += 1
    return count / (time.perf_counter() - start), count


def streamed_memory(plan: Plan, documents: int) -> tuple[float, float, float]:
    """Peak and retained traced memory (MiB) while streaming ``documents`` into one ZIP."""
    template = prepare()
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(Path(tmp) / "bundle.zip", "w") as archive:
        template.render_into(archive, "warm.docx", build_context(plan))
        tracemalloc.start()
        for i in range(documents // 2):
            template.render_into(archive, f"a-{i}.docx", build_context(plan))
        half = tracemalloc.get_traced_memory()[0]
        for i in range(documents // 2, documents):
            template.render_into(archive, f"a-{i}.docx", build_context(plan))
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    mib = 1024 * 1024
    return peak / mib, half / mib, current / mib


def main() -> None:
    name, plan = largest_plan()
    size = len(render_docx(plan))
    print(f"sample: {name} ({size:,} bytes DOCX, {len(build_context(plan)['body'])} body paragraphs)")
    fast, n_fast = rate(lambda: render_docx(plan), 3.0)
    print(f"render_docx (prepared template): {fast:7.1f} docs/s ({n_fast} documents)")
    context = build_context(plan)
    template = prepare()
    raw, n_raw = rate(lambda: template.render_bytes(context), 3.0)
    print(f"render_bytes, context prebuilt:  {raw:7.1f} docs/s ({n_raw} documents)")
    slow, n_slow = rate(lambda: render_docx_docxtpl(plan), 3.0)
    print(f"plain docxtpl render + save:     {slow:7.1f} docs/s ({n_slow} documents)")
    print(f"speed-up: {fast / slow:.1f}x")
    peak, half, end = streamed_memory(plan, 400)
    print(
        f"render_into 400 docs into one ZIP: tracemalloc peak {peak:.2f} MiB, retained after 200 {half:.2f} MiB, after 400 {end:.2f} MiB"
    )
    print(f"ru_maxrss (whole process): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
