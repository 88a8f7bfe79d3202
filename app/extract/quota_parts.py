"""The breakdown of an absolute quota into shares, as plans print it.

Two shapes: the total, a colon, then one ";"-clause per share until the shares add up
("cho ít nhất 1.100 lượt người: tại cơ sở 1.000 lượt người (bắt buộc 920, tự nguyện 80); tại
gia đình, cộng đồng 100 lượt người"), and "trong đó" inside one clause ("cho 550 lượt người,
trong đó tập trung cho 500 lượt người, tại gia đình và cộng đồng cho 50 lượt người"). A share
is taken only in the quota's own unit and only while the total is not exceeded, so the next
figure ("tư vấn 2.500 lượt người") starts a target of its own.
"""

from __future__ import annotations

import re

from app.domain.targets import QuotaPart, Target
from app.extract.figures import N, find_heads
from app.vn.normalize import match_key
from app.vn.numbers import parse_number

IN_WHICH = re.compile(r"\btrong\s+đó\b", re.IGNORECASE)
_SUBPARTS = re.compile(rf"([^,()]+?)\s+({N})(?=\s*[,)])")
_LABEL_TAIL = re.compile(r"\s+(?:cho|là|có|ít nhất|tối thiểu)\s*$", re.IGNORECASE)


def take_part(quota: Target, clause: str, first: bool = False) -> bool:
    """Add ``clause`` to ``quota``'s breakdown when it is the next share of it; the clause
    joins the quota's text unless it is the ``first`` share, printed after the colon."""
    heads = [h for h in find_heads(clause) if h.kind == "count"]
    if not heads or quota.value is None or match_key(heads[0].unit or "") != match_key(quota.unit or ""):
        return False
    head = heads[0]
    if quota.breakdown_total() + head.value > quota.value + 1e-9:
        return False
    label = _LABEL_TAIL.sub("", clause[: head.start].strip(" ,:")).strip(" ,:")
    part = QuotaPart(label=label or "phần", value=head.value)
    inner = re.search(r"\(([^)]*)\)", clause[head.end :])
    if inner:
        part.parts = [
            QuotaPart(m.group(1).strip(), parse_number(m.group(2)))
            for m in _SUBPARTS.finditer(inner.group(1) + ")")
        ]
    quota.breakdown.append(part)
    if not first:
        quota.text = f"{quota.text}; {clause}"
    return True


def parts_in_which(after: str, unit: str | None) -> list[QuotaPart]:
    """The shares listed after "trong đó" in the words following a quota."""
    found = IN_WHICH.search(after)
    if found is None:
        return []
    rest = after[found.end() :]
    parts: list[QuotaPart] = []
    start = 0
    for head in find_heads(rest):
        if head.kind == "count" and match_key(head.unit or "") == match_key(unit or ""):
            label = _LABEL_TAIL.sub("", rest[start : head.start].strip(" ,")).strip(" ,")
            parts.append(QuotaPart(label or "phần", head.value))
            start = head.end
    return parts
