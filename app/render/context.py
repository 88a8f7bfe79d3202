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
from dataclasses import replace
from typing import Any

from app.domain.plan import Appendix, Funding, Plan, Reference, Section, SectionKind
from app.vn.normalize import nfc, strip_diacritics, upper_vi
from app.vn.numbers import format_number

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
# Point letters follow the Vietnamese alphabet (no f, j, w, z; "đ" after "d"): ND30 Phụ lục I.
POINT_LETTERS = "abcdđeghiklmnopqrstuvxy"
FUNDING_TITLE = "Kinh phí thực hiện"
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
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TRAILING_PUNCT = re.compile(r"[\s;.,]+$")
_COLUMN_EM = {12: 15.9, 14: 33.4}  # header left column (6.75 cm) at 12 pt; text width at 14 pt
# Nơi nhận column (7.75 cm) in em at 11 pt, and how many 11 pt lines fit on one page of text
# (257 mm less the "Nơi nhận:" line). A longer list cannot be kept on one page anyway.
_RECIPIENT_COLUMN_EM = 19.9
_RECIPIENT_LINES_PER_PAGE = 50


def clean_text(text: str | None) -> str:
    """User text made safe to print: NFC, one kind of line break, no XML-illegal control
    characters (a stray \\f or \\a would otherwise become a page or paragraph break)."""
    if not text:
        return ""
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip()


def text_width_em(text: str) -> float:
    """Estimated printed width of ``text`` in bold Times New Roman, in em."""
    return sum(_char_width(char) for char in text) / 1000


@functools.lru_cache(maxsize=512)
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


def long_date(date: dt.date | None) -> str:
    """ "ngày 05 tháng 01 năm 2020"; blanks to fill by hand when there is no date yet."""
    if date is None:
        return "ngày      tháng      năm      "
    return f"ngày {date.day:02d} tháng {month_text(date.month)} năm {date.year}"


def short_date(date: dt.date) -> str:
    return f"{date.day:02d}/{month_text(date.month)}/{date.year}"


def dateline(place: str, date: dt.date | None) -> str:
    return f"{clean_text(place)}, {long_date(date)}"


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
    stripped = [_TRAILING_PUNCT.sub("", line) for line in lines]
    return [line + (last if i == len(stripped) - 1 else other) for i, line in enumerate(stripped)]


def recipient_lines(plan: Plan) -> list[str]:
    """ "- X;" per recipient, then "- Lưu: VT, TH." ending with a full stop."""
    lines = []
    for recipient in plan.recipients:
        text = _TRAILING_PUNCT.sub("", clean_text(recipient).lstrip("-– ").strip())
        if text:
            lines.append(f"- {text};")
    archive = [_TRAILING_PUNCT.sub("", clean_text(a)) for a in plan.archive if clean_text(a)] or ["VT"]
    lines.append(f"- Lưu: {', '.join(archive)}.")
    return lines


def header_line(text: str, place: str = "") -> str:
    """A line of the agency block that is too wide for its column, made to wrap where a
    reader expects: the place name ("BÀ RỊA - VŨNG TÀU") is bound by no-break spaces, and so
    is every " - ", so that no line opens with "- VŨNG TÀU" or splits "BÀ / RỊA"."""
    if text_width_em(text) <= _COLUMN_EM[12]:
        return text
    name = upper_vi(clean_text(place))
    if name and name in text:
        text = text.replace(name, name.replace(" ", NBSP))
    return text.replace(" - ", f"{NBSP}-{NBSP}")


def signature_can_split(recipients: list[str]) -> bool:
    """Whether the Nơi nhận / signer band may break across pages.

    It is kept whole so that the signer is never separated from Nơi nhận; but a band taller
    than a page (hundreds of recipients) cannot be kept whole: Word and LibreOffice then push
    it to a new page, leaving the rest of the last body page blank, and split it all the same.
    Such a band is allowed to break, so the signer stays beside the start of the list.
    """
    lines = sum(max(1, -(-text_width_em(line) // _RECIPIENT_COLUMN_EM)) for line in recipients)
    return lines > _RECIPIENT_LINES_PER_PAGE


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
    for item in items:
        text = clean_text(item).lstrip("-+– ").strip()
        lines.append(f"{dash} {text}")
    return [line for line in lines if line]


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
        if title or not lines:
            out.append({"kind": "body", "text": f"{label} {title}".rstrip()})
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
    base = re.sub(r"[\s;:,.]*(\./\.)?[\s;:,.]*$", "", text)
    return f"{base}./."


def appendix_context(plan: Plan, appendix: Appendix, label: str) -> dict[str, Any]:
    doc = sentence_case(plan.doc_type)
    issuer = clean_text(plan.issuer.one_line_name)
    attached = (
        f"(Kèm theo {doc} số {number_symbol(plan.number, plan.symbol)} {long_date(plan.date)} của {issuer})"
    )
    return {
        "label": label,
        "title": upper_vi(clean_text(appendix.title)),
        "attached": attached,
        "columns": [clean_text(c) for c in appendix.columns],
        "rows": [[clean_text(str(v)) for v in r] for r in appendix.rows],
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
        "issuer_rule": rule_text(widest, 0.42, _COLUMN_EM[12]),
        "number_symbol": number_symbol(plan.number, plan.symbol),
        "dateline": dateline(plan.issuer.place, plan.date),
        "doc_type": upper_vi(clean_text(plan.doc_type)),
        "subject": subject,
        "subject_rule": rule_text(max(subject.split("\n"), key=text_width_em), 0.4, _COLUMN_EM[14]),
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
