"""Where the parts of a KẾ HOẠCH stand in a Layout: quốc hiệu, số, dateline, title, body, signer.

The rules need the same landmarks, found the same way, whether the header is a two-column
table (our renderer, most offices) or plain paragraphs (hand-made drafts). Landmarks are found
by their text, never by their formatting, so a badly formatted part is still found and
reported rather than silently skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from app.extract.layout import Layout, Paragraph
from app.rules.format.closing import find_closing
from app.rules.format.lines import is_blank, pieces, same_cell
from app.vn.normalize import match_key

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
# The type names of ND30 Phụ lục III, Mục I (nd30.md §3.1) and their codes in a ký hiệu. The
# linter checks any document with a type name: our own review note is a BÁO CÁO, a parent may
# be a QUYẾT ĐỊNH or a CHƯƠNG TRÌNH. Mixed-case codes (QyĐ, CTr, TTr) are part of the decree.
DOC_TYPE_CODES = {
    "KẾ HOẠCH": "KH",
    "BÁO CÁO": "BC",
    "QUYẾT ĐỊNH": "QĐ",
    "NGHỊ QUYẾT": "NQ",
    "CHỈ THỊ": "CT",
    "QUY CHẾ": "QC",
    "QUY ĐỊNH": "QyĐ",
    "THÔNG CÁO": "TC",
    "THÔNG BÁO": "TB",
    "HƯỚNG DẪN": "HD",
    "CHƯƠNG TRÌNH": "CTr",
    "PHƯƠNG ÁN": "PA",
    "ĐỀ ÁN": "ĐA",
    "DỰ ÁN": "DA",
    "BIÊN BẢN": "BB",
    "TỜ TRÌNH": "TTr",
    "HỢP ĐỒNG": "HĐ",
    "CÔNG ĐIỆN": "CĐ",
    "BẢN GHI NHỚ": "BGN",
    "BẢN THỎA THUẬN": "BTT",
    "GIẤY ỦY QUYỀN": "GUQ",
    "GIẤY MỜI": "GM",
    "GIẤY GIỚI THIỆU": "GGT",
    "GIẤY NGHỈ PHÉP": "GNP",
    "PHIẾU GỬI": "PG",
    "PHIẾU CHUYỂN": "PC",
    "PHIẾU BÁO": "PB",
}
_QH_KEY = match_key(NATIONAL_NAME)
_TN_KEY = match_key(MOTTO)
_TYPE_BY_KEY = {match_key(name): name for name in DOC_TYPE_CODES}
_HEAD_WINDOW = 40  # the header band is never further down than this many paragraphs
_NUMBER = re.compile(r"^\s*(?i:số)\s*[:.]?", re.UNICODE)
_DATELINE = re.compile(r"(?i:ngày)\s*\S*\s*(?i:tháng)\s*\S*\s*(?i:năm)\s*\d*")


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


def doc_type_name(paragraph: Paragraph | None) -> str | None:
    """The ND30 type name ("KẾ HOẠCH", "BÁO CÁO") the title paragraph spells, whatever its case."""
    return _TYPE_BY_KEY.get(match_key(paragraph.text)) if paragraph is not None else None


def _closest(
    candidates: list[Paragraph], key: str, limit: float, skip: Paragraph | None = None
) -> Paragraph | None:
    """The candidate most like ``key``, if any reaches ``limit``.

    The best, not the first: a commune's name can look enough like the motto ("XÃ THẠNH PHÚ"
    against "... Hạnh phúc") to pass the limit, and it stands before the motto in reading order.
    """
    best, best_score = None, float(limit)
    for paragraph in candidates:
        text = match_key(paragraph.text)
        if paragraph is skip or not text or len(text) >= 2 * len(key):
            continue
        score = fuzz.partial_ratio(text, key)
        if score >= best_score and (best is None or score > best_score):
            best, best_score = paragraph, score
    return best


@lru_cache(maxsize=16)
def anatomy(layout: Layout) -> Anatomy:
    """Locate every landmark once per layout (rules share the result)."""
    paragraphs = layout.paragraphs
    doc_type = next((p for p in paragraphs[:_HEAD_WINDOW] if match_key(p.text) in _TYPE_BY_KEY), None)
    head_end = doc_type.index - 1 if doc_type else min(len(paragraphs), 15)
    head = pieces(paragraphs[:head_end])
    qh = _closest(head, _QH_KEY, 86)
    tn = _closest(head, _TN_KEY, 80, skip=qh)
    number = next((p for p in head if _NUMBER.match(p.text)), None)
    dateline = next((p for p in head if _DATELINE.search(p.text)), None)
    landmarks = {id(x) for x in (qh, tn, number, dateline) if x is not None}
    if doc_type is None and landmarks:  # no title to end the header band: stop at its last landmark
        last = max(x.index for x in (qh, tn, number, dateline) if x is not None)
        head = [p for p in head if p.index <= last]
    issuer = tuple(
        p
        for p in head
        if id(p) not in landmarks and not (qh and same_cell(p, qh)) and not (tn and same_cell(p, tn))
    )
    subject = _subject(paragraphs, doc_type)
    closing_band = find_closing(layout, doc_type.index if doc_type else 0)
    title, recipients, signer = closing_band.title, closing_band.recipients, closing_band.signer
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
