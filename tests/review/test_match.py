from __future__ import annotations

from app.domain.plan import Plan
from app.domain.targets import Target
from app.review.mandates import Mandate, MandateKind, mandates_for
from app.review.match import Item, MatchKind, child_items, match_mandate, sentences, similarity
from app.review.vocabulary import build_vocabulary, load_vocabulary


def _mandate(target: Target) -> Mandate:
    return Mandate(target.id, MandateKind.TARGET, target.text, "commune", "test", target=target)


def _item(target: Target) -> Item:
    return Item("target", target.id, target.text, "test", target=target, link=target.parent_target)


def test_an_explicit_link_wins_over_a_better_looking_text() -> None:
    parent = Target("p", "Giảm tỷ lệ tái nghiện xuống dưới 8%", metric="tỷ lệ tái nghiện")
    linked = Target("c1", "Một nội dung khác hẳn", metric="khác", parent_target="p")
    lookalike = Target("c2", "Giảm tỷ lệ tái nghiện xuống dưới 8%", metric="tỷ lệ tái nghiện")
    match = match_mandate(_mandate(parent), [_item(lookalike), _item(linked)], set())
    assert match.kind is MatchKind.LINKED
    assert match.item is not None
    assert match.item.id == "c1"


def test_synonyms_and_abbreviations_fold_to_one_key() -> None:
    vocab = load_vocabulary()
    assert vocab.key("Sở LĐ-TB&XH") == vocab.key("Sở Lao động - Thương binh và Xã hội")
    assert vocab.key("công tác tuyên truyền") == vocab.key("công tác truyền thông")
    assert vocab.key("Đội CTXHTN") == vocab.key("Đội công tác xã hội tình nguyện")
    assert vocab.key("UBND xã") == vocab.key("Ủy ban nhân dân xã")
    assert vocab.key("hoà nhập, Uỷ ban") == vocab.key("HÒA NHẬP Ủy ban")  # tone placement, case


def test_numbers_never_drive_the_similarity() -> None:
    vocab = load_vocabulary()
    assert vocab.key("cai nghiện cho 1.100 lượt người năm 2025") == vocab.key("cai nghiện cho 550 lượt người")


def test_the_synonym_table_is_data() -> None:
    vocab = build_vocabulary({"groups": [["ma túy", "ma tuý", "chất gây nghiện"]]})
    assert vocab.canonical("chất gây nghiện") == vocab.canonical("ma túy")


def test_below_the_threshold_nothing_is_matched(tinh: Plan, xa_b: Plan) -> None:
    victims = next(m for m in mandates_for(tinh, "commune") if m.id == "t-tinh-nan-nhan-100")
    match = match_mandate(victims, child_items(xa_b), set())
    assert match.kind is MatchKind.UNMATCHED
    assert match.item is None
    assert match.candidates, "the closest candidates are kept as evidence"


def test_two_close_candidates_are_ambiguous_and_none_is_picked() -> None:
    parent = Target(
        "p", "Ít nhất 70% người lao động được tuyên truyền", metric="người lao động được tuyên truyền"
    )
    a = Target(
        "a",
        "70% người lao động tại cơ sở dịch vụ được tuyên truyền",
        metric="người lao động tại cơ sở dịch vụ được tuyên truyền",
    )
    b = Target(
        "b",
        "60% người lao động tại khu công nghiệp được tuyên truyền",
        metric="người lao động tại khu công nghiệp được tuyên truyền",
    )
    match = match_mandate(_mandate(parent), [_item(a), _item(b)], set())
    assert match.kind is MatchKind.AMBIGUOUS
    assert match.item is None
    assert {i.id for i, _ in match.candidates[:2]} == {"a", "b"}


def test_a_reworded_target_is_matched_with_its_score(tinh: Plan, xa_a: Plan) -> None:
    victims = next(m for m in mandates_for(tinh, "commune") if m.id == "t-tinh-nan-nhan-100")
    match = match_mandate(victims, child_items(xa_a), set())
    assert match.kind is MatchKind.SCORED
    assert match.item is not None
    assert match.item.id == "a-nguoi-bi-mua-ban"
    assert 70 <= match.score <= 100


def test_similarity_ignores_word_order_and_is_zero_for_empty_keys() -> None:
    assert similarity("cai nghiện ma túy", "ma túy cai nghiện") == 100
    assert similarity("", "cai nghiện") == 0


def test_duties_written_as_prose_are_carried_and_a_missing_one_is_still_missing(tinh: Plan) -> None:
    # found in QA: only targets, tasks, duties and bullets were offered, so a child that wrote
    # its duties as paragraphs (common in real drafts) had every duty reported missing
    from app.planfile.load import load_plan
    from app.services.review import review_plans
    from tests.review.conftest import PLANS

    review = review_plans(tinh, load_plan(PLANS / "xa_tri_an_prose.yaml"))
    status = {r.id: (str(r.status), r.child_text) for r in review.results}
    assert status["duty-xa.2"][0] == "covered"
    assert (status["duty-xa.2"][1] or "").startswith("Ủy ban nhân dân xã giao Phòng Văn hóa - Xã hội")
    # the duty's two asks (rà soát ...; tổ chức cai nghiện ...) are read one by one
    assert status["duty-xa.3.1"][0] == "covered"
    assert (status["duty-xa.3.1"][1] or "").startswith("Công an xã chủ trì rà soát")
    assert status["duty-xa.3.2"][0] == "covered"
    assert status["duty-xa.4"] == ("missing", None)


def test_prose_is_split_into_sentences_and_stubs_join_the_one_before() -> None:
    text = "Công an xã chủ trì rà soát người nghiện. Cụ thể: Đoàn thanh niên phối hợp tuyên truyền; báo cáo."
    assert sentences(text) == [
        "Công an xã chủ trì rà soát người nghiện.",
        "Cụ thể: Đoàn thanh niên phối hợp tuyên truyền; báo cáo.",
    ]


def test_a_sentence_never_covers_a_target_mandate() -> None:
    """A figure in prose is already a parsed target: a sentence alone cannot prove the value."""
    parent = Target("p", "100% các xã tổ chức truyền thông", metric="tổ chức truyền thông", unit="%")
    prose = Item("paragraph", "s1", "100% các xã tổ chức truyền thông", "test")
    assert match_mandate(_mandate(parent), [prose], set()).kind is MatchKind.UNMATCHED
    duty = Mandate("d", MandateKind.DUTY, "Tổ chức truyền thông tại khu dân cư", "commune", "test")
    prose = Item("paragraph", "s2", "UBND xã tổ chức truyền thông tại khu dân cư", "test")
    assert match_mandate(duty, [prose], set()).kind is MatchKind.SCORED


def test_alike_targets_are_told_apart_by_unit_then_by_deadline() -> None:
    # 2954/QĐ-UBND (Sơn La): mango exports in tonnes and in USD are two targets
    def target(tid: str, value: float, unit: str, deadline: int) -> Target:
        text = f"Sản phẩm Xoài tham gia xuất khẩu đến năm {deadline} đạt {value:g} {unit}"
        return Target(
            tid, text, metric="sản phẩm Xoài tham gia xuất khẩu", value=value, unit=unit, deadline=deadline
        )

    tonnes, dollars = target("a", 18000, "tấn", 2030), target("b", 10, "triệu USD", 2030)
    match = match_mandate(_mandate(target("p", 18000, "tấn", 2030)), [_item(dollars), _item(tonnes)], set())
    assert match.kind is MatchKind.SCORED
    assert match.item is not None
    assert match.item.id == "a"
    by_2028, by_2030 = target("c", 60, "%", 2028), target("d", 80, "%", 2030)
    match = match_mandate(_mandate(target("q", 80, "%", 2030)), [_item(by_2028), _item(by_2030)], set())
    assert match.item is not None
    assert match.item.id == "d"


def test_a_duty_is_scored_against_all_items_at_once_and_unrelated_items_score_nothing() -> None:
    from app.review.match import duty_scores

    vocab = load_vocabulary()
    duty = (
        "Kinh phí thực hiện Kế hoạch được bố trí từ ngân sách nhà nước theo phân cấp hiện hành "
        "và các nguồn huy động hợp pháp khác."
    )
    texts = [
        "Kinh phí thực hiện từ ngân sách xã năm 2026 và các nguồn huy động hợp pháp khác.",
        "Tổ chức lễ hội văn hóa thể thao mừng xuân.",
        "",
    ]
    scores = duty_scores(duty, texts, vocab)
    assert scores[0] >= 70  # a shorter restatement the duty holds
    assert scores[1] == 0.0
    assert scores[2] == 0.0
    single = match_mandate(
        Mandate("d", MandateKind.DUTY, duty, "commune", "NHIỆM VỤ"),
        [Item("task", "a", texts[0], "NHIỆM VỤ")],
        set(),
        vocab,
    )
    assert single.item is not None


def test_a_measure_the_child_sets_for_other_years_only_is_not_matched() -> None:
    # 617/KH-UBND: the same share by 2025, 2030, ... 2045; the commune stops at 2030
    def share(tid: str, value: float, year: int) -> Target:
        text = f"Đến hết năm {year}: có {value:g}% DNNVV, HTX, HKD ứng dụng công nghệ số"
        return Target(
            tid, text, metric="DNNVV, HTX, HKD ứng dụng công nghệ số", value=value, unit="%", deadline=year
        )

    items = [_item(share("a", 30, 2025)), _item(share("b", 60, 2030))]
    match = match_mandate(_mandate(share("p", 100, 2045)), items, set())
    assert match.kind is MatchKind.UNMATCHED
    assert match.reason == "other_years"


def test_alike_targets_are_told_apart_by_the_words_only_one_of_them_has() -> None:
    # a commune's growth rates per fruit (2954/QĐ-UBND)
    def growth(tid: str, fruit: str, value: float) -> Target:
        text = f"{fruit} tăng bình quân {value:g}%/năm năm 2030"
        return Target(
            tid, text, metric=f"tốc độ tăng bình quân giá trị {fruit}", value=value, unit="%", deadline=2030
        )

    items = [_item(growth("a", "Xoài", 7)), _item(growth("b", "Nhãn", 7)), _item(growth("c", "Chuối", 5))]
    match = match_mandate(_mandate(growth("p", "Nhãn", 6)), items, set())
    assert match.item is not None
    assert match.item.id == "b"


def test_a_target_in_another_measure_scores_lower_than_one_in_the_same() -> None:
    from app.review.match import score_pair

    vocab = load_vocabulary()
    parent = Target(
        "p",
        "Tổng sản phẩm Xoài xuất khẩu đạt 18.000 tấn",
        metric="sản phẩm Xoài xuất khẩu",
        value=18000,
        unit="tấn",
    )
    tonnes = Target(
        "a", "Sản phẩm Xoài xuất khẩu đạt 3.000 tấn", metric="sản phẩm Xoài xuất khẩu", value=3000, unit="tấn"
    )
    dollars = Target(
        "b",
        "Sản phẩm Xoài xuất khẩu đạt 1,6 triệu USD",
        metric="sản phẩm Xoài xuất khẩu",
        value=1.6,
        unit="triệu USD",
    )
    mandate = _mandate(parent)
    assert score_pair(mandate, _item(tonnes), vocab) > score_pair(mandate, _item(dollars), vocab)
    people = Target("c", "Cai nghiện cho 100 người", metric="cai nghiện", value=100, unit="người")
    visits = Target("d", "Cai nghiện cho 300 lượt người", metric="cai nghiện", value=300, unit="lượt người")
    assert score_pair(_mandate(visits), _item(people), vocab) == score_pair(
        _mandate(visits), _item(visits), vocab
    )


def test_a_target_on_another_product_is_not_the_mandates_and_one_on_the_same_is() -> None:
    # 2954/QĐ-UBND (Sơn La) and a commune's table of its shares: the products are data
    # (synonyms.yaml, subjects), the commune names each product once, in fewer words
    parent = Target(
        "p",
        "tổng giá trị sản phẩm Chè tham gia xuất khẩu đến năm 2030 dự kiến đạt trên 33 triệu USD",
        metric="tổng giá trị sản phẩm Chè tham gia xuất khẩu dự kiến",
        value=33,
        unit="triệu USD",
        deadline=2030,
    )
    total = Target(
        "a",
        "Tổng giá trị hàng hoá trên địa bàn xã tham gia xuất khẩu đạt 29,3 triệu USD",
        metric="Tổng giá trị hàng hoá trên địa bàn xã tham gia xuất khẩu",
        value=29.3,
        unit="triệu USD",
        deadline=2030,
    )
    coffee = Target(
        "b",
        "giá trị Cà phê nhân đạt 16,7 triệu USD",
        metric="giá trị Cà phê nhân",
        value=16.7,
        unit="triệu USD",
    )
    tea = Target(
        "c",
        "giá trị Chè búp khô đạt 0,4 triệu USD",
        metric="giá trị Chè búp khô",
        value=0.4,
        unit="triệu USD",
    )
    vocab = load_vocabulary()
    assert vocab.subjects("Chè búp khô") == {"chef"}
    assert not vocab.subjects("xây dựng nhãn hiệu sản phẩm")  # a brand, not longan
    match = match_mandate(_mandate(parent), [_item(total), _item(coffee), _item(tea)], set(), vocab)
    assert match.kind is not MatchKind.AMBIGUOUS
    assert match.item is not None
    assert match.item.id == "c"
    alone = match_mandate(_mandate(parent), [_item(coffee)], set(), vocab)
    assert alone.kind is MatchKind.UNMATCHED


def test_a_child_duty_running_two_asks_together_carries_the_one_restating_a_parent_ask() -> None:
    # seed 004 (Vĩnh Cửu): the parent's "...; định kỳ rà soát, thống kê nạn nhân." is the child's
    # second sentence, after one on receiving victims
    from app.review.match import THRESHOLD, duty_scores

    child = (
        "Tổ chức tiếp nhận các nạn nhân bị mua bán trả về để tư vấn, học nghề, vay vốn, tìm việc làm, "
        "hỗ trợ nạn nhân tái hòa nhập cộng đồng. Định kỳ rà soát, thống kê, lập danh sách các nạn nhân "
        "bị mua bán trả về."
    )
    vocab = load_vocabulary()
    assert duty_scores("định kỳ rà soát, thống kê nạn nhân.", [child], vocab)[0] >= THRESHOLD
    assert duty_scores("xử lý nghiêm các tổ chức, cá nhân vi phạm.", [child], vocab)[0] < THRESHOLD
