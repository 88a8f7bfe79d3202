"""Use cases of the compliance review: one child against its parent, or a whole family.

Called by the CLI, the web layer and the jobs; the review itself lives in app/review/ and the
rules in app/rules/coverage/. When the child is a DOCX, its bytes also go through the ND30
format linter (``app.rules.format.lint_docx``) when that linter is installed.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from app.domain.errors import KehoachError
from app.domain.levels import DEFAULT_LEVELS, LevelTable
from app.domain.plan import Plan
from app.messages import both
from app.review.assess import assess
from app.review.quotas import check_quotas
from app.review.report import FamilyReview, PlanRef, Review
from app.rules import coverage
from app.rules.finding import Finding
from app.services.documents import read_plan


class ReviewInputError(KehoachError):
    """The plans cannot be reviewed against each other (HTTP 400, exit status 2)."""


def review_plans(
    parent: Plan, child: Plan, child_docx: bytes | None = None, levels: LevelTable = DEFAULT_LEVELS
) -> Review:
    """Review ``child`` against ``parent``: statuses, evidence, coverage and format findings."""
    _check_levels(parent, child, levels)
    review = Review(PlanRef.of(parent), PlanRef.of(child), assess(parent, child, levels))
    review.findings = coverage.run(review)
    if child_docx is not None:
        linter = format_linter()
        if linter is None:
            review.notes.append(both("review_no_format_linter"))
        else:
            review.format_findings = linter(child_docx)
            review.format_checked = True
    return review


def review_family(parent: Plan, children: list[Plan], levels: LevelTable = DEFAULT_LEVELS) -> FamilyReview:
    """Review every child, then check that the children's quota shares reach the parent's."""
    if not children:
        raise ReviewInputError(both("review_no_children"))
    reviews = [review_plans(parent, child, levels=levels) for child in children]
    quotas = check_quotas(reviews)
    return FamilyReview(PlanRef.of(parent), reviews, quotas, coverage.run_family(quotas))


def review_files(child_path: str | Path, parent_path: str | Path) -> Review:
    """Read both files (plan file, or a document once the readers handle it) and review."""
    child_path = Path(child_path)
    parent, child = read_plan(parent_path), read_plan(child_path)
    docx = child_path.read_bytes() if child_path.suffix.lower() == ".docx" else None
    return review_plans(parent, child, docx)


def review_family_files(parent_path: str | Path, child_paths: list[Path]) -> FamilyReview:
    """Read the parent and every child file, and review the family. A child given twice (or
    two files of the same plan) is refused: its quota share would be counted once, its
    review shown twice, and the office would not see the typo."""
    children = [read_plan(p) for p in child_paths]
    seen: dict[str, Path] = {}
    for path, child in zip(child_paths, children, strict=True):
        if child.id in seen:
            raise ReviewInputError(f"{both('review_duplicate_child')}: {child.id} ({seen[child.id]}, {path})")
        seen[child.id] = Path(path)
    return review_family(read_plan(parent_path), children)


def format_linter() -> Callable[[bytes], list[Finding]] | None:
    """``app.rules.format.lint_docx`` when the format rules are installed, else None."""
    try:
        module = importlib.import_module("app.rules.format")
    except ImportError:
        return None
    linter = getattr(module, "lint_docx", None)
    return linter if callable(linter) else None


def _check_levels(parent: Plan, child: Plan, levels: LevelTable) -> None:
    for plan in (parent, child):
        if levels.get(plan.level) is None:
            raise ReviewInputError(f"{plan.id}: {both('unknown_level')}: {plan.level}")
    if child == parent:
        raise ReviewInputError(f"{both('review_same_plan')}: {child.id}")
    if not levels.is_below(child.level, parent.level):
        # the two files given the wrong way round is the usual cause: say so
        hint = f" {both('review_swapped')}" if levels.is_below(parent.level, child.level) else ""
        raise ReviewInputError(
            f"{both('review_not_below')}: {child.id} ({child.level}) / {parent.id} ({parent.level}).{hint}"
        )
