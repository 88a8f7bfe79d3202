"""The bodies of a unit a derived plan assigns its duties to (``unit_bodies.yaml``).

The parent gives "Ủy ban nhân dân các xã, phường" a list of duties; a commune plan gives each
duty to one of the commune's own bodies (Công an xã, Phòng Văn hóa - Xã hội, Trạm Y tế ...),
so TỔ CHỨC THỰC HIỆN names who does what. The body of a duty is the one whose words the duty
uses most; the plan's lead body (who drafts it, tracks it and reports) is the one the plan's
subject and duties point to most.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.domain.levels import DEFAULT_LEVELS
from app.vn.normalize import clean, match_key
from app.yaml_data import read_yaml

_DATA = Path(__file__).with_name("unit_bodies.yaml")


@dataclass(frozen=True)
class Body:
    """One body of the unit, named for that unit ("Công an xã", "Trạm Y tế phường")."""

    name: str
    abbreviation: str
    keywords: tuple[str, ...]  # match keys
    always: str | None = None  # a duty it gets in every plan (the Mặt trận's)
    last: bool = False  # printed after the others

    def score(self, text: str, common: str = "") -> float:
        """How much ``text`` speaks of this body's work. What a duty does comes before what
        it is about ("tổ chức các hoạt động truyền thông | phòng, chống ma túy"): words after
        the first topic word count half. A word the plan's subject uses too (``common``: "ma
        túy" in a plan on drugs) says little about one duty, so it counts a quarter."""
        action, topic = _split_topic(f" {match_key(text)} ")
        total = 0.0
        for word in self.keywords:
            weight = 0.25 if f" {word} " in common else 1.0
            total += weight * (action.count(f" {word} ") + 0.5 * topic.count(f" {word} "))
        return total


def _split_topic(key: str) -> tuple[str, str]:
    """The key cut before its first topic word ("về", "phòng chống")."""
    cut = min((i for marker in _topic_markers() if (i := key.find(marker)) >= 0), default=len(key))
    return key[: cut + 1], key[cut:]


@functools.lru_cache(maxsize=1)
def _topic_markers() -> tuple[str, ...]:
    return tuple(f" {match_key(m)} " for m in _data().get("topic_markers", []))


@dataclass(frozen=True)
class BodySet:
    """The bodies of one kind of unit and the two standard duties of the lead body."""

    bodies: tuple[Body, ...]
    lead_duty: str
    report_prefix: str

    def body_for(self, text: str, lead: Body, subject: str = "") -> Body:
        """The body a duty goes to: the one its words name most, else the lead body; words
        of the plan's ``subject`` weigh less (every duty of the plan shares them)."""
        common = f" {match_key(subject)} "
        best = max(self.bodies, key=lambda body: body.score(text, common))
        return best if best.score(text, common) > 0 else lead

    def lead_for(self, texts: list[str]) -> Body:
        """The body the plan's subject and duties point to most (the first on a tie)."""
        joined = " ; ".join(texts)
        candidates = [b for b in self.bodies if not b.last]
        return max(candidates, key=lambda body: body.score(joined))


@functools.lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    data: dict[str, Any] = read_yaml(_DATA)
    return data


def _section(level: str, on: dt.date | None) -> dict[str, Any] | None:
    data = _data()
    # A commune of the three-level government (while the district level existed) had no Phòng.
    district = DEFAULT_LEVELS.get("district")
    if level == "commune" and on is not None and district is not None and district.exists_on(on):
        return data.get("commune_before_2025")
    section: dict[str, Any] | None = data.get(level)
    return section


@functools.lru_cache(maxsize=64)
def bodies_for(level: str, word: str, on: dt.date | None = None) -> BodySet | None:
    """The bodies of a unit of ``level`` whose unit word is ``word`` ("xã", "phường"), as
    they were on the day ``on`` (a commune before 1/7/2025 had no Phòng); None for a level
    without bodies (national)."""
    section = _section(level, on)
    if section is None:
        return None
    bodies = []
    for raw in section["bodies"]:
        name = raw.get("name_by_word", {}).get(word, raw["name"])
        bodies.append(
            Body(
                name=clean(name.format(word=word)),
                abbreviation=raw["abbreviation"].format(initial=word[:1].upper()),
                keywords=tuple(match_key(k) for k in raw.get("keywords", [])),
                always=clean(raw["always"].format(word=word)) if raw.get("always") else None,
                last=bool(raw.get("last")),
            )
        )
    return BodySet(
        bodies=tuple(bodies),
        lead_duty=clean(section["lead_duty"].format(word=word)),
        report_prefix=clean(section["report_prefix"].format(word=word)),
    )
