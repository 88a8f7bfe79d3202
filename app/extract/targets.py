"""What a figure in a clause binds: its comparator, deadline, frequency and population.

The figures themselves are found by :mod:`app.extract.figures`. The comparator is read from the words before the figure: the word right in front wins
("dưới 11%", "giảm từ 2%"), else the last softer marker of the clause ("phấn đấu", "ít nhất",
"đảm bảo"); a bare share reads as a minimum, a bare count as the figure itself.
"""

from __future__ import annotations

import itertools
import re

from app.domain.targets import Comparator, Frequency, SubValue
from app.extract.figures import Head

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
# "so với năm 2020", "so với cuối năm 2025", "so với thời điểm 31/12/2025": the year a change
# is measured from, never the deadline.
_BASELINE = re.compile(r"\bso\s+với\s+[^,;:]{0,40}?(?<!\d)(?:19|20)\d\d\b", re.IGNORECASE)
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
    # a bare count is exact; a bare range ("từ 10 đến 12 lớp") binds its lower figure
    return Comparator.EQUAL if head.kind == "count" and head.value_max is None else Comparator.AT_LEAST


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


_SUBGROUP = re.compile(r"\briêng\b", re.IGNORECASE)


def sub_values(text: str, heads: list[Head], comparator: Comparator) -> list[SubValue]:
    """ "dưới 12%, riêng các xã biên giới dưới 15%": the value each named sub-population gets."""
    subs: list[SubValue] = []
    for prev, head in itertools.pairwise(heads):
        between = text[prev.end : head.start]
        m = _SUBGROUP.search(between)
        if m and head.kind == prev.kind:
            words = between[m.end() :].strip(" ,")
            population = re.sub(r"\s*(?:dưới|trên|ít nhất|không quá|tối đa|là|đạt)\s*$", "", words).strip(
                " ,"
            )
            sub_cmp = comparator_for(between, head)
            subs.append(
                SubValue(
                    population or words,
                    sub_cmp if sub_cmp is not Comparator.AT_LEAST else comparator,
                    head.value,
                    head.value_max,
                )
            )
    return subs
