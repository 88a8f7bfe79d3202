"""A review never stops over a guessed level: it works on an assumption, says it in plain
Vietnamese in every output format, and takes the levels the user sets."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import docx
import jsonschema
import pytest

from app.domain.plan import Plan
from app.review.assumptions import (
    InvalidLevelError,
    InvertedLevelsError,
    LevelChoice,
    level_words,
    settle_levels,
)
from app.review.formats import render_family, render_review
from app.review.report import Review
from app.services.review import ReviewInputError, review_family, review_files, review_plans
from tests.builders import make_issuer, make_plan
from tests.conftest import DATA, ROOT
from tests.review.conftest import docx_child_and_yaml_parent

SCHEMA = json.loads((ROOT / "schemas" / "review.schema.json").read_text("utf-8"))
REAL = DATA / "real"


def _plan(plan_id: str, name: str, level: str, day: dt.date = dt.date(2026, 1, 20)) -> Plan:
    return make_plan(id=plan_id, issuer=make_issuer(name=name, level=level), date=day)


PROVINCE = _plan("tinh", "Ủy ban nhân dân tỉnh Đồng Nai", "province")
SO = _plan("so", "Sở Y tế tỉnh Đồng Nai", "province")
COMMUNE = _plan("xa", "Ủy ban nhân dân xã Trị An", "commune")


def test_a_child_below_its_parent_from_plan_files_assumes_nothing() -> None:
    settled = settle_levels(PROVINCE, COMMUNE)
    assert (settled.parent, settled.child, settled.assumptions) == ("province", "commune", ())


def test_levels_read_from_documents_are_said_with_their_issuer_and_how_to_change_them() -> None:
    settled = settle_levels(PROVINCE, COMMUNE, LevelChoice(guessed=frozenset({"tinh", "xa"})))
    parent_note, child_note = settled.assumptions
    assert parent_note == (
        "Cấp của kế hoạch cấp trên được xác định là cấp tỉnh (theo cơ quan ban hành: Ủy ban nhân dân"
        " tỉnh Đồng Nai); có thể chọn lại bằng --parent-level hoặc ô «Cấp kế hoạch cấp trên» trên"
        " trang rà soát."
    )
    assert "cấp xã" in child_note
    assert "Ủy ban nhân dân xã Trị An" in child_note
    assert "--child-level" in child_note


def test_a_plan_of_the_same_level_is_reviewed_as_a_same_level_plan() -> None:
    settled = settle_levels(PROVINCE, SO)
    assert (settled.parent, settled.child) == ("province", "province")
    (note,) = settled.assumptions
    assert note.startswith("Hai kế hoạch cùng cấp tỉnh")
    assert "sở" in note
    assert "--child-level" in note


def test_a_child_above_its_parent_is_taken_as_the_level_below_and_a_swap_is_suggested() -> None:
    settled = settle_levels(COMMUNE, PROVINCE)
    assert (settled.parent, settled.child) == ("commune", "commune")
    (note,) = settled.assumptions
    assert "được xác định là cấp tỉnh, không thấp hơn kế hoạch cấp trên (cấp xã)" in note
    assert "đổi chỗ" in note


@pytest.mark.parametrize(
    ("day", "below"), [(dt.date(2026, 1, 20), "commune"), (dt.date(2019, 12, 31), "district")]
)
def test_the_level_below_is_the_one_that_exists_on_the_plans_date(day: dt.date, below: str) -> None:
    parent = _plan("tinh", "Ủy ban nhân dân tỉnh Đồng Nai", "province", day)
    child = _plan("tw", "Bộ Y tế", "national", day)
    assert settle_levels(parent, child).child == below


def test_the_users_child_level_stands_and_the_guessed_parent_gives_way() -> None:
    settled = settle_levels(COMMUNE, PROVINCE, LevelChoice(child="province"))
    assert (settled.parent, settled.child) == ("national", "province")
    (note,) = settled.assumptions
    assert "Kế hoạch cấp trên (Ủy ban nhân dân xã Trị An) được xác định là cấp xã" in note
    assert "--parent-level" in note


def test_levels_set_by_the_user_are_taken_as_set_without_a_word() -> None:
    choice = LevelChoice(parent="province", child="province", guessed=frozenset({"tinh", "xa"}))
    settled = settle_levels(PROVINCE, COMMUNE, choice)
    assert (settled.parent, settled.child, settled.assumptions) == ("province", "province", ())


def test_an_unknown_level_is_taken_next_to_the_other_plans() -> None:
    odd = _plan("odd", "Ban quản lý dự án", "nowhere")
    settled = settle_levels(PROVINCE, odd)
    assert settled.child == "commune"
    assert settled.assumptions[0].startswith(
        "Không xác định được cấp của kế hoạch cấp dưới (Ban quản lý dự án)"
    )


def test_a_level_the_user_sets_must_be_a_level_id() -> None:
    with pytest.raises(InvalidLevelError, match="Cấp không hợp lệ «tinh»") as raised:
        LevelChoice(parent="tinh").check()
    assert "province (cấp tỉnh)" in str(raised.value)
    assert "--parent-level" in str(raised.value)


def test_a_child_set_above_the_parent_by_the_user_is_refused() -> None:
    with pytest.raises(InvertedLevelsError, match="cao hơn cấp đã chọn"):
        LevelChoice(parent="commune", child="province").check()
    LevelChoice(parent="province", child="province").check()  # the same level is a real case


def test_level_words_read_as_a_sentence_names_them() -> None:
    assert [level_words(i) for i in ("national", "province", "district", "commune")] == [
        "cấp trung ương",
        "cấp tỉnh",
        "cấp huyện",
        "cấp xã",
    ]


def test_the_review_uses_the_settled_levels(tinh: Plan, xa_a: Plan) -> None:
    """Two commune plans: today's refusal became a same-level review that still asks for the
    commune mandates of the other plan."""
    review = review_plans(xa_a, tinh)
    assert (review.parent.level, review.child.level) == ("commune", "commune")
    assert review.results
    assert any("đổi chỗ" in a for a in review.assumptions)


def test_the_user_may_set_both_levels(tinh: Plan, xa_a: Plan) -> None:
    as_set = review_plans(tinh, xa_a, choice=LevelChoice(parent="province", child="province"))
    assert (as_set.parent.level, as_set.child.level) == ("province", "province")
    assert as_set.assumptions == []
    inferred = review_plans(tinh, xa_a)
    assert len(as_set.results) >= len(inferred.results), "a province child is asked at least as much"


def test_a_plan_against_itself_is_still_refused(tinh: Plan) -> None:
    with pytest.raises(ReviewInputError, match="cùng một kế hoạch"):
        review_plans(tinh, tinh, choice=LevelChoice(parent="province", child="commune"))


def test_review_files_marks_documents_as_guessed_and_plan_files_as_stated(
    tinh: Plan, xa_b: Plan, tmp_path: Path
) -> None:
    child, parent = docx_child_and_yaml_parent(tmp_path, xa_b, tinh, "du_thao")
    review = review_files(child, parent)
    (note,) = review.assumptions
    assert note.startswith("Cấp của kế hoạch cấp dưới được xác định là cấp xã")
    assert review_files(child, parent, child_level="commune").assumptions == []


def test_review_files_checks_the_levels_before_reading(tmp_path: Path) -> None:
    with pytest.raises(InvalidLevelError):
        review_files(tmp_path / "missing.docx", tmp_path / "missing.yaml", child_level="xa")


def test_a_real_parent_reviewed_against_its_real_child_states_both_guesses() -> None:
    review = review_files(REAL / "dev" / "179-xa-dinh-quan.md", REAL / "parents" / "179-kh-ubnd.md")
    assert (review.parent.level, review.child.level) == ("province", "commune")
    assert [a.split(" (theo")[0] for a in review.assumptions] == [
        "Cấp của kế hoạch cấp trên được xác định là cấp tỉnh",
        "Cấp của kế hoạch cấp dưới được xác định là cấp xã",
    ]


def test_the_family_review_applies_the_users_child_level_to_every_child(
    tinh: Plan, xa_a: Plan, xa_b: Plan
) -> None:
    family = review_family(tinh, [xa_a, xa_b], choice=LevelChoice(child="commune"))
    assert [r.child.level for r in family.reviews] == ["commune", "commune"]
    swapped = review_family(xa_a, [tinh])
    assert swapped.reviews[0].assumptions


@pytest.fixture
def assumed(xa_a: Plan, tinh: Plan) -> Review:
    return review_plans(xa_a, tinh)


def test_the_assumptions_are_in_the_json_and_match_the_schema(assumed: Review) -> None:
    data = json.loads(render_review(assumed, "json"))
    jsonschema.validate(data, SCHEMA)
    assert data["assumptions"]
    assert "đổi chỗ" in data["assumptions"][0]
    assert data["child"]["level"] == "commune"


def test_the_assumptions_are_on_the_html_page(assumed: Review) -> None:
    page = render_review(assumed, "html").decode("utf-8")
    assert "Giả định khi rà soát" in page
    assert page.index("Giả định khi rà soát") < page.index('class="summary"'), "before the verdicts"
    assert "--child-level" in page


def test_the_assumptions_are_in_the_family_outputs(tinh: Plan, xa_a: Plan) -> None:
    family = review_family(xa_a, [tinh])
    data = json.loads(render_family(family, "json"))
    jsonschema.validate(data, SCHEMA)
    assert data["reviews"][0]["assumptions"]
    assert "Giả định khi rà soát" in render_family(family, "html").decode("utf-8")


def test_the_assumptions_are_in_the_review_note(assumed: Review) -> None:
    from app.rules.format import lint_docx

    data = render_review(assumed, "docx")
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "GIẢ ĐỊNH KHI RÀ SOÁT" in text
    assert "đổi chỗ" in text
    assert lint_docx(data) == [], "the note stays ND30-correct with the extra part"
