"""Clauses of plan text → targets (app/extract/clauses.py), from real wording."""

from __future__ import annotations

from app.extract.clauses import Scope, extract_targets


def test_a_second_measure_after_a_comma_is_a_target_of_its_own() -> None:
    text = (
        "Tổng giá trị sản phẩm Xoài tham gia xuất khẩu đến năm 2030 dự kiến đạt 10 triệu USD, "
        "tốc độ tăng bình quân 08 - 09%/năm."
    )
    found = extract_targets(text, Scope(deadline=2030, own_level="province"))
    assert [(t.value, t.unit) for t in found] == [(10, "triệu USD"), (9, "%")]
