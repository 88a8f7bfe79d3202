"""The coverage board of a parent plan: its mandates × its stored children, each cell
covered / weaker / missing, the quota sums and a bar chart (inline SVG, no JS).

One column per implementing agency (app.services.family): its issued plan, else its latest
draft, marked "dự thảo"; so each commune's quota share is summed once."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, render_template

from app.domain.errors import KehoachError
from app.domain.levels import DEFAULT_LEVELS, LevelTable
from app.domain.plan import Plan
from app.messages import both, t
from app.services import plans_store as store
from app.services.family import Member, family
from app.web import documents
from app.web.database import db
from app.web.security import login_required, user

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
