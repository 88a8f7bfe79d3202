"""One clause of Vietnamese plan text → the figures it sets, and what they bind.

A *value head* is a figure that can carry a target: a percentage or a range of percentages
("từ 2% đến 5%"), a fraction of units ("4/12 xã"), or a count followed by its unit
("1.100 lượt người", "06 Điểm tư vấn"). Dates, years, document numbers and names that happen
to hold digits ("Đội kiểm tra liên ngành 178", "Kế hoạch số 257/KH-UBND") are not heads: a
count needs a unit word after it and, unless the unit counts people, a target verb or
comparator just before it (or to open its clause, as in a list "25 Đội ...; 06 Điểm ...").

The comparator is read from the words before the figure: the word right in front wins
("dưới 11%", "giảm từ 2%"), else the last softer marker of the clause ("phấn đấu", "ít nhất",
"đảm bảo"); a bare share reads as a minimum, a bare count as the figure itself.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from app.domain.targets import Comparator, Frequency
from app.vn.numbers import NUMBER_PATTERN, parse_number

N = rf"(?:{NUMBER_PATTERN})"
_RANGE = re.compile(rf"(?:từ\s+)?(?<![\w.,])({N})\s*(%?)\s*(?:đến|tới|-)\s*({N})\s*%", re.IGNORECASE)
_PERCENT = re.compile(rf"(?<![\w.,])({N})\s*%")
_FRACTION = re.compile(rf"(?<![\w/.,])({N})\s*/\s*({N})(?![\w/])")
_COUNT = re.compile(rf"(?<![\w/.,%])({N})\s+[“\"]?(?=\w)")


WORDS_FILE = Path(__file__).with_name("target_words.yaml")


@dataclass(frozen=True)
class Words:
    """The word lists of ``target_words.yaml``: units (longest first), people units, triggers."""

    units: tuple[str, ...]
    people_units: tuple[str, ...]
    count_triggers: tuple[str, ...]


@functools.lru_cache(maxsize=1)
def words() -> Words:
    """The parser's word lists, read once from ``target_words.yaml`` beside this module."""
    data = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))
    return Words(
        units=tuple(sorted((str(u).lower() for u in data["units"]), key=len, reverse=True)),
        people_units=tuple(str(u).lower() for u in data["people_units"]),
        count_triggers=tuple(str(w).lower() for w in data["count_triggers"]),
    )


# Comparator words right before the figure (after an optional "là", "ở mức").
_IMMEDIATE = (
    ("không vượt quá", Comparator.AT_MOST),
    ("không quá", Comparator.AT_MOST),
    ("không cao hơn", Comparator.AT_MOST),
    ("không dưới", Comparator.AT_LEAST),
    ("không thấp hơn", Comparator.AT_LEAST),
    ("không ít hơn", Comparator.AT_LEAST),
    ("tối đa", Comparator.AT_MOST),
    ("xuống dưới", Comparator.LESS_THAN),
    ("xuống", Comparator.AT_MOST),  # "giảm xuống (còn) 5%": brought down to at most 5%
    ("dưới", Comparator.LESS_THAN),
    ("trên", Comparator.MORE_THAN),
    ("hơn", Comparator.MORE_THAN),
    ("giảm từ", Comparator.REDUCE_BY),
    ("giảm", Comparator.REDUCE_BY),
    ("tăng từ", Comparator.INCREASE_BY),
    ("tăng", Comparator.INCREASE_BY),
    ("ít nhất", Comparator.AT_LEAST),
    ("tối thiểu", Comparator.AT_LEAST),
    ("đạt", Comparator.AT_LEAST),
)
# Markers anywhere earlier in the clause; the last one found wins.
_SOFT = (
    ("ít nhất", Comparator.AT_LEAST),
    ("tối thiểu", Comparator.AT_LEAST),
    ("phấn đấu", Comparator.AT_LEAST),
    ("đảm bảo", Comparator.AT_LEAST),
    ("bảo đảm", Comparator.AT_LEAST),
    ("đạt", Comparator.AT_LEAST),
    ("duy trì", Comparator.AT_LEAST),
    ("không vượt quá", Comparator.AT_MOST),
    ("khống chế", Comparator.AT_MOST),
)
_FILLER = re.compile(r"(?:\s+(?:là|ở mức|khoảng|lên|còn))+\s*$", re.IGNORECASE)

_FREQUENCIES = (
    (re.compile(r"\b(?:hằng|hàng|mỗi)\s+năm\b", re.IGNORECASE), Frequency.YEARLY),
    (re.compile(r"\b(?:hằng|hàng|mỗi)\s+quý\b", re.IGNORECASE), Frequency.QUARTERLY),
    (re.compile(r"\b(?:hằng|hàng|mỗi)\s+tháng\b", re.IGNORECASE), Frequency.MONTHLY),
)
_DEADLINE = re.compile(
    r"\b(?:đến|tới|trước|hết|trong)\s+(?:hết\s+|cuối\s+)?năm\s+((?:19|20)\d\d)\b", re.IGNORECASE
)
_DATE_DEADLINE = re.compile(
    r"\b(?:đến|tới|trước|hết|chậm nhất)\s+(?:ngày\s+)?\d{1,2}\s*/\s*\d{1,2}\s*/\s*((?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_BASELINE = re.compile(r"\bso\s+với\s+(?:cùng\s+kỳ\s+)?(?:năm\s+)?(?:19|20)\d\d\b", re.IGNORECASE)
_PERIOD = re.compile(r"\bgiai\s+đoạn\s+((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)\b", re.IGNORECASE)
_YEAR = re.compile(r"\bnăm\s+((?:19|20)\d\d)\b", re.IGNORECASE)

# Where the population ends and what is said of it begins: "90% số xã | tổ chức được ...".
_PREDICATE = re.compile(
    r"(?<!,)\s(?:đều\s+được|được|đều|tổ chức|xây dựng|triển khai|hiểu biết|tham gia|thực hiện|"
    r"có\s+(?:ít nhất|tối thiểu))\b|[;(]|\.(?:\s|$)",
    re.IGNORECASE,
)
_UNIT = r"(?:các\s+)?(?:xã|phường|thị trấn|thị xã|huyện|quận|thành phố|tỉnh|ấp|thôn|bản|tổ dân phố|khu phố|đặc khu)"
_UNIT_LIST = re.compile(rf"^{_UNIT}(?:\s*(?:,|và)\s*{_UNIT})*\b(?!\s*,)", re.IGNORECASE)
_POPULATION_LEAD = re.compile(r"^(?:trên\s+|trong\s+)?(?:tổng\s+)?(?:số\s+)?(?:các\s+)?", re.IGNORECASE)


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
    for m in _COUNT.finditer(clause):
        if not free(m.start(), m.end()):
            continue
        unit = read_unit(clause[m.end() :])
        if unit is None or not _count_is_target(clause, m.start(), unit):
            continue
        end = m.end() + len(unit)
        heads.append(Head(m.start(), end, "count", _num(m.group(1)), unit=unit))
        taken.append((m.start(), end))
    if not heads:
        heads.extend(_whole_heads(clause))
    return sorted(heads, key=lambda h: h.start)


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
    if unit.lower() in words().people_units:
        return True
    if not before.strip(' \t:;,.-–+“"(') or before.rstrip().endswith(":"):
        return True
    tail = " ".join(before.lower().split()[-3:])
    return any(re.search(rf"(?:^|\s){re.escape(w)}$", tail) for w in words().count_triggers)


def comparator_for(prefix: str, head: Head) -> Comparator:
    """The comparator binding ``head``, from the clause text before it."""
    near = _FILLER.sub("", prefix.rstrip(" ,:")).lower()
    for word, comparator in _IMMEDIATE:
        if re.search(rf"(?:^|\s){re.escape(word)}$", near):
            # "giảm ít nhất 5%", "tăng tối thiểu 10%": a change with a floor
            before = near[: -len(word)].rstrip()
            if comparator is Comparator.AT_LEAST and before.endswith("giảm"):
                return Comparator.REDUCE_BY
            if comparator is Comparator.AT_LEAST and before.endswith("tăng"):
                return Comparator.INCREASE_BY
            return comparator
    low = prefix.lower()
    best: tuple[int, Comparator] | None = None
    for word, comparator in _SOFT:
        pos = low.rfind(word)
        if pos >= 0 and (best is None or pos > best[0]):
            best = (pos, comparator)
    if best is not None:
        return best[1]
    return Comparator.EQUAL if head.kind == "count" else Comparator.AT_LEAST


def frequency_of(text: str) -> tuple[Frequency | None, str | None]:
    """The recurrence named in ``text`` ("hằng năm") and the phrase as printed."""
    for pattern, frequency in _FREQUENCIES:
        m = pattern.search(text)
        if m:
            return frequency, m.group(0)
    return None, None


def deadline_of(text: str) -> tuple[int | None, str | None]:
    """The year a clause sets ("đến năm 2025", "trước 30/6/2026", "giai đoạn 2021 - 2025",
    "năm 2023"); a baseline ("so với năm 2020") is not a deadline."""
    text = _BASELINE.sub(" ", text)
    for pattern, group in ((_DEADLINE, 1), (_DATE_DEADLINE, 1), (_PERIOD, 2), (_YEAR, 1)):
        m = pattern.search(text)
        if m:
            return int(m.group(group)), m.group(0)
    return None, None


def population_after(text: str) -> tuple[str | None, str]:
    """Split the words after a share into (population, what is said of it)."""
    rest = _POPULATION_LEAD.sub("", re.split(r",?\s*\briêng\b", text, maxsplit=1)[0].strip(" ,:"))
    units = _UNIT_LIST.match(rest)
    m = _PREDICATE.search(rest)
    if units and (m is None or m.start() > units.end()):
        # "100% xã, phường hoàn thành ...": the units counted are the population
        return units.group(0).strip(" ,"), rest[units.end() :].strip(" ,;.:")
    population = (rest[: m.start()] if m else rest).strip(" ,;.:")
    predicate = rest[m.start() :].strip(" ,;.:") if m else ""
    return (population or None), predicate


_TRAILING_COMPARATOR = re.compile(
    r"(?:\s+(?:xuống|lên|còn|ở mức|là|đạt|từ|dưới|trên|hơn|không quá|không vượt quá|tối đa|tối thiểu|ít nhất))+\s*$",
    re.IGNORECASE,
)


def strip_comparator(text: str) -> str:
    """The words before a figure without the comparator ending them ("giảm xuống dưới")."""
    return _TRAILING_COMPARATOR.sub("", " " + text).strip(" ,:")
