"""The levels a review works with, and what it assumed to get them.

A review needs the level of both plans: the child's level decides which of the parent's
targets and duties it must carry. The user may set either level; otherwise each plan's own
level counts, which for a document is a guess from its issuing body (see
app/extract/header.py, which reads it from the register of administrative units). A guess can
be wrong, so a review never stops over one: when the child is not below the parent it goes on
with the most useful reading and says so, in plain Vietnamese, in :attr:`Settled.assumptions`:

- both of one level (a Sở's plan carrying out the province's plan): reviewed as that level,
  so every mandate of that level and below is asked of the child;
- the child above the parent (the files swapped, or a guess gone wrong): the child is taken as
  the level right below the parent, as it exists on the plans' date (below the province that
  is the commune from 1/7/2025, the district before);
- a level the table does not know: taken as the level next to the other plan's.

Only levels the user set on both sides and that put the child above the parent are refused
(:class:`InvertedLevelsError`): nothing sensible can be assumed against the user's own word.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from app.domain.errors import KehoachError
from app.domain.levels import DEFAULT_LEVELS, Level, LevelTable
from app.domain.plan import Plan
from app.messages import both, t

PARENT, CHILD = "parent", "child"
# How the user sets each level: the command-line option and the field of the review page.
OPTIONS = {PARENT: "--parent-level", CHILD: "--child-level"}
# The same for the review page and the API: the field's label, then its name.
FIELDS = {side: f"ô «{t(f'field_{side}_level')}», {side}_level" for side in (PARENT, CHILD)}


class InvertedLevelsError(KehoachError):
    """The user set both levels, the child's above the parent's (HTTP 400, exit status 2)."""


class InvalidLevelError(KehoachError):
    """A level the user set is no level id of the table (HTTP 400, exit status 2)."""


@dataclass(frozen=True)
class LevelChoice:
    """What is known of the two levels before a review.

    ``parent`` and ``child`` are the levels the user set (None: use the plan's own level).
    ``guessed`` holds the ids of plans whose own level was read from a document rather than
    stated in a plan file: a guess the review reports as an assumption.
    """

    parent: str | None = None
    child: str | None = None
    guessed: frozenset[str] = field(default_factory=frozenset)

    def check(self, levels: LevelTable = DEFAULT_LEVELS, options: Mapping[str, str] = OPTIONS) -> None:
        """Raise when a level set by the user is unknown, or puts the child above the parent;
        ``options`` names where each level was set (the CLI options by default)."""
        for side, value in ((PARENT, self.parent), (CHILD, self.child)):
            if value is not None:
                check_level(value, side, levels, options)
        if self.parent and self.child and levels.is_below(self.parent, self.child):
            raise InvertedLevelsError(
                both("review_levels_inverted").format(
                    child=level_words(self.child, levels), parent=level_words(self.parent, levels)
                )
            )


@dataclass(frozen=True)
class Settled:
    """The levels the review uses and the sentences saying what was assumed to get them."""

    parent: str
    child: str
    assumptions: tuple[str, ...] = ()


def check_level(
    value: str, side: str, levels: LevelTable = DEFAULT_LEVELS, options: Mapping[str, str] = OPTIONS
) -> str:
    """``value`` when it is a level id of ``levels``; else :class:`InvalidLevelError` naming
    where it was set (``options[side]``) and the choices in Vietnamese ("province (cấp tỉnh)")."""
    if levels.get(value) is None:
        raise InvalidLevelError(
            both("level_invalid").format(value=value, option=options[side], choices=level_choices(levels))
        )
    return value


def level_choices(levels: LevelTable = DEFAULT_LEVELS) -> str:
    """The level ids with their Vietnamese names: "national (cấp trung ương), province (cấp tỉnh), ..."."""
    return ", ".join(f"{level.id} ({level_words(level.id, levels)})" for level in levels.levels)


def level_words(level_id: str | None, levels: LevelTable = DEFAULT_LEVELS) -> str:
    """A level as a sentence names it: "cấp tỉnh", "cấp trung ương"; the id when unknown."""
    level = levels.get(level_id)
    if level is None:
        return str(level_id)
    name = level.name[:1].lower() + level.name[1:]
    return name if name.startswith("cấp ") else f"cấp {name.lower()}"


def settle_levels(
    parent: Plan, child: Plan, choice: LevelChoice = LevelChoice(), levels: LevelTable = DEFAULT_LEVELS
) -> Settled:
    """The levels to review ``child`` against ``parent`` with, and the assumptions made.

    Call :meth:`LevelChoice.check` first: a choice it refuses is honoured here as given.
    """
    day = child.date or parent.date or dt.date.today()
    own = {PARENT: _known(parent.level, levels), CHILD: _known(child.level, levels)}
    chosen = {PARENT: choice.parent, CHILD: choice.child}
    used = {side: chosen[side] or own[side] for side in (PARENT, CHILD)}
    plans = {PARENT: parent, CHILD: child}
    notes: dict[str, str] = {}  # side -> what was said about that side's level

    # A level nobody knows: the one next to the other side's, or the top two of the table.
    if used[PARENT] is None and used[CHILD] is None:
        top = min(levels.levels, key=lambda level: level.rank)
        used[PARENT] = top.id
        used[CHILD] = _id(levels.below(top.id, day)) or top.id
    elif used[PARENT] is None:
        used[PARENT] = _id(levels.above(used[CHILD], day)) or used[CHILD]
    elif used[CHILD] is None:
        used[CHILD] = _id(levels.below(used[PARENT], day)) or used[PARENT]
    for side in (PARENT, CHILD):
        if own[side] is None and chosen[side] is None:
            notes[side] = _sentence(
                t("assume_unknown").format(
                    role=t(f"role_{side}"),
                    issuer=plans[side].issuer.one_line_name,
                    level=level_words(used[side], levels),
                ),
                side,
            )
    parent_level, child_level = str(used[PARENT]), str(used[CHILD])
    relation: list[str] = []
    adjusted = False

    if levels.is_below(parent_level, child_level) and not (chosen[PARENT] and chosen[CHILD]):
        adjusted = True
        if chosen[CHILD] and not chosen[PARENT]:
            found, parent_level = parent_level, _id(levels.above(child_level, day)) or child_level
            notes[PARENT] = _sentence(
                t("assume_parent_above").format(
                    issuer=parent.issuer.one_line_name,
                    found=level_words(found, levels),
                    child_level=level_words(child_level, levels),
                    level=level_words(parent_level, levels),
                ),
                PARENT,
            )
        else:
            found, child_level = child_level, _id(levels.below(parent_level, day)) or parent_level
            text = t("assume_child_below").format(
                issuer=child.issuer.one_line_name,
                found=level_words(found, levels),
                parent_level=level_words(parent_level, levels),
                level=level_words(child_level, levels),
            )
            if not chosen[PARENT]:  # both levels are the plans' own: the usual cause is a swap
                text += f"; {t('assume_swapped')}"
            notes[CHILD] = _sentence(text, CHILD)
    if parent_level == child_level and not adjusted and not (chosen[PARENT] and chosen[CHILD]):
        relation.append(
            _sentence(t("assume_same_level").format(level=level_words(child_level, levels)), CHILD)
        )

    for side, plan in plans.items():
        if side not in notes and chosen[side] is None and plan.id in choice.guessed:
            notes[side] = _sentence(
                t("assume_inferred").format(
                    role=t(f"role_{side}"),
                    level=level_words(used[side], levels),
                    issuer=plan.issuer.one_line_name,
                ),
                side,
            )
    said = [notes[side] for side in (PARENT, CHILD) if side in notes] + relation
    return Settled(parent_level, child_level, tuple(said))


def with_level(plan: Plan, level: str) -> Plan:
    """``plan`` as a plan of ``level`` (a shallow copy; the plan itself is left as read)."""
    if plan.level == level:
        return plan
    return replace(plan, issuer=replace(plan.issuer, level=level))


def _sentence(text: str, side: str) -> str:
    """The assumption with how to set the level instead, as one sentence."""
    hint = t("assume_hint").format(option=OPTIONS[side], field=t(f"field_{side}_level"))
    return f"{text}; {hint}."


def _known(level_id: str, levels: LevelTable) -> str | None:
    return level_id if levels.get(level_id) is not None else None


def _id(level: Level | None) -> str | None:
    return level.id if level else None
