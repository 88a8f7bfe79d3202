"""Administrative levels as data, never hard-coded.

Until 30/6/2025 local government had three levels (province, district, commune); since
1/7/2025 it has two (province, commune). A plan names its issuer's level by id, and a parent may
have children at any level below it, so levels are rows of a table with a rank, not an enum.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.vn.normalize import match_key


@dataclass(frozen=True)
class Level:
    """One administrative level: a stable id, a rank (0 is the top) and its unit words."""

    id: str
    rank: int
    name: str
    unit_words: tuple[str, ...] = ()


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

    def infer(self, text: str) -> str | None:
        """The level of the units a text speaks of in the plural.

        "100% các xã, phường, thị trấn" speaks of communes; "các huyện, thị xã, thành phố"
        of districts; "UBND các xã và thị trấn Vĩnh An" of communes. The lowest level whose
        unit words appear after a plural marker (các, mỗi, số, 100%) wins, because a phrase
        like "xã, phường, thị trấn thuộc huyện" names the lower units.
        """
        key = match_key(text)
        found: Level | None = None
        for level in self.levels:
            for word in level.unit_words:
                wkey = match_key(word)
                pattern = rf"(?:^|\b)(?:cacs|moix|soos|toanf|caasp|\d+)(?:\s+\w+){{0,2}}?\s+{re.escape(wkey)}\b"
                if re.search(pattern, key) and (found is None or level.rank > found.rank):
                    found = level
        return found.id if found else None

    def infer_any(self, text: str) -> str | None:
        """Like :meth:`infer`, but any mention of a unit word counts (lowest level wins)."""
        key = f" {match_key(text)} "
        found: Level | None = None
        for level in self.levels:
            for word in level.unit_words:
                if f" {match_key(word)} " in key and (found is None or level.rank > found.rank):
                    found = level
        return found.id if found else None


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
        ),
        Level(
            "commune",
            3,
            "Cấp xã",
            ("xã", "phường", "thị trấn", "đặc khu", "cấp xã"),
        ),
    )
)
