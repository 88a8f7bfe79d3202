"""What a level does not hold: a parent's target about it is not asked of that level.

The words are data (applicability.yaml): a commune has no seaport, no border gate, no hospital
and no GRDP of its own, so "Tỷ lệ cảng biển sử dụng nền tảng số ... đạt 70%" read by a commune
is the province's, however the target is worded. Matching is on match keys, so old and new
tone placement are equal.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from app.vn.normalize import match_key
from app.yaml_data import read_yaml

_DATA = Path(__file__).with_name("applicability.yaml")


@lru_cache(maxsize=1)
def _held_above() -> dict[str, list[tuple[re.Pattern[str], str]]]:
    data = read_yaml(_DATA)["held_above"]
    return {
        level: [(re.compile(rf"(?:^|\s){re.escape(match_key(w))}(?:\s|$)"), w) for w in words]
        for level, words in data.items()
    }


def held_above(text: str, level: str) -> str | None:
    """The phrase (as the data writes it) naming something ``level`` does not hold, if any."""
    key = match_key(text)
    return next((phrase for pattern, phrase in _held_above().get(level, []) if pattern.search(key)), None)
