"""Phrases of match keys, looked up longest first: shared by the population and quota readers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeVar

Phrase = tuple[str, ...]
V = TypeVar("V")


def longest_at(
    keys: Sequence[str], i: int, phrases: Mapping[Phrase, V], longest: int
) -> tuple[int, V] | None:
    """The longest phrase of ``phrases`` (none longer than ``longest`` keys) that starts at
    ``keys[i]``: its length and its value; None when none does."""
    for n in range(min(longest, len(keys) - i), 0, -1):
        value = phrases.get(tuple(keys[i : i + n]))
        if value is not None:
            return n, value
    return None
