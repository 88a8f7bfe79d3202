"""The level of an issuing body, from header lines and from prose, on real wording: the
headers of shared/corpus/real (copied into tests/data/real/parents) and the seed texts."""

from __future__ import annotations

import pytest

from app.extract.header import guess_issuer, level_of_body
from app.services.documents import read_plan
from tests.conftest import DATA

REAL = DATA / "real"


@pytest.mark.parametrize(
    ("body", "level"),
    [
        # the six centrally-run cities, as their headers print them (157, 172, 212, 308 ...)
        ("Ủy ban nhân dân\nthành phố Hà Nội", "province"),
        ("Ủy ban nhân dân\nthành phố Cần Thơ", "province"),
        ("Ủy ban nhân dân\nthành phố Hồ Chí Minh", "province"),
        ("Ủy ban nhân dân\nthành phố Hải Phòng", "province"),
        ("UBND TP. Hồ Chí Minh", "province"),
        ("UBND TP.HCM", "province"),
        ("Hội đồng nhân dân thành phố Đà Nẵng", "province"),
        ("Uỷ ban nhân dân\ntỉnh Lai Châu", "province"),
        ("Ủy ban nhân dân tỉnh", "province"),
        # communes of the register, either tone placement
        ("UBND phường Tân Phong", "commune"),
        ("Ủy ban nhân dân xã Trị An", "commune"),
        ("Ủy ban nhân dân xã Hoà Thịnh", "commune"),
        ("Ủy ban nhân dân đặc khu Phú Quốc", "commune"),
        ("Phòng Văn hóa - Xã hội phường Long Khánh", "commune"),
        # national bodies (2597-qd-ttg, 4385-qd-bvhttdl)
        ("Thủ tướng Chính phủ", "national"),
        ("Chính phủ", "national"),
        ("Bộ Văn hóa, Thể thao\nvà Du lịch", "national"),
        ("Bộ Lao động - Thương binh và Xã hội", "national"),
        # the district chain of before 1/7/2025 (seed 004: huyện Vĩnh Cửu)
        ("Ủy ban nhân dân\nhuyện Vĩnh Cửu", "district"),
        ("UBND thị xã Long Khánh", "district"),
        ("Ủy ban nhân dân thành phố Biên Hòa", "district"),
        ("Ủy ban nhân dân thành phố Biên Hòa thuộc tỉnh Đồng Nai", "district"),
        ("Ủy ban nhân dân thành phố Huế thuộc tỉnh Thừa Thiên Huế", "district"),
        ("UBND huyện Định Quán, tỉnh Đồng Nai", "district"),
        ("Phòng Lao động - Thương binh và Xã hội", "district"),
        # bodies of a province
        ("Sở Y tế", "province"),
        ("Bộ Chỉ huy Quân sự tỉnh Đồng Nai", "province"),
    ],
)
def test_the_level_of_an_issuing_body(body: str, level: str) -> None:
    assert level_of_body(body) == level


@pytest.mark.parametrize(
    ("text", "name", "level"),
    [
        (
            "Ngày 4/01/2025, UBND TP. Hồ Chí Minh ban hành Kế hoạch",
            "Ủy ban nhân dân thành phố Hồ Chí Minh",
            "province",
        ),
        ("UBND TP.HCM vừa ban hành kế hoạch", "Ủy ban nhân dân thành phố Hồ Chí Minh", "province"),
        (
            "Ủy ban nhân dân thành phố Hà Nội đã ban hành Kế hoạch số 308/KH-UBND",
            "Ủy ban nhân dân thành phố Hà Nội",
            "province",
        ),
        (
            "UBND thành phố Biên Hòa ban hành kế hoạch năm 2023",
            "Ủy ban nhân dân thành phố Biên Hòa",
            "district",
        ),
        ("UBND phường Tân Phong triển khai kế hoạch", "Ủy ban nhân dân phường Tân Phong", "commune"),
        (
            "Thực hiện Quyết định số 565/QĐ-TTg ngày 25/4/2017 của Thủ tướng Chính phủ, UBND tỉnh Đồng Nai"
            " ban hành Kế hoạch",
            "Ủy ban nhân dân tỉnh Đồng Nai",
            "province",
        ),
        (
            "Thủ tướng Chính phủ vừa ban hành Quyết định số 2597/QĐ-TTg phê duyệt Chương trình; giao"
            " Ủy ban nhân dân tỉnh, thành phố trực thuộc trung ương tổ chức thực hiện",
            "Thủ tướng Chính phủ",
            "national",
        ),
        (
            "Hỏi: Theo Quyết định 361/QĐ-TTg thì chương trình phòng, chống mại dâm có những mục tiêu nào?",
            "Thủ tướng Chính phủ",
            "national",
        ),
    ],
)
def test_the_issuer_named_in_prose(text: str, name: str, level: str) -> None:
    issuer = guess_issuer(text)
    assert issuer is not None
    assert (issuer.name, issuer.level) == (name, level)


def test_prose_naming_no_body_and_no_national_act_has_no_issuer() -> None:
    assert guess_issuer("Các cấp, các ngành tăng cường công tác phòng, chống tệ nạn xã hội.") is None


@pytest.mark.parametrize(
    ("parent", "level"),
    [
        ("157-kh-ubnd.md", "province"),  # THÀNH PHỐ CẦN THƠ
        ("172-kh-ubnd.md", "province"),  # THÀNH PHỐ HỒ CHÍ MINH
        ("308-kh-ubnd.md", "province"),  # THÀNH PHỐ HÀ NỘI
        ("179-kh-ubnd.md", "province"),  # TỈNH ĐỒNG NAI
        ("2597-qd-ttg.md", "national"),  # THỦ TƯỚNG CHÍNH PHỦ
        ("4385-qd-bvhttdl.md", "national"),  # BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH
    ],
)
def test_real_headers_give_their_level(parent: str, level: str) -> None:
    assert read_plan(REAL / "parents" / parent).level == level


@pytest.mark.parametrize(
    ("child", "level"),
    [
        ("308-phuong-cau-giay.md", "commune"),
        ("2853-xa-can-gio.md", "commune"),
        ("179-xa-dinh-quan.md", "commune"),
    ],
)
def test_children_of_real_parents_give_the_commune_level(child: str, level: str) -> None:
    folder = "holdout" if (REAL / "holdout" / child).exists() else "dev"
    assert read_plan(REAL / folder / child).level == level


@pytest.mark.parametrize(
    ("seed", "level"),
    [
        ("seeds/000_4ded0bf43f41a6ba.txt", "province"),  # press: "UBND tỉnh Bà Rịa - Vũng Tàu đã ban hành"
        ("seeds/001_44c352040e30c435.txt", "district"),  # press: "Ủy ban nhân dân huyện giao ..."
        ("seeds/003_96c264cd5325b438.txt", "province"),  # press: "Ủy ban nhân dân tỉnh ban hành"
        ("seed_004.txt", "district"),  # a plan of UBND huyện Vĩnh Cửu citing a QĐ-TTg it carries out
        # a ministry's news page quoting "Quyết định 361/QĐ-TTg" and naming no UBND: national
        ("seed_002_press_national.txt", "national"),
    ],
)
def test_the_seed_texts_give_their_level(seed: str, level: str) -> None:
    assert read_plan(DATA / "extract" / seed).level == level
