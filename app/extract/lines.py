"""Lines back into paragraphs: undo the layout line breaks of PDF and hard-wrapped text.

A line holding only a list label ("III.") never ends its paragraph, nor does a dash item
whose sentence runs on to a line the page opened with a number ("cấp độ" / "1. Cấp ngay"). A line ends its paragraph when it ends a sentence or clause (. ; : ! ?; after ; or : only
when the next line does not go on in lower case), when the next line
starts a list item ("I.", "1.", "1.2.", "a)", "(1)", "-", "+", "•") or an article ("Điều 3."), or at
a change into or out of an all-capitals heading. Otherwise the next line continues it. A
hyphen at the line's end is a real hyphen in Vietnamese ("kinh tế-xã hội"), so it is removed
only when the two pieces are not Vietnamese syllables ("hyphen-" + "ation").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.extract.scramble import is_vietnamese_syllable

LIST_LABEL = re.compile(
    r"^(?:(?:[IVXLC]+|\d{1,2}(?:\.\d{1,2})*)[.)]|[a-zđ][.)]|\((?:\d+|[a-zđ])\)|[-+•–*▪➢]|(?:Điều|Phần|Chương|Mục)\s+[\dIVXLC]+[.:]?)(?:\s|$)"
)
SENTENCE_END = re.compile(r"[.;:!?…][\"'”’)\]]*$")
# Lines that always open a block of their own in an administrative document.
BLOCK_START = re.compile(r"^(?:Nơi nhận|TM\.|KT\.|Q\.|TL\.|TUQ\.|Căn cứ\s)")
_SPACES = re.compile(r"[ \t\u00a0]+")


@dataclass(frozen=True)
class Line:
    """One layout line and the page it stands on (None outside PDFs)."""

    text: str
    page: int | None = None


@dataclass(frozen=True)
class Paragraph:
    """A joined paragraph and the page and line number where it starts."""

    text: str
    page: int | None
    first_line: int


def is_heading(text: str) -> bool:
    """An all-capitals line with at least two letters ("I. MỤC TIÊU", "KẾ HOẠCH")."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def starts_item(text: str) -> bool:
    return bool(LIST_LABEL.match(text))


_RANGE_WRAP = re.compile(r"^[-–]\s*\d")


def continues_range(current: str, following: str) -> bool:
    """ "tốc độ tăng bình quân 05" / "- 06%/năm": a range wrapped at its dash, not a new item."""
    return current.rstrip()[-1:].isdigit() and bool(_RANGE_WRAP.match(following))


_NUMBER_LABEL = re.compile(r"^\d{1,2}\.\s")


def continues_sentence(current: str, following: str) -> bool:
    """ "- ... ưu tiên các địa bàn cấp độ" / "1. Cấp ngay mì tôm ...": a number the page wrapped
    to a line's start inside a dash item's sentence, not a new numbered point. A numbered
    point ("1.") stands above dash items, so one opening right after a dash item that has not
    ended its sentence (no . ; : ! ?, last word in lower case) is that sentence going on."""
    body = current.rstrip()
    return (
        body[:1] in "-–+•"
        and bool(_NUMBER_LABEL.match(following))
        and not SENTENCE_END.search(body)
        and body[-1:].isalpha()
        and body[-1:].islower()
    )


def is_bare_label(text: str) -> bool:
    """A line holding only a list label ("III.", "1.", "a)"): the page wrapped right after
    it ("**III.**" / "PHẠM VI, ĐỐI TƯỢNG"), so the title on the next line is its own."""
    m = LIST_LABEL.match(text.strip())
    return m is not None and not text.strip()[m.end() :].strip() and text.strip()[:1] not in "-+•–*▪➢"


def ends_paragraph(current: str, following: str, last_line: str = "", width: int = 0) -> bool:
    """Whether a paragraph break stands between two consecutive non-empty lines.

    ``last_line`` is the current paragraph's last layout line and ``width`` the usual length
    of a full line (0 when unknown). Line length settles the ambiguous cases of justified
    text: a short line followed by a capital ends its paragraph ("1. Mục tiêu chung"); a full
    line ending a sentence, followed by an ordinary capitalised line, is mid-paragraph; a
    full line without punctuation followed by "- " is a wrapped "Lao động -" + "Thương binh".
    """
    line = last_line or current
    full = bool(width) and len(line) >= width
    if current.rstrip().endswith("./.") or BLOCK_START.match(following):
        return True
    if (
        is_bare_label(current)
        or continues_range(current, following)
        or continues_sentence(current, following)
    ):
        return False
    if starts_item(following):
        nearly_full = bool(width) and len(line) >= 0.85 * width  # a first line is shorter by its indent
        wrapped_dash = following[:1] in "-–+" and nearly_full and not SENTENCE_END.search(current)
        return not wrapped_dash
    if current.rstrip().endswith(","):
        return False  # "Sở Y tế, Sở Tư pháp," + "Công an tỉnh": a list of names wrapped
    if SENTENCE_END.search(current):
        # "...cai nghiện;" + "các điển hình..." is one item's clauses wrapped, not a new paragraph
        if current.rstrip()[-1:] in ";:" and following[:1].islower():
            return False
        return not (full and current.rstrip().endswith(".") and not is_heading(following))
    if is_heading(current) != is_heading(following):
        return True
    short = bool(width) and len(line) < 0.8 * width
    return short and following[:1].isupper()


def typical_width(lines: list[str]) -> int:
    """The length of a full line: the 90th percentile of line lengths (0 for few lines)."""
    lengths = sorted(len(line) for line in lines if line.strip())
    return lengths[int(len(lengths) * 0.9)] if len(lengths) >= 5 else 0


def join_two(left: str, right: str) -> str:
    if left.endswith("-") and not left.endswith(" -"):
        head = re.split(r"[\s-]", left[:-1])[-1]
        tail = re.split(r"[\s,.;:-]", right, maxsplit=1)[0]
        split_word = head.isalpha() and tail.isalpha() and tail[:1].islower()
        if split_word and not (is_vietnamese_syllable(head) and is_vietnamese_syllable(tail)):
            return left[:-1] + right  # "hyphen-" + "ation"
        return left + right  # a real hyphen at the line's end: "kinh tế-" + "xã hội"
    return f"{left} {right}"


def join_lines(lines: list[Line]) -> list[Paragraph]:
    """Paragraphs from layout lines; a blank line always ends a paragraph."""
    paragraphs: list[Paragraph] = []
    text = ""
    start: tuple[int | None, int] = (None, 0)
    cleaned = [_SPACES.sub(" ", line.text).strip() for line in lines]
    width = typical_width(cleaned)
    last = ""
    for number, (line, clean) in enumerate(zip(lines, cleaned, strict=True), start=1):
        if not clean:
            if text:
                paragraphs.append(Paragraph(text, *start))
            text = ""
            continue
        if text and ends_paragraph(text, clean, last, width):
            paragraphs.append(Paragraph(text, *start))
            text = ""
        if text:
            text = join_two(text, clean)
        else:
            text, start = clean, (line.page, number)
        last = clean
    if text:
        paragraphs.append(Paragraph(text, *start))
    return paragraphs
