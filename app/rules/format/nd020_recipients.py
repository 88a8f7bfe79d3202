"""ND020 recipients: 11 pt lines "- …;" ending with "- Lưu: VT, …." and a full stop.

Yêu cầu / Requirement:
    Danh sách nơi nhận cỡ 11 pt, chữ đứng; mỗi dòng bắt đầu bằng "-" và kết thúc bằng ";"; dòng cuối "- Lưu: VT, <đơn vị soạn thảo>." kết thúc bằng dấu chấm.
    Recipient lines are 11 pt upright, start with "-" and end with ";"; the last is "- Lưu: VT, <unit>." ending with a full stop.

Why:
    NĐ 30/2020/NĐ-CP Phụ lục I, Mục II.9.b (nd30.md §2.2 row 9b, §2.7). "- Lưu: VT-TH."
    (seed 004) is a real-world deviation: the decree writes "Lưu: VT, TH.".

Fails:
    A 12 pt list, a line without its ";", a last line "- Lưu VT." or "- Lưu: VT-TH.".

Passes:
    "- UBND tỉnh (để b/c);" … "- Lưu: VT, VX." in 11 pt; "+" sub-lines under a "-" line ending ":".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from app.extract.layout import Layout, Paragraph
from app.messages import t
from app.rules.finding import Finding, Severity
from app.rules.format.anatomy import anatomy
from app.rules.format.facts import check_size, check_style, finding
from app.vn.normalize import clean

CODE = "ND020"
NAME = "recipients"
SEVERITY = Severity.ERROR
SOURCE = "NĐ 30/2020 Phụ lục I, Mục II.9.b; nd30.md §2.2, §2.7"
_ARCHIVE = re.compile(r"^-\s*Lưu\s*:\s*VT(,\s*\S.*)?\.$")


def _text_problem(paragraph: Paragraph, last: bool) -> str | None:
    text = clean(paragraph.shown_text)
    if last:
        return None if _ARCHIVE.match(text) else "fmt_recipient_last"
    if not text.startswith(("-", "+")):
        return "fmt_recipient_dash"
    if not text.endswith((";", ":")):
        return "fmt_recipient_semicolon"
    return None


def check(layout: Layout) -> Iterator[Finding]:
    lines = anatomy(layout).recipients
    for number, paragraph in enumerate(lines, start=1):
        key = _text_problem(paragraph, number == len(lines))
        if key:
            text = t("fmt_text").format(text=clean(paragraph.shown_text))
            yield finding(CODE, SEVERITY, paragraph.location, "fmt_part_recipients", text, t(key))
            continue
        problem = check_size(CODE, SEVERITY, paragraph, "fmt_part_recipients", 11, 11)
        problem = problem or check_style(
            CODE, SEVERITY, paragraph, "fmt_part_recipients", bold=False, italic=False
        )
        if problem:
            yield problem
