"""The Plan aggregate: walking the body tree and the model rules validate_plan enforces."""

from __future__ import annotations

import pytest

from app.domain.assignments import Assignment, Duty, Role, Task
from app.domain.levels import DEFAULT_LEVELS, Level, LevelTable
from app.domain.plan import Reference, Section, SectionKind, Signer, validate_plan
from app.domain.targets import QuotaPart
from tests.builders import make_plan, make_section, make_target


def test_a_complete_plan_is_valid() -> None:
    assert validate_plan(make_plan()) == {}


def test_targets_tasks_and_assignments_are_found_at_any_depth() -> None:
    deep = make_section(
        "a",
        sections=[
            make_section("b", targets=[make_target("t-deep")], tasks=[Task("nv-1", "Tuyên truyền")]),
            make_section("c", assignment=Assignment("UBND các xã", [Duty("Báo cáo", Role.REPORT)])),
        ],
    )
    plan = make_plan(sections=[make_section("I", targets=[make_target("t-top")]), deep])
    assert [t.id for t in plan.targets()] == ["t-top", "t-deep"]
    assert [t.id for t in plan.tasks()] == ["nv-1"]
    assert [a.agency for a in plan.assignments()] == ["UBND các xã"]
    assert plan.target("t-deep") is not None
    assert plan.target("t-none") is None
    assert [s.title for s in plan.walk()] == ["I", "a", "b", "c"]


def test_parent_reference_is_the_implements_relation() -> None:
    plan = make_plan(
        references=[
            Reference(relation="basis", doc_type="Luật", text="Căn cứ Luật ..."),
            Reference(relation="implements", number="45", symbol="KH-UBND"),
        ]
    )
    assert plan.parent_ref is not None
    assert plan.parent_ref.number_symbol == "45/KH-UBND"
    assert make_plan(references=[]).parent_ref is None


def test_number_symbol_with_missing_parts() -> None:
    assert Reference(symbol="KH-UBND").number_symbol == "KH-UBND"
    assert Reference().number_symbol is None


def test_level_and_year_come_from_issuer_and_date() -> None:
    plan = make_plan()
    assert plan.level == "district"
    assert plan.year == 2020
    assert make_plan(date=None).year is None


def test_issuer_one_line_name() -> None:
    assert make_plan().issuer.one_line_name == "Ủy ban nhân dân huyện Vĩnh Cửu"


def test_signer_lines_are_stacked_authority_then_title() -> None:
    signer = Signer("Phạm Minh Phước", "PHÓ CHỦ TỊCH", ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"])
    assert signer.lines() == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def test_unknown_issuer_level() -> None:
    plan = make_plan()
    plan.issuer.level = "huyen"
    assert validate_plan(plan) == {"issuer.level": ["unknown_level"]}


def test_levels_come_from_the_table_given() -> None:
    plan = make_plan()
    plan.issuer.level = "hamlet"
    table = LevelTable((*DEFAULT_LEVELS.levels, Level("hamlet", 4, "Thôn, ấp", ("ấp",))))
    assert validate_plan(plan, table) == {}


@pytest.mark.parametrize("number", [0, -5])
def test_number_must_be_positive(number: int) -> None:
    assert validate_plan(make_plan(number=number)) == {"number": ["number_positive"]}


@pytest.mark.parametrize("mark", ["TM.", "KT.", "Q.", "TL.", "TUQ.", "tm."])
def test_every_signer_mark_is_accepted(mark: str) -> None:
    plan = make_plan()
    plan.signer.authority = [f"{mark} ỦY BAN NHÂN DÂN"]
    assert validate_plan(plan) == {}


def test_bad_signer_mark_is_named_by_line() -> None:
    plan = make_plan()
    plan.signer.authority = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert validate_plan(plan) == {"signer.authority[1]": ["signer_mark"]}


def test_duplicate_target_ids_across_sections() -> None:
    plan = make_plan(
        sections=[
            make_section("I", targets=[make_target("t1")]),
            make_section("II", sections=[make_section("1", targets=[make_target("t1")])]),
        ]
    )
    assert validate_plan(plan) == {"sections[1].sections[0].targets[0].id": ["duplicate_target_id"]}


def test_target_problems_are_reported_at_their_path() -> None:
    target = make_target(value=1100, unit="lượt người", breakdown=[QuotaPart("a", 1000), QuotaPart("b", 50)])
    plan = make_plan(sections=[make_section("I", targets=[make_target("ok"), target])])
    assert validate_plan(plan) == {"sections[0].targets[1].breakdown": ["target_breakdown"]}


def test_unknown_target_level() -> None:
    plan = make_plan(sections=[make_section("I", targets=[make_target(level="ward")])])
    assert validate_plan(plan) == {"sections[0].targets[0].level": ["unknown_level"]}


def test_unknown_assignment_and_task_levels() -> None:
    organization = Section(
        "Tổ chức thực hiện",
        SectionKind.ORGANIZATION,
        sections=[Section("Xã", assignment=Assignment("UBND các xã", level="xa"))],
        tasks=[Task("nv", "Tuyên truyền", level="commune"), Task("nv2", "Báo cáo", level="thon")],
    )
    errors = validate_plan(make_plan(sections=[organization]))
    assert errors == {
        "sections[0].sections[0].assignment.level": ["unknown_level"],
        "sections[0].tasks[1].level": ["unknown_level"],
    }


def test_every_error_key_has_a_message() -> None:
    from app.messages import MESSAGES

    keys = {"unknown_level", "number_positive", "signer_mark", "duplicate_target_id"}
    keys |= {f"target_{p}" for p in ("breakdown", "value_max", "denominator")}
    assert keys <= set(MESSAGES)
