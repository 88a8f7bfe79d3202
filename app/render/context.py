"""Plan -> template context: every label, date and number the KẾ HOẠCH template prints.

Pure (no I/O): the template only places strings; every ND30 decision that depends on the data
(dateline padding, "Số:" padding, point letters of the Vietnamese alphabet, the punctuation of
legal bases and recipients, the final "./.") is made here, where it can be unit-tested. The
variables are documented in templates/docx/README.md (a test keeps the two in sync).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import replace
from typing import Any

from app.domain.plan import Appendix, Funding, Plan, Reference, Section, SectionKind
from app.render.measure import (
    COLUMN_EM,
    NBSP,
    dateline_line,
    header_line,
    rule_text,
    signature_can_split,
    text_width_em,
)
from app.vn.normalize import nfc
from app.vn.normalize import upper_vi as _upper_vi
from app.vn.numbers import format_number

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
# Point letters follow the Vietnamese alphabet (no f, j, w, z; "đ" after "d"): ND30 Phụ lục I.
POINT_LETTERS = "abcdđeghiklmnopqrstuvxy"
FUNDING_TITLE = "Kinh phí thực hiện"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FINAL_PUNCT = re.compile(r"[\s;:,.]*(\./\.)?[\s;:,.]*$")


def _trailing_start(text: str, marks: str) -> int:
    """Where the run of white space and ``marks`` ending ``text`` starts (a regex anchored at
    the end tries every position of the text: this looks at the end only)."""
    cut = len(text)
    while cut and (text[cut - 1] in marks or text[cut - 1].isspace()):
        cut -= 1
    return cut


def strip_trailing_punct(text: str) -> str:
    """``text`` without the white space, ";", "." and "," ending it."""
    return text[: _trailing_start(text, ";.,")]


@functools.lru_cache(maxsize=8192)  # a batch prints the same sentences for many communes
def clean_text(text: str | None) -> str:
    """User text made safe to print: NFC, one kind of line break, no XML-illegal control
    characters (a stray \\f or \\a would otherwise become a page or paragraph break)."""
    if not text:
        return ""
    if not unicodedata.is_normalized("NFC", text):  # checking is much cheaper than normalizing
        text = nfc(text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isprintable():  # a printable text has no control character
        text = _CONTROL.sub("", text)
    return text.strip()


@functools.lru_cache(maxsize=4096)  # headings and signer lines repeat across a batch
def upper_vi(text: str) -> str:
    """:func:`app.vn.normalize.upper_vi`, remembered."""
    return _upper_vi(text)


def point_label(index: int) -> str:
    """The label of the index-th point (0-based): a) b) c) d) đ) e) g) ..."""
    letters = POINT_LETTERS
    label = letters[index % len(letters)] * (index // len(letters) + 1)
    return f"{label})"


def roman(number: int) -> str:
    values = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC")]
    values += [(50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, numeral in values:
        while number >= value:
            out += numeral
            number -= value
    return out


def month_text(month: int) -> str:
    """ND30 II.4: months 1 and 2 take a leading zero, the others none."""
    return f"{month:02d}" if month < 3 else str(month)


def long_date(date: dt.date | None, year: int | None = None, month: int | None = None) -> str:
    """ "ngày 05 tháng 01 năm 2020"; blanks to fill by hand when there is no date yet, with
    the year (and month) already known printed ("ngày      tháng 3 năm 2026")."""
    if date is None:
        month_part = month_text(month) if month else "    "
        year_part = str(year) if year else "     "
        return f"ngày      tháng {month_part} năm {year_part}"
    return f"ngày {date.day:02d} tháng {month_text(date.month)} năm {date.year}"


def short_date(date: dt.date) -> str:
    return f"{date.day:02d}/{month_text(date.month)}/{date.year}"


def dateline(place: str, date: dt.date | None, year: int | None = None, month: int | None = None) -> str:
    return dateline_line(clean_text(place), long_date(date, year, month))


def number_symbol(number: int | None, symbol: str) -> str:
    """ "05/KH-UBND" (padded below 10, never grouped: "2735/KH-UBND"), or room for a
    hand-written number."""
    if number is None:
        return f"{NBSP * 6}/{clean_text(symbol)}"
    return f"{number:02d}/{clean_text(symbol)}"


def sentence_case(text: str) -> str:
    lower = nfc(text).lower()
    return lower[:1].upper() + lower[1:]


def citation(ref: Reference) -> str:
    """A reference as printed: the given text, or built from its parts."""
    if ref.text:
        return clean_text(ref.text)
    verb = "Thực hiện" if ref.relation == "implements" else "Căn cứ"
    parts = [verb, clean_text(ref.doc_type)]
    if ref.number_symbol:
        parts.append(f"số {clean_text(ref.number_symbol)}")
    if ref.date:
        parts.append(f"ngày {short_date(ref.date)}")
    if ref.issuer:
        parts.append(f"của {clean_text(ref.issuer)}")
    if ref.title:
        parts.append(f"về {clean_text(ref.title)}")
    return " ".join(parts)


def punctuated(lines: list[str], last: str = ".", other: str = ";") -> list[str]:
    """Each line ending ``other`` and the last ``last``, whatever the user typed."""
    stripped = [strip_trailing_punct(line) for line in lines]
    return [line + (last if i == len(stripped) - 1 else other) for i, line in enumerate(stripped)]


def recipient_lines(plan: Plan) -> list[str]:
    """ "- X;" per recipient, then "- Lưu: VT, TH." ending with a full stop."""
    lines = []
    for recipient in plan.recipients:
        text = strip_trailing_punct(clean_text(recipient).lstrip("-– ").strip())
        if text:
            lines.append(f"- {text};")
    archive = [strip_trailing_punct(clean_text(a)) for a in plan.archive if clean_text(a)] or ["VT"]
    lines.append(f"- Lưu: {', '.join(archive)}.")
    return lines


def with_funding(plan: Plan) -> list[Section]:
    """The top-level sections with the funding printed into the section of kind "funding"
    (created before "organization", or last, when the plan has none)."""
    sections = list(plan.sections)
    if plan.funding is None:
        return sections
    lines = funding_lines(plan.funding)
    for i, section in enumerate(sections):
        found = _with_funding_in(section, lines)
        if found is not None:
            sections[i] = found
            return sections
    created = Section(title=FUNDING_TITLE, kind=SectionKind.FUNDING, text=lines)
    kinds = [s.kind for s in sections]
    at = kinds.index(SectionKind.ORGANIZATION) if SectionKind.ORGANIZATION in kinds else len(sections)
    sections.insert(at, created)
    return sections


def _with_funding_in(section: Section, lines: list[str]) -> Section | None:
    if section.kind is SectionKind.FUNDING:
        return replace(section, text=[*section.text, *lines])
    for j, child in enumerate(section.sections):
        found = _with_funding_in(child, lines)
        if found is not None:
            children = list(section.sections)
            children[j] = found
            return replace(section, sections=children)
    return None


def funding_lines(funding: Funding) -> list[str]:
    lines = [clean_text(t) for t in funding.text if clean_text(t)]
    if funding.sources:
        sources = "; ".join(clean_text(s) for s in funding.sources)
        lines.append(f"Nguồn kinh phí: {sources}.")
    if funding.amount is not None:
        lines.append(f"Tổng kinh phí dự kiến: {format_number(funding.amount)} đồng.")
    return lines


def _content(section: Section, depth: int) -> list[str]:
    """Printed lines of one section, in the order of the Section docstring."""
    dash = "-" if depth <= 2 else "+"
    lines = [clean_text(t) for t in section.text]
    items = [t.text for t in section.targets] + [t.text for t in section.tasks]
    if section.assignment is not None:
        items += [d.text for d in section.assignment.duties]
    items += section.bullets
    lines += [f"{dash} {_item_text(item)}" for item in items]
    return [line for line in lines if line]


@functools.lru_cache(maxsize=8192)
def _item_text(item: str) -> str:
    """A target's, task's or duty's sentence without the dash it may have been typed with."""
    return clean_text(item).lstrip("-+– ").strip()


def _emit(section: Section, depth: int, index: int, out: list[dict[str, str]]) -> None:
    title = clean_text(section.title)
    if not title and section.assignment is not None:
        title = clean_text(section.assignment.agency)
    lines = _content(section, depth)
    if depth == 0:
        if title:
            out.append({"kind": "muc", "text": upper_vi(title)})
    elif depth == 1:
        if title:
            out.append({"kind": "khoan", "text": title})
        else:
            out.append({"kind": "khoan_text", "text": lines.pop(0).lstrip("- ") if lines else ""})
    elif depth == 2:
        label = point_label(index)
        if title or not lines:  # a titled point heads what follows: kept with it on one page
            out.append({"kind": "point", "text": f"{label} {title}".rstrip()})
        else:
            out.append({"kind": "body", "text": f"{label} {lines.pop(0).lstrip('- ')}"})
    elif title:
        out.append({"kind": "body", "text": f"- {title}"})
    out.extend({"kind": "body", "text": line} for line in lines)
    for i, child in enumerate(section.sections):
        _emit(child, depth + 1, i, out)


def body_items(plan: Plan) -> list[dict[str, str]]:
    """The body as a flat list of {kind, text}; kind is muc, khoan, khoan_text or body."""
    out: list[dict[str, str]] = []
    for i, section in enumerate(with_funding(plan)):
        _emit(section, 0, i, out)
    closing = clean_text(plan.closing)
    if closing:
        out.append({"kind": "body", "text": closing})
    if out:
        out[-1] = {**out[-1], "text": final_sentence(out[-1]["text"])}
    return out


def final_sentence(text: str) -> str:
    """ND30: the body's last sentence ends "./." (added once, never doubled)."""
    cut = _trailing_start(text, ";:,./")  # the pattern can only match within that end
    base = text[:cut] + _FINAL_PUNCT.sub("", text[cut:])
    return f"{base}./."


def appendix_context(plan: Plan, appendix: Appendix, label: str) -> dict[str, Any]:
    doc = sentence_case(plan.doc_type)
    issuer = clean_text(plan.issuer.one_line_name)
    attached = (
        f"(Kèm theo {doc} số {number_symbol(plan.number, plan.symbol)} {long_date(plan.date)} của {issuer})"
    )
    # A regular grid whatever the plan holds: short rows padded, a header widened to the widest
    # row (a read document's merged header cells), and no table at all without any cell (a
    # table row with no cell is a file Word refuses to open).
    width = max([len(appendix.columns), *(len(r) for r in appendix.rows)])
    columns = [clean_text(c) for c in appendix.columns] + [""] * (width - len(appendix.columns))
    return {
        "label": label,
        "title": upper_vi(clean_text(appendix.title)),
        "attached": attached,
        "columns": columns,
        "rows": [[clean_text(str(v)) for v in r] + [""] * (width - len(r)) for r in appendix.rows if r],
        "note": clean_text(appendix.note),
    }


def build_context(plan: Plan) -> dict[str, Any]:
    """Everything the template prints, as plain strings and lists (see the README contract)."""
    issuer_lines = [
        header_line(upper_vi(line), plan.issuer.place)
        for line in clean_text(plan.issuer.name).split("\n")
        if line.strip()
    ]
    widest = max(issuer_lines, key=text_width_em, default="")
    subject = clean_text(plan.subject)
    single = len(plan.appendices) == 1
    recipients = recipient_lines(plan)
    preamble = [clean_text(p) for p in plan.preamble if clean_text(p)]
    body = body_items(plan)
    if not body and preamble:  # a plan all in its opening text still ends "./."
        preamble[-1] = final_sentence(preamble[-1])
    return {
        "parent_body": header_line(upper_vi(clean_text(plan.issuer.parent_body)), plan.issuer.place) or None,
        "issuer_lines": issuer_lines,
        "issuer_rule": rule_text(widest, 0.42, COLUMN_EM[12]),
        "number_symbol": number_symbol(plan.number, plan.symbol),
        "dateline": dateline(plan.issuer.place, plan.date, plan.dateline_year, plan.dateline_month),
        "doc_type": upper_vi(clean_text(plan.doc_type)),
        "subject": subject,
        "subject_rule": rule_text(max(subject.split("\n"), key=text_width_em), 0.4, COLUMN_EM[14]),
        "references": punctuated([citation(r) for r in plan.references]),
        "preamble": preamble,
        "body": body,
        "signer_lines": [upper_vi(clean_text(line)) for line in plan.signer.lines()],
        "signer_name": clean_text(plan.signer.name),
        "recipients": recipients,
        "signature_can_split": signature_can_split(recipients),
        "appendices": [
            appendix_context(plan, a, "Phụ lục" if single else f"Phụ lục {roman(i + 1)}")
            for i, a in enumerate(plan.appendices)
        ],
    }
