"""Review accuracy on real parents with officer-written children (issue 9).

The set is tests/data/real/ (see its README): real plans and decisions of 2025 as parents,
children written as a commune or province officer writes them, each parent target and duty
labelled with its status before the review ever ran. ``dev/`` is the development set;
``holdout/`` is held back and reported apart. Every child is reviewed three times: as the
text it was written in, as a DOCX built from it and as that DOCX's PDF (tests/eval/
office_copies.py), the way ``kehoach review CHILD --parent PARENT`` reads an upload, levels
inferred as a user who sets none would get them.

A label names its mandate by a span of the parent's wording: it takes the unclaimed mandate
whose text contains the span best (fuzzy partial ratio on match keys), among mandates at least
half the span's length (since 2026-12-03: before, a one-word mandate such as an appendix row
"Xoài" could take the label of a whole target naming it); a label that no mandate
of the review carries counts as "absent", a wrong answer whatever its status. Printed per set
and format: status accuracy, precision and recall of each status, and problem recall (a
weaker, late or missing label given any of those three statuses).

First and only held-back run (2026-12-02, before any tuning on this set; the holdout was written
and labelled by helpers who never saw a review): holdout accuracy 0.029 / 0.029 / 0.022 and
problem recall 0.091 / 0.091 / 0.091 for text / DOCX / PDF (136 labels); dev on the same run
0.119 / 0.119 / 0.098, problem recall 0.239 / 0.239 / 0.217 (387 labels). Most labels are
"absent": the parser reads no mandate for them from the real parent.

Second held-back run (2026-12-03, commit d0f6207, after a session tuned on dev only: tasks
of NHIỆM VỤ/NỘI DUNG/KINH PHÍ with their fields, portal pages laid out in cells, the plan a
Quyết định issues, kept duties listed, applicability as data, alike targets told apart):
holdout accuracy 0.419 / 0.419 / 0.419, problem recall 0.333 / 0.333 / 0.394 (text / DOCX /
PDF); dev on the same run 0.388 / 0.390 / 0.354, problem recall 0.500 / 0.489 / 0.467. This
remeasure is the second look at the holdout; the issue's bar (0.85) is not reached.

Third held-back run (2026-12-03, commit 749cff7, after more tuning on dev only: duties one per
sentence, fields leading the tasks above them, lettered duties under their agency, duty
deadlines, PDF tables through pdfplumber, the pairing rule above): holdout accuracy 0.500 /
0.500 / 0.500, problem recall 0.455 / 0.455 / 0.455; dev on the same run 0.481 / 0.486 / 0.488,
problem recall 0.533 / 0.533 / 0.587. Fourth look, at the session's end
(commit cb910ce): holdout unchanged (0.500, 0.455 on all three); dev 0.486 / 0.491 / 0.494,
problem recall 0.533 / 0.533 / 0.587. Fifth look (commit 32fffa8, after the last dev-only
changes: alike targets told apart by their own words, section years, measures, one task per
sentence, nearest report date): holdout 0.500 / 0.500 / 0.500, problem recall 0.424 on all
three (one problem label fewer found than at cb910ce); dev 0.527 / 0.530 / 0.530, problem
recall 0.576.

The look of session 3 (at least the sixth in all; 2026-12-03, commit b8bc4b4, after dev-only changes: part labels
wrapped alone on their line, per-product targets told apart (products as data), a measure
taking the subject before it, duties and tasks read clause by clause, a number at a line start
inside a sentence joined to it): holdout accuracy 0.500 / 0.500 / 0.500, problem recall 0.455
on all three; dev on the same run 0.687 / 0.687 / 0.687, problem recall 0.674. Dev rose by 0.16
while the holdout did not move: the gains are on the dev parents' shapes, not yet general.

Run: ``.venv/bin/python -m tests.eval eval_real`` (or ``make eval``); ``--set dev`` or
``--set holdout`` and ``--via text`` narrow it, ``-v`` lists every disagreement.
"""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz

from app.domain.errors import KehoachError
from app.review.report import MandateResult
from app.services.documents import read_plan, read_plan_bytes
from app.services.review import review_plans
from app.vn.normalize import match_key
from tests.eval.office_copies import office_copy

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "data" / "real"
STATUSES = ("covered", "weaker", "late", "missing", "not_applicable")
PROBLEMS = {"weaker", "late", "missing"}
VIAS = ("text", "docx", "pdf")
MATCH_THRESHOLD = 85
MIN_LENGTH_SHARE = 0.5


@dataclass
class Figures:
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    disagreements: list[str] = field(default_factory=list)

    @property
    def labelled(self) -> int:
        return sum(self.confusion.values())

    @property
    def accuracy(self) -> float:
        return sum(n for (a, b), n in self.confusion.items() if a == b) / max(1, self.labelled)

    def precision(self, status: str) -> float | None:
        said = sum(n for (_, b), n in self.confusion.items() if b == status)
        return self.confusion[(status, status)] / said if said else None

    def recall(self, status: str) -> float | None:
        truth = sum(n for (a, _), n in self.confusion.items() if a == status)
        return self.confusion[(status, status)] / truth if truth else None

    @property
    def problem_recall(self) -> float:
        truth = sum(n for (a, _), n in self.confusion.items() if a in PROBLEMS)
        found = sum(n for (a, b), n in self.confusion.items() if a in PROBLEMS and b in PROBLEMS)
        return found / truth if truth else 1.0


def load_cases(name: str) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for path in sorted((REAL / name).glob("cases*.yaml")):
        cases.extend(yaml.safe_load(path.read_text(encoding="utf-8"))["cases"])
    return cases


def pair_labels(labels: list[dict[str, str]], results: list[MandateResult]) -> list[tuple[str, str, str]]:
    """(label, status, parent span) for every label; each mandate answers one label."""
    free = list(range(len(results)))
    keys = [match_key(r.parent_text) for r in results]
    rows: list[tuple[str, str, str]] = []
    for label in labels:
        key = match_key(label["parent_text"])
        # a mandate much shorter than the span ("Xoài", a row heading) is not the one it names:
        # partial_ratio would find it inside any span that mentions it
        scored = sorted(
            (
                (fuzz.partial_ratio(key, keys[i]), i)
                for i in free
                if len(keys[i]) >= MIN_LENGTH_SHARE * len(key)
            ),
            reverse=True,
        )
        if not scored or scored[0][0] < MATCH_THRESHOLD:
            rows.append((label["status"], "absent", label["parent_text"]))
            continue
        free.remove(scored[0][1])
        rows.append((label["status"], str(results[scored[0][1]].status), label["parent_text"]))
    return rows


def evaluate(name: str, vias: tuple[str, ...] = VIAS) -> dict[str, Figures]:
    figures = {via: Figures() for via in vias}
    for case in load_cases(name):
        parent = read_plan(ROOT / case["parent"])
        for via in vias:
            data, filename = office_copy(ROOT / case["child"], via)
            try:
                child = read_plan_bytes(data, filename)
                results = review_plans(parent, child).results
            except KehoachError as exc:
                results = []
                figures[via].disagreements.append(f"{case['name']}: review refused: {exc}")
            for label, status, text in pair_labels(case["labels"], results):
                figures[via].confusion[(label, status)] += 1
                if label != status:
                    figures[via].disagreements.append(
                        f"{case['name']}: label {label}, review {status}: {text[:90]}"
                    )
    return figures


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.2f}"


def print_figures(name: str, figures: dict[str, Figures], verbose: bool) -> None:
    for via, f in figures.items():
        print(
            f"{name} {via:<4}: labels {f.labelled}  accuracy {f.accuracy:.3f}  problem recall {f.problem_recall:.3f}"
        )
        print(
            "    " + "  ".join(f"{s[:8]:>8} P {_fmt(f.precision(s))} R {_fmt(f.recall(s))}" for s in STATUSES)
        )
        if verbose:
            for line in f.disagreements:
                print(f"      ✗ {line}")


def main(argv: list[str] | None = None) -> dict[str, dict[str, Figures]]:
    parser = argparse.ArgumentParser(prog="eval_real")
    parser.add_argument("--set", choices=("dev", "holdout"), action="append")
    parser.add_argument("--via", choices=VIAS, action="append")
    parser.add_argument("-v", "--verbose", action="store_true")
    args, _ = parser.parse_known_args(argv)
    out = {}
    for name in args.set or ("dev", "holdout"):
        out[name] = evaluate(name, tuple(args.via or VIAS))
        print_figures(f"{name:<7}", out[name], args.verbose)
    return out


if __name__ == "__main__":
    main()
