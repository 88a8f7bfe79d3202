"""Administrative levels are data; the level a phrase speaks of is read from its unit words."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.levels import DEFAULT_LEVELS, Level, LevelTable, unit_token


@pytest.mark.parametrize(
    ("phrase", "level"),
    [
        # seed 003
        ("Đảm bảo 100% các huyện, thị xã, thành phố xây dựng Kế hoạch", "district"),  # was "commune"
        ("phấn đấu 100% các xã, phường, thị trấn tổ chức được ít nhất 01 hoạt động", "commune"),
        ("Hằng tháng có ít nhất 01 bài hoặc tin ... Cổng thông tin điện tử của tỉnh", "province"),
        ("25 Đội công tác xã hội tình nguyện cấp xã", "commune"),  # "cấp" was never a marker
        # seed 001
        ("ít nhất 90% số xã, thị trấn tổ chức được ít nhất một hình thức tuyên truyền", "commune"),
        ("4/12 xã, thị trấn xây dựng, triển khai mô hình thí điểm", "commune"),
        # seed 004
        ("UBND các xã và thị trấn Vĩnh An", "commune"),
        ("các xã, phường, thị trấn", "commune"),
        # two-level model
        ("100% xã, phường tổ chức ít nhất 01 hoạt động truyền thông", "commune"),
        ("Ủy ban nhân dân các xã, phường", "commune"),
        ("các đặc khu", "commune"),
        ("mỗi xã tổ chức 01 buổi", "commune"),
        ("phạm vi toàn tỉnh", "province"),
        ("UBND các huyện, thị xã, thành phố", "district"),
        ("các thị xã", "district"),
    ],
)
def test_infer_on_real_phrases(phrase: str, level: str) -> None:
    assert DEFAULT_LEVELS.infer(phrase) == level


@pytest.mark.parametrize(
    "phrase",
    [
        "Phòng Lao động - Thương binh và Xã hội",
        "cán bộ làm công tác phòng, chống tệ nạn xã hội",
        "người lao động trong các khu công nghiệp",
        "",
    ],
)
def test_no_unit_no_level(phrase: str) -> None:
    assert DEFAULT_LEVELS.infer(phrase) is None
    assert DEFAULT_LEVELS.infer_any(phrase) is None


def test_infer_needs_a_marker_but_infer_any_does_not() -> None:
    assert DEFAULT_LEVELS.infer("Ủy ban nhân dân tỉnh") is None
    assert DEFAULT_LEVELS.infer_any("Ủy ban nhân dân tỉnh") == "province"
    assert DEFAULT_LEVELS.infer_any("Ủy ban nhân dân thị xã") == "district"


def test_lowest_level_wins() -> None:
    assert DEFAULT_LEVELS.infer("các xã, thị trấn thuộc các huyện") == "commune"


def test_old_tone_placement_is_understood() -> None:
    assert DEFAULT_LEVELS.infer("các xã, phường thuộc thành phố Thuỷ Nguyên") == "commune"


def test_is_below() -> None:
    assert DEFAULT_LEVELS.is_below("commune", "province")
    assert DEFAULT_LEVELS.is_below("district", "province")
    assert not DEFAULT_LEVELS.is_below("province", "commune")
    assert not DEFAULT_LEVELS.is_below("commune", "commune")
    assert not DEFAULT_LEVELS.is_below("ấp", "province")


def test_levels_are_data_a_deployment_can_extend() -> None:
    table = LevelTable((*DEFAULT_LEVELS.levels, Level("hamlet", 4, "Thôn, ấp", ("ấp", "thôn", "khu phố"))))
    assert table.ids()[-1] == "hamlet"
    assert table.infer("100% các ấp, khu phố") == "hamlet"
    assert table.is_below("hamlet", "commune")
    assert DEFAULT_LEVELS.get("hamlet") is None


def test_the_level_below_the_province_is_the_commune_from_july_2025() -> None:
    below_2026 = DEFAULT_LEVELS.below("province", dt.date(2026, 1, 20))
    below_2019 = DEFAULT_LEVELS.below("province", dt.date(2019, 12, 31))
    assert below_2026 is not None
    assert below_2026.id == "commune"
    assert below_2019 is not None
    assert below_2019.id == "district"
    assert DEFAULT_LEVELS.below("commune") is None
    assert DEFAULT_LEVELS.below("nowhere") is None


def test_the_level_above_the_commune_skips_the_abolished_district() -> None:
    assert DEFAULT_LEVELS.above("commune", dt.date(2025, 7, 1)).id == "province"  # type: ignore[union-attr]
    assert DEFAULT_LEVELS.above("commune", dt.date(2025, 6, 30)).id == "district"  # type: ignore[union-attr]
    assert DEFAULT_LEVELS.above("national") is None


def test_masked_key_keeps_compounds_of_unit_words_apart() -> None:
    assert DEFAULT_LEVELS.masked_key("UBND thị xã Long Khánh").split()[1] == unit_token("thị xã")
    assert unit_token("xã hội") in DEFAULT_LEVELS.masked_key("Phòng Lao động - Thương binh và Xã hội")
