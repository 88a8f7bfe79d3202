"""Use cases of the compliance review: one child against its parent, or a whole family.

Called by the CLI, the web layer and the jobs; the review itself lives in app/review/ and the
rules in app/rules/coverage/. When the child is a DOCX, its bytes also go through the ND30
format linter (``app.rules.format.lint_docx``) when that linter is installed.

The levels of the two plans are the user's when set (``--parent-level``/``--child-level``, the
selects of the review page), else the plans' own, guessed from the issuing body for a
document; a guess never stops a review: see app/review/assumptions.py for what is assumed.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable, Sequence
from pathlib import Path

from app.domain.errors import KehoachError
from app.domain.levels import DEFAULT_LEVELS, LevelTable
from app.domain.plan import Plan, Section
from app.messages import both, t
from app.review.assess import assess
from app.review.assumptions import LevelChoice, settle_levels, with_level
from app.review.quotas import check_quotas
from app.review.report import FamilyReview, PlanRef, Review
from app.rules import coverage
from app.rules.finding import Finding
from app.services.documents import DOCUMENT_EXTENSIONS, read_plan


class ReviewInputError(KehoachError):
    """The plans cannot be reviewed against each other (HTTP 400, exit status 2)."""


def review_plans(
    parent: Plan,
    child: Plan,
    child_docx: bytes | None = None,
    levels: LevelTable = DEFAULT_LEVELS,
    choice: LevelChoice | None = None,
) -> Review:
    """Review ``child`` against ``parent``: statuses, evidence, coverage and format findings.

    ``choice`` holds the levels the user set and which plans' levels are guesses; the review
    works with the settled levels and lists what it assumed (``Review.assumptions``).
    """
    choice = choice or LevelChoice()
    if child == parent:
        raise ReviewInputError(f"{both('review_same_plan')}: {child.id}")
    choice.check(levels)
    settled = settle_levels(parent, child, choice, levels)
    parent, child = with_level(parent, settled.parent), with_level(child, settled.child)
    review = Review(PlanRef.of(parent), PlanRef.of(child), assess(parent, child, levels))
    review.assumptions = list(settled.assumptions)
    review.findings = coverage.run(review)
    if child_docx is not None:
        linter = format_linter()
        if linter is None:
            review.notes.append(both("review_no_format_linter"))
        else:
            review.format_findings = linter(child_docx)
            review.format_checked = True
    return review


def review_parents(
    parents: Sequence[Plan],
    child: Plan,
    child_docx: bytes | None = None,
    levels: LevelTable = DEFAULT_LEVELS,
    choice: LevelChoice | None = None,
) -> list[Review]:
    """Review ``child`` against each of ``parents`` (a plan implementing several programmes),
    one review per parent in the order given. The DOCX format is linted once: its findings
    are the same whatever the parent."""
    if not parents:
        raise ReviewInputError(both("review_need_parent"))
    ids = [p.id for p in parents]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise ReviewInputError(f"{both('review_duplicate_parent')}: {', '.join(twice)}")
    first = review_plans(parents[0], child, child_docx, levels, choice)
    reviews = [first]
    for parent in parents[1:]:
        review = review_plans(parent, child, None, levels, choice)
        review.format_findings, review.format_checked = list(first.format_findings), first.format_checked
        review.notes = [*review.notes, *(n for n in first.notes if n not in review.notes)]
        reviews.append(review)
    return reviews


def review_family(
    parent: Plan,
    children: list[Plan],
    levels: LevelTable = DEFAULT_LEVELS,
    choice: LevelChoice | None = None,
) -> FamilyReview:
    """Review every child, then check that the children's quota shares reach the parent's.

    ``choice`` applies to every child (the user sets one child level for the family)."""
    if not children:
        raise ReviewInputError(both("review_no_children"))
    reviews = [review_plans(parent, child, levels=levels, choice=choice) for child in children]
    quotas = check_quotas(reviews)
    return FamilyReview(PlanRef.of(parent), reviews, quotas, coverage.run_family(quotas))


def review_files(
    child_path: str | Path,
    parent_path: str | Path,
    parent_level: str | None = None,
    child_level: str | None = None,
) -> Review:
    """Read both files (plan file, or a document once the readers handle it) and review.

    ``parent_level``/``child_level`` are the levels the user set (None: the plan's own)."""
    LevelChoice(parent_level, child_level).check()  # before reading: a typo costs no parse
    child_path = Path(child_path)
    parent, child = read_plan(parent_path), read_plan(child_path)
    docx = child_path.read_bytes() if child_path.suffix.lower() == ".docx" else None
    choice = level_choice(parent_level, child_level, [(parent, parent_path), (child, child_path)])
    return review_plans(parent, child, docx, choice=choice)


def review_files_parents(
    child_path: str | Path,
    parent_paths: Sequence[str | Path],
    parent_level: str | None = None,
    child_level: str | None = None,
) -> list[Review]:
    """:func:`review_files` against several parent files: one review per parent, in order."""
    LevelChoice(parent_level, child_level).check()
    child_path = Path(child_path)
    parents = [read_plan(p) for p in parent_paths]  # parents first, as review_files reads them
    child = read_plan(child_path)
    docx = child_path.read_bytes() if child_path.suffix.lower() == ".docx" else None
    sources = [(child, child_path), *zip(parents, parent_paths, strict=True)]
    return review_parents(parents, child, docx, choice=level_choice(parent_level, child_level, sources))


def render_reviews(reviews: Sequence[Review], fmt: str) -> bytes:
    """The reviews of one child against its parents in ``fmt``: for one parent exactly the
    single review's output; for several, one section per parent (JSON: ``{"reviews": [...]}``
    with a summary each; HTML: one page; DOCX: one review note, a part per parent)."""
    from app.review.formats import render_review

    if len(reviews) == 1:
        return render_review(reviews[0], fmt)
    if fmt == "json":
        from app.review.formats.json import SCHEMA_VERSION, dumps, review_to_dict

        data = {"schema_version": SCHEMA_VERSION, "reviews": [review_to_dict(r) for r in reviews]}
        return dumps(data).encode("utf-8")
    if fmt == "html":
        return _reviews_html(reviews).encode("utf-8")
    if fmt == "docx":
        return _reviews_docx(reviews)
    raise ValueError(f"unknown review format: {fmt}")


def _reviews_html(reviews: Sequence[Review]) -> str:
    # The single review's page and body builders, so each section reads like `--parent P`.
    from html import escape

    from app.review.formats.html import _page, _review_body

    parts = [
        f"<section><h2>{escape(t('review_parent_section'))}: {escape(_parent_words(r))}</h2>"
        f"{_review_body(r)}</section>"
        for r in reviews
    ]
    return _page(t("html_review_title"), "\n<hr>\n".join(parts))


def _reviews_docx(reviews: Sequence[Review]) -> bytes:
    """One ND30 review note: the first parent's header, one numbered part per parent holding
    that review's parts, and each review's mandate table as an appendix."""
    from app.render.docx import render_docx
    from app.review.formats.docx import review_note

    notes = [review_note(r) for r in reviews]
    note = notes[0]
    note.references = [ref for n in notes for ref in n.references]
    note.sections = [
        Section(f"{t('review_parent_section')}: {_parent_words(r)}".upper(), sections=n.sections)
        for r, n in zip(reviews, notes, strict=True)
    ]
    note.appendices = [
        dataclasses.replace(a, title=f"{a.title} ({_parent_words(r)})")
        for r, n in zip(reviews, notes, strict=True)
        for a in n.appendices
    ]
    return render_docx(note)


def _parent_words(review: Review) -> str:
    parent = review.parent
    return " ".join(x for x in (parent.number_symbol or parent.id, parent.issuer) if x)


def review_family_files(
    parent_path: str | Path,
    child_paths: list[Path],
    parent_level: str | None = None,
    child_level: str | None = None,
) -> FamilyReview:
    """Read the parent and every child file, and review the family. A child given twice (or
    two files of the same plan) is refused: its quota share would be counted once, its
    review shown twice, and the office would not see the typo."""
    LevelChoice(parent_level, child_level).check()
    children = [read_plan(p) for p in child_paths]
    seen: dict[str, Path] = {}
    for path, child in zip(child_paths, children, strict=True):
        if child.id in seen:
            raise ReviewInputError(f"{both('review_duplicate_child')}: {child.id} ({seen[child.id]}, {path})")
        seen[child.id] = Path(path)
    parent = read_plan(parent_path)
    sources = [(parent, Path(parent_path)), *zip(children, child_paths, strict=True)]
    return review_family(parent, children, choice=level_choice(parent_level, child_level, sources))


def level_choice(
    parent_level: str | None, child_level: str | None, sources: Sequence[tuple[Plan, str | Path]]
) -> LevelChoice:
    """The user's levels, with the plans read from a document (not a plan file) marked as
    having a guessed level. An empty string is "not set", as a form's "Tự xác định" sends it."""
    guessed = frozenset(plan.id for plan, path in sources if is_document(path))
    return LevelChoice(parent_level or None, child_level or None, guessed)


def is_document(path: str | Path) -> bool:
    """True for a DOCX/PDF/TXT/MD file, whose plan (and level) the parser reads as best it can."""
    return Path(path).suffix.lower() in DOCUMENT_EXTENSIONS


def format_linter() -> Callable[[bytes], list[Finding]] | None:
    """``app.rules.format.lint_docx`` when the format rules are installed, else None."""
    try:
        module = importlib.import_module("app.rules.format")
    except ImportError:
        return None
    linter = getattr(module, "lint_docx", None)
    return linter if callable(linter) else None
