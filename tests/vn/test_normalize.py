"""Vietnamese text primitives: NFC, old/new tone placement, slugs, upper case."""

from __future__ import annotations

import unicodedata

import pytest

from app.vn.normalize import clean, fold_tones, match_key, nfc, slugify, strip_diacritics, upper_vi


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("hoà", "hòa"),
        ("thuỷ", "thủy"),
        ("Uỷ ban", "Ủy ban"),
        ("khoẻ", "khỏe"),
        ("Toà án", "Tòa án"),
        ("loè", "lòe"),
    ],
)
def test_old_and_new_tone_placement_match(old: str, new: str) -> None:
    assert old != new
    assert match_key(old) == match_key(new)
    assert fold_tones(old) == fold_tones(new)


def test_different_tones_do_not_match() -> None:
    assert match_key("hòa") != match_key("hóa")
    assert match_key("thủy") != match_key("thùy")


def test_vowel_marks_are_letters_not_tones() -> None:
    # "ma" and "mà" differ by a tone; "ma" and "mâ" by a letter; neither may collapse.
    assert match_key("cấp") != match_key("cáp")
    assert match_key("người") == "ngươif"


def test_match_key_folds_case_punctuation_dashes_and_spaces() -> None:
    assert match_key("  UBND   các xã,\u00a0thị trấn – 2025 ") == match_key("ubnd các xã thị trấn - 2025")
    assert match_key("ĐỒNG NAI") == match_key("Đồng Nai")


def test_decomposed_text_is_composed() -> None:
    decomposed = unicodedata.normalize("NFD", "Ủy ban nhân dân huyện Vĩnh Cửu")
    assert nfc(decomposed) == "Ủy ban nhân dân huyện Vĩnh Cửu"
    assert match_key(decomposed) == match_key("Ủy ban nhân dân huyện Vĩnh Cửu")


def test_clean_makes_typography_plain() -> None:
    assert clean("a\u00a0 b – “c”\u200b ‘d’") == "a b - \"c\" 'd'"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Xã Tân Phú", "xa-tan-phu"),
        ("Huyện Vĩnh Cửu", "huyen-vinh-cuu"),
        ("Đồng Nai – 2025!", "dong-nai-2025"),
        ("Bà Rịa - Vũng Tàu", "ba-ria-vung-tau"),
        ("", ""),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_slugify_separator_and_old_tone_placement() -> None:
    assert slugify("Thuỷ lợi", "_") == slugify("Thủy lợi", "_") == "thuy_loi"


def test_strip_diacritics_keeps_case_and_turns_d_bar_into_d() -> None:
    assert strip_diacritics("Đồng Nai, Vĩnh Cửu, đường") == "Dong Nai, Vinh Cuu, duong"


@pytest.mark.parametrize(
    ("text", "upper"),
    [
        ("ủy ban nhân dân huyện vĩnh cửu", "ỦY BAN NHÂN DÂN HUYỆN VĨNH CỬU"),
        ("độc lập - tự do - hạnh phúc", "ĐỘC LẬP - TỰ DO - HẠNH PHÚC"),
        ("phó chủ tịch", "PHÓ CHỦ TỊCH"),
    ],
)
def test_upper_vi(text: str, upper: str) -> None:
    assert upper_vi(text) == upper


def test_upper_vi_of_decomposed_text_is_nfc() -> None:
    result = upper_vi(unicodedata.normalize("NFD", "kế hoạch"))
    assert result == "KẾ HOẠCH"
    assert unicodedata.is_normalized("NFC", result)
