"""Target extraction measured against hand labels (tests/data/extract/labels/*.yaml).

Each seed text is read with the real TXT reader and parsed with ``parse_plan``. A label is
matched to the unmatched extracted target whose text contains its span best (fuzzy partial
ratio on match keys, at least 85). Precision = matched / extracted, recall = matched /
labelled; field accuracy is counted over matched pairs (value, unit, comparator, deadline,
population by token-set ratio >= 80, and the quota breakdown when labelled).

A cross-check runs the extractor on the target texts another developer wrote for the review
tests (tests/data/review/plans) against their own structured reading.

Run: ``.venv/bin/python -m tests.eval eval_extract`` (or ``make eval``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz

from app.domain.targets import Target
from app.extract.clauses import Scope, extract_targets
from app.extract.plan_text import parse_plan
from app.extract.read import read_document_file
from app.planfile.load import load_plan
from app.vn.normalize import match_key

DATA = Path(__file__).resolve().parent.parent / "data" / "extract"
FIELDS = ("value", "unit", "comparator", "deadline", "population", "breakdown", "frequency")
MATCH_THRESHOLD = 85


@dataclass
class Scores:
    """Counts over the labelled seeds; ``misses`` and ``extras`` name what went wrong."""

    labelled: int = 0
    extracted: int = 0
    matched: int = 0
    field_right: dict[str, int] = field(default_factory=dict)
    field_total: dict[str, int] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.labelled if self.labelled else 0.0

    def accuracy(self, name: str) -> float:
        total = self.field_total.get(name, 0)
        return self.field_right.get(name, 0) / total if total else 1.0


def label_files() -> list[Path]:
    return sorted((DATA / "labels").glob("*.yaml"))


def extracted_targets(seed: str) -> list[Target]:
    doc = read_document_file(DATA / "seeds" / seed)
    return parse_plan(doc).targets()


def field_ok(name: str, label: dict[str, Any], target: Target) -> bool | None:
    """Whether ``target`` has the labelled value of field ``name``; None when not labelled."""
    if name not in label:
        return None
    want = label[name]
    if name == "value":
        return (
            want == target.value
            and label.get("value_max") == target.value_max
            and label.get("denominator") == target.denominator
        )
    if name == "unit":
        return match_key(want or "") == match_key(target.unit or "")
    if name == "comparator":
        return str(want) == target.comparator.value
    if name == "population":
        if want is None:
            return None
        return fuzz.token_set_ratio(match_key(want), match_key(target.population or "")) >= 80
    if name == "breakdown":
        return [p.value for p in target.breakdown] == [float(v) for v in want]
    if name == "frequency":
        return want == (target.frequency.value if target.frequency else None)
    return bool(want == getattr(target, name))


def score_seed(label_path: Path, scores: Scores) -> None:
    data = yaml.safe_load(label_path.read_text(encoding="utf-8"))
    targets = extracted_targets(data["seed"])
    free = list(range(len(targets)))
    scores.labelled += len(data["targets"])
    scores.extracted += len(targets)
    for label in data["targets"]:
        key = match_key(label["text"])
        ranked = sorted(free, key=lambda i: -fuzz.partial_ratio(key, match_key(targets[i].text)))
        if not ranked or fuzz.partial_ratio(key, match_key(targets[ranked[0]].text)) < MATCH_THRESHOLD:
            scores.misses.append(f"{label_path.stem}: {label['text']}")
            continue
        target = targets[ranked[0]]
        free.remove(ranked[0])
        scores.matched += 1
        for name in FIELDS:
            ok = field_ok(name, label, target)
            if ok is None:
                continue
            scores.field_total[name] = scores.field_total.get(name, 0) + 1
            scores.field_right[name] = scores.field_right.get(name, 0) + int(ok)
            if not ok:
                scores.wrong.append(
                    f"{label_path.stem}: {name} of {label['text'][:50]!r}: {getattr(target, name)!r}"
                )
    scores.extras.extend(f"{label_path.stem}: {targets[i].text[:90]}" for i in free)


def evaluate() -> Scores:
    scores = Scores()
    for path in label_files():
        score_seed(path, scores)
    return scores


def cross_check(folder: Path = DATA.parent / "review" / "plans") -> tuple[int, int, int]:
    """Targets written by another developer for the review tests (their text and their own
    structured reading): how many texts give the same value, and the same value, unit and
    comparator. Not tuned on; differences are partly conventions (a bare count as "equal" or
    "at_least", the unit "Điểm" or "Điểm tư vấn")."""
    total = same_value = same_all = 0
    for path in sorted(folder.glob("*.yaml")):
        plan = load_plan(path)
        for target in plan.targets():
            total += 1
            got = extract_targets(target.text, Scope(deadline=target.deadline, own_level=plan.issuer.level))
            first = got[0] if got else None
            if first is None or (first.value, first.value_max, first.denominator) != (
                target.value,
                target.value_max,
                target.denominator,
            ):
                continue
            same_value += 1
            unit_ok = match_key(first.unit or "") == match_key(target.unit or "")
            same_all += int(unit_ok and first.comparator is target.comparator)
    return total, same_value, same_all


def print_scores(scores: Scores) -> None:
    """Precision, recall, field accuracy and every miss, extra and wrong field."""
    print(f"precision: {scores.precision:.3f}  recall: {scores.recall:.3f}  matched: {scores.matched}")
    for name in FIELDS:
        total = scores.field_total.get(name, 0)
        print(
            f"  {name:<11} accuracy {scores.accuracy(name):.3f}  ({scores.field_right.get(name, 0)}/{total})"
        )
    for title, items in (("missed", scores.misses), ("extra", scores.extras), ("wrong field", scores.wrong)):
        for item in items:
            print(f"  {title}: {item}")


def main() -> None:
    scores = evaluate()
    print(f"seeds: {len(label_files())}, labelled targets: {scores.labelled}, extracted: {scores.extracted}")
    print_scores(scores)
    total, same_value, same_all = cross_check()
    if total:
        print(
            f"cross-check on {total} targets hand-written by the review developer (tests/data/review/plans): "
            f"same value {same_value}/{total}, same value+unit+comparator {same_all}/{total}"
        )


if __name__ == "__main__":
    main()
