"""Numbers the Vietnamese way: "1.100", "2,5", "01", words, fractions, and back."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.vn.numbers import (
    Fraction,
    NumberFormatError,
    format_count,
    format_number,
    parse_fraction,
    parse_number,
    parse_number_words,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.100", 1100),
        ("2,5", 2.5),
        ("01", 1),
        ("06", 6),
        ("1.000,5", 1000.5),
        ("12.345.678", 12_345_678),
        ("2.500", 2500),
        ("90", 90),
        ("0,5", 0.5),
        ("1 100", 1100),
        ("\u00a006 ", 6),
        ("1.5", 1.5),  # a dot not followed by groups of three digits is a decimal mark
    ],
)
def test_parse_number_digits(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("một", 1),
        ("mười", 10),
        ("mười lăm", 15),
        ("mười một", 11),
        ("hai mươi", 20),
        ("hai mươi mốt", 21),
        ("ba mươi tư", 34),
        ("bảy mươi lăm", 75),
        ("một trăm", 100),
        ("một trăm linh năm", 105),
        ("một trăm hai mươi", 120),  # was read as 1020
        ("chín trăm chín mươi chín", 999),
        ("hai nghìn năm trăm", 2500),
        ("một nghìn không trăm linh năm", 1005),  # "không trăm" was read as one hundred
        ("một nghìn một trăm", 1100),
        ("một triệu hai trăm nghìn", 1_200_000),
        ("Hai Mươi", 20),
        ("không", 0),
    ],
)
def test_parse_number_words(text: str, value: int) -> None:
    assert parse_number(text) == value
    assert parse_number_words(text) == value


@pytest.mark.parametrize("text", ["", "abc", "nhiều", "1,2,3", "hai mươi người", "-"])
def test_not_a_number_is_an_error_not_a_guess(text: str) -> None:
    with pytest.raises(NumberFormatError):
        parse_number(text)


@pytest.mark.parametrize(
    ("text", "fraction"),
    [("4/12", Fraction(4, 12)), ("4 / 12", Fraction(4, 12)), ("1.000/2.000", Fraction(1000, 2000))],
)
def test_parse_fraction(text: str, fraction: Fraction) -> None:
    assert parse_fraction(text) == fraction


def test_fraction_percent() -> None:
    assert parse_fraction("4/12") is not None
    assert parse_fraction("3/12") == Fraction(3, 12)
    assert Fraction(3, 12).percent == 25.0
    assert Fraction(1, 0).percent == 0.0


@pytest.mark.parametrize("text", ["4", "4/", "/12", "bốn/mười hai", "4/12 xã"])
def test_not_a_fraction(text: str) -> None:
    assert parse_fraction(text) is None


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (1100, "1.100"),
        (2.5, "2,5"),
        (0, "0"),
        (1000.5, "1.000,5"),
        (1_234_567.25, "1.234.567,25"),
        (-1100, "-1.100"),
        (0.1 + 0.2, "0,3"),
        (5e-5, "0,00005"),
        (1e-7, "0"),  # used to crash: repr() writes it as 1e-07
        (-1e-9, "0"),  # never "-0"
        (999_999.999, "999.999,999"),
    ],
)
def test_format_number(value: float, text: str) -> None:
    assert format_number(value) == text


def test_format_number_with_fixed_decimals() -> None:
    assert format_number(2.456, decimals=1) == "2,5"
    assert format_number(1100, decimals=2) == "1.100"


@pytest.mark.parametrize(
    ("value", "text"),
    [(6, "06"), (1, "01"), (9, "09"), (10, "10"), (25, "25"), (1100, "1.100"), (2.5, "2,5")],
)
def test_format_count_pads_below_ten(value: float, text: str) -> None:
    assert format_count(value) == text


# No example database: tests must not leave a .hypothesis/ folder in the working tree.
NO_DB = settings(database=None)


@NO_DB
@given(st.integers(min_value=0, max_value=10**12))
def test_integers_round_trip(value: int) -> None:
    assert parse_number(format_number(value)) == value


@NO_DB
@given(st.decimals(min_value=0, max_value=10**9, places=4, allow_nan=False, allow_infinity=False))
def test_decimals_round_trip(value: Decimal) -> None:
    number = float(value)
    assert parse_number(format_number(number)) == number


@NO_DB
@given(st.integers(min_value=0, max_value=10**6))
def test_count_round_trips(value: int) -> None:
    assert parse_number(format_count(value)) == value
