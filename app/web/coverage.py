"""The coverage board of a parent plan: its mandates × its stored children, each cell
covered / weaker / missing, the quota sums and a bar chart (inline SVG, no JS).

One column per implementing agency (app.services.family): its issued plan, else its latest
draft, marked "dự thảo"; so each commune's quota share is summed once.

The other side, from a child plan: its parents (one or several, app.services.parents), what
changed in them since it was last checked (app.services.staleness: "cần rà soát lại"), and its
review against each parent, one section per parent, which records the check."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from werkzeug.exceptions import BadRequest
from werkzeug.wrappers import Response

from app.domain.errors import KehoachError
from app.domain.levels import DEFAULT_LEVELS, LevelTable
from app.domain.plan import Plan
from app.messages import both, t
from app.services import parents as parent_links
from app.services import plans_store as store
from app.services.family import Member, family
from app.web import documents
from app.web.database import db
from app.web.security import login_required, user

if TYPE_CHECKING:
    from app.services.staleness import ParentReview, StaleParent

bp = Blueprint("coverage", __name__, url_prefix="/plans")
BAR_WIDTH = 420


@dataclass
class Board:
    children: list[tuple[int, Plan]] = field(default_factory=list)
    drafts: set[int] = field(default_factory=set)  # ids of the children that are drafts
    rows: list[dict[str, Any]] = field(default_factory=list)  # {id, text, cells: [status|None]}
    quotas: list[Any] = field(default_factory=list)
    covered: list[tuple[str, int, int]] = field(default_factory=list)  # (child, covered, applicable)


class NoLowerLevelError(KehoachError):
    """The plan's level has no level below it (a commune), so no plan can implement it."""


def has_lower_level(level: str | None, levels: LevelTable = DEFAULT_LEVELS) -> bool:
    """True when some level ranks below ``level``: only then can a plan have children, and a
    coverage board make sense. An unknown level has none (nothing is known to be below it)."""
    own = levels.get(level)
    return own is not None and any(other.rank > own.rank for other in levels.levels)


def level_name(level: str | None, levels: LevelTable = DEFAULT_LEVELS) -> str:
    """The Vietnamese name of a level ("cấp xã"), or its id when the table lacks it."""
    found = levels.get(level)
    return found.name.lower() if found else str(level)


def require_lower_level(plan: Plan) -> None:
    """Refuse a coverage board for a plan whose level has nobody below it."""
    if not has_lower_level(plan.level):
        raise NoLowerLevelError(both("coverage_no_lower_level").format(level=level_name(plan.level)))


def build_board(parent: Plan, children: list[tuple[int, Plan]], drafts: set[int] | None = None) -> Board:
    board = Board(children, drafts or set())
    if not children:
        return board
    family = documents.engine("app.services.review").review_family(parent, [p for _, p in children])
    order: dict[str, dict[str, Any]] = {}
    for col, review in enumerate(family.reviews):
        for result in review.results:
            if str(result.status) == "not_applicable":
                continue
            row = order.setdefault(
                result.id, {"id": result.id, "text": result.parent_text, "cells": [None] * len(children)}
            )
            row["cells"][col] = str(result.status)
        summary = review.summary
        board.covered.append((children[col][1].issuer.one_line_name, summary.covered, summary.applicable))
    board.rows = list(order.values())
    board.quotas = family.quotas
    return board


def family_board(parent: Plan, members: list[Member]) -> Board:
    """The board of ``parent`` over its family, one column per implementing agency."""
    children = [(m.record.id, m.plan) for m in members]
    return build_board(parent, children, {m.record.id for m in members if m.draft})


def bars(board: Board) -> list[dict[str, Any]]:
    """Bar geometry for the chart: each child's share of covered mandates."""
    out = []
    for i, (name, covered, applicable) in enumerate(board.covered):
        share = covered / applicable if applicable else 0.0
        out.append(
            {
                "y": 10 + i * 28,
                "name": name,
                "width": round(BAR_WIDTH * share),
                "label": f"{covered}/{applicable}",
            }
        )
    return out


@bp.get("/<int:plan_id>/coverage")
@login_required
def board(plan_id: int) -> str | tuple[str, int]:
    record, parent = store.plan_at(db(), user(), plan_id)
    if not has_lower_level(parent.level):
        message = t("coverage_no_lower_level").format(level=level_name(parent.level))
        return render_template("plans/coverage.html", record=record, parent=parent, no_board=message), 400
    result = family_board(parent, family(db(), user(), plan_id))
    return render_template(
        "plans/coverage.html",
        record=record,
        parent=parent,
        board=result,
        bars=bars(result),
        bar_width=BAR_WIDTH,
    )


def _candidates(record_id: int, level: str) -> list[Any]:
    """The plans the user may name as parents of a plan of ``level``: readable, of a level
    above it, not the plan itself."""
    own = DEFAULT_LEVELS.get(level)
    out = []
    for candidate in store.list_visible(db(), user()):
        theirs = DEFAULT_LEVELS.get(candidate.level)
        if candidate.id != record_id and (own is None or (theirs is not None and theirs.rank < own.rank)):
            out.append(candidate)
    return out


def stale_for(plan_id: int) -> list[StaleParent]:
    """What changed in the parents of plan ``plan_id`` since its last check, for the plan's
    page; nothing when the review engine is not installed (the page still opens)."""
    try:
        staleness = importlib.import_module("app.services.staleness")
    except ImportError:
        return []
    found: list[StaleParent] = staleness.stale_parents(db(), user(), plan_id)
    return found


def _parents_page(plan_id: int, reviews: list[ParentReview] | None = None) -> str:
    record, plan = store.plan_at(db(), user(), plan_id)
    return render_template(
        "plans/parents.html",
        record=record,
        plan=plan,
        parents=parent_links.readable_parents(db(), user(), record),
        cited=parent_links.cited_parents(db(), user(), plan),
        stale=stale_for(plan_id),
        candidates=_candidates(record.id, record.level),
        can_link=parent_links.may_link(db(), user(), record),
        reviews=reviews,
    )


@bp.get("/<int:plan_id>/parents")
@login_required
def parents(plan_id: int) -> str:
    """The plan's parents, what changed in them since its last check, and its review."""
    return _parents_page(plan_id)


@bp.post("/<int:plan_id>/parents")
@login_required
def set_parents(plan_id: int) -> Response:
    """Save the parents chosen on the page (``parent_id``, in order), or with ``cited`` those
    the plan's references cite."""
    if request.form.get("cited"):
        parent_links.link_cited_parents(db(), user(), plan_id)
    else:
        values = [v for v in request.form.getlist("parent_id") if v]
        if not all(v.isdigit() for v in values):
            raise BadRequest(both("bad_parent"))
        parent_links.set_parents(db(), user(), plan_id, [int(v) for v in values])
    flash(t("parents_saved"), "success")
    return redirect(url_for("coverage.parents", plan_id=plan_id))


@bp.post("/<int:plan_id>/parents/review")
@login_required
def review_parents(plan_id: int) -> str:
    """Review the plan against each of its parents (the text in force), one section per
    parent; the check is recorded, which clears "cần rà soát lại"."""
    reviews = documents.engine("app.services.staleness").recheck(db(), user(), plan_id)
    if reviews:
        flash(t("parents_reviewed"), "success")
    return _parents_page(plan_id, reviews)


@bp.app_template_filter("change_kind")
def change_kind(kind: str) -> str:
    """A mandate change in words ("mới bổ sung", "nâng mức yêu cầu" ...)."""
    return t(f"stale_{kind}")
