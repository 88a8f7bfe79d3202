"""ND018 body-ending: the body's last line ends with "./.".

Yêu cầu / Requirement:
    Câu cuối cùng của phần nội dung kết thúc bằng "./.".
    The last line of the body ends with "./.".

Why:
    NĐ 30/2020/NĐ-CP Phụ lục III: every model layout (Mẫu 1.1–3.2) closes the content with
    "./." (nd30.md §2.2), so nothing can be appended after signing.

Fails:
    A body whose last paragraph ends "... thực hiện." or "... thực hiện./".

Passes:
    "... báo cáo UBND tỉnh để xem xét, giải quyết./."
"""

from __future__ import annotations

from collections.abc import Iterator

from app.extract.layout import Layout
from app.messages import t
from app.rules.finding import Finding, Severity
from app.rules.format.anatomy import anatomy
from app.rules.format.facts import finding
from app.vn.normalize import clean

CODE = "ND018"
NAME = "body-ending"
SEVERITY = Severity.ERROR
SOURCE = "NĐ 30/2020 Phụ lục III (Mẫu 1.4); nd30.md §2.2"
ENDING = "./."


def check(layout: Layout) -> Iterator[Finding]:
    body = anatomy(layout).body
    if not body:
        return
    last = body[-1]
    text = clean(last.text)
    if not text.endswith(ENDING):
        found = t("fmt_text").format(text=("…" + text[-40:]) if len(text) > 40 else text)
        yield finding(CODE, SEVERITY, last.location, "fmt_part_ending", found, t("fmt_ending_required"))
