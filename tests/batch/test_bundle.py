"""File stems of a batch: readable, unique, and never longer than a file name may be."""

from __future__ import annotations

from pathlib import Path

from app.batch.bundle import MAX_NAME, cap_slug, unique_names

LONG = "xã Tân Phú " + "huyện Định Quán tỉnh Đồng Nai cũ sáp nhập theo Nghị quyết " * 55  # ~3,000 characters


def test_short_names_are_slugs_made_unique_in_list_order() -> None:
    assert unique_names(["Xã Tân Phú", "xã Tân-Phú", "Phường Tân Phong", "Xã Tân Phú"]) == [
        "xa-tan-phu",
        "xa-tan-phu-2",
        "phuong-tan-phong",
        "xa-tan-phu-3",
    ]
    assert unique_names(["!!!"]) == ["don-vi"]


def test_a_3000_character_name_is_cut_at_a_word_to_the_cap() -> None:
    assert len(LONG) > 3000
    (name,) = unique_names([LONG])
    assert len(name) <= MAX_NAME == 80
    assert name.startswith("xa-tan-phu-huyen-dinh-quan-tinh-dong-nai")
    assert not name.endswith("-")
    # cut where a word ends: the last part is a whole word of the name
    assert f"-{name.split('-')[-1]}-" in f"-{unique_names([LONG], limit=10_000)[0]}-"


def test_long_names_alike_in_their_first_80_characters_stay_unique_within_the_cap() -> None:
    names = unique_names([LONG, LONG + " A", LONG + " B", "x" * 200, "x" * 300])
    assert len(set(names)) == 5
    assert all(len(n) <= MAX_NAME for n in names)
    assert names[1].endswith("-2")
    assert names[2].endswith("-3")
    assert names[3] == "x" * 80  # one word longer than the cap is cut inside it
    assert names[4] == "x" * 78 + "-2"


def test_a_capped_name_never_takes_the_name_of_another_commune() -> None:
    """A commune whose whole name is the cut name of a longer one gets "-2", not a clash."""
    capped = cap_slug(unique_names([LONG])[0])
    first, second = unique_names([LONG, capped.replace("-", " ")])
    assert first == capped
    assert second == f"{cap_slug(capped, MAX_NAME - 2)}-2"


def test_capped_names_can_be_written_as_files(tmp_path: Path) -> None:
    """What used to fail ("File name too long") for the 3,000-character name."""
    for name in unique_names([LONG, LONG]):
        target = tmp_path / f".{name}.docx.some-host-name.1234567.part"
        target.write_bytes(b"x")
        assert target.exists()
