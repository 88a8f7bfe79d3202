"""Figures in a clause of Vietnamese plan text that can carry a target ("value heads").

A head is a percentage or a range of percentages ("từ 2% đến 5%", "bảy mươi lăm phần trăm"),
a fraction of units ("4/12 xã"), or a count followed by its unit ("1.100 lượt người",
"06 Điểm tư vấn", "hai trăm lượt người"). Dates, years, document numbers and names that happen
to hold digits ("Đội kiểm tra liên ngành 178", "Kế hoạch số 257/KH-UBND") are not heads: a
count needs a unit word after it and, unless the unit counts people, a target verb or
comparator just before it (or to open its clause, as in a list "25 Đội ...; 06 Điểm ..."). The
unit and verb lists are data: ``target_words.yaml`` beside this module.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from app.vn.numbers import NUMBER_PATTERN, parse_number, parse_number_words
from app.yaml_data import read_yaml

N = rf"(?:{NUMBER_PATTERN})"
_RANGE = re.compile(rf"(?:từ\s+)?(?<![\w.,])({N})\s*(%?)\s*(?:đến|tới|-)\s*({N})\s*%", re.IGNORECASE)
_PERCENT = re.compile(rf"(?<![\w.,])({N})\s*%")
_FRACTION = re.compile(rf"(?<![\w/.,])({N})\s*/\s*({N})(?![\w/])")
_COUNT = re.compile(rf"(?<![\w/.,%])({N})\s+[“\"]?(?=\w)")
_COUNT_RANGE = re.compile(rf"(?:từ\s+)?(?<![\w/.,%])({N})\s*(?:đến|tới|-)\s*({N})\s+(?=\w)", re.IGNORECASE)


WORDS_FILE = Path(__file__).with_name("target_words.yaml")


@dataclass(frozen=True)
class Words:
    """The word lists of ``target_words.yaml``: units (longest first), people units, triggers."""

    units: tuple[str, ...]
    people_units: tuple[str, ...]
    count_triggers: tuple[str, ...]
    measure_units: tuple[str, ...] = ()
    measure_names: tuple[str, ...] = ()  # longest first


@functools.lru_cache(maxsize=1)
def words() -> Words:
    """The parser's word lists, read once from ``target_words.yaml`` beside this module."""
    data = read_yaml(WORDS_FILE)
    return Words(
        units=tuple(sorted((str(u).lower() for u in data["units"]), key=len, reverse=True)),
        people_units=tuple(str(u).lower() for u in data["people_units"]),
        count_triggers=tuple(str(w).lower() for w in data["count_triggers"]),
        measure_units=tuple(str(u).lower() for u in data.get("measure_units", ())),
        measure_names=tuple(
            sorted((str(u).lower() for u in data.get("measure_names", ())), key=len, reverse=True)
        ),
    )


@dataclass(frozen=True)
class Head:
    """A figure in a clause that can carry a target; ``start``/``end`` index the clause."""

    start: int
    end: int
    kind: str  # percent | fraction | count
    value: float
    value_max: float | None = None
    denominator: float | None = None
    unit: str | None = None


def find_heads(clause: str) -> list[Head]:
    """Every value head of ``clause``, in order (see the module docstring)."""
    heads: list[Head] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in _RANGE.finditer(clause):
        if m.group(2) or m.group(0).lower().startswith("từ"):
            heads.append(Head(m.start(), m.end(), "percent", _num(m.group(1)), _num(m.group(3)), unit="%"))
            taken.append((m.start(), m.end()))
    for m in _PERCENT.finditer(clause):
        if free(m.start(), m.end()):
            heads.append(Head(m.start(), m.end(), "percent", _num(m.group(1)), unit="%"))
            taken.append((m.start(), m.end()))
    for m in _FRACTION.finditer(clause):
        num, den = _num(m.group(1)), _num(m.group(2))
        if free(m.start(), m.end()) and den > 0 and num <= den and not _after_date_word(clause, m.start()):
            unit = read_unit(clause[m.end() :].lstrip())
            heads.append(Head(m.start(), m.end(), "fraction", num, denominator=den, unit=unit))
            taken.append((m.start(), m.end()))
    for head in _count_ranges(clause):
        if free(head.start, head.end):
            heads.append(head)
            taken.append((head.start, head.end))
    for m in _COUNT.finditer(clause):
        if not free(m.start(), m.end()):
            continue
        unit = read_unit(clause[m.end() :])
        if unit is None or not _count_is_target(clause, m.start(), unit):
            continue
        end = m.end() + len(unit)
        heads.append(Head(m.start(), end, "count", _num(m.group(1)), unit=unit))
        taken.append((m.start(), end))
    heads.extend(_word_heads(clause, taken))
    if not heads:
        heads.extend(_whole_heads(clause))
    return sorted(heads, key=lambda h: h.start)


def _count_ranges(clause: str) -> list[Head]:
    """ "từ 10 đến 12 lớp tập huấn", "10 - 12 lớp": a count range, read like a single count
    (a unit after it, a target verb before it); the lower figure must be below the upper one,
    so "ngày 15 - 20 tháng" style dates and reversed pairs are not ranges."""
    heads: list[Head] = []
    for m in _COUNT_RANGE.finditer(clause):
        low, high = _num(m.group(1)), _num(m.group(2))
        unit = read_unit(clause[m.end() :])
        if low >= high or unit is None or not _count_is_target(clause, m.start(), unit):
            continue
        heads.append(Head(m.start(), m.end() + len(unit), "count", low, high, unit=unit))
    return heads


_NUMBER_WORD = (
    r"(?:một|mốt|hai|ba|bốn|tư|năm|lăm|nhăm|sáu|bảy|bẩy|tám|chín|mười|mươi|linh|lẻ|trăm|nghìn|ngàn|triệu)"
)
_WORD_NUMBER = re.compile(rf"(?<!\w){_NUMBER_WORD}(?:\s+{_NUMBER_WORD})*(?!\w)", re.IGNORECASE)
_PERCENT_WORDS = re.compile(r"\s+phần\s+trăm\b", re.IGNORECASE)


def _word_heads(clause: str, taken: list[tuple[int, int]]) -> list[Head]:
    """Figures written in words: "bảy mươi lăm phần trăm", "cho hai trăm lượt người"."""
    heads: list[Head] = []
    for m in _WORD_NUMBER.finditer(clause):
        value = parse_number_words(m.group(0))
        if not value or any(not (m.end() <= s or m.start() >= e) for s, e in taken):
            continue
        if m.group(0).lower() == "năm" and re.match(r"\s*\d", clause[m.end() :]):
            continue  # "năm 2025" is a year
        percent = _PERCENT_WORDS.match(clause, m.end())
        if percent:
            heads.append(Head(m.start(), percent.end(), "percent", float(value), unit="%"))
            continue
        unit = read_unit(clause[m.end() :].lstrip())
        floor = re.search(r"(?:ít nhất|tối thiểu)\s*$", clause[: m.start()], re.IGNORECASE)
        # "một" is mostly an article ("một số", "một hình thức"); it counts after "ít nhất"
        if unit and (value > 1 or floor) and _count_is_target(clause, m.start(), unit):
            end = m.end() + len(clause[m.end() :]) - len(clause[m.end() :].lstrip()) + len(unit)
            heads.append(Head(m.start(), end, "count", float(value), unit=unit))
    return heads


_WHOLE = re.compile(r"\b(?:toàn bộ|tất cả)\b", re.IGNORECASE)


def _whole_heads(clause: str) -> list[Head]:
    """ "Toàn bộ người bị mua bán ... được hỗ trợ", "hoàn tất ... toàn bộ người nghiện": a
    share of 100% written in words, when the clause says what happens to them."""
    m = _WHOLE.search(clause)
    if m is None or len(clause.split()) < 6:
        return []
    if not (re.search(r"\bđược\b", clause[m.end() :]) or clause[: m.start()].strip(" ,-")):
        return []
    return [Head(m.start(), m.end(), "percent", 100.0, unit="%")]


def _num(text: str) -> float:
    return parse_number(text)


def _after_date_word(clause: str, start: int) -> bool:
    return bool(re.search(r"(?:ngày|số|tháng)\s*$", clause[:start], re.IGNORECASE))


def read_unit(text: str) -> str | None:
    """The unit word(s) opening ``text`` as printed ("Điểm tư vấn", "Nhóm, Câu lạc bộ")."""
    first = _unit_at(text)
    if first is None:
        return None
    rest = text[len(first) :]
    m = re.match(r"\s*,\s*", rest)
    if m:
        second = _unit_at(rest[m.end() :])
        if second is not None and not re.match(r"\s*\d", rest[m.end() :]):
            return first + rest[: m.end()] + second
    return first


def _unit_at(text: str) -> str | None:
    low = text.lower()
    for unit in words().units:
        if low.startswith(unit) and (len(low) == len(unit) or not low[len(unit)].isalnum()):
            return text[: len(unit)]
    return None


def _count_is_target(clause: str, start: int, unit: str) -> bool:
    before = clause[:start]
    if re.search(r"(?:số|ngày|tháng|năm|dự án|đề án|kế hoạch|khoản|điều|mục)\s*$", before, re.IGNORECASE):
        return False
    if unit.lower() in words().people_units or unit.lower() in words().measure_units:
        return True
    if not before.strip(' \t:;,.-–+“"(') or before.rstrip().endswith(":"):
        return True
    # "duy trì hoạt động của 25 Đội": the verb governs the figure across "của"
    near = re.sub(r"\s+(?:hoạt động\s+)?của\s*$", "", before.lower())
    tail = " ".join(near.split()[-3:])
    return any(re.search(rf"(?:^|\s){re.escape(w)}$", tail) for w in words().count_triggers)
