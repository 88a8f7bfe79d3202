"""ND021 signer-block: authority marks and titles upper bold 13–14, one per line; the name bold.

Yêu cầu / Requirement:
    Quyền hạn (TM./KT./Q./TL./TUQ.) và chức vụ người ký: in hoa, đứng, đậm, 13–14 pt, mỗi thành phần một dòng; họ tên đậm, 13–14 pt, chữ thường có viết hoa chữ đầu.
    Authority marks and titles are upper case, upright, bold, 13–14 pt, one per line; the name is bold, 13–14 pt, in normal case.

Why:
    NĐ 30/2020/NĐ-CP Phụ lục I, Mục II.7 and Điều 13 (nd30.md §2.2 rows 7a–7b, §2.6).

Fails:
    "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH" on one line, "Chủ tịch" in normal case, a non-bold name.

Passes:
    "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH" / (signature) / "Trần Văn B", all 14 pt bold.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from app.extract.layout import Layout, Paragraph
from app.messages import t
from app.rules.finding import Finding, Severity
from app.rules.format.anatomy import anatomy
from app.rules.format.facts import check_size, check_style, finding, is_upper
from app.vn.normalize import clean

CODE = "ND021"
NAME = "signer-block"
SEVERITY = Severity.ERROR
SOURCE = "NĐ 30/2020 Phụ lục I, Mục II.7; Điều 13; nd30.md §2.6"
_MARKS = re.compile(r"(?:^|\s)(TM|KT|Q|TL|TUQ)\.")


def _title_problem(paragraph: Paragraph) -> Finding | None:
    if len(_MARKS.findall(clean(paragraph.text))) > 1:
        return finding(
            CODE,
            SEVERITY,
            paragraph.location,
            "fmt_part_signer",
            t("fmt_several_marks"),
            t("fmt_one_per_line"),
        )
    if not is_upper(paragraph):
        return finding(
            CODE, SEVERITY, paragraph.location, "fmt_part_signer", t("fmt_not_upper"), t("fmt_upper")
        )
    return check_style(CODE, SEVERITY, paragraph, "fmt_part_signer", bold=True, italic=False) or check_size(
        CODE, SEVERITY, paragraph, "fmt_part_signer", 13, 14
    )


def check(layout: Layout) -> Iterator[Finding]:
    lines = [p for p in anatomy(layout).signer if not clean(p.text).startswith("(")]
    if not lines:
        return
    name = lines[-1] if len(lines) > 1 and not is_upper(lines[-1]) else None
    titles = lines[:-1] if name else lines
    for paragraph in titles:
        problem = _title_problem(paragraph)
        if problem:
            yield problem
    if name is not None:
        problem = check_style(CODE, SEVERITY, name, "fmt_part_signer_name", bold=True, italic=False)
        problem = problem or check_size(CODE, SEVERITY, name, "fmt_part_signer_name", 13, 14)
        if problem:
            yield problem
