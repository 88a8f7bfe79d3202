"""Read and write numbers the Vietnamese way.

"1.100" is one thousand one hundred (a dot groups thousands), "2,5" is two and a half (a comma
marks decimals), counts below ten are padded ("01", "06"), and small numbers are often written
in words ("một", "hai mươi"). Fractions of units are written "4/12".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.vn.normalize import match_key

# A number as written: digits with dot-grouped thousands and an optional comma decimal part,
# or plain digits with a comma or a dot decimal part.
NUMBER_PATTERN = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_NUMBER = re.compile(rf"^(?:{NUMBER_PATTERN})$")
_FRACTION = re.compile(rf"^({NUMBER_PATTERN})\s*/\s*({NUMBER_PATTERN})$")

_UNIT_WORDS = {
    "không": 0,
    "một": 1,
    "mốt": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "tư": 4,
    "năm": 5,
    "lăm": 5,
    "nhăm": 5,
    "sáu": 6,
    "bảy": 7,
    "bẩy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
    "linh": 0,
    "lẻ": 0,
}
_TEN_WORDS = {"mươi": 10}
_MULTIPLIER_WORDS = {"trăm": 100, "nghìn": 1000, "ngàn": 1000, "triệu": 1_000_000}
# Compared through match_key so that tone placement and case never matter.
_UNITS = {match_key(w): v for w, v in _UNIT_WORDS.items()}
_TENS = {match_key(w): v for w, v in _TEN_WORDS.items()}
_MULTIPLIERS = {match_key(w): v for w, v in _MULTIPLIER_WORDS.items()}


class NumberFormatError(ValueError):
    """Raised when a text is not a number in any accepted Vietnamese form."""


def parse_number(text: str) -> float:
    """Read "1.100", "2,5", "01", "90", "1.000,5" or a number in words ("hai mươi").

    A dot followed by groups of exactly three digits groups thousands; any other single dot
    or comma is a decimal mark.
    """
    raw = text.strip().replace("\u00a0", "").replace(" ", "")
    if _NUMBER.match(raw):
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", raw):
            raw = raw.replace(".", "").replace(",", ".")
        else:
            raw = raw.replace(",", ".")
        return float(raw)
    words = parse_number_words(text)
    if words is None:
        raise NumberFormatError(f"not a number: {text!r}")
    return float(words)


def parse_number_words(text: str) -> int | None:
    """Read a number written in Vietnamese words, or return None.

    "mươi" and "trăm" multiply only the digit just before them, so "một trăm hai mươi" is 120
    (not (100 + 2) x 10) and "không trăm" is zero hundreds; "nghìn", "triệu" close a group.
    """
    key = match_key(text)
    if not key:
        return None
    total = 0  # closed groups (thousands, millions)
    group = 0  # the group below a thousand being read
    digit: int | None = None  # the digit (or "mười" + digit) not yet multiplied
    for word in key.split():
        if word in _TENS:
            group += (1 if digit is None else digit) * _TENS[word]
            digit = None
        elif word in _UNITS:
            digit = (digit or 0) + _UNITS[word]
        elif word in _MULTIPLIERS and _MULTIPLIERS[word] < 1000:
            group += (1 if digit is None else digit) * _MULTIPLIERS[word]
            digit = None
        elif word in _MULTIPLIERS:
            value = group + (digit or 0)
            total += (value if value or digit is not None else 1) * _MULTIPLIERS[word]
            group, digit = 0, None
        else:
            return None
    return total + group + (digit or 0)


@dataclass(frozen=True)
class Fraction:
    """A share of units written as "4/12"."""

    numerator: float
    denominator: float

    @property
    def percent(self) -> float:
        return 100.0 * self.numerator / self.denominator if self.denominator else 0.0


def parse_fraction(text: str) -> Fraction | None:
    """Read "4/12" as a fraction; None when the text is not one."""
    m = _FRACTION.match(text.strip())
    if not m:
        return None
    return Fraction(parse_number(m.group(1)), parse_number(m.group(2)))


def format_number(value: float, decimals: int | None = None) -> str:
    """Write a number the Vietnamese way: 1100 -> "1.100", 2.5 -> "2,5"."""
    if decimals is None:
        # Up to six decimals, trailing zeros dropped below. (Reading the digits off repr()
        # failed on values repr writes in exponent form, such as 1e-07.)
        decimals = 0 if float(value).is_integer() else 6
    integer, _, fraction = f"{abs(value):.{decimals}f}".partition(".")
    groups: list[str] = []
    while len(integer) > 3:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    groups.insert(0, integer)
    text = ".".join(groups)
    fraction = fraction.rstrip("0")
    if fraction:
        text += "," + fraction
    # A negative value that rounds to zero prints as "0", never "-0".
    return ("-" if value < 0 and text != "0" else "") + text


def format_count(value: float) -> str:
    """A count as printed in plans: padded to two digits below ten ("06"), else grouped."""
    if float(value).is_integer() and 0 <= value < 10:
        return f"{int(value):02d}"
    return format_number(value)
