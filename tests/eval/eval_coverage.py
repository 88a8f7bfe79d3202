"""Precision and recall of the compliance review on the labelled development set.

Run: ``.venv/bin/python -m tests.eval eval_coverage`` (or ``make eval``). The set is
tests/data/review/pairs.yaml (a pair with ``via: docx`` reads its child back from a rendered
DOCX, ``via: text`` reads a seed's raw text, so extraction is measured too). A mandate is *flagged* when the review gives it missing, weaker,
late or ambiguous; it *should be* flagged when its label is missing, weaker or late. Precision
and recall are over flagged mandates; the confusion table crosses labels with statuses, and
every disagreement is listed. Family quota checks are compared exactly.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from app.domain.plan import Plan
from app.planfile.load import load_plan
from app.render.docx import render_docx
from app.review.status import Status
from app.services.documents import read_plan, read_plan_bytes
from app.services.review import review_family, review_plans

ROOT = Path(__file__).resolve().parents[2]
PAIRS = ROOT / "tests" / "data" / "review" / "pairs.yaml"
FAULT_LABELS = {"missing", "weaker", "late"}
FLAGGED = FAULT_LABELS | {"ambiguous"}
STATUSES = [s.value for s in Status]


def load_set(path: Path = PAIRS) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def evaluate(path: Path = PAIRS) -> dict[str, Any]:
    """Run every pair and family of the set; return figures, confusion and disagreements."""
    data = load_set(path)
    confusion: Counter[tuple[str, str]] = Counter()
    disagreements: list[str] = []
    for pair in data["pairs"]:
        review = review_plans(load_plan(ROOT / pair["parent"]), _child(pair))
        got = {r.id: str(r.status) for r in review.results}
        for mandate_id in sorted(set(got) | set(pair["labels"])):
            label, status = pair["labels"].get(mandate_id, "unlabelled"), got.get(mandate_id, "absent")
            confusion[(label, status)] += 1
            if label != status:
                disagreements.append(f"{pair['name']}: {mandate_id}: label {label}, review {status}")
    tp = sum(n for (label, status), n in confusion.items() if label in FAULT_LABELS and status in FLAGGED)
    fp = sum(n for (label, status), n in confusion.items() if label not in FAULT_LABELS and status in FLAGGED)
    fn = sum(n for (label, status), n in confusion.items() if label in FAULT_LABELS and status not in FLAGGED)
    families = [_family_errors(f) for f in data.get("families", [])]
    return {
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "exact_status": sum(n for (label, status), n in confusion.items() if label == status)
        / max(1, sum(confusion.values())),
        "mandates": sum(confusion.values()),
        "confusion": dict(confusion),
        "disagreements": disagreements,
        "family_errors": [e for errors in families for e in errors],
    }


def _child(pair: dict[str, Any]) -> Plan:
    """The child plan; ``via: docx`` renders it to DOCX and reads it back through the
    document reader and plan parser, as an uploaded Word file would be; ``via: text`` reads a
    raw document (the seed text itself)."""
    if pair.get("via") == "text":
        return read_plan(ROOT / pair["child"])
    plan = load_plan(ROOT / pair["child"])
    if pair.get("via") != "docx":
        return plan
    return read_plan_bytes(render_docx(plan), f"{plan.id}.docx")


def _family_errors(family: dict[str, Any]) -> list[str]:
    result = review_family(
        load_plan(ROOT / family["parent"]), [load_plan(ROOT / c) for c in family["children"]]
    )
    got = {q.id: q for q in result.quotas}
    errors = []
    for quota_id, expected in family["quotas"].items():
        q = got.get(quota_id)
        if q is None:
            errors.append(f"{family['name']}: {quota_id}: not checked")
        elif abs(q.shortfall - expected["shortfall"]) > 1e-6 or q.without_share != expected["without_share"]:
            errors.append(
                f"{family['name']}: {quota_id}: shortfall {q.shortfall} without {q.without_share}, "
                f"expected {expected['shortfall']} without {expected['without_share']}"
            )
    return errors


def main() -> dict[str, Any]:
    figures = evaluate()
    print(f"mandates: {figures['mandates']}  exact status: {figures['exact_status']:.3f}")
    print(f"missing/weaker/late: precision {figures['precision']:.3f}  recall {figures['recall']:.3f}")
    labels = [s for s in STATUSES if any(k[0] == s for k in figures["confusion"])]
    print("label \\ review " + " ".join(f"{s[:8]:>8}" for s in STATUSES))
    for label in labels:
        row = " ".join(f"{figures['confusion'].get((label, s), 0):>8}" for s in STATUSES)
        print(f"{label:<15}{row}")
    for line in figures["disagreements"] + figures["family_errors"]:
        print(f"  ✗ {line}")
    return figures


if __name__ == "__main__":
    main()
