from __future__ import annotations

from app.domain.levels import DEFAULT_LEVELS
from app.domain.plan import Plan
from app.domain.targets import Target
from app.review.mandates import MandateKind, mandates_for, target_level
from tests.review.conftest import plan


def test_province_mandates_for_communes_are_its_commune_targets_quota_and_duties(tinh: Plan) -> None:
    mandates = mandates_for(tinh, "commune")
    ids = [m.id for m in mandates]
    assert ids == [
        "t-tinh-truyen-thong-xa",
        "t-tinh-cai-nghien-300",
        "t-tinh-tai-nghien-8",
        "t-tinh-ra-soat-xa",
        "t-tinh-nan-nhan-100",
        "t-tinh-khong-tu-diem",
        "nhiem-vu-giai-phap.1",  # the tasks of NHIỆM VỤ name no one: every level carries them
        "nhiem-vu-giai-phap.2",
        "nhiem-vu-giai-phap.3",
        "nhiem-vu-giai-phap.4",
        "kinh-phi-thuc-hien.1",
        "duty-xa.1",
        "duty-xa.2",
        "duty-xa.3",
        "duty-xa.4",
    ]
    kinds = {m.id: m.kind for m in mandates}
    assert kinds["t-tinh-cai-nghien-300"] is MandateKind.QUOTA
    assert kinds["t-tinh-tai-nghien-8"] is MandateKind.TARGET
    assert kinds["duty-xa.4"] is MandateKind.DUTY


def test_targets_the_province_keeps_are_listed_only_on_request(tinh: Plan) -> None:
    kept = [m for m in mandates_for(tinh, "commune", include_kept=True) if not m.applies]
    assert [m.id for m in kept] == [
        "t-tinh-bai-viet-thang",
        "t-tinh-kiem-tra-30",
        "t-tinh-tap-huan-02",
        # the province bodies' own duties: listed, so the report can say they are not asked
        "cong-an-tinh.1",
        "cong-an-tinh.2",
        "cong-an-tinh.3",
        "so-y-te.1",
        "so-y-te.2",
        "so-van-hoa-the-thao-va-du-lich.1",
        "so-tai-chinh.1",
    ]
    assert not any(m.applies for m in kept)


def test_a_district_child_also_carries_the_targets_for_communes_it_passes_down() -> None:
    parent = plan("tinh_dong_nai_2018")
    ids = [m.id for m in mandates_for(parent, "district")]
    assert "dn-tuyen-truyen-xa" in ids  # level commune, below district
    assert "dn-co-so-tinh" not in ids  # the province's own facility


def test_level_is_inferred_from_plural_units_then_a_singular_mention() -> None:
    communes = Target("a", "100% các xã, phường, thị trấn tổ chức truyền thông")
    districts = Target("b", "Đảm bảo 100% các huyện, thị xã, thành phố xây dựng Kế hoạch")
    portal = Target("c", "Hằng tháng có ít nhất 01 bài trên Cổng thông tin điện tử của tỉnh")
    bare = Target("d", "Cai nghiện ma tuý cho 550 lượt người")
    assert target_level(communes, DEFAULT_LEVELS) == ("commune", True)
    assert target_level(districts, DEFAULT_LEVELS) == ("district", True)
    assert target_level(portal, DEFAULT_LEVELS) == ("province", True)
    assert target_level(bare, DEFAULT_LEVELS) == (None, True)


def test_duties_of_an_assignment_without_level_are_inferred_from_the_agency() -> None:
    parent = plan("huyen_dau_tieng_2023")
    duties = [m for m in mandates_for(parent, "commune") if m.kind is MandateKind.DUTY]
    assert [d.id for d in duties] == ["xa.1", "xa.2"]
    assert all(d.level_inferred and d.agency == "UBND các xã, thị trấn" for d in duties)


def test_a_figure_for_each_unit_is_a_target_not_a_quota() -> None:
    parent = plan("tinh_dong_nai_2018")
    kinds = {m.id: m.kind for m in mandates_for(parent, "district")}
    assert kinds["dn-diem-tu-van"] is MandateKind.TARGET  # "Mỗi huyện ... ít nhất 05 Điểm"


def test_a_quota_read_from_a_parent_document_is_shared_by_its_children() -> None:
    """Issue 3 (held-out defect): the parser gave a quota naming no level the province's own
    level, so a commune child was never asked for its share; a province's own figure
    ("trên địa bàn tỉnh") stays with the province."""
    from app.extract.blocks import Block, Location, TextDocument
    from app.extract.plan_text import parse_plan

    lines = [
        "ỦY BAN NHÂN DÂN",
        "TỈNH HÀ TĨNH",
        "Số: 12/KH-UBND",
        "KẾ HOẠCH",
        "Phòng, chống ma túy năm 2026",
        "I. CHỈ TIÊU",
        "- Thực hiện cai nghiện ma túy cho ít nhất 850 lượt người.",
        "- Có ít nhất 5/9 cơ sở trợ giúp xã hội công lập trên địa bàn tỉnh triển khai mô hình.",
    ]
    doc = TextDocument(
        source="kh.txt", format="txt", blocks=[Block(x, Location(line=i + 1)) for i, x in enumerate(lines)]
    )
    mandates = mandates_for(parse_plan(doc), "commune", include_kept=True)
    assert [(m.target.value if m.target else None, m.kind, m.applies) for m in mandates] == [
        (850, MandateKind.QUOTA, True),
        (5, MandateKind.TARGET, False),
    ]


def test_a_share_counted_on_the_province_territory_applies_to_its_communes() -> None:
    """ "Có ≥ 30% DNNVV ... trên địa bàn Tỉnh" says where the share is counted, not who keeps
    it: each commune carries it for its own territory (real plan 617/KH-UBND Đồng Tháp)."""
    from app.domain.targets import Target
    from app.review.mandates import target_level

    share = Target(
        id="t", text="Có ≥ 30% DNNVV, HTX, HKD trên địa bàn Tỉnh ứng dụng công nghệ số", value=30, unit="%"
    )
    assert target_level(share)[0] is None


def test_a_closing_request_to_the_communes_is_theirs_though_it_follows_a_province_item() -> None:
    parent = _province_plan("""IV. TỔ CHỨC THỰC HIỆN
1. Sở Khoa học và Công nghệ: chủ trì theo dõi, tổng hợp.
Yêu cầu các sở, ban, ngành, đoàn thể tỉnh; UBND các phường, xã; các đơn vị liên quan căn cứ nhiệm vụ được phân công triển khai thực hiện.
""")
    by_text = {m.text[:10]: m for m in mandates_for(parent, "commune", include_kept=True)}
    assert not by_text["chủ trì th"].applies  # the department's own
    closing = next(m for m in by_text.values() if "căn cứ nhiệm vụ" in m.text)
    assert closing.applies
    assert closing.level == "commune"


def test_a_duty_opening_with_its_frequency_or_naming_its_communes_takes_their_level() -> None:
    parent = _province_plan("""IV. TỔ CHỨC THỰC HIỆN
1. Sở Khoa học và Công nghệ: chủ trì theo dõi, tổng hợp.
Định kỳ 06 tháng các cơ quan có liên quan báo cáo kết quả thực hiện gửi về Sở Khoa học và Công nghệ.
UBND xã, phường thực hiện trực ban phòng chống thiên tai 24/24.
""")
    mandates = {m.text[:12]: m for m in mandates_for(parent, "commune", include_kept=True)}
    assert mandates["Định kỳ 06 t"].applies
    assert mandates["UBND xã, phư"].applies
    assert mandates["UBND xã, phư"].level == "commune"


def test_a_task_naming_no_one_takes_the_level_its_own_words_name() -> None:
    parent = _province_plan("""II. GIẢI PHÁP
1. Hàng năm, xây dựng kế hoạch xúc tiến thương mại và phát triển thương mại điện tử của tỉnh.
2. Tổ chức lại Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã.
3. Tổ chức tuyên truyền về xuất khẩu trên địa bàn tỉnh.
""")
    applies = {m.text[:14]: m.applies for m in mandates_for(parent, "commune", include_kept=True)}
    assert applies == {"Hàng năm, xây ": False, "Tổ chức lại Ba": True, "Tổ chức tuyên ": True}


def _province_plan(body: str) -> Plan:
    """A province plan of real wording (179/KH-UBND Đồng Nai) with ``body`` as its parts."""
    from app.extract.plan_text import parse_plan
    from app.extract.txt_text import read_txt

    head = "ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG NAI\nSố: 179/KH-UBND\nĐồng Nai, ngày 18 tháng 11 năm 2025\n"
    return parse_plan(read_txt(f"{head}KẾ HOẠCH\nPhát triển kinh tế số\n{body}".encode(), "kh.txt"))


def test_a_duty_running_several_asks_together_is_one_mandate_per_ask_in_the_review() -> None:
    # 0129/KH-UBND Đắk Lắk, item of UBND các xã, phường: three asks in one bullet
    parent = _province_plan("""IV. TỔ CHỨC THỰC HIỆN
1. UBND các xã, phường:
- Trực tiếp tiếp nhận, bảo quản và cấp phát đến từng hộ; huy động lực lượng hỗ trợ vận chuyển, ưu tiên giao tận nhà cho đối tượng yếu thế; lập đầy đủ chứng từ, lưu trữ hồ sơ và kịp thời đề nghị bổ sung khi thiếu hụt hàng hóa.
- Tổ chức lực lượng xung kích dọn vệ sinh, thu gom rác thải; khử khuẩn.
""")
    whole = [m for m in mandates_for(parent, "commune") if m.applies]
    assert [m.id for m in whole] == ["ubnd-cac-xa-phuong.1", "ubnd-cac-xa-phuong.2"]
    asks = [m for m in mandates_for(parent, "commune", by_clause=True) if m.applies]
    assert [(m.id, m.of, m.text.split()[0]) for m in asks] == [
        ("ubnd-cac-xa-phuong.1.1", "ubnd-cac-xa-phuong.1", "Trực"),
        ("ubnd-cac-xa-phuong.1.2", "ubnd-cac-xa-phuong.1", "huy"),
        ("ubnd-cac-xa-phuong.1.3", "ubnd-cac-xa-phuong.1", "lập"),
        ("ubnd-cac-xa-phuong.2", None, "Tổ"),  # "khử khuẩn." is a stub: read with the ask before
    ]
    assert all(m.level == "commune" for m in asks)
    assert asks[0].named_by("ubnd-cac-xa-phuong.1")
    assert not asks[0].named_by("ubnd-cac-xa-phuong.2")


def test_a_task_gives_one_mandate_per_sentence_even_after_a_figure() -> None:
    # "... ưu tiên các địa bàn cấp độ 1. Cấp ngay mì tôm ...; đồng thời sơ tán người dân ..."
    parent = _province_plan("""II. NHIỆM VỤ
1. Tổ chức lực lượng tiếp cận ngay các vùng ngập sâu, ưu tiên các địa bàn cấp độ 1. Cấp ngay mì tôm, lương khô, nước uống cho Nhân dân; đồng thời sơ tán người dân tại các điểm nguy cơ cao về nơi an toàn.
""")
    asks = [m.text for m in mandates_for(parent, "commune", by_clause=True)]
    assert asks == [
        "Tổ chức lực lượng tiếp cận ngay các vùng ngập sâu, ưu tiên các địa bàn cấp độ 1.",
        "Cấp ngay mì tôm, lương khô, nước uống cho Nhân dân;",
        "đồng thời sơ tán người dân tại các điểm nguy cơ cao về nơi an toàn.",
    ]


def test_one_agency_with_items_in_two_parts_gives_mandates_of_distinct_ids() -> None:
    parent = _province_plan("""IV. TỔ CHỨC THỰC HIỆN
1. Sở Y tế: chủ trì hướng dẫn khử khuẩn nguồn nước.
2. Sở Tài chính: bố trí kinh phí.
3. Sở Y tế: phối hợp giám sát dịch bệnh.
""")
    ids = [m.id for m in mandates_for(parent, "commune", include_kept=True)]
    assert len(ids) == len(set(ids))
    assert "so-y-te-2.1" in ids
