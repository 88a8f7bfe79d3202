"""ND017 point-letters: điểm letters follow the Vietnamese alphabet (a, b, c, d, đ, e, g, ...).

Yêu cầu / Requirement:
    Ký hiệu điểm theo thứ tự bảng chữ cái tiếng Việt: a, b, c, d, đ, e, g, h, i, k... (không dùng f, j, w, z), sau chữ là dấu ")".
    Point letters follow the Vietnamese alphabet: a, b, c, d, đ, e, g, h, i, k... (no f, j, w, z), each followed by ")".

Why:
    NĐ 30/2020/NĐ-CP Phụ lục I, Mục II.6 and the specimen table (nd30.md §2.5). Word's automatic
    lettering produces "e)" after "d)" and "f)" after "e)"; both are wrong in Vietnamese. The
    labels of automatic lists are computed from numbering.xml, so these are caught too.

Fails:
    "a) … b) … c) … d) … e)" (đ skipped), or "f)".

Passes:
    "a) … b) … c) … d) … đ) … e) … g)".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from app.extract.layout import Layout
from app.messages import t
from app.rules.finding import Finding, Severity
from app.rules.format.anatomy import anatomy
from app.rules.format.facts import finding
from app.vn.normalize import clean

CODE = "ND017"
NAME = "point-letters"
SEVERITY = Severity.ERROR
SOURCE = "NĐ 30/2020 Phụ lục I, Mục II.6, bảng mẫu chữ; nd30.md §2.5"
ALPHABET = [
    "a",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "g",
    "h",
    "i",
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "v",
    "x",
    "y",
]
_POINT = re.compile(r"^([a-zđ])\)\s")
_HIGHER = re.compile(r"^(\d+|[IVXLC]+)\.\s")  # a new khoản or mục restarts the lettering


def check(layout: Layout) -> Iterator[Finding]:
    previous: str | None = None
    for paragraph in anatomy(layout).body:
        text = clean(paragraph.shown_text)
        if _HIGHER.match(text):
            previous = None
            continue
        match = _POINT.match(text)
        if not match:
            continue
        letter = match[1]
        if letter not in ALPHABET:
            found = t("fmt_letter_not_vietnamese").format(letter=letter)
            expected = ALPHABET[ALPHABET.index(previous) + 1] if previous in ALPHABET[:-1] else "a"
            yield finding(
                CODE,
                SEVERITY,
                paragraph.location,
                "fmt_part_point",
                found,
                t("fmt_letter_expected").format(letter=expected),
            )
        elif (
            previous is not None and letter != "a" and ALPHABET.index(letter) != ALPHABET.index(previous) + 1
        ):
            expected = ALPHABET[min(ALPHABET.index(previous) + 1, len(ALPHABET) - 1)]
            found = t("fmt_letter_sequence").format(letter=letter, previous=previous)
            yield finding(
                CODE,
                SEVERITY,
                paragraph.location,
                "fmt_part_point",
                found,
                t("fmt_letter_expected").format(letter=expected),
            )
        previous = letter if letter in ALPHABET else previous
