"""The register of administrative units after 1/7/2025: counts, levels, and lookups the way
offices write names (with or without the type word, either tone placement)."""

from __future__ import annotations

import pytest

from app.domain.levels import DEFAULT_LEVELS
from app.vn import register
from app.vn.normalize import nfc

CENTRAL_CITIES = ("Hà Nội", "Hải Phòng", "Huế", "Đà Nẵng", "Cần Thơ", "Hồ Chí Minh")


def test_the_register_holds_34_provinces_and_3321_communes() -> None:
    assert len(register.provinces()) == 34
    assert len(register.communes()) == 3321
    assert {u.level for u in register.provinces()} == {"province"}
    assert {u.level for u in register.communes()} == {"commune"}


def test_every_level_id_is_one_of_the_level_table() -> None:
    assert {register.PROVINCE, register.COMMUNE} <= set(DEFAULT_LEVELS.ids())


def test_the_six_centrally_run_cities_are_province_level() -> None:
    cities = {u.name for u in register.provinces() if u.is_central_city}
    assert cities == set(CENTRAL_CITIES)
    for name in CENTRAL_CITIES:
        unit = register.find(f"thành phố {name}")
        assert unit is not None, name
        assert unit.level == "province"
        assert unit.type_word == "thành phố"


@pytest.mark.parametrize(
    ("written", "name", "type_word", "level", "province"),
    [
        ("thành phố Hà Nội", "Hà Nội", "thành phố", "province", "Hà Nội"),
        ("Hà Nội", "Hà Nội", "thành phố", "province", "Hà Nội"),
        ("THÀNH PHỐ HỒ CHÍ MINH", "Hồ Chí Minh", "thành phố", "province", "Hồ Chí Minh"),
        ("TP. Hồ Chí Minh", "Hồ Chí Minh", "thành phố", "province", "Hồ Chí Minh"),
        ("TP.HCM", "Hồ Chí Minh", "thành phố", "province", "Hồ Chí Minh"),
        ("tỉnh Đồng Nai", "Đồng Nai", "tỉnh", "province", "Đồng Nai"),
        ("Đồng Nai", "Đồng Nai", "tỉnh", "province", "Đồng Nai"),
        ("phường Tân Phong", "Tân Phong", "phường", "commune", "Lai Châu"),
        ("xã Tân Phong", "Tân Phong", "xã", "commune", "Sơn La"),
        ("xã Trị An", "Trị An", "xã", "commune", "Đồng Nai"),
        ("Trị An", "Trị An", "xã", "commune", "Đồng Nai"),
        ("đặc khu Phú Quốc", "Phú Quốc", "đặc khu", "commune", "An Giang"),
    ],
)
def test_a_name_is_found_with_or_without_its_type_word(
    written: str, name: str, type_word: str, level: str, province: str
) -> None:
    unit = register.find(written)
    assert unit is not None
    assert (unit.name, unit.type_word, unit.level, unit.province) == (name, type_word, level, province)


def test_old_and_new_tone_placement_find_the_same_unit() -> None:
    # The register itself writes "Chiêm Hoá" (old placement) and "Khánh Hòa" (new).
    assert register.find("xã Chiêm Hoá") == register.find("xã Chiêm Hóa") is not None
    assert register.find("tỉnh Khánh Hoà") == register.find("tỉnh Khánh Hòa") is not None
    found = register.find("Khánh Hoà")
    assert found is not None
    assert found.name == nfc("Khánh Hòa")


@pytest.mark.parametrize(
    "written",
    [
        "Atlantis",
        "tỉnh Hà Nội",  # a city, not a tỉnh
        "thành phố Biên Hòa",  # a provincial city until 2025; Biên Hòa is a phường now
        "huyện Vĩnh Cửu",  # districts are gone from the register
        "tỉnh Bà Rịa - Vũng Tàu",  # merged into Thành phố Hồ Chí Minh in 2025
        "",
    ],
)
def test_an_unknown_name_gives_none(written: str) -> None:
    assert register.find(written) is None
    assert register.find_all(written) == ()


def test_a_commune_name_of_several_provinces_needs_its_province() -> None:
    assert len(register.find_all("Tân Phong")) == 2
    assert register.find("Tân Phong") is None, "ambiguous without the type word or the province"
    in_son_la = register.find("Tân Phong", province="tỉnh Sơn La")
    assert in_son_la is not None
    assert in_son_la.type_word == "xã"


def test_a_bare_province_name_is_the_province_not_a_commune_of_that_name() -> None:
    units = register.find_all("Long Khánh")
    assert all(u.level == "commune" for u in units)
    found = register.find("Cao Bằng")
    assert found is not None
    assert found.level == "province"


def test_communes_of_a_province_belong_to_it_and_add_up_to_the_register() -> None:
    dong_nai = register.communes_of("Đồng Nai")
    assert dong_nai
    assert {u.province for u in dong_nai} == {"Đồng Nai"}
    assert register.find("xã Trị An") in dong_nai
    assert sum(len(register.communes_of(p)) for p in register.provinces()) == 3321


def test_communes_of_an_unknown_province_is_an_error_not_an_empty_list() -> None:
    with pytest.raises(register.UnknownUnitError):
        register.communes_of("tỉnh Atlantis")
    commune = register.find("xã Trị An")
    assert commune is not None
    with pytest.raises(register.UnknownUnitError):
        register.communes_of(commune)


def test_units_are_frozen_values_with_their_printed_name() -> None:
    unit = register.find("phường Tân Phong")
    assert unit is not None
    assert unit.full_name == "Phường Tân Phong"
    assert unit.code > 0
    assert unit.province_code == register.find("Lai Châu").province_code  # type: ignore[union-attr]
    with pytest.raises(AttributeError):
        unit.name = "x"  # type: ignore[misc]


def test_the_register_is_read_once() -> None:
    assert register.provinces() is register.provinces()
    assert register.communes() is register.communes()
