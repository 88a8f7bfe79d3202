"""The arithmetic the target rules share (app/review/strength.py), and figures read from text."""

from __future__ import annotations

import pytest

from app.domain.targets import Comparator, Target
from app.review.figures import read_figure, with_figure
from app.review.strength import comparable_values, describe_value, effective_deadline, laxer, units_compatible
from app.review.vocabulary import load_vocabulary


def t(
    value: float | None, comparator: Comparator = Comparator.AT_LEAST, unit: str = "%", **kw: object
) -> Target:
    return Target("x", kw.pop("text", "chỉ tiêu"), comparator=comparator, value=value, unit=unit, **kw)  # type: ignore[arg-type]


def test_units_of_one_kind_compare() -> None:
    vocab = load_vocabulary()
    assert units_compatible("Điểm tư vấn", "điểm", vocab)
    assert units_compatible("lượt người", "người", vocab)
    assert not units_compatible("bài", "%", vocab)
    # "mỗi quý 01 lần kiểm tra" carries "mỗi quý 01 đợt kiểm tra" (unit groups in synonyms.yaml)
    assert units_compatible("đợt", "lần", vocab)
    assert not units_compatible("lần", "lớp", vocab)


def test_fractions_and_shares_are_put_on_one_scale() -> None:
    vocab = load_vocabulary()
    assert comparable_values(t(30), t(4, unit="", denominator=12), vocab) == (30, pytest.approx(33.33, 0.01))
    assert comparable_values(t(70), t(500, unit="người"), vocab) == (None, None)
    assert comparable_values(t(2, unit="đợt"), t(1, unit="lần"), vocab) == (2, 1)


def test_laxer_follows_the_direction_and_ignores_equal_figures() -> None:
    assert laxer(90, 100)
    assert not laxer(100, 100)
    assert laxer(10, 8, higher_is_stricter=False)
    assert not laxer(6, 8, higher_is_stricter=False)
    assert not laxer(1, 2, higher_is_stricter=None)


def test_the_deadline_is_the_field_else_the_last_year_written() -> None:
    assert effective_deadline(t(1, period="giai đoạn 2021 - 2025")) == 2025
    assert effective_deadline(t(1, text="Đến năm 2026, 100% cơ sở")) == 2026
    assert effective_deadline(t(1, deadline=2024, text="năm 2030")) == 2024
    assert effective_deadline(t(1)) is None


def test_figures_are_written_as_a_reader_would() -> None:
    assert describe_value(t(8, Comparator.LESS_THAN)) == "dưới 8%"
    assert describe_value(t(4, unit="", denominator=12)) == "ít nhất 4/12"
    assert describe_value(t(1100, unit="lượt người")) == "ít nhất 1.100 lượt người"


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("cai nghiện cho ít nhất 1.100 lượt người", (1100.0, None, None)),
        ("khống chế dưới 2,5% vào năm 2025", (2.5, None, "%")),
        ("duy trì 01 đội", (1.0, None, None)),
        ("đến năm 2025 có 4/12 xã", (4.0, 12.0, None)),
        ("bảy mươi lăm phần trăm người lao động", (75.0, None, "%")),
        ("đến năm 2025 hoàn thành", None),
        ("Toàn bộ người lầm lỗi có nhu cầu được tư vấn việc làm", (100.0, None, "%")),
    ],
)
def test_figures_are_read_the_vietnamese_way(text: str, figure: object) -> None:
    assert read_figure(text) == figure


def test_a_figure_in_words_before_the_unit_fills_a_missing_value() -> None:
    target = Target("x", "Tổ chức cai nghiện ma túy cho hai trăm lượt người.")
    filled = with_figure(target, "lượt người")
    assert (filled.value, filled.unit) == (200.0, "lượt người")
    assert target.value is None, "the plan's own target is not changed"
