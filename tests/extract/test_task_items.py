"""Tasks of the NHIỆM VỤ / NỘI DUNG / KINH PHÍ parts, in the shapes real plans write them
(wording from the 2025 corpus: tests/data/real/parents/)."""

from __future__ import annotations

from app.extract.plan_text import parse_plan
from app.extract.txt_text import read_txt

HEAD = """ỦY BAN NHÂN DÂN
TỈNH LAI CHÂU
Số: 7360/KH-UBND
Lai Châu, ngày 10 tháng 11 năm 2025
KẾ HOẠCH
Triển khai thi hành Luật sửa đổi, bổ sung một số điều của Luật Tiêu chuẩn và quy chuẩn kỹ thuật
"""


def _plan(body: str):  # type: ignore[no-untyped-def]
    return parse_plan(read_txt((HEAD + body).encode("utf-8"), "kh.txt"))


def test_a_point_with_field_lines_is_one_task_with_its_lead_partners_and_period() -> None:
    plan = _plan(
        """II. NỘI DUNG
4. Phối hợp kiểm tra việc thi hành Luật và các văn bản quy định chi tiết, hướng dẫn thi hành Luật
- Cơ quan chủ trì: Sở Khoa học và Công nghệ
- Cơ quan phối hợp: Các sở, ngành, UBND các xã, phường và các cơ quan, tổ chức, cá nhân có liên quan.
- Thời gian thực hiện: Năm 2026 và các năm tiếp theo.
"""
    )
    (task,) = plan.tasks()
    assert task.text.startswith("Phối hợp kiểm tra việc thi hành Luật")
    assert task.lead == "Sở Khoa học và Công nghệ"
    assert task.partners == [
        "Các sở, ngành, UBND các xã, phường và các cơ quan, tổ chức, cá nhân có liên quan"
    ]
    assert task.deadline == "Năm 2026 và các năm tiếp theo"
    assert task.level == "commune"  # the communes are named among the partners


def test_a_task_led_by_a_department_alone_stays_with_the_province() -> None:
    plan = _plan(
        """II. NHIỆM VỤ
1. Hướng dẫn áp dụng các văn bản quy phạm pháp luật quy định chi tiết thi hành Luật
- Cơ quan chủ trì: Sở Khoa học và Công nghệ.
"""
    )
    (task,) = plan.tasks()
    assert task.level == "province"


def test_lettered_field_points_give_the_tasks_of_their_point() -> None:
    plan = _plan(
        """II. NHIỆM VỤ
1. Về dữ liệu
a) Nhiệm vụ:
- Triển khai rà soát, hoàn thiện, chuẩn hóa cơ sở dữ liệu của đơn vị.
- Phối hợp triển khai số hóa theo hướng dẫn của Bộ, ngành chuyên môn.
b) Cơ quan thực hiện:
- Đơn vị chủ trì: Các Sở, ban, ngành.
- Đơn vị phối hợp: Sở Khoa học và Công nghệ, UBND xã, phường.
c) Thời gian thực hiện: Hoàn thành trong năm 2025.
"""
    )
    tasks = plan.tasks()
    assert [t.text[:20] for t in tasks] == ["Triển khai rà soát, ", "Phối hợp triển khai "]
    assert {t.lead for t in tasks} == {"Các Sở, ban, ngành"}
    assert all(t.deadline == "Hoàn thành trong năm 2025" for t in tasks)
    assert all(t.level == "commune" for t in tasks)


def test_a_lead_field_written_as_sentences_gives_one_task_per_clause_and_subject() -> None:
    plan = _plan(
        """II. NỘI DUNG
2. Rà soát văn bản quy phạm pháp luật
- Cơ quan thực hiện: Sở Khoa học và Công nghệ tiến hành rà soát các văn bản quy phạm pháp luật có liên quan đến Luật; các sở, ngành liên quan và Ủy ban nhân dân các xã, phường rà soát văn bản quy phạm pháp luật do cơ quan mình tham mưu ban hành có liên quan đến Luật.
"""
    )
    leads = {t.lead: t.level for t in plan.tasks() if t.lead}
    assert leads == {
        "Sở Khoa học và Công nghệ": "province",
        "các sở, ngành liên quan và Ủy ban nhân dân các xã, phường": "commune",
    }


def test_items_naming_no_one_are_tasks_without_a_level() -> None:
    plan = _plan(
        """II. NỘI DUNG
1. Kiện toàn và hoàn thiện cơ chế chỉ đạo, điều hành phòng thủ dân sự.
2. Diễn tập phòng thủ dân sự.
III. NGUỒN KINH PHÍ THỰC HIỆN
Kinh phí thực hiện Kế hoạch được bố trí trong dự toán chi ngân sách hàng năm theo phân cấp.
"""
    )
    tasks = plan.tasks()
    assert [t.text for t in tasks] == [
        "Kiện toàn và hoàn thiện cơ chế chỉ đạo, điều hành phòng thủ dân sự.",
        "Diễn tập phòng thủ dân sự.",
        "Kinh phí thực hiện Kế hoạch được bố trí trong dự toán chi ngân sách hàng năm theo phân cấp.",
    ]
    assert all(t.level is None for t in tasks)


def test_the_plan_a_decision_issues_after_its_signature_is_read() -> None:
    text = """ỦY BAN NHÂN DÂN
TỈNH SƠN LA
Số: 2954/QĐ-UBND
Sơn La, ngày 20 tháng 11 năm 2025
QUYẾT ĐỊNH
Về việc ban hành Kế hoạch xuất khẩu sản phẩm hàng hóa tỉnh Sơn La giai đoạn 2026 - 2030
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch xuất khẩu sản phẩm hàng hóa tỉnh Sơn La.
Nơi nhận:
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn A
KẾ HOẠCH
XUẤT KHẨU SẢN PHẨM HÀNG HÓA TỈNH SƠN LA GIAI ĐOẠN 2026 - 2030
I. MỤC TIÊU
1. Phấn đấu giá trị hàng hóa tham gia xuất khẩu đến năm 2030 đạt 400 triệu USD.
II. GIẢI PHÁP
1. Xây dựng vùng nguyên liệu đáp ứng nhu cầu thị trường và xuất khẩu.
"""
    plan = parse_plan(read_txt(text.encode("utf-8"), "qd.txt"))
    (target,) = plan.targets()
    assert target.value == 400
    assert target.unit == "triệu USD"
    assert [t.text for t in plan.tasks()] == [
        "Xây dựng vùng nguyên liệu đáp ứng nhu cầu thị trường và xuất khẩu."
    ]
    assert plan.signer.name == "Nguyễn Văn A"


def test_lettered_duties_under_an_agency_item_are_that_agencys() -> None:
    # 4385/QĐ-BVHTTDL: the provincial department's item and its lettered duties
    plan = _plan(
        """IV. TỔ CHỨC THỰC HIỆN
3. Sở Văn hóa, Thể thao và Du lịch các tỉnh, thành phố trực thuộc trung ương
a) Tổ chức triển khai thực hiện Quy hoạch trên địa bàn.
b) Chủ trì, phối hợp rà soát, cập nhật các quy hoạch, đề án liên quan.
"""
    )
    assignments = plan.assignments()
    assert {a.agency for a in assignments} == {
        "Sở Văn hóa, Thể thao và Du lịch các tỉnh, thành phố trực thuộc trung ương"
    }
    assert {a.level for a in assignments} == {"province"}
    duties = [d.text[:12] for a in assignments for d in a.duties]
    assert duties == ["Tổ chức triể", "Chủ trì, phố"]


def test_field_lines_lead_the_tasks_printed_before_them() -> None:
    # 141/KH-UBND: two tasks, their fields, then a third task with other fields
    plan = _plan(
        """II. NHIỆM VỤ, GIẢI PHÁP
4. Nâng cao phẩm chất, năng lực cho đội ngũ cán bộ, công chức xây dựng chính sách, pháp luật
- Tăng cường công tác giáo dục chính trị, tư tưởng, kỷ luật, kỷ cương cho đội ngũ cán bộ.
- Nâng cao nhận thức, ý thức trách nhiệm của đội ngũ cán bộ, công chức.
Đơn vị thực hiện: Các Sở, ngành, đơn vị, UBND cấp xã.
Thời gian thực hiện: Thường xuyên.
- Tổ chức tập huấn, bồi dưỡng kiến thức, kỹ năng xây dựng pháp luật.
Đơn vị chủ trì tham mưu thực hiện: Sở Tư pháp.
Đơn vị phối hợp thực hiện: Các cơ quan, đơn vị, địa phương liên quan.
"""
    )
    tasks = plan.tasks()
    assert [(t.lead, t.level) for t in tasks] == [
        ("Các Sở, ngành, đơn vị, UBND cấp xã", "commune"),
        ("Các Sở, ngành, đơn vị, UBND cấp xã", "commune"),
        ("Sở Tư pháp", "province"),  # localities only as partners: the department's task
    ]
    assert tasks[0].deadline == "Thường xuyên"


def test_a_task_led_by_the_localities_is_asked_of_every_level_below() -> None:
    plan = _plan(
        """II. NHIỆM VỤ
1. Ưu tiên chọn lựa cán bộ, công chức có kiến thức, năng lực để trở thành lực lượng nòng cốt.
Đơn vị thực hiện: Các cơ quan, đơn vị, địa phương.
"""
    )
    (task,) = plan.tasks()
    assert task.level is None


def test_a_monitoring_part_gives_tasks_led_by_the_bodies_they_open_with() -> None:
    # 552/KH-UBND, "VI. TỔ CHỨC THEO DÕI, KIỂM TRA VÀ CHẾ ĐỘ BÁO CÁO"
    plan = _plan(
        """VI. TỔ CHỨC THEO DÕI, KIỂM TRA VÀ CHẾ ĐỘ BÁO CÁO
1. Công tác theo dõi, kiểm tra
- Sở Khoa học và Công nghệ là cơ quan thường trực, chủ trì theo dõi, đôn đốc, kiểm tra việc thực hiện Kế hoạch.
- Các sở, ban, ngành, Ủy ban nhân dân các xã, phường định kỳ kiểm tra, đánh giá tình hình thực hiện các mục tiêu.
"""
    )
    assert [(t.lead, t.level) for t in plan.tasks()] == [
        ("Sở Khoa học và Công nghệ", "province"),
        ("Các sở, ban, ngành, Ủy ban nhân dân các xã, phường", "commune"),
    ]


def test_sub_numbered_points_are_headings_not_text() -> None:
    # 7360/KH-UBND: "3.1. Tham gia góp ý kiến ..." then its lettered items
    plan = _plan(
        """II. NỘI DUNG
3. Tham gia góp ý kiến và tổ chức triển khai các văn bản hướng dẫn thi hành Luật
3.1. Tham gia góp ý kiến vào dự thảo các văn bản quy định chi tiết, hướng dẫn thi hành Luật
a) Nghị định quy định chi tiết thi hành một số điều của Luật.
- Cơ quan phối hợp: Các sở, ngành có liên quan và UBND các xã, phường.
"""
    )
    (task,) = plan.tasks()
    assert task.text == "Nghị định quy định chi tiết thi hành một số điều của Luật."
    assert task.level == "commune"
    titles = [s.title for s in plan.walk()]
    assert "Tham gia góp ý kiến vào dự thảo các văn bản quy định chi tiết, hướng dẫn thi hành Luật" in titles


def test_each_sentence_of_a_task_paragraph_is_a_task_led_by_the_first_ones_subject() -> None:
    # 2954/QĐ-UBND, "V. CHẾ ĐỘ BÁO CÁO"
    plan = _plan(
        """V. CHẾ ĐỘ BÁO CÁO
1. Các Sở, ngành, UBND các xã, phường và các cơ quan, đơn vị có liên quan: Căn cứ chức năng, nhiệm vụ được giao theo Kế hoạch, tổ chức triển khai thực hiện đảm bảo đúng yêu cầu. Định kỳ hàng tháng (trước ngày 16 hàng tháng) báo cáo tình hình thực hiện Kế hoạch, gửi Sở Công thương tổng hợp.
"""
    )
    tasks = plan.tasks()
    assert len(tasks) == 2
    assert tasks[1].text.startswith("Định kỳ hàng tháng")
    assert {t.level for t in tasks} == {"commune"}


def test_a_time_field_written_without_its_colon_is_the_points_period() -> None:
    plan = _plan(
        """II. NỘI DUNG
6. Tổ chức triển khai thực hiện Chiến lược tiêu chuẩn quốc gia
Thời gian thực hiện sau khi Chiến lược tiêu chuẩn quốc gia được ban hành.
"""
    )
    (task,) = plan.tasks()
    assert task.text == "Tổ chức triển khai thực hiện Chiến lược tiêu chuẩn quốc gia"
    assert task.deadline == "sau khi Chiến lược tiêu chuẩn quốc gia được ban hành"


def test_a_plan_of_action_under_the_scope_part_gives_tasks() -> None:
    # 0129/KH-UBND (Đắk Lắk, 2025): "III. PHẠM VI, ĐỐI TƯỢNG, NHU CẦU, PHƯƠNG ÁN HỖ TRỢ"
    plan = _plan(
        """III. PHẠM VI, ĐỐI TƯỢNG, NHU CẦU, PHƯƠNG ÁN HỖ TRỢ
1. Phạm vi: Toàn bộ các xã, phường của phía Đông tỉnh Đắk Lắk.
4. Phương án tổ chức cấp phát
- Giai đoạn 48-72 giờ: Tổ chức bếp ăn cộng đồng tại các điểm sơ tán, điểm tập trung dân cư, cấp cơm nóng.
"""
    )
    (task,) = plan.tasks()
    assert "Tổ chức bếp ăn cộng đồng" in task.text


def test_an_assignment_part_titled_phan_cong_nhiem_vu_gives_duties_by_agency() -> None:
    plan = _plan(
        """IV. PHÂN CÔNG NHIỆM VỤ
10. UBND các xã, phường:
- Huy động nguồn lực xã hội hóa tại chỗ; báo cáo 02 lần/ngày về tình hình tiếp nhận, cấp phát gửi UBND tỉnh.
"""
    )
    (section,) = plan.sections[0].sections
    assert section.assignment is not None
    assert section.assignment.level == "commune"
    assert not plan.tasks()
