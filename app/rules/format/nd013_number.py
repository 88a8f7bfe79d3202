"""ND013 number-symbol: "Số: 05/KH-UBND" — padded below 10, no spaces in the symbol, no year.

Yêu cầu / Requirement:
    Số, ký hiệu dạng "Số: 05/KH-UBND": số dưới 10 có số 0 đứng trước, ký hiệu không có dấu cách, không ghi năm, cỡ 13 pt, chữ đứng.
    Number and symbol as "Số: 05/KH-UBND": numbers below 10 padded, no spaces in the symbol, no year, 13 pt upright.

Why:
    NĐ 30/2020/NĐ-CP Phụ lục I, Mục II.3 and Điều 15 (nd30.md §2.3). The "/2025/" year belongs
    to legal normative documents, not to a KẾ HOẠCH. A draft may leave the number blank
    ("Số:    /KH-UBND") for the văn thư to fill in; that is accepted.

Fails:
    "Số: 5/KH-UBND", "Số: 05/KH - UBND", "Số: 12/2025/KH-UBND", "Số 05/KH-UBND" (no colon), "Số:05/KH-UBND",
    "Số: 05/QĐ-UBND" on a KẾ HOẠCH (the type code must agree with the type name: KH ↔ KẾ HOẠCH,
    BC ↔ BÁO CÁO; nd30.md §3.1).

Passes:
    "Số: 05/KH-UBND", "Số: 4544/KH-UBND", "Số:     /KH-UBND", "Số: 03/BC-SYT" on a BÁO CÁO.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from app.extract.layout import Layout
from app.messages import t
from app.rules.finding import Finding, Severity
from app.rules.format.anatomy import DOC_TYPE_CODES, anatomy, doc_type_name
from app.rules.format.facts import check_size, check_style, finding
from app.vn.normalize import clean

CODE = "ND013"
NAME = "number-symbol"
SEVERITY = Severity.ERROR
SOURCE = "NĐ 30/2020 Phụ lục I, Mục II.3; Điều 15; nd30.md §2.3"
_FORM = re.compile(r"^Số: (?P<number>\d*) *(?P<slash>/)\s*(?P<symbol>.*)$")
_YEAR = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")


def _problem(text: str, type_code: str | None) -> str | None:
    """The message key of the first defect of a "Số: ..." text, or None. ``type_code`` is the
    code the document's type name calls for ("KH" for a KẾ HOẠCH, "BC" for a BÁO CÁO)."""
    match = _FORM.match(text)
    if not match:
        return "fmt_number_form"
    number, symbol = match["number"], match["symbol"]
    if number and (len(number) < 2 or (int(number) >= 10 and number.startswith("0"))):
        return "fmt_number_padding"
    if re.search(r"\s", symbol) or re.search(r"\d\s+/|/\s+", text[3:].strip()):
        return "fmt_number_spaces"
    if _YEAR.search(symbol):
        return "fmt_number_year"
    if type_code and symbol.split("-")[0] != type_code:
        return "fmt_number_type"
    return None


def check(layout: Layout) -> Iterator[Finding]:
    parts = anatomy(layout)
    paragraph = parts.number
    if paragraph is None:
        return
    text = clean(paragraph.text)
    name = doc_type_name(parts.doc_type)
    code = DOC_TYPE_CODES[name] if name else None
    key = _problem(text, code)
    if key:
        required = t(key).format(code=code, name=name)
        yield finding(
            CODE, SEVERITY, paragraph.location, "fmt_part_number", t("fmt_text").format(text=text), required
        )
    problem = check_style(CODE, SEVERITY, paragraph, "fmt_part_number", italic=False)
    problem = problem or check_size(CODE, SEVERITY, paragraph, "fmt_part_number", 13, 13)
    if problem:
        yield problem
