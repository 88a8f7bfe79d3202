"""The labelled real set is well formed: files exist, each label names one span of its parent."""

from __future__ import annotations

import re

import pytest

from tests.eval.eval_real import ROOT, STATUSES, load_cases


def _flat(text: str) -> str:
    return " ".join(re.sub(r"\*+", "", text).split())


@pytest.mark.parametrize("name", ["dev", "holdout"])
def test_every_label_is_one_unique_span_of_its_parent(name: str) -> None:
    cases = load_cases(name)
    assert cases, f"no cases in tests/data/real/{name}"
    for case in cases:
        assert (ROOT / case["child"]).is_file(), case["child"]
        parent = _flat((ROOT / case["parent"]).read_text(encoding="utf-8"))
        for label in case["labels"]:
            assert label["status"] in STATUSES, (case["name"], label)
            assert parent.count(_flat(label["parent_text"])) == 1, (case["name"], label["parent_text"])


def test_held_back_parents_are_not_development_parents() -> None:
    dev = {c["parent"] for c in load_cases("dev")}
    assert not dev & {c["parent"] for c in load_cases("holdout")}
