"""Read a target's figure from its wording when the structured value is absent.

Plans read from documents (or typed by hand) sometimes carry a target as text only. The figure
is then read the Vietnamese way: "1.100" is one thousand one hundred, "2,5%" two and a half
per cent, "01" one, "4/12" a fraction, and small numbers in words ("bảy mươi phần trăm").
"Toàn bộ" or "tất cả" with no figure is 100%. Years ("năm 2025") are never figures. A percentage wins over other numbers, because "100% xã
tổ chức ít nhất 01 hoạt động" binds on the 100%.
"""

from __future__ import annotations

import dataclasses
import re

from app.domain.targets import Comparator, Target
from app.vn.normalize import clean, match_key
from app.vn.numbers import NUMBER_PATTERN, parse_number, parse_number_words

_FRACTION = re.compile(rf"(?<![\d/])({NUMBER_PATTERN})\s*/\s*({NUMBER_PATTERN})(?![\d/])")
_PERCENT = re.compile(rf"(?<![\d.,])({NUMBER_PATTERN})\s*%")
_NUMBER = re.compile(rf"(?<![\d.,/])({NUMBER_PATTERN})(?![\d/])")
_YEAR_CONTEXT = re.compile(r"(năm|đến|từ|giai đoạn|[-–/])\s*$", re.IGNORECASE)
_PERCENT_WORDS = match_key("phần trăm")
_ALL_WORDS = (match_key("toàn bộ"), match_key("tất cả"))


def with_figure(target: Target, unit_hint: str | None = None) -> Target:
    """``target`` itself when it has a value (or is a prohibition), else a copy with the figure
    (and unit) read from its text, when the text has one. ``unit_hint`` (the other side's unit)
    is taken as the unit when the text names it."""
    if target.value is not None or target.comparator is Comparator.NONE_ALLOWED:
        return target
    found = read_figure(target.text, unit_hint)
    if found is None:
        return target
    value, denominator, unit = found
    if unit is None and unit_hint and f" {match_key(unit_hint)} " in f" {match_key(target.text)} ":
        unit = unit_hint
    return dataclasses.replace(target, value=value, denominator=denominator, unit=target.unit or unit)


def read_figure(text: str, unit_hint: str | None = None) -> tuple[float, float | None, str | None] | None:
    """(value, denominator, unit) read from ``text``; unit is "%" for a percentage. Numbers
    in words count before "phần trăm" or before ``unit_hint`` ("hai trăm lượt người")."""
    text = clean(text)
    m = _FRACTION.search(text)
    if m:
        return parse_number(m.group(1)), parse_number(m.group(2)), None
    m = _PERCENT.search(text)
    if m:
        return parse_number(m.group(1)), None, "%"
    words = _words_before(text, _PERCENT_WORDS)
    if words is not None:
        return float(words), None, "%"
    if unit_hint:
        words = _words_before(text, match_key(unit_hint))
        if words is not None:
            return float(words), None, unit_hint
    for m in _NUMBER.finditer(text):
        if _is_year(text, m):
            continue
        return parse_number(m.group(1)), None, None
    key = f" {match_key(text)} "
    if any(f" {word} " in key for word in _ALL_WORDS):
        return 100.0, None, "%"  # "toàn bộ người lầm lỗi ..." is every one of them
    return None


def _is_year(text: str, m: re.Match[str]) -> bool:
    raw = m.group(1)
    return len(raw) == 4 and raw.startswith(("19", "20")) and bool(_YEAR_CONTEXT.search(text[: m.start()]))


def _words_before(text: str, unit_key: str) -> int | None:
    """A number in words right before ``unit_key`` ("bảy mươi phần trăm" → 70)."""
    key = match_key(text)
    at = key.find(unit_key)
    if at <= 0 or not unit_key:
        return None
    words = key[:at].split()
    best: int | None = None
    for start in range(len(words) - 1, -1, -1):
        value = parse_number_words(" ".join(words[start:]))
        if value is None:
            break
        best = value
    return best
