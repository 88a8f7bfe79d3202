"""The samples carry everything of their seed: every sentence of the complete plan (seed 004)
and every figure of the press summaries (seeds 000, 001, 003) appear in the plan file.

The seeds are copied under tests/data/planfile/seeds/ (the shared folder is not available to
tests). Where a sample deliberately rewrites the seed, the edit is listed here, as in the
sample's own `notes`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from app.planfile.load import dump_plan, load_plan
from app.vn.normalize import clean, match_key
from tests.conftest import DATA, SAMPLES

SEEDS = DATA / "planfile" / "seeds"
# Deliberate rewrites (seed text -> sample text), each explained in the sample's notes.
EDITS = {
    "004_vinh_cuu_2019": [
        # One bullet, two targets: split at "và".
        ("có hồ sơ quản lý và tạo việc làm", "có hồ sơ quản lý; tạo việc làm"),
    ],
}
# A figure with what it counts: the shape of every target value in the press summaries.
FIGURE = re.compile(r"\d+(?:[.,/]\d+)*\s*(?:%|lượt người|người|Đội|Điểm|Câu lạc bộ|mô hình|Nhóm|bài|xã)")
_LABEL = re.compile(r"^\s*(?:[IVX]+\.|\d+\.|[a-zđ]\)|-)\s*")


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def sample_blob(stem: str) -> str:
    return " ".join(match_key(s) for s in strings(dump_plan(load_plan(SAMPLES / f"{stem}.yaml"))))


def seed_text(stem: str) -> str:
    text = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
    for old, new in EDITS.get(stem, []):
        assert old in text, old
        text = text.replace(old, new)
    return text


def test_complete_plan_sample_holds_every_sentence_of_seed_004() -> None:
    stem = "004_vinh_cuu_2019"
    text = seed_text(stem)
    body = text[text.index("I. MỤC TIÊU") : text.index("Nơi nhận")]
    blob = sample_blob(stem)
    pieces = [_LABEL.sub("", p) for p in re.split(r"(?<=[.;:])\s+|\n+", body)]
    missing = [p for p in pieces if len(match_key(p).split()) >= 3 and match_key(p) not in blob]
    assert missing == []


def test_seed_004_recipients_and_signer() -> None:
    plan = load_plan(SAMPLES / "004_vinh_cuu_2019.yaml")
    text = seed_text("004_vinh_cuu_2019")
    recipients = text[text.index("Nơi nhận:") : text.index("- Lưu")]
    assert [f"- {r}" for r in plan.recipients] == [
        line for line in recipients.splitlines() if line.startswith("- ")
    ]
    assert plan.archive == ["VT", "TH"]
    assert plan.signer.name in text


@pytest.mark.parametrize("stem", ["000_ba_ria_vung_tau_2025", "001_dau_tieng_2023", "003_quang_ninh_2023"])
def test_press_summary_sample_carries_every_figure_as_a_target(stem: str) -> None:
    text = clean(seed_text(stem))
    figures = {clean(m.group(0)) for m in FIGURE.finditer(text)}
    plan = load_plan(SAMPLES / f"{stem}.yaml")
    targets = " ".join(clean(t.text) for t in plan.targets())
    missing = sorted(f for f in figures if f not in targets)
    assert len(figures) >= 3
    assert missing == []
