"""Is the child's population a narrower part of the parent's?

"học sinh THPT" is a qualified part of "học sinh"; "học sinh THPT" alone leaves out "cơ sở
giáo dục nghề nghiệp" from "học sinh THPT, cơ sở GDNN". But for a commune, "xã" or "ấp trên
địa bàn xã" is the same population as the province's "xã, phường, thị trấn": the child *is*
one of those units. Place phrases ("trên địa bàn xã", "của xã") and parentheses clarify and
never narrow; a lone "và" joins conditions ("có nhu cầu và đủ điều kiện"), and dropping a
condition widens.
"""

from __future__ import annotations

import re
from functools import lru_cache

from app.domain.levels import LevelTable
from app.review.vocabulary import Vocabulary
from app.vn.normalize import match_key

_UNIT = "<unit>"
_WHERE = "|".join(
    re.escape(match_key(w)) for w in ("trên địa bàn", "địa bàn", "tại", "của", "thuộc", "ở", "trong", "toàn")
)
_PARENTHESIS = re.compile(r"\([^)]*\)")
_LIST_MARKS = re.compile(r"[,;]")
_ALTERNATIVES = re.compile(r",|;|\bvà\b|\bhoặc\b")


def population_narrower(
    parent: str | None, child: str | None, child_level: str, levels: LevelTable, vocab: Vocabulary
) -> bool:
    """True when the child counts over a qualified part of the parent's population.

    When the parent's population is made of units of the child's own level or below ("xã,
    phường, thị trấn" read by a commune or district), the child is the unit (or holds the
    units): saying "xã" or "ấp trên địa bàn xã" is the same population, never narrower. Else
    the child is narrower when it keeps every word of the parent's population and adds a
    qualifier that is not a place word ("học sinh" → "học sinh THPT").
    """
    if not parent or not child:
        return False
    unit_level = levels.infer_any(parent)
    own_units = unit_level and (unit_level == child_level or levels.is_below(unit_level, child_level))
    if own_units and not _words(parent, levels, vocab) - {_UNIT}:
        return False
    # A parenthesis clarifies ("hiện có (trong danh sách quản lý)"); it does not qualify.
    child = _PARENTHESIS.sub(" ", child)
    p_words, c_words = _words(parent, levels, vocab), _words(child, levels, vocab)
    if p_words and p_words < c_words:
        return True
    return _drops_an_alternative(parent, c_words, levels, vocab)


def _words(text: str, levels: LevelTable, vocab: Vocabulary) -> set[str]:
    """The meaningful words of a population; unit names ("xã, phường") count as one word."""
    key = f" {vocab.canonical(text)} "
    found_unit = False
    for level in levels.levels:
        for word in sorted(level.unit_words, key=len, reverse=True):
            wkey = _folded(word)
            # "trên địa bàn xã", "của xã" say where, not who: drop them without a trace.
            key = re.sub(rf" (?:{_WHERE}) {re.escape(wkey)}(?= )", " ", key)
            if f" {wkey} " in key:
                key, found_unit = key.replace(f" {wkey} ", " "), True
    key = " ".join(w for w in key.split() if w not in vocab.stopwords)
    words = set(key.split()) - vocab.place_words
    return words | {_UNIT} if found_unit else words


@lru_cache(maxsize=256)
def _folded(word: str) -> str:
    return match_key(word)


def _drops_an_alternative(parent: str, c_words: set[str], levels: LevelTable, vocab: Vocabulary) -> bool:
    """The parent lists alternatives ("học sinh THPT, cơ sở GDNN"; "xã, phường, trường THPT")
    and the child keeps some but leaves one out entirely."""
    # "và" lists members only in a comma list ("cán bộ, công chức và người lao động"); alone it
    # joins conditions ("có nhu cầu và đủ điều kiện"), and dropping a condition widens.
    splitter = _ALTERNATIVES if "," in parent or ";" in parent else _LIST_MARKS
    parts = [_words(p, levels, vocab) for p in splitter.split(parent)]
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return False
    kept = [bool(p & c_words) for p in parts]
    return any(kept) and not all(kept)
