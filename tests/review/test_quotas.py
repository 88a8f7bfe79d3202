"""A quota's breakdown (issue 9 point 7): a child keeps every share of it.

The parents' quotas are read from the seed texts (seed 000: "1.100 lượt người: Tại cơ sở cai
nghiện 1.000 lượt người (bắt buộc 920, tự nguyện 80); Cai nghiện ma túy tự nguyện tại gia đình,
cộng đồng 100 lượt người"; seed 003: "550 lượt người, trong đó cai nghiện tập trung cho 500 lượt
người, cai nghiện tại gia đình và cộng đồng cho 50 lượt người"); the children's sentences are
written as district officers write their share, and read by the same parser.
"""

from __future__ import annotations

import pytest

from app.domain.targets import QuotaPart, Target
from app.extract.clauses import Scope, extract_targets
from app.review.quotas import breakdown_shortfalls, build_quota_parts
from app.review.status import Status
from app.review.vocabulary import load_vocabulary
from app.rules.coverage import compare_targets
from tests.conftest import DATA

SEEDS = DATA / "extract" / "seeds"


def seed_quota(name: str, figure: str) -> Target:
    """The quota of a seed text whose sentence carries ``figure`` (read by the plan parser)."""
    text = (SEEDS / name).read_text("utf-8")
    line = next(line for line in text.splitlines() if figure in line)
    (quota,) = [t for t in extract_targets(line, Scope()) if t.breakdown]
    return quota


def child(sentence: str) -> Target:
    (target,) = [t for t in extract_targets(sentence, Scope()) if t.unit == "lượt người"]
    return target


@pytest.fixture(scope="module")
def brvt() -> Target:
    quota = seed_quota("000_4ded0bf43f41a6ba.txt", "1.100 lượt người")
    assert [p.value for p in quota.breakdown] == [1000, 100]
    return quota


@pytest.fixture(scope="module")
def quang_ninh() -> Target:
    quota = seed_quota("003_96c264cd5325b438.txt", "550 lượt người")
    assert [p.value for p in quota.breakdown] == [500, 50]
    return quota


def verdict(parent: Target, sentence: str, share: float | None = None) -> tuple[Status, list[str], list[str]]:
    found = compare_targets(
        parent, child(sentence), "district", quota=True, share=share, vocab=load_vocabulary()
    )
    return found.status, found.causes, found.reasons


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param(
            "Thực hiện cai nghiện ma túy cho ít nhất 300 lượt người: tại cơ sở cai nghiện 270 lượt người "
            "(bắt buộc 250, tự nguyện 20); cai nghiện ma túy tự nguyện tại gia đình, cộng đồng 30 lượt người.",
            id="every-part-of-the-breakdown",
        ),
        # 270 is below 300 x 1000/1100: a share of a split quota has no figure per part
        pytest.param(
            "Cai nghiện ma túy cho 300 lượt người, trong đó cai nghiện tập trung cho 270 lượt người, "
            "cai nghiện tại gia đình và cộng đồng cho 30 lượt người.",
            id="not-the-parent-proportions",
        ),
    ],
)
def test_a_share_with_every_part_is_covered_whatever_its_proportions(brvt: Target, sentence: str) -> None:
    assert verdict(brvt, sentence, share=300)[0] is Status.COVERED


def test_a_share_that_keeps_its_total_but_drops_the_community_part_is_weaker(brvt: Target) -> None:
    sentence = (
        "Thực hiện cai nghiện ma túy cho ít nhất 300 lượt người: tại cơ sở cai nghiện 300 lượt người "
        "(bắt buộc 280, tự nguyện 20)."
    )
    status, causes, reasons = verdict(brvt, sentence, share=300)
    assert status is Status.WEAKER
    assert causes == ["breakdown"]
    assert "tại gia đình, cộng đồng" in reasons[0]
    assert reasons[0].startswith("Bỏ phần")


def test_a_share_naming_only_the_facility_part_in_its_sentence_drops_the_rest(quang_ninh: Target) -> None:
    status, causes, reasons = verdict(quang_ninh, "Cai nghiện ma tuý tập trung cho 60 lượt người.")
    assert (status, causes) == (Status.WEAKER, ["breakdown"])
    assert "cai nghiện tại gia đình và cộng đồng" in reasons[0]
    both = "Cai nghiện ma tuý tập trung và tại gia đình, cộng đồng cho 60 lượt người."
    assert verdict(quang_ninh, both)[0] is Status.COVERED


def test_a_share_without_a_breakdown_leaves_nothing_out(brvt: Target, quang_ninh: Target) -> None:
    assert verdict(brvt, "Cai nghiện ma túy cho ít nhất 300 lượt người.", share=300)[0] is Status.COVERED
    # "tập trung" alone in running text means "focus on", not the facility share
    focus = "Cai nghiện ma tuý cho 60 lượt người, tập trung vào người nghiện có hồ sơ quản lý."
    assert verdict(quang_ninh, focus)[0] is Status.COVERED


def test_a_child_carrying_the_whole_quota_holds_every_part_to_the_parent_figure(brvt: Target) -> None:
    sentence = (
        "Cai nghiện ma túy cho ít nhất 1.100 lượt người: tại cơ sở cai nghiện 1.050 lượt người "
        "(bắt buộc 970, tự nguyện 80); tại gia đình, cộng đồng 50 lượt người."
    )
    status, causes, reasons = verdict(brvt, sentence)
    assert (status, causes) == (Status.WEAKER, ["breakdown"])
    assert reasons == [
        'Phần "Cai nghiện ma túy tự nguyện tại gia đình, cộng đồng" chỉ 50 lượt người, thấp hơn 100 lượt người '
        "cấp trên giao"
    ]


def test_a_sub_share_left_out_is_named_with_its_share(brvt: Target) -> None:
    sentence = (
        "Cai nghiện ma túy cho ít nhất 1.100 lượt người: tại cơ sở cai nghiện 1.000 lượt người "
        "(bắt buộc 1.000); tại gia đình, cộng đồng 100 lượt người."
    )
    status, _, reasons = verdict(brvt, sentence)
    assert status is Status.WEAKER
    assert 'Bỏ phần "tự nguyện (Tại cơ sở cai nghiện)"' in reasons[0]


def test_a_child_splitting_its_figure_another_way_leaves_no_share_out(brvt: Target) -> None:
    split = [QuotaPart("người nghiện có hồ sơ quản lý", 250), QuotaPart("người nghiện mới phát hiện", 50)]
    share = Target("c", "Cai nghiện ma túy cho 300 lượt người", value=300, unit="lượt người", breakdown=split)
    assert breakdown_shortfalls(brvt, share, load_vocabulary().quota_parts, whole=False) == []


def test_a_share_the_sentence_names_is_kept_though_its_figure_was_not_read(brvt: Target) -> None:
    # "gồm: cai nghiện bắt buộc 17 lượt người và cai nghiện tự nguyện tại gia đình, cộng đồng 07
    # lượt người" once reached the review as a breakdown of the first share only
    part = Target(
        "c",
        "gồm: cai nghiện bắt buộc tại cơ sở 17 lượt người và cai nghiện tự nguyện tại gia đình",
        value=17,
        unit="lượt người",
        breakdown=[QuotaPart("cai nghiện bắt buộc tại cơ sở", 17)],
    )
    assert breakdown_shortfalls(brvt, part, load_vocabulary().quota_parts, whole=False) == []


def test_shares_are_told_apart_by_their_names_else_by_their_words() -> None:
    parts = build_quota_parts({"shares": [{"name": "tại cơ sở", "names": ["tập trung"]}], "ignore": ["cai"]})
    parent = Target(
        "p", "", value=10, unit="người", breakdown=[QuotaPart("tại cơ sở", 8), QuotaPart("cai ngoại trú", 2)]
    )
    kept = Target(
        "c", "", value=5, unit="người", breakdown=[QuotaPart("tập trung", 4), QuotaPart("ngoại trú", 1)]
    )
    dropped = Target("c", "", value=5, unit="người", breakdown=[QuotaPart("tập trung", 5)])
    assert breakdown_shortfalls(parent, kept, parts, whole=False) == []
    (gap,) = breakdown_shortfalls(parent, dropped, parts, whole=False)
    assert (gap.label, gap.required, gap.carried) == ("cai ngoại trú", 2, None)
