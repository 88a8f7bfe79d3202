"""Who in the unit does each duty: the default assignment of a derived plan's duties."""

from __future__ import annotations

import datetime as dt

import pytest

from app.services.unit_bodies import bodies_for

SUBJECT = "phòng, chống mại dâm, cai nghiện ma túy và hỗ trợ nạn nhân bị mua bán"


@pytest.mark.parametrize(
    ("duty", "body"),
    [
        # sample 45/KH-UBND: communication on drugs is the culture and society office's,
        # listing drug users with the province police is the commune police's
        (
            "Chủ trì tổ chức các hoạt động truyền thông phòng, chống mại dâm, ma túy và mua bán người tại khu dân cư.",
            "Phòng Văn hóa - Xã hội",
        ),
        (
            "Phối hợp với Công an tỉnh rà soát, lập danh sách quản lý người nghiện ma túy, người sử dụng trái phép "
            "chất ma túy; tổ chức cai nghiện theo chỉ tiêu được giao.",
            "Công an xã",
        ),
        ("Bố trí kinh phí thực hiện Kế hoạch trong dự toán ngân sách xã.", "Phòng Kinh tế"),
        ("Phối hợp điều trị nghiện ma túy bằng thuốc Methadone.", "Trạm Y tế xã"),
        # no body named: the lead body (the police, for a plan on drugs)
        ("Thực hiện các nhiệm vụ khác do cấp trên giao.", "Công an xã"),
    ],
)
def test_each_duty_goes_to_the_body_its_words_name(duty: str, body: str) -> None:
    bodies = bodies_for("commune", "xã", dt.date(2026, 1, 15))
    assert bodies is not None
    lead = bodies.lead_for([SUBJECT])
    assert bodies.body_for(duty, lead, SUBJECT).name == body


def test_bodies_are_named_for_the_unit_and_its_time() -> None:
    phuong = bodies_for("commune", "phường", dt.date(2026, 1, 15))
    assert phuong is not None
    names = [b.name for b in phuong.bodies]
    assert "Công an phường" in names
    assert "Phòng Kinh tế, Hạ tầng và Đô thị" in names  # a phường's economic office
    assert phuong.bodies[0].abbreviation == "CAP"
    # before 1/7/2025 a commune had civil servants, not offices
    old = bodies_for("commune", "xã", dt.date(2019, 12, 31))
    assert old is not None
    assert "Công chức Văn hóa - Xã hội" in [b.name for b in old.bodies]
    province = bodies_for("province", "tỉnh")
    assert province is not None
    assert "Sở Y tế" in [b.name for b in province.bodies]
    assert bodies_for("national", "") is None
