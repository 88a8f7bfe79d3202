"""The held-out eval (tests/eval/eval_holdout.py) runs end to end and prints its figures.

First run (2026-11-23), the only truly held-out figures: extraction P 0.895 (17/19) R 0.472
(17/36); coverage on the province→commune pair R 0.000, exact status 0.188 (3/16) — the parser
read no target from the parent's "a)" items, and gave every target naming no level the
issuer's own level, so the review asked the commune for nothing.

The defects it found were then fixed in general terms (issues 3 and 4: lettered/numbered points
that are sentences with a figure are targets; a target naming no level has level None; count
ranges; worded comparison years; measures listed before "lần lượt" (also after other figures
of the clause); a trailing frequency is not
population; "lần" ~ "đợt" as units; "100% xã ... ít nhất 02 đợt" read by a commune is the
count each commune must reach; a sentence whose subject is the issuer's own body ("Sở Y
tế ...") stays at the issuer's level). SINCE THOSE FIXES THE HOLDOUT IS DEVELOPMENT DATA: the
floors below are the figures reached after them, a regression guard, not a held-out measure.
A fresh held-out set is needed to measure generalisation again.
"""

from __future__ import annotations

import pytest

from tests.eval import eval_holdout

# Reached after the fixes: `.venv/bin/python -m tests.eval eval_holdout` (first run: 17/19,
# 17/36, 0.0, 3/16).
EXTRACT_PRECISION = 33 / 35
EXTRACT_RECALL = 33 / 36
COVERAGE_RECALL = 1.0
COVERAGE_EXACT = 16 / 16
LABELLED_TARGETS = 36
LABELLED_MANDATES = 16
# The diagnostic run (parent's "a)" items as bullets): a reading aid, not a held-out figure.
# Its precision counts flags on unlabelled mandates as false: since the tasks of NHIỆM VỤ and
# KINH PHÍ are mandates (issue 9), two of them, never labelled in this set, are flagged.
DIAGNOSTIC_PRECISION = 3 / 5
DIAGNOSTIC_RECALL = 3 / 3


def test_holdout_eval_runs_and_prints(capsys: pytest.CaptureFixture[str]) -> None:
    figures = eval_holdout.main()
    out = capsys.readouterr().out
    assert "holdout texts (now development data) extraction" in out
    assert "holdout pair (now development data) coverage" in out
    scores, coverage = figures["extraction"], figures["coverage"]
    assert scores.labelled == LABELLED_TARGETS
    assert coverage["labelled"] == LABELLED_MANDATES
    assert scores.precision >= EXTRACT_PRECISION - 1e-9
    assert scores.recall >= EXTRACT_RECALL - 1e-9
    assert coverage["recall"] >= COVERAGE_RECALL - 1e-9
    assert coverage["exact_status"] >= COVERAGE_EXACT - 1e-9
    assert figures["coverage_diagnostic"]["precision"] >= DIAGNOSTIC_PRECISION - 1e-9
    assert figures["coverage_diagnostic"]["recall"] >= DIAGNOSTIC_RECALL - 1e-9


def test_labels_pair_each_mandate_once() -> None:
    """A label claims at most one mandate and an unclaimed mandate is reported unlabelled, so
    the confusion counts every label and every review mandate exactly once."""
    figures = eval_holdout.coverage()
    labels = sum(n for (label, _), n in figures["confusion"].items() if label != "unlabelled")
    absent = sum(n for (_, status), n in figures["confusion"].items() if status == "absent")
    assert labels == LABELLED_MANDATES
    assert figures["mandates"] == sum(figures["confusion"].values()) - absent
