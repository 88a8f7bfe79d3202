"""The measured figures on the labelled development set must not fall below what was reached.

`make eval` prints them (tests/eval/eval_coverage.py); this test pins them.
"""

from __future__ import annotations

from tests.eval.eval_coverage import evaluate

# Reached on tests/data/review/pairs.yaml (12 pairs, 194 mandates, 2 families): precision
# 0.878, recall 1.000, exact status 0.964. Since the tasks of NHIỆM VỤ and KINH PHÍ are
# mandates (issue 9), three general tasks carried only in other words by a commune plan
# are called missing (the duty matcher reads clause by clause, not by meaning); before,
# 146 mandates gave 0.969 / 1.000 / 0.979. The disagreements are listed by `make eval`.
MIN_PRECISION = 0.87
MIN_RECALL = 1.0
MIN_EXACT_STATUS = 0.96


def test_precision_and_recall_of_missing_or_weaker_findings_hold() -> None:
    figures = evaluate()
    assert figures["precision"] >= MIN_PRECISION, figures["disagreements"]
    assert figures["recall"] >= MIN_RECALL, figures["disagreements"]
    assert figures["exact_status"] >= MIN_EXACT_STATUS, figures["disagreements"]
    assert figures["family_errors"] == []
