"""Administrative levels as data, never hard-coded.

Until 30/6/2025 local government had three levels (province, district, commune); since
1/7/2025 it has two (province, commune). A plan names its issuer's level by id, and a parent may
have children at any level below it, so levels are rows of a table with a rank, not an enum.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from app.vn.normalize import match_key


@dataclass(frozen=True)
class Level:
    """One administrative level: a stable id, a rank (0 is the top) and its unit words.

    ``until`` is the last day the level existed, for a level that was abolished (the district
    level ended on 30/6/2025); plans of before that day still name it."""

    id: str
    rank: int
    name: str
    unit_words: tuple[str, ...] = ()
    until: dt.date | None = None

    def exists_on(self, day: dt.date) -> bool:
        return self.until is None or day <= self.until


@dataclass(frozen=True)
class LevelTable:
    """The levels a deployment knows, and what can be inferred from unit words."""

    levels: tuple[Level, ...] = field(default_factory=tuple)

    def get(self, level_id: str | None) -> Level | None:
        for level in self.levels:
            if level.id == level_id:
                return level
        return None

    def ids(self) -> list[str]:
        return [level.id for level in self.levels]

    def is_below(self, child: str | None, parent: str | None) -> bool:
        """True when ``child`` is a lower level than ``parent``."""
        c, p = self.get(child), self.get(parent)
        return c is not None and p is not None and c.rank > p.rank

    def below(self, level_id: str | None, on: dt.date | None = None) -> Level | None:
        """The level right below ``level_id`` that exists on the day ``on`` (every level when
        ``on`` is None): below the province a plan of 2026 has the commune, one of 2024 the
        district. None for the lowest level or an unknown one."""
        return self._next(level_id, on, below=True)

    def above(self, level_id: str | None, on: dt.date | None = None) -> Level | None:
        """The level right above ``level_id`` that exists on ``on``; None for the top one."""
        return self._next(level_id, on, below=False)

    def _next(self, level_id: str | None, on: dt.date | None, below: bool) -> Level | None:
        own = self.get(level_id)
        if own is None:
            return None
        candidates = [
            level
            for level in self.levels
            if (level.rank > own.rank if below else level.rank < own.rank)
            and (on is None or level.exists_on(on))
        ]
        if not candidates:
            return None
        return (
            min(candidates, key=lambda level: level.rank)
            if below
            else max(candidates, key=lambda level: level.rank)
        )

    def infer(self, text: str) -> str | None:
        """The level of the units a text speaks of in the plural.

        "100% các xã, phường, thị trấn" speaks of communes; "các huyện, thị xã, thành phố"
        of districts; "UBND các xã và thị trấn Vĩnh An" of communes. The lowest level whose
        unit words appear after a plural marker (các, mỗi, số, 100%) wins, because a phrase
        like "xã, phường, thị trấn thuộc huyện" names the lower units. "của" also marks the
        unit a thing belongs to: "Cổng thông tin điện tử của tỉnh" is the province's own.
        """
        key = self.masked_key(text)
        found: Level | None = None
        for level, pattern in _compiled(self).plural:
            if (found is None or level.rank > found.rank) and pattern.search(key):
                found = level
        return found.id if found else None

    def infer_any(self, text: str) -> str | None:
        """Like :meth:`infer`, but any mention of a unit word counts (lowest level wins)."""
        key = f" {self.masked_key(text)} "
        found: Level | None = None
        for level, token in _compiled(self).tokens:
            if (found is None or level.rank > found.rank) and token in key:
                found = level
        return found.id if found else None

    def masked_key(self, text: str) -> str:
        """The match key with every multi-word unit name, and every compound that merely
        contains a unit word, joined into one token (see :func:`unit_token`): "thị xã" is a
        district, not a "xã", and "xã hội" (society) is no unit at all."""
        return _masked(self, text)


@dataclass(frozen=True)
class _Compiled:
    """A table's patterns, built once: the parser asks for levels thousands of times."""

    masks: tuple[tuple[re.Pattern[str], str], ...]
    plural: tuple[tuple[Level, re.Pattern[str]], ...]
    tokens: tuple[tuple[Level, str], ...]


@lru_cache(maxsize=8)
def _compiled(table: LevelTable) -> _Compiled:
    phrases = [w for level in table.levels for w in level.unit_words] + list(_NOT_UNITS)
    masks = []
    for phrase in sorted(phrases, key=lambda w: -len(match_key(w).split())):
        pkey = match_key(phrase)
        # "cấp xã" stays two words: "cấp" is itself a marker before the unit word.
        if " " in pkey and not pkey.startswith(_CAP):
            masks.append((re.compile(rf"\b{re.escape(pkey)}\b"), unit_token(phrase)))
    plural = tuple(
        (level, re.compile(rf"(?:^|\b)(?:{_MARKERS})(?:\s+\w+){{0,2}}?\s+{re.escape(unit_token(word))}\b"))
        for level in table.levels
        for word in level.unit_words
    )
    tokens = tuple((level, f" {unit_token(word)} ") for level in table.levels for word in level.unit_words)
    return _Compiled(tuple(masks), plural, tokens)


@lru_cache(maxsize=8192)
def _masked(table: LevelTable, text: str) -> str:
    key = match_key(text)
    for pattern, token in _compiled(table).masks:
        key = pattern.sub(token, key)
    return key


# Words that put a unit word in play: plural and quantity markers (các, mỗi, số, toàn, a
# figure), "cấp" (cấp xã) and "của" (của tỉnh). Built through match_key, because hand-written
# keys drift: "mỗi" is "môix", not "moix".
_MARKER_WORDS = ("các", "mỗi", "số", "toàn", "cấp", "của")
_MARKERS = "|".join([*(re.escape(match_key(w)) for w in _MARKER_WORDS), r"\d+"])
_CAP = match_key("cấp") + " "
# Compounds that contain a unit word without naming a unit.
_NOT_UNITS = ("xã hội",)


def unit_token(phrase: str) -> str:
    """A unit phrase as one token of a masked key ("thị xã" -> "thij_xax")."""
    return match_key(phrase).replace(" ", "_")


DEFAULT_LEVELS = LevelTable(
    (
        Level("national", 0, "Trung ương", ("toàn quốc", "cả nước")),
        Level(
            "province",
            1,
            "Cấp tỉnh",
            ("tỉnh", "thành phố trực thuộc trung ương", "cấp tỉnh"),
        ),
        Level(
            "district",
            2,
            "Cấp huyện",
            ("huyện", "quận", "thị xã", "thành phố thuộc tỉnh", "cấp huyện"),
            until=dt.date(2025, 6, 30),  # Luật Tổ chức chính quyền địa phương 2025: two levels from 1/7/2025
        ),
        Level(
            "commune",
            3,
            "Cấp xã",
            ("xã", "phường", "thị trấn", "đặc khu", "cấp xã"),
        ),
    )
)
