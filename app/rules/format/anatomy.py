"""Where the parts of a KẾ HOẠCH stand in a Layout: quốc hiệu, số, dateline, title, body, signer.

The rules need the same landmarks, found the same way, whether the header is a two-column
table (our renderer, most offices) or plain paragraphs (hand-made drafts). Landmarks are found
by their text, never by their formatting, so a badly formatted part is still found and
reported rather than silently skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz import fuzz

from app.extract.layout import Layout, Paragraph, Run
from app.vn.normalize import clean, match_key

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DOC_TYPE = "KẾ HOẠCH"
_QH_KEY = match_key(NATIONAL_NAME)
_TN_KEY = match_key(MOTTO)
_TYPE_KEY = match_key(DOC_TYPE)
_NOI_NHAN_KEY = match_key("Nơi nhận")
_HEAD_WINDOW = 40  # the header band is never further down than this many paragraphs
_NUMBER = re.compile(r"^\s*(?i:số)\s*[:.]?", re.UNICODE)
_DATELINE = re.compile(r"(?i:ngày)\s*\S*\s*(?i:tháng)\s*\S*\s*(?i:năm)\s*\d*")
MARK = re.compile(r"^\s*(TM|KT|Q|TL|TUQ)\s*\.", re.UNICODE)
_RULE_LINE = re.compile(r"^[\s_\-–—=.*]+$")


def is_blank(paragraph: Paragraph) -> bool:
    """Empty, or only a typed rule ("______")."""
    return not paragraph.text.strip() or bool(_RULE_LINE.match(paragraph.text))


def _same_cell(a: Paragraph, b: Paragraph) -> bool:
    return a.table is not None and (a.table, a.row, a.cell) == (b.table, b.row, b.cell)


@dataclass(frozen=True)
class Anatomy:
    """The landmarks of one document; a part that is absent is None / empty."""

    national_name: Paragraph | None
    motto: Paragraph | None
    issuer: tuple[Paragraph, ...]
    number: Paragraph | None
    dateline: Paragraph | None
    doc_type: Paragraph | None
    subject: tuple[Paragraph, ...]
    body: tuple[Paragraph, ...]  # non-blank top-level paragraphs between subject and closing
    recipients_title: Paragraph | None  # "Nơi nhận:"
    recipients: tuple[Paragraph, ...]
    signer: tuple[Paragraph, ...]  # non-blank lines of the signer block, name last


def _fuzzy(paragraph: Paragraph, key: str, limit: int = 86) -> bool:
    text = match_key(paragraph.text)
    return bool(text) and len(text) < 2 * len(key) and fuzz.partial_ratio(text, key) >= limit


def split_tabs(paragraph: Paragraph) -> list[Paragraph]:
    """A tabbed line ("ỦY BAN NHÂN DÂN<tab>CỘNG HÒA ...") as one paragraph per piece.

    Hand-made headers often put the left and right columns on one line separated by tabs;
    each piece keeps the paragraph's location and only its own runs.
    """
    if "\t" not in paragraph.text:
        return [paragraph]
    pieces: list[list[Run]] = [[]]
    for run in paragraph.runs:
        for number, text in enumerate(run.text.split("\t")):
            if number:
                pieces.append([])
            if text:
                pieces[-1].append(replace(run, text=text))
    return [
        replace(paragraph, text="".join(r.text for r in runs), runs=tuple(runs))
        for runs in pieces
        if "".join(r.text for r in runs).strip()
    ]


def tabbed(layout: Layout, piece: Paragraph) -> bool:
    """True when ``piece`` is one tab-separated part of a longer line (see split_tabs)."""
    return layout.paragraphs[piece.index - 1].text != piece.text


@lru_cache(maxsize=16)
def anatomy(layout: Layout) -> Anatomy:
    """Locate every landmark once per layout (rules share the result)."""
    paragraphs = layout.paragraphs
    doc_type = next((p for p in paragraphs[:_HEAD_WINDOW] if match_key(p.text) == _TYPE_KEY), None)
    head_end = doc_type.index - 1 if doc_type else min(len(paragraphs), 15)
    head = [piece for p in paragraphs[:head_end] if not is_blank(p) for piece in split_tabs(p)]
    qh = next((p for p in head if _fuzzy(p, _QH_KEY)), None)
    tn = next((p for p in head if p is not qh and _fuzzy(p, _TN_KEY, 80)), None)
    number = next((p for p in head if _NUMBER.match(p.text)), None)
    dateline = next((p for p in head if _DATELINE.search(p.text)), None)
    landmarks = {id(x) for x in (qh, tn, number, dateline) if x is not None}
    issuer = tuple(
        p
        for p in head
        if id(p) not in landmarks and not (qh and _same_cell(p, qh)) and not (tn and _same_cell(p, tn))
    )
    subject = _subject(paragraphs, doc_type)
    title, recipients, signer = _closing(layout, doc_type)
    start = subject[-1].index if subject else head_end
    closing = [p.index for p in (title, *recipients, *signer) if p is not None]
    tables_at_close = [p for p in (title, *signer) if p is not None and p.table is not None]
    if tables_at_close:
        closing.append(min(p.index for p in paragraphs if p.table == tables_at_close[0].table))
    end = min(closing) if closing else len(paragraphs) + 1
    body = tuple(p for p in paragraphs[start : end - 1] if p.table is None and not is_blank(p))
    return Anatomy(qh, tn, issuer, number, dateline, doc_type, subject, body, title, recipients, signer)


def _subject(paragraphs: tuple[Paragraph, ...], doc_type: Paragraph | None) -> tuple[Paragraph, ...]:
    """The trích yếu: the non-blank lines right under "KẾ HOẠCH", in one alignment, up to 3."""
    if doc_type is None:
        return ()
    lines: list[Paragraph] = []
    for p in paragraphs[doc_type.index :]:
        if is_blank(p):
            if lines:
                break
            continue
        if lines and (p.alignment != lines[0].alignment or len(lines) == 3):
            break
        lines.append(p)
    return tuple(lines)


def _closing(
    layout: Layout, doc_type: Paragraph | None
) -> tuple[Paragraph | None, tuple[Paragraph, ...], tuple[Paragraph, ...]]:
    """The "Nơi nhận:" line, the recipient lines and the signer block."""
    after = doc_type.index if doc_type else 0
    tail = layout.paragraphs[after:]
    title = next((p for p in reversed(tail) if match_key(p.text).startswith(_NOI_NHAN_KEY)), None)
    recipients: list[Paragraph] = []
    if title is not None:
        for p in layout.paragraphs[title.index :]:
            inside = _same_cell(p, title) if title.table else p.table is None
            if not inside or (title.table is None and not clean(p.shown_text).startswith(("-", "+", "–"))):
                if title.table is None and is_blank(p) and not recipients:
                    continue
                break
            if not is_blank(p):
                recipients.append(p)
    signer = _signer(layout, tail, title, recipients)
    return title, tuple(recipients), signer


def _signer(
    layout: Layout, tail: tuple[Paragraph, ...], title: Paragraph | None, recipients: list[Paragraph]
) -> tuple[Paragraph, ...]:
    if title is not None and title.table is not None:
        row = [
            p
            for p in tail
            if (p.table, p.row) == (title.table, title.row) and p.cell != title.cell and not is_blank(p)
        ]
        if row:
            return tuple(row)
    taken = {id(p) for p in recipients} | {id(title)}
    marks = [p for p in tail if MARK.match(clean(p.text)) and id(p) not in taken]
    if not marks:
        return ()
    first = marks[-1]
    while True:  # walk back over stacked marks ("TM. ỦY BAN NHÂN DÂN" above "KT. CHỦ TỊCH")
        earlier = [p for p in marks if p.index < first.index and not is_blank(p)]
        gap = [
            p
            for p in layout.paragraphs[(earlier[-1].index if earlier else 0) : first.index - 1]
            if not is_blank(p)
        ]
        if not earlier or gap:
            break
        first = earlier[-1]
    if first.table is not None:
        return tuple(p for p in tail if _same_cell(p, first) and not is_blank(p) and p.index >= first.index)
    # Typed as paragraphs: the title lines, then the signature space (blank or "(Đã ký)"
    # lines), then the name.
    block: list[Paragraph] = []
    spaced = False
    for p in layout.paragraphs[first.index - 1 :]:
        if id(p) in taken or p.table is not None:
            break
        if is_blank(p) or clean(p.text).startswith("("):
            spaced = spaced or bool(block)
            continue
        block.append(p)
        if spaced:
            break  # the first line after the signature space is the name
    return tuple(block)
