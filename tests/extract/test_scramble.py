"""The scrambled-text detector on real seed text, on synthetic damage, and on edge cases."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from app.extract.scramble import (
    MIN_WORDS,
    SCRAMBLED_RATIO,
    is_vietnamese_syllable,
    looks_scrambled,
    scramble_ratio,
)

SEED = (Path(__file__).parent.parent / "data" / "extract" / "seed_004.txt").read_text(encoding="utf-8")


def _marks_to_line_end(text: str) -> str:
    lines = []
    for line in text.splitlines():
        decomposed = unicodedata.normalize("NFD", line)
        marks = "".join(ch for ch in decomposed if unicodedata.combining(ch))
        lines.append("".join(ch for ch in decomposed if not unicodedata.combining(ch)) + marks)
    return "\n".join(lines)


def _half_words_replaced(text: str) -> str:
    """Every second word with a Vietnamese letter swapped for a replacement/private-use char."""
    words = text.split(" ")
    for index in range(0, len(words), 2):
        words[index] = "".join("\ufffd" if ch in "ăâđêôơư" else ch for ch in words[index])
        words[index] = words[index].replace("ệ", "\uf065").replace("ộ", "o\u0323\u0302x")
    return " ".join(words)


@pytest.mark.parametrize("word", ["nghiêng", "Hoạch", "gì", "KẾ", "quyết", "khuỷu", "người", "tướng", "đồng"])
def test_valid_syllables(word: str) -> None:
    assert is_vietnamese_syllable(word)


@pytest.mark.parametrize("word", ["hoach\u0301", "website", "xyz", "ngườì", "tion", "khng"])
def test_invalid_syllables(word: str) -> None:
    assert not is_vietnamese_syllable(word)


def test_real_plan_text_is_not_scrambled() -> None:
    ratio, words = scramble_ratio(SEED)
    assert words > 1000
    assert ratio < 0.02
    assert not looks_scrambled(SEED)


def test_marks_moved_to_the_line_end_is_scrambled() -> None:
    damaged = _marks_to_line_end(SEED)
    ratio, _ = scramble_ratio(damaged)
    assert ratio > 0.5
    assert looks_scrambled(damaged)


def test_letters_replaced_in_half_the_words_is_scrambled() -> None:
    damaged = _half_words_replaced(SEED)
    ratio, _ = scramble_ratio(damaged)
    assert ratio >= SCRAMBLED_RATIO
    assert looks_scrambled(damaged)


def test_too_little_text_is_not_judged() -> None:
    short = _marks_to_line_end("Kế hoạch số 12")
    assert scramble_ratio(short)[1] < MIN_WORDS
    assert not looks_scrambled(short)


def test_numbers_and_abbreviations_do_not_count_as_damage() -> None:
    text = "Kế hoạch số 12/KH-UBND ngày 04/01/2023 của UBND tỉnh; Bộ LĐTBXH; 1.100 người, 2,5% " * 5
    assert scramble_ratio(text)[0] == 0.0


def test_plain_english_is_not_taken_for_scrambled_vietnamese() -> None:
    text = "This annual plan sets targets for the province and assigns duties to departments. " * 5
    assert scramble_ratio(text)[0] == 0.0
    assert not looks_scrambled(text)
