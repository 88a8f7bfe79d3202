"""How wide printed text is, and the layout decisions that follow from it.

The template cannot measure text; these estimates (Times New Roman Bold metrics) let the
context draw the short rules under the headings at the right length, wrap the agency block
where a reader expects, and decide whether the Nơi nhận / signer band can be kept on one page.
"""

from __future__ import annotations

import functools

from app.vn.normalize import nfc, strip_diacritics, upper_vi

NBSP = "\u00a0"
# Advance widths of Times New Roman Bold in 1/1000 em (the Adobe Times-Bold metrics, which
# Liberation Serif shares); letters with diacritics take the width of their base letter.
_BOLD_WIDTHS = dict(
    zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        [
            *(722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556),
            *(667, 722, 722, 1000, 722, 722, 667, 500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556),
            *(278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722, 500, 500, 444),
        ],
        strict=True,
    )
)
_BOLD_WIDTHS.update({" ": 250, "-": 333, ",": 250, ".": 250, ":": 333, "(": 333, ")": 333, "/": 278})
_BOLD_WIDTHS.update({"Đ": 722, "đ": 556, "&": 833})
# the dateline column (9.75 cm) at 13 pt italic, in the bold em of text_width_em: measured,
# "Bà Rịa - Vũng Tàu, ngày 08 tháng 10 năm 2024" (20.2) fits and 22.8 does not
DATELINE_EM = 20.8
COLUMN_EM = {12: 15.9, 14: 33.4}  # header left column (6.75 cm) at 12 pt; text width at 14 pt
# Nơi nhận column (7.75 cm) in em at 11 pt, and how many 11 pt lines fit on one page of text
# (257 mm less the "Nơi nhận:" line). A longer list cannot be kept on one page anyway.
_RECIPIENT_COLUMN_EM = 19.9
_RECIPIENT_LINES_PER_PAGE = 50


_WIDTHS: dict[str, int] = {}  # every character met so far: its width (a few hundred at most)


@functools.lru_cache(maxsize=4096)  # a batch measures the same lines for many communes
def text_width_em(text: str) -> float:
    """Estimated printed width of ``text`` in bold Times New Roman, in em."""
    try:
        return sum(map(_WIDTHS.__getitem__, text)) / 1000
    except KeyError:
        for char in set(text):
            _WIDTHS[char] = _char_width(char)
        return sum(map(_WIDTHS.__getitem__, text)) / 1000


def _char_width(char: str) -> int:
    base = char if char in _BOLD_WIDTHS else strip_diacritics(char)[:1]
    return _BOLD_WIDTHS.get(base, 500)


def rule_text(text: str, ratio: float, max_em: float | None = None) -> str:
    """A run of no-break spaces that, underlined, draws a rule ``ratio`` times as long as
    ``text`` (a no-break space is 1/4 em wide in Times New Roman, whatever the size)."""
    width = text_width_em(text)
    if max_em is not None:
        width = min(width, max_em)
    return NBSP * max(4, round(4 * width * ratio))


def header_line(text: str, place: str = "") -> str:
    """A line of the agency block that is too wide for its column, made to wrap where a
    reader expects: the place name ("BÀ RỊA - VŨNG TÀU") is bound by no-break spaces, and so
    is every " - ", so that no line opens with "- VŨNG TÀU" or splits "BÀ / RỊA"."""
    if text_width_em(text) <= COLUMN_EM[12]:
        return text
    name = upper_vi(nfc(place).strip())
    if name and name in text:
        text = text.replace(name, name.replace(" ", NBSP))
    return text.replace(" - ", f"{NBSP}-{NBSP}")


def dateline_line(place: str, date_text: str) -> str:
    """ "Place, ngày ... năm ..." for the right column of the header. A long place name
    ("Thành phố Hồ Chí Minh") makes it too wide for one line; the date is then bound by
    no-break spaces so that the line breaks after the comma, never before the year."""
    line = f"{place}, {date_text}"
    if text_width_em(line) <= DATELINE_EM:
        return line
    return f"{place}, {date_text.replace(' ', NBSP)}"


def signature_can_split(recipients: list[str]) -> bool:
    """Whether the Nơi nhận / signer band may break across pages.

    It is kept whole so that the signer is never separated from Nơi nhận; but a band taller
    than a page (hundreds of recipients) cannot be kept whole: Word and LibreOffice then push
    it to a new page, leaving the rest of the last body page blank, and split it all the same.
    Such a band is allowed to break, so the signer stays beside the start of the list.
    """
    lines = sum(max(1, -(-text_width_em(line) // _RECIPIENT_COLUMN_EM)) for line in recipients)
    return lines > _RECIPIENT_LINES_PER_PAGE
