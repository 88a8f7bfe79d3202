"""ND010 national-name: the quốc hiệu reads exactly, in upper case, bold, 12–13 pt.

Yêu cầu / Requirement:
    Quốc hiệu "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM": chữ in hoa, đứng, đậm, cỡ 12–13 pt.
    The national name reads "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", upper case, upright, bold, 12–13 pt.

Why:
    NĐ 30/2020/NĐ-CP Phụ lục I, Mục II.1 (nd30.md §2.2 row 1). Old tone placement ("HOÀ") is
    the same word and is accepted.

Fails:
    "Cộng hòa xã hội chủ nghĩa Việt Nam" in normal case, "CỘNG HÒA XÃ HỘI CHỦ NGHIÃ VIỆT NAM"
    with a misspelt word, a 14 pt or non-bold quốc hiệu, or none at all.

Passes:
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in 12 pt bold.
"""

from __future__ import annotations

from collections.abc import Iterator

from app.extract.layout import Layout
from app.messages import t
from app.rules.finding import Finding, Severity
from app.rules.format.anatomy import NATIONAL_NAME, anatomy
from app.rules.format.facts import check_size, check_style, finding, is_upper, missing
from app.vn.normalize import clean, fold_tones

CODE = "ND010"
NAME = "national-name"
SEVERITY = Severity.ERROR
SOURCE = "NĐ 30/2020 Phụ lục I, Mục II.1; nd30.md §2.2"


def check(layout: Layout) -> Iterator[Finding]:
    paragraph = anatomy(layout).national_name
    if paragraph is None:
        yield missing(CODE, SEVERITY, "fmt_part_national_name", NATIONAL_NAME)
        return
    text = clean(paragraph.text)
    if fold_tones(text.upper()) != fold_tones(NATIONAL_NAME):
        yield finding(
            CODE,
            SEVERITY,
            paragraph.location,
            "fmt_part_national_name",
            t("fmt_text").format(text=text),
            NATIONAL_NAME,
        )
    elif not is_upper(paragraph):
        yield finding(
            CODE, SEVERITY, paragraph.location, "fmt_part_national_name", t("fmt_not_upper"), t("fmt_upper")
        )
    for problem in (
        check_style(CODE, SEVERITY, paragraph, "fmt_part_national_name", bold=True, italic=False),
        check_size(CODE, SEVERITY, paragraph, "fmt_part_national_name", 12, 13),
    ):
        if problem:
            yield problem
