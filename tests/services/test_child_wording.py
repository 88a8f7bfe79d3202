"""Wording of a parent's sentences for one unit of the level below, on real sentences.

The sentences come from the seeds (``../shared/seeds``: 001 Dầu Tiếng 2023, 003 Quảng Ninh
2023, 004 Vĩnh Cửu 2019), the corpus of 2025 plans (``../shared/corpus/real``: 141, 2853) and
the sample province plan 45/KH-UBND (samples/family_tinh_2026.yaml).
"""

from __future__ import annotations

import pytest

from app.services.child_wording import (
    ChildUnit,
    is_plan_duty,
    localize,
    loose,
    own_target_text,
    subject_for,
    without_plan_duty,
)

XA = ChildUnit(level="commune", word="xã", parent_word="tỉnh", year=2026)
PHUONG = ChildUnit(level="commune", word="phường", parent_word="tỉnh", year=2026)
HUYEN = ChildUnit(level="district", word="huyện", parent_word="tỉnh", year=2023)
TINH = ChildUnit(level="province", word="tỉnh", parent_word="", year=2026)


@pytest.mark.parametrize(
    ("parent", "unit", "child"),
    [
        (  # sample 45/KH-UBND: a figure per unit, "trong năm" gets the year
            "100% xã, phường tổ chức ít nhất 01 hoạt động truyền thông về phòng, chống mại dâm, ma túy "
            "và mua bán người trong năm.",
            XA,
            "Tổ chức ít nhất 01 hoạt động truyền thông về phòng, chống mại dâm, ma túy và mua bán người "
            "trên địa bàn xã trong năm 2026.",
        ),
        (  # sample 45/KH-UBND: a time lead-in stays, a bare "trên địa bàn" names the unit
            "Đến hết tháng 6 năm 2026, 100% xã, phường hoàn thành rà soát, lập danh sách quản lý người "
            "nghiện ma túy, người sử dụng trái phép chất ma túy trên địa bàn.",
            PHUONG,
            "Đến hết tháng 6 năm 2026, hoàn thành rà soát, lập danh sách quản lý người nghiện ma túy, "
            "người sử dụng trái phép chất ma túy trên địa bàn phường.",
        ),
        (  # corpus 141/KH-UBND (2025): "các" between the figure and the units
            "100% các xã, phường bố trí công chức xây dựng chính sách, pháp luật đảm bảo số lượng, điều "
            "kiện đáp ứng yêu cầu nhiệm vụ",
            XA,
            "Bố trí công chức xây dựng chính sách, pháp luật đảm bảo số lượng, điều kiện đáp ứng yêu cầu "
            "nhiệm vụ trên địa bàn xã.",
        ),
        (  # seed 003 Quảng Ninh: "phấn đấu" is kept, three unit words in one subject
            "phấn đấu 100% các xã, phường, thị trấn tổ chức được ít nhất 01 hoạt động truyền thông về "
            "phòng, chống tệ nạn xã hội",
            XA,
            "Phấn đấu tổ chức được ít nhất 01 hoạt động truyền thông về phòng, chống tệ nạn xã hội trên "
            "địa bàn xã.",
        ),
        (  # seed 004 Vĩnh Cửu: the aim and its year lead the sentence
            "Phấn đấu đến năm 2020, 100% xã, thị trấn tổ chức ít nhất một hình thức tuyên truyền về "
            "phòng, chống mại dâm và duy trì thường xuyên",
            XA,
            "Phấn đấu đến năm 2020, tổ chức ít nhất một hình thức tuyên truyền về phòng, chống mại dâm và "
            "duy trì thường xuyên trên địa bàn xã.",
        ),
        (  # seed 001 Dầu Tiếng: a share below 100% is the unit's aim, the parent's figure kept
            "Chỉ tiêu cụ thể đến năm 2025 ít nhất 90% số xã, thị trấn tổ chức được ít nhất một hình "
            "thức tuyên truyền về phòng ngừa mại dâm và được duy trì thường xuyên",
            XA,
            "Đến năm 2025, phấn đấu tổ chức được ít nhất một hình thức tuyên truyền về phòng ngừa mại "
            "dâm và được duy trì thường xuyên trên địa bàn xã (chỉ tiêu chung của tỉnh: 90% số xã, thị "
            "trấn).",
        ),
        (  # corpus 2853/QĐ-UBND (2025): "phường, xã, đặc khu" in any order
            "100% phường, xã, đặc khu khi xây dựng và phê duyệt kế hoạch phòng, chống thiên tai phải có "
            "sự tham gia của cộng đồng",
            PHUONG,
            "Khi xây dựng và phê duyệt kế hoạch phòng, chống thiên tai phải có sự tham gia của cộng đồng "
            "trên địa bàn phường.",
        ),
        (  # "Mỗi" addresses every unit without a figure; a closing "hằng năm" stays last
            "Mỗi xã, phường xây dựng ít nhất 01 mô hình phòng, chống tệ nạn xã hội hằng năm.",
            XA,
            "Xây dựng ít nhất 01 mô hình phòng, chống tệ nạn xã hội trên địa bàn xã hằng năm.",
        ),
        (  # old tone placement ("Uỷ", "hoà") matches alike and is kept as written
            "100% Uỷ ban nhân dân các xã, phường hoà giải thành công các vụ việc ở cơ sở.",
            XA,
            "Hoà giải thành công các vụ việc ở cơ sở trên địa bàn xã.",
        ),
        (  # a province implementing a national programme
            "100% các tỉnh, thành phố trực thuộc trung ương tổ chức tập huấn cho cán bộ cấp xã.",
            TINH,
            "Tổ chức tập huấn cho cán bộ cấp xã trên địa bàn tỉnh.",
        ),
    ],
)
def test_a_target_for_every_unit_becomes_the_units_commitment(
    parent: str, unit: ChildUnit, child: str
) -> None:
    assert own_target_text(parent, unit) == child


@pytest.mark.parametrize(
    "text",
    [
        # addressed to people, not to units: stays as the parent wrote it
        "100% nạn nhân bị mua bán trở về được tiếp nhận, xác minh và hỗ trợ theo quy định.",
        "Giảm tỷ lệ tái nghiện ở người sau cai nghiện ma túy xuống dưới 8%.",
        # units of another level than the child's (a district plan passes these on)
        "100% các huyện, thị xã, thành phố xây dựng Kế hoạch tổ chức thực hiện nhiệm vụ năm 2023",
        # "xã hội" is no unit
        "100% người hưởng trợ cấp xã hội, hưu trí xã hội đã có tài khoản ngân hàng",
    ],
)
def test_other_targets_are_not_rewritten(text: str) -> None:
    assert own_target_text(text, XA) is None


def test_a_district_reads_its_own_units_in_seed_003() -> None:
    parent = (
        "Đảm bảo 100% các huyện, thị xã, thành phố xây dựng Kế hoạch tổ chức thực hiện nhiệm vụ phòng, "
        "chống tệ nạn xã hội năm 2023"
    )
    assert own_target_text(parent, HUYEN) == (
        "Xây dựng Kế hoạch tổ chức thực hiện nhiệm vụ phòng, chống tệ nạn xã hội trên địa bàn huyện năm 2023."
    )


@pytest.mark.parametrize(
    ("parent", "child"),
    [
        (
            "Duy trì hiệu quả công tác điều trị, cai nghiện ma túy tại cơ sở cai nghiện và tại gia đình, cộng "
            "đồng; quản lý sau cai nghiện tại xã, phường.",
            "Duy trì hiệu quả công tác điều trị, cai nghiện ma túy tại cơ sở cai nghiện và tại gia đình, cộng "
            "đồng; quản lý sau cai nghiện trên địa bàn xã.",
        ),
        (
            "Kiểm tra các cơ sở kinh doanh dịch vụ trên địa bàn tỉnh; toàn tỉnh không để phát sinh tụ điểm.",
            "Kiểm tra các cơ sở kinh doanh dịch vụ trên địa bàn xã; toàn xã không để phát sinh tụ điểm.",
        ),
        (  # "tại khu dân cư" is a place within the unit: kept
            "Chủ trì tổ chức các hoạt động truyền thông tại khu dân cư.",
            "Chủ trì tổ chức các hoạt động truyền thông tại khu dân cư.",
        ),
    ],
)
def test_the_parents_territory_becomes_the_units(parent: str, child: str) -> None:
    assert localize(parent, XA) == child


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Xây dựng, ban hành kế hoạch thực hiện trên địa bàn, bảo đảm đủ các chỉ tiêu giao cho cấp xã", True),
        ("xây dựng kế hoạch và tổ chức thực hiện các hoạt động phòng, chống tệ nạn mại dâm", True),
        ("Căn cứ Kế hoạch này xây dựng kế hoạch triển khai thực hiện tại địa phương.", True),
        ("Ban hành kế hoạch thực hiện Chương trình trên địa bàn tỉnh.", True),
        # another kind of plan, or a plan in a clause: not the plan being derived
        ("Xây dựng kế hoạch phòng, chống thiên tai", False),
        ("khi xây dựng và phê duyệt kế hoạch phòng, chống thiên tai", False),
        ("Chủ trì tổ chức các hoạt động truyền thông", False),
    ],
)
def test_the_duty_to_make_this_plan_is_recognised(text: str, expected: bool) -> None:
    assert is_plan_duty(text) is expected


def test_loose_keeps_one_character_for_one() -> None:
    for text in ("Uỷ ban nhân dân xã Hoà Bình", "Ủy ban nhân dân xã Hòa Bình", "ĐẶC KHU CÔN ĐẢO"):
        assert len(loose(text)) == len(text)
    assert loose("Uỷ ban Hoà") == loose("Ủy ban Hòa")


@pytest.mark.parametrize(
    ("subject", "unit", "parent_unit", "child_unit", "expected"),
    [
        (  # sample 45/KH-UBND
            "Thực hiện công tác phòng, chống mại dâm, cai nghiện ma túy và hỗ trợ nạn nhân bị mua bán trên địa "
            "bàn tỉnh năm 2026",
            XA,
            "tỉnh Đồng Nai",
            "xã Trị An",
            "Thực hiện công tác phòng, chống mại dâm, cai nghiện ma túy và hỗ trợ nạn nhân bị mua bán trên địa "
            "bàn xã năm 2026",
        ),
        (  # seed 004 Vĩnh Cửu names its own unit
            "Thực hiện Dự án 4 giai đoạn 2018 - 2020 trên địa bàn huyện Vĩnh Cửu",
            XA,
            "huyện Vĩnh Cửu",
            "xã Trị An",
            "Thực hiện Dự án 4 giai đoạn 2018 - 2020 trên địa bàn xã Trị An",
        ),
        (  # corpus 2597/QĐ-TTg, read in capitals: a decision approving a scheme is implemented
            "PHÊ DUYỆT ĐỀ ÁN CHUYỂN ĐỔI SỐ TRONG HOẠT ĐỘNG XÂY DỰNG, QUẢN LÝ, KHAI THÁC KẾT CẤU HẠ TẦNG XÂY DỰNG",
            TINH,
            "",
            "tỉnh Đồng Nai",
            "Thực hiện Đề án chuyển đổi số trong hoạt động xây dựng, quản lý, khai thác kết cấu hạ tầng xây "
            "dựng trên địa bàn tỉnh",
        ),
    ],
)
def test_the_subject_is_said_of_the_childs_unit(
    subject: str, unit: ChildUnit, parent_unit: str, child_unit: str, expected: str
) -> None:
    assert subject_for(subject, unit, parent_unit, child_unit) == expected


def test_only_the_plan_making_clause_of_a_duty_is_dropped() -> None:
    # seed 001 Dầu Tiếng, the communes' first duty
    duty = (
        "Xây dựng kế hoạch và tổ chức thực hiện các hoạt động phòng, chống tệ nạn mại dâm trên địa bàn; tổ "
        "chức ít nhất một hình thức tuyên truyền về phòng ngừa mại dâm."
    )
    assert without_plan_duty(duty) == "Tổ chức ít nhất một hình thức tuyên truyền về phòng ngừa mại dâm."
    assert (
        without_plan_duty("Xây dựng, ban hành kế hoạch thực hiện trên địa bàn, trước ngày 31/3/2026.") == ""
    )
    assert without_plan_duty("Chủ trì tổ chức truyền thông.") == "Chủ trì tổ chức truyền thông."
