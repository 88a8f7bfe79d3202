"""What a level does not hold is not asked of it (app/review/applicability.yaml)."""

from __future__ import annotations

from app.domain.levels import DEFAULT_LEVELS
from app.domain.targets import Target
from app.review.applicability import held_above
from app.review.mandates import _target_mandate


def _target(text: str) -> Target:
    return Target(id="t-1", text=text)


def test_a_province_target_on_seaports_or_grdp_is_not_asked_of_a_commune() -> None:
    # wording of 179/KH-UBND (Đồng Nai, kinh tế số)
    seaports = _target_mandate(
        _target("Tỷ lệ cảng biển sử dụng nền tảng số phục vụ quản trị, khai thác cảng đạt tối thiểu 70%"),
        "MỤC TIÊU",
        "commune",
        DEFAULT_LEVELS,
    )
    assert not seaports.applies
    assert seaports.held_above == "cảng biển"
    assert (
        held_above("Tổng giá trị giao dịch thanh toán không dùng tiền mặt gấp 30 lần GRDP", "commune")
        == "GRDP"
    )


def test_ordinary_targets_and_the_communes_own_are_still_asked() -> None:
    assert (
        held_above("Tỷ lệ người dân trên 15 tuổi sử dụng dịch vụ công trực tuyến đạt 80%", "commune") is None
    )
    # industrial parks stand on a commune's land: the commune takes part
    assert held_above("100% các khu công nghiệp, cụm công nghiệp có trạm phát sóng 5G", "commune") is None
    # old tone placement reads the same
    assert held_above("Tỷ lệ bệnh viện triển khai bệnh án điện tử đạt 100%", "commune") == "bệnh viện"
    assert held_above("Tỷ lệ bệnh viện triển khai bệnh án điện tử đạt 100%", "province") is None


def test_a_share_of_the_provinces_departments_or_economy_is_not_a_communes() -> None:
    # 141/KH-UBND and 179/KH-UBND
    assert held_above("100% các Sở, ngành bố trí công chức làm công tác xây dựng pháp luật", "commune")
    assert held_above("Tỷ trọng kinh tế số trong từng ngành, lĩnh vực đạt tối thiểu 20%", "commune")
    assert held_above("100% các xã, phường bố trí công chức xây dựng pháp luật", "commune") is None
