"""Quota allocation: shares add up exactly, rows and columns of a breakdown alike."""

from __future__ import annotations

import math
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.batch.allocate import allocate, largest_remainder, round_table
from app.domain.errors import QuotaError
from app.domain.targets import QuotaPart, Target


def _quota(value: float, breakdown: list[QuotaPart] | None = None) -> Target:
    return Target(id="t1", text="cai nghiện", value=value, unit="lượt người", breakdown=breakdown or [])


def _mini_target() -> Target:
    return _quota(
        1100,
        [
            QuotaPart("tại cơ sở", 1000, [QuotaPart("bắt buộc", 920), QuotaPart("tự nguyện", 80)]),
            QuotaPart("tại gia đình", 100),
        ],
    )


def test_largest_remainder_gives_leftover_units_to_the_largest_fractions() -> None:
    # exact shares 3.33, 3.33, 3.33 of 10: the first (tie broken by position) gets the extra unit
    assert largest_remainder(10, [1, 1, 1]) == [4, 3, 3]
    # exact shares 1.5, 2.5, 6: remainders tie, first wins; 6 is exact
    assert largest_remainder(10, [15, 25, 60]) == [2, 2, 6]


def test_all_zero_weights_cannot_share_a_quota() -> None:
    with pytest.raises(QuotaError, match="Trọng số"):
        largest_remainder(5, [0, 0])


def test_explicit_figures_are_kept_and_the_rest_is_shared_by_weight() -> None:
    shares = allocate(_quota(1000), weights=[1, 1, 3], explicit=[400, None, None])
    assert [s["t1"] for s in shares] == [400, 150, 450]


def test_explicit_figures_below_the_parent_for_every_commune_are_refused() -> None:
    with pytest.raises(QuotaError):
        allocate(_quota(1000), weights=[1, 1], explicit=[100, 200])


def test_breakdown_of_the_seed_quota_adds_up_by_commune_and_by_part() -> None:
    shares = allocate(_mini_target(), weights=[1200, 800, 430, 95, 3000, 1])
    total: Counter[str] = Counter()
    for share in shares:
        total.update(share)
        assert share["t1"] == share["t1/tại cơ sở"] + share["t1/tại gia đình"]
        assert share["t1/tại cơ sở"] == share["t1/tại cơ sở/bắt buộc"] + share["t1/tại cơ sở/tự nguyện"]
    assert total == {
        "t1": 1100,
        "t1/tại cơ sở": 1000,
        "t1/tại cơ sở/bắt buộc": 920,
        "t1/tại cơ sở/tự nguyện": 80,
        "t1/tại gia đình": 100,
    }


@settings(max_examples=200, deadline=None)
@given(
    total=st.integers(min_value=0, max_value=100_000),
    weights=st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=60),
)
def test_largest_remainder_adds_up_and_stays_within_one_of_the_exact_share(
    total: int, weights: list[int]
) -> None:
    if sum(weights) == 0:
        weights = [*weights[:-1], 1]
    shares = largest_remainder(total, weights)
    assert sum(shares) == total
    for share, weight in zip(shares, weights, strict=True):
        exact = total * weight / sum(weights)
        assert math.floor(exact) <= share <= math.ceil(exact)


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(st.integers(min_value=0, max_value=500), min_size=1, max_size=40),
    cols=st.lists(st.integers(min_value=0, max_value=50), min_size=1, max_size=5),
)
def test_round_table_keeps_row_and_column_sums(rows: list[int], cols: list[int]) -> None:
    total = sum(rows)
    if sum(cols) == 0:
        cols = [*cols[:-1], 1]
    col_sums = largest_remainder(total, cols)
    table = round_table(rows, col_sums)
    assert [sum(r) for r in table] == rows
    assert [sum(table[i][j] for i in range(len(rows))) for j in range(len(cols))] == col_sums
    for i, r in enumerate(rows):
        for j, c in enumerate(col_sums):
            exact = r * c / total if total else 0
            assert math.floor(exact) <= table[i][j] <= math.ceil(exact)


@settings(max_examples=100, deadline=None)
@given(weights=st.lists(st.integers(min_value=1, max_value=100_000), min_size=1, max_size=200))
def test_every_part_of_the_breakdown_adds_up_to_the_parent(weights: list[int]) -> None:
    shares = allocate(_mini_target(), weights)
    total: Counter[str] = Counter()
    for share in shares:
        total.update(share)
    assert total["t1"] == 1100
    assert total["t1/tại cơ sở"] == 1000
    assert total["t1/tại cơ sở/bắt buộc"] == 920
    assert total["t1/tại cơ sở/tự nguyện"] == 80
    assert total["t1/tại gia đình"] == 100
