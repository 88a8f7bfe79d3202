"""The measured figures on the labelled development set must not fall below what was reached.

`make eval` prints them (tests/eval/eval_coverage.py); this test pins them.
"""

from __future__ import annotations

from tests.eval.eval_coverage import evaluate

# Reached on tests/data/review/pairs.yaml (12 pairs, 146 mandates, 2 families): precision
# 0.969, recall 1.000, exact status 0.979. The disagreements are listed in the report of
# `make eval` (one false "weaker" and two flagged with another status, all from extraction
# or a population the words cannot show).
MIN_PRECISION = 0.96
MIN_RECALL = 1.0
MIN_EXACT_STATUS = 0.97


def test_precision_and_recall_of_missing_or_weaker_findings_hold() -> None:
    figures = evaluate()
    assert figures["precision"] >= MIN_PRECISION, figures["disagreements"]
    assert figures["recall"] >= MIN_RECALL, figures["disagreements"]
    assert figures["exact_status"] >= MIN_EXACT_STATUS, figures["disagreements"]
    assert figures["family_errors"] == []
