"""Populations as data (issue 9 point 6): kinds, what contains what, lists and unions.

The wording is taken from real plans: the seeds (``seeds/00x``), the real corpus
(``corpus/real/<file>``) and the review pairs written from them. A case names its source.
"""

from __future__ import annotations

from typing import Any

import pytest

from app.domain.levels import DEFAULT_LEVELS
from app.review.population import Relation, build_populations, compare_populations, population_narrower
from app.review.vocabulary import POPULATIONS_FILE, load_vocabulary
from app.vn.normalize import match_key

NARROWER, WIDER, SAME = Relation.NARROWER, Relation.WIDER, Relation.SAME


def relation(parent: str, child: str, level: str = "commune") -> Relation:
    return compare_populations(parent, child, level, DEFAULT_LEVELS, load_vocabulary().populations).relation


@pytest.mark.parametrize(
    ("parent", "child", "expected"),
    [
        # A part of a kind is narrower, the whole kind wider (issue 9; 2853-qd-ubnd).
        ("cơ sở giáo dục", "trường tiểu học", NARROWER),
        ("trường tiểu học", "cơ sở giáo dục", WIDER),
        ("cơ sở giáo dục phổ thông", "trường mầm non", Relation.UNRELATED),
        ("cơ sở giáo dục", "trường mầm non, tiểu học, trung học cơ sở trên địa bàn xã", NARROWER),
        # a kind made of its parts: all three school levels are the whole of general education
        ("cơ sở giáo dục phổ thông", "trường tiểu học, THCS, THPT", SAME),
        ("cơ sở giáo dục phổ thông", "trường tiểu học, THCS", NARROWER),
        # 2853-qd-ubnd: "các cấp giáo dục thường xuyên, tiểu học, trung học cơ sở, trung học phổ thông"
        (
            "các cấp giáo dục thường xuyên, tiểu học, trung học cơ sở, trung học phổ thông",
            "trường tiểu học, THCS và THPT trên địa bàn xã",
            NARROWER,
        ),
        # A union is wider than one of its members: "và nhà trọ" adds a kind (issue 9).
        ("cơ sở kinh doanh dịch vụ", "cơ sở kinh doanh dịch vụ và nhà trọ", WIDER),
        ("cơ sở kinh doanh dịch vụ và nhà trọ", "cơ sở kinh doanh dịch vụ", NARROWER),
        # seed 001: "30% số cơ sở kinh doanh dịch vụ dễ phát sinh tệ nạn mại dâm trên địa bàn"
        ("cơ sở kinh doanh dịch vụ dễ phát sinh tệ nạn mại dâm", "cơ sở karaoke, vũ trường", NARROWER),
        ("cơ sở kinh doanh dịch vụ dễ phát sinh tệ nạn mại dâm", "cơ sở kinh doanh dịch vụ", WIDER),
        ("cơ sở lưu trú", "khách sạn, nhà nghỉ", NARROWER),
        # seed 001: "70% người lao động tại các cơ sở kinh doanh dịch vụ dễ phát sinh tệ nạn mại dâm"
        (
            "người lao động tại các cơ sở kinh doanh dịch vụ dễ phát sinh tệ nạn mại dâm",
            "người lao động tại các cơ sở karaoke, vũ trường trên địa bàn xã",
            NARROWER,
        ),
        (
            "người lao động tại các cơ sở kinh doanh dịch vụ dễ phát sinh tệ nạn mại dâm",
            "người lao động tại các cơ sở kinh doanh dịch vụ trên địa bàn xã",
            WIDER,
        ),
        # seed 001: "70% học sinh các trường trung học phổ thông, cơ sở giáo dục nghề nghiệp"
        ("học sinh các trường trung học phổ thông, cơ sở giáo dục nghề nghiệp", "học sinh THPT", NARROWER),
        (
            "học sinh các trường trung học phổ thông, cơ sở giáo dục nghề nghiệp",
            "học sinh THPT, học viên cơ sở GDNN trên địa bàn xã",
            SAME,
        ),
        # seed 003: "25% các trường Trung học phổ thông, Cơ sở giáo dục nghề nghiệp"
        ("các trường Trung học phổ thông, Cơ sở giáo dục nghề nghiệp", "trường THPT", NARROWER),
        # seed 001: "50% cán bộ, công chức, viên chức và người lao động ở cấp xã"
        ("cán bộ, công chức, viên chức và người lao động ở cấp xã", "cán bộ, công chức cấp xã", NARROWER),
        ("cán bộ, công chức, viên chức và người lao động ở cấp xã", "CBCCVC và người lao động của xã", SAME),
        # seed 004: "100% cán bộ, công chức và người lao động làm việc trong các cơ sở cai nghiện"
        (
            "cán bộ, công chức và người lao động làm việc trong các cơ sở cai nghiện",
            "cán bộ, công chức, người lao động tại cơ sở cai nghiện ma tuý",
            SAME,
        ),
        # seed 000 (tinh_brvt_2025): the counselling quota's population
        ("người nghiện ma túy, người sử dụng trái phép chất ma túy", "người nghiện ma tuý", NARROWER),
        ("người nghiện ma túy", "người nghiện ma tuý, người sử dụng trái phép chất ma tuý", WIDER),
        # 552-kh-ubnd: the dev label "HTX nông nghiệp only; businesses and products dropped"
        (
            "hợp tác xã nông nghiệp, doanh nghiệp sản xuất nông sản chủ lực và sản phẩm nông sản chủ lực",
            "HTX nông nghiệp trên địa bàn xã",
            NARROWER,
        ),
        # 617-kh-ubnd: "DNNVV, HTX, HKD trên địa bàn Tỉnh", abbreviations, place words
        (
            "DNNVV, HTX, HKD trên địa bàn Tỉnh",
            "doanh nghiệp nhỏ và vừa, hợp tác xã, hộ kinh doanh của xã",
            SAME,
        ),
        ("DNNVV, HTX, HKD trên địa bàn Tỉnh", "HTX, HKD", NARROWER),
        ("doanh nghiệp", "doanh nghiệp nhỏ và vừa", NARROWER),
        # 310-kh-ubnd: the dev label "child 100% CCN only; KCN left out"
        ("các khu công nghệ cao, khu công nghiệp, cụm công nghiệp", "CCN trên địa bàn xã", NARROWER),
        ("khu công nghiệp, cụm công nghiệp", "khu, cụm công nghiệp trên địa bàn xã", SAME),
        # 556-kh-ubnd: the dev label "hazardous waste dropped"
        (
            "chất thải nguy hại, chất thải rắn sinh hoạt",
            "chất thải rắn sinh hoạt tại các khu dân cư ven biển trên địa bàn xã",
            NARROWER,
        ),
        # 141-kh-ubnd: the same officials whatever the verb; a part of them is narrower
        (
            "đội ngũ cán bộ, công chức xây dựng chính sách, pháp luật trên địa bàn tỉnh",
            "cán bộ, công chức làm công tác xây dựng chính sách, pháp luật của xã",
            SAME,
        ),
        ("đội ngũ cán bộ, công chức xây dựng chính sách, pháp luật", "công chức Tư pháp - hộ tịch", NARROWER),
        # seed 001: "100% tin tố giác, tin báo, khiếu nại ... về phòng, chống mại dâm"
        ("tin tố giác, tin báo, khiếu nại về mại dâm", "tin báo, tố giác về mại dâm", NARROWER),
        ("tin tố giác, tin báo, khiếu nại về mại dâm", "tố giác, tin báo, khiếu nại về mại dâm", SAME),
        # 2853-qd-ubnd: "100% hộ gia đình được tiếp nhận đầy đủ thông tin"
        ("hộ gia đình", "hộ gia đình trên địa bàn phường", SAME),
        ("hộ gia đình", "hộ nghèo", NARROWER),
    ],
)
def test_populations_compare_by_kind_and_list(parent: str, child: str, expected: Relation) -> None:
    assert relation(parent, child) is expected


@pytest.mark.parametrize(
    ("parent", "child", "level", "expected"),
    [
        # The child is the unit (or holds the units): never narrower (seeds 003, 004; 2853-qd-ubnd).
        ("xã, phường, thị trấn", "xã", "commune", SAME),
        ("phường, xã, đặc khu", "xã", "commune", SAME),
        ("đơn vị hành chính cấp xã", "phường", "commune", SAME),
        ("xã, phường", "ấp trên địa bàn xã", "commune", SAME),
        ("xã, phường, thị trấn", "ấp, khu phố trên địa bàn xã", "commune", SAME),
        ("UBND xã, thị trấn", "Ủy ban nhân dân xã", "commune", SAME),
        ("xã, phường, thị trấn", "xã, thị trấn", "district", SAME),
        # thôn, ấp, tổ dân phố are one kind whatever a region calls them ("thôn, buôn, tổ dân phố")
        ("thôn, tổ dân phố", "ấp", "commune", SAME),
        # Units among other members: the other members still count (seed 003).
        ("các địa bàn xã, phường, thị trấn, trường THPT, cơ sở GDNN", "phường, xã", "district", NARROWER),
        (
            "các địa bàn xã, phường, thị trấn, trường THPT, cơ sở GDNN",
            "trường THPT trên địa bàn xã",
            "commune",
            NARROWER,
        ),
        (
            "các địa bàn Khu công nghiệp, Khu kinh tế",
            "khu công nghiệp trên địa bàn thành phố",
            "district",
            NARROWER,
        ),
        # Place phrases and names say where, never who (seed 001, seed 004).
        ("học sinh", "học sinh trên địa bàn xã", "commune", SAME),
        (
            "cơ sở kinh doanh dịch vụ",
            "cơ sở kinh doanh dịch vụ trên địa bàn huyện Vĩnh Cửu",
            "district",
            SAME,
        ),
        (
            "người sau cai nghiện được quản lý tại cộng đồng",
            "người sau cai nghiện trên địa bàn xã",
            "district",
            SAME,
        ),
        ("khu công nghiệp", "KCN Quang Minh", "commune", SAME),
        # Parentheses clarify (seed 004).
        ("người nghiện hiện có", "người nghiện hiện có (trong danh sách quản lý)", "commune", SAME),
        # A lone "và" joins conditions: dropping one widens (seed 001).
        ("người bán dâm có nhu cầu và đủ điều kiện", "người bán dâm có nhu cầu", "district", WIDER),
        ("người bán dâm có nhu cầu", "người bán dâm có nhu cầu và đủ điều kiện", "district", NARROWER),
        # A qualifier the parent does not have narrows (the KH004 fixture).
        ("học sinh", "học sinh THPT", "commune", NARROWER),
        ("cán bộ, công chức và người lao động", "cán bộ, công chức", "district", NARROWER),
    ],
)
def test_units_places_and_conditions(parent: str, child: str, level: str, expected: Relation) -> None:
    assert relation(parent, child, level) is expected


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("người sau cai nghiện ma tuý", "người sau cai nghiện ma túy"),
        ("Uỷ ban nhân dân xã, phường", "Ủy ban nhân dân xã, phường"),
        ("cơ sở giáo dục nghề nghiệp thuộc tỉnh Hoà Bình", "cơ sở GDNN"),
    ],
)
def test_old_and_new_tone_placement_compare_equal(old: str, new: str) -> None:
    assert relation(old, new) is SAME
    assert relation(new, old) is SAME


def test_the_reason_names_what_the_child_leaves_out() -> None:
    vocab = load_vocabulary().populations
    found = compare_populations(
        "cán bộ, công chức, viên chức và người lao động ở cấp xã",
        "cán bộ, công chức",
        "commune",
        DEFAULT_LEVELS,
        vocab,
    )
    assert found.dropped == ("viên chức", "người lao động ở cấp xã")
    part = compare_populations("cơ sở giáo dục", "trường tiểu học", "commune", DEFAULT_LEVELS, vocab)
    assert part.relation is NARROWER
    assert part.dropped == (), "a part of the kind is narrowed, not left out"
    assert population_narrower("học sinh", "học sinh THPT", "commune", DEFAULT_LEVELS, vocab)


def test_what_the_vocabulary_cannot_place_is_never_called_narrower_by_guess() -> None:
    assert relation("diện tích nuôi thủy sản chủ lực", "hộ gia đình") is not NARROWER
    assert relation("diện tích nuôi cá tra và thủy sản chủ lực", "diện tích năm 2030") is not NARROWER
    assert (
        relation("khu vực bảo vệ nguồn lợi thủy sản", "khu vực bảo vệ nguồn lợi thuỷ sản trên địa bàn xã")
        is SAME
    )
    assert relation("", "học sinh") is Relation.UNRELATED


def test_the_packaged_vocabulary_names_each_kind_once_and_knows_every_kind_it_refers_to() -> None:
    vocab = load_vocabulary().populations
    assert POPULATIONS_FILE.is_file()
    assert {"trường tiểu học", "cơ sở giáo dục", "nhà trọ", "người nghiện ma túy", "hộ gia đình"} <= set(
        vocab.kinds
    )
    for kind in vocab.kinds.values():
        assert set(kind.within) | set(kind.made_of) <= set(vocab.kinds)
    abbreviations = {"thpt", "thcs", "gdnn", "mttq", "htx", "hkd", "dnnvv", "kcn", "ccn"}
    assert abbreviations <= {" ".join(p) for p in vocab.phrases}
    assert all(match_key(" ".join(p)) == " ".join(p) for p in vocab.phrases if _SEP not in p)


_SEP = ","


@pytest.mark.parametrize(
    "data",
    [
        {"people": [{"name": "học sinh"}, {"name": "học sinh"}]},
        {"people": [{"name": "học sinh", "in": ["người học"]}]},
        {"people": [{"name": "học sinh", "aliases": ["hs"]}, {"name": "học viên", "aliases": ["hs"]}]},
        {"unions": [{"text": "hssv", "kinds": ["học sinh", "sinh viên"]}]},
    ],
)
def test_a_vocabulary_with_a_broken_entry_is_refused(data: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="populations"):
        build_populations(data)
