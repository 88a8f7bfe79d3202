"""samples/README.md stays true: one row per sample, with its real target count."""

from __future__ import annotations

import re

from app.planfile.load import load_plan
from tests.conftest import SAMPLES

ROW = re.compile(r"^\| `(?P<file>[^`]+\.yaml)` \| [^|]+ \| (?P<count>\d+) \|", re.MULTILINE)


def test_readme_lists_every_sample_with_its_target_count() -> None:
    readme = (SAMPLES / "README.md").read_text(encoding="utf-8")
    rows = {m["file"]: int(m["count"]) for m in ROW.finditer(readme)}
    assert set(rows) == {p.name for p in SAMPLES.glob("*.yaml")}
    assert rows == {name: len(load_plan(SAMPLES / name).targets()) for name in rows}
