"""Once-held-out measurement of target extraction and coverage review (issues 3 and 4).

The texts in tests/data/holdout/ were written and hand-labelled before the parser or the review
was run on them. Their FIRST run was a true held-out measurement: extraction precision 0.895,
recall 0.472; coverage recall 0.000, exact status 0.188. The parser and the review were then
fixed on what that run showed (targets in lettered points, the level of targets that name no
units, ...), so from then on these texts are development data like the seeds: the figures this
module prints are no longer a measure of generalisation. A fresh held-out set is needed for that.

- Extraction: the three ``*.labels.yaml`` are scored with eval_extract's own ``score_seed``
  (same matching, same field rules; their ``seed`` path points from eval_extract's seed folder
  to this one).
- Coverage: the pair of ``pairs.yaml`` is reviewed from the raw texts (parent and child read
  through ``read_plan``), so parser and review are measured together. The parser makes the
  mandate ids, so a label names its mandate by a span of the parent wording; each label takes
  the unclaimed mandate whose text contains its span best (fuzzy partial ratio on match keys,
  at least eval_extract's threshold), and a mandate no label claims counts as "unlabelled".
  Precision/recall of flagged mandates use eval_coverage's FAULT_LABELS/FLAGGED definitions.
- A second coverage run, printed as a diagnostic and not a held-out figure, turns the parent's
  lettered items into bullets first, to tell the parser's misses from the review's.

Run: ``.venv/bin/python -m tests.eval eval_holdout`` (or ``make eval``).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz

from app.domain.plan import Plan
from app.review.report import MandateResult
from app.services.documents import read_plan, read_plan_bytes
from app.services.review import review_plans
from app.vn.normalize import match_key
from tests.eval.eval_coverage import FAULT_LABELS, FLAGGED, ROOT, STATUSES
from tests.eval.eval_extract import MATCH_THRESHOLD, Scores, print_scores, score_seed

HOLDOUT = ROOT / "tests" / "data" / "holdout"
_LETTER_ITEM = re.compile(r"^[a-eđ]\) ", re.MULTILINE)


def extraction() -> Scores:
    """Extraction scores over the held-out label files."""
    scores = Scores()
    for path in sorted(HOLDOUT.glob("*.labels.yaml")):
        score_seed(path, scores)
    return scores


def pair_labels(labels: list[dict[str, str]], results: list[MandateResult]) -> list[tuple[str, str, str]]:
    """(label, status, parent text) for every label and every mandate of the review.

    Labels claim mandates greedily in file order, as eval_extract pairs labels with targets."""
    free = list(range(len(results)))
    rows: list[tuple[str, str, str]] = []
    for label in labels:
        key = match_key(label["parent_text"])
        ranked = sorted(free, key=lambda i: -fuzz.partial_ratio(key, match_key(results[i].parent_text)))
        if not ranked or fuzz.partial_ratio(key, match_key(results[ranked[0]].parent_text)) < MATCH_THRESHOLD:
            rows.append((label["status"], "absent", label["parent_text"]))
            continue
        free.remove(ranked[0])
        rows.append((label["status"], str(results[ranked[0]].status), label["parent_text"]))
    rows.extend(("unlabelled", str(results[i].status), results[i].parent_text) for i in free)
    return rows


def _parent(path: Path, letters_as_bullets: bool) -> Plan:
    """The parent plan read from its raw text; with ``letters_as_bullets`` its "a)" ... "e)"
    list labels are first turned into "-" bullets (a diagnostic: the parser reads no target
    from lettered items, and this shows what the review does once it has the targets)."""
    if not letters_as_bullets:
        return read_plan(path)
    text = _LETTER_ITEM.sub("- ", path.read_text(encoding="utf-8"))
    return read_plan_bytes(text.encode("utf-8"), path.name)


def coverage(path: Path = HOLDOUT / "pairs.yaml", letters_as_bullets: bool = False) -> dict[str, Any]:
    """Review every held-out pair from its raw texts; figures, confusion and disagreements."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    confusion: Counter[tuple[str, str]] = Counter()
    disagreements: list[str] = []
    for pair in data["pairs"]:
        parent = _parent(ROOT / pair["parent"], letters_as_bullets)
        review = review_plans(parent, read_plan(ROOT / pair["child"]))
        for label, status, text in pair_labels(pair["labels"], review.results):
            confusion[(label, status)] += 1
            if label != status:
                disagreements.append(f"{pair['name']}: label {label}, review {status}: {text[:90]}")
    tp = sum(n for (label, status), n in confusion.items() if label in FAULT_LABELS and status in FLAGGED)
    fp = sum(n for (label, status), n in confusion.items() if label not in FAULT_LABELS and status in FLAGGED)
    fn = sum(n for (label, status), n in confusion.items() if label in FAULT_LABELS and status not in FLAGGED)
    labelled = sum(n for (label, _), n in confusion.items() if label != "unlabelled")
    return {
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "exact_status": sum(n for (label, status), n in confusion.items() if label == status)
        / max(1, labelled),
        "labelled": labelled,
        "mandates": sum(n for (_, status), n in confusion.items() if status != "absent"),
        "confusion": dict(confusion),
        "disagreements": disagreements,
    }


def main() -> dict[str, Any]:
    scores = extraction()
    print(
        f"holdout texts (now development data) extraction: labelled {scores.labelled}, extracted {scores.extracted}"
    )
    print_scores(scores)
    figures = coverage()
    _print_coverage("holdout pair (now development data) coverage", figures)
    diagnostic = coverage(letters_as_bullets=True)
    _print_coverage("diagnostic, NOT a held-out figure: parent with a)-e) items as '-' bullets", diagnostic)
    return {"extraction": scores, "coverage": figures, "coverage_diagnostic": diagnostic}


def _print_coverage(title: str, figures: dict[str, Any]) -> None:
    print(
        f"{title}: labelled mandates {figures['labelled']}, review mandates {figures['mandates']}, "
        f"exact status {figures['exact_status']:.3f}"
    )
    print(f"missing/weaker/late: precision {figures['precision']:.3f}  recall {figures['recall']:.3f}")
    print("label \\ review " + " ".join(f"{s[:8]:>8}" for s in [*STATUSES, "absent"]))
    for label in sorted({k[0] for k in figures["confusion"]}):
        row = " ".join(f"{figures['confusion'].get((label, s), 0):>8}" for s in [*STATUSES, "absent"])
        print(f"{label:<15}{row}")
    for line in figures["disagreements"]:
        print(f"  ✗ {line}")


if __name__ == "__main__":
    main()
