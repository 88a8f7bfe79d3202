from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import main
from tests.conftest import SAMPLES

TINH = str(SAMPLES / "family_tinh_2026.yaml")
XA_A = str(SAMPLES / "family_xa_a_2026.yaml")
XA_B = str(SAMPLES / "family_xa_b_2026.yaml")


def test_review_exits_0_when_everything_is_covered() -> None:
    result = CliRunner().invoke(main, ["review", XA_A, "--parent", TINH])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"]["ok"] is True


def test_review_exits_1_and_writes_the_report_when_something_is_missing(tmp_path: Path) -> None:
    out = tmp_path / "b.html"
    result = CliRunner().invoke(main, ["review", XA_B, "--parent", TINH, "--format", "html", "-o", str(out)])
    assert result.exit_code == 1
    assert "12/18" in result.stderr  # three of the parent's duties run two asks each, read one by one
    assert "Thiếu" in out.read_text("utf-8")


def test_review_exits_2_with_a_clear_message_for_unusable_input(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [", encoding="utf-8")
    out = tmp_path / "out.json"
    result = CliRunner().invoke(main, ["review", str(bad), "--parent", TINH, "-o", str(out)])
    assert result.exit_code == 2
    assert "bad.yaml" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists(), "nothing half-written"


def test_review_of_a_missing_file_exits_2(tmp_path: Path) -> None:
    assert CliRunner().invoke(main, ["review", str(tmp_path / "no.yaml"), "--parent", TINH]).exit_code == 2


def test_a_same_level_pair_is_reviewed_as_same_level_and_says_so() -> None:
    result = CliRunner().invoke(main, ["review", XA_B, "--parent", XA_A])
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    assert (report["parent"]["level"], report["child"]["level"]) == ("commune", "commune")
    assert report["assumptions"][0].startswith("Hai kế hoạch cùng cấp xã")
    assert "Hai kế hoạch cùng cấp xã" in result.stderr
    assert "đổi chỗ" not in result.stderr


def test_a_plan_reviewed_against_itself_is_named_as_such() -> None:
    result = CliRunner().invoke(main, ["review", TINH, "--parent", TINH])
    assert result.exit_code == 2
    assert "cùng một kế hoạch" in result.stderr
    assert "the same plan" in result.stderr


def test_docx_needs_an_output_file() -> None:
    result = CliRunner().invoke(main, ["review", XA_B, "--parent", TINH, "--format", "docx"])
    assert result.exit_code == 2
    assert "-o" in result.stderr


def test_review_all_reports_the_quota_shortfall(tmp_path: Path) -> None:
    out = tmp_path / "family.json"
    result = CliRunner().invoke(main, ["review-all", TINH, XA_A, XA_B, "-o", str(out)])
    assert result.exit_code == 1
    assert "KH005" in result.stderr
    assert json.loads(out.read_text("utf-8"))["quotas"][0]["shortfall"] == 80


def test_an_unwritable_output_exits_2_with_a_message(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["review", XA_B, "--parent", TINH, "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "Không ghi được tệp kết quả" in result.stderr


def test_review_all_without_children_is_a_bilingual_message_not_a_click_error() -> None:
    result = CliRunner().invoke(main, ["review-all", TINH])
    assert result.exit_code == 2
    assert "Cần ít nhất một kế hoạch cấp dưới" in result.stderr
    assert "Give at least one child plan" in result.stderr
    assert "Missing argument" not in result.output


def test_parent_and_child_swapped_are_reviewed_on_an_assumption_naming_the_swap() -> None:
    result = CliRunner().invoke(main, ["review", TINH, "--parent", XA_A])
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    assert report["child"]["level"] == "commune", "the child is taken as the level below its parent"
    (assumption,) = report["assumptions"]
    assert "được xác định là cấp tỉnh, không thấp hơn kế hoạch cấp trên (cấp xã)" in assumption
    assert "đổi chỗ" in assumption
    assert assumption in result.stderr


def test_the_user_sets_both_levels() -> None:
    result = CliRunner().invoke(
        main, ["review", XA_A, "--parent", TINH, "--parent-level", "province", "--child-level", "province"]
    )
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    assert (report["parent"]["level"], report["child"]["level"]) == ("province", "province")
    assert report["assumptions"] == []


def test_a_document_child_states_its_guessed_level_and_the_option_to_set_it(tmp_path: Path) -> None:
    text = (
        "ỦY BAN NHÂN DÂN\nXÃ TRỊ AN\nSố: 12/KH-UBND\nKẾ HOẠCH\nPhòng, chống ma túy năm 2026\n"
        "I. MỤC TIÊU\n- 100% người nghiện ma túy có hồ sơ được quản lý.\n"
    )
    child = tmp_path / "xa.txt"
    child.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["review", str(child), "--parent", TINH])
    assert result.exit_code in (0, 1), result.output
    (assumption,) = json.loads(result.stdout)["assumptions"]
    assert "cấp xã (theo cơ quan ban hành: Ủy ban nhân dân xã Trị An)" in assumption
    assert "--child-level" in assumption
    result = CliRunner().invoke(main, ["review", str(child), "--parent", TINH, "--child-level", "commune"])
    assert json.loads(result.stdout)["assumptions"] == []


@pytest.mark.parametrize("command", ["review", "review-all"])
def test_an_invalid_level_exits_2_with_the_levels_in_vietnamese(command: str, tmp_path: Path) -> None:
    args = [XA_A, "--parent", TINH] if command == "review" else [TINH, XA_A]
    out = tmp_path / "out.json"
    result = CliRunner().invoke(main, [command, *args, "--child-level", "xa", "-o", str(out)])
    assert result.exit_code == 2
    assert "Cấp không hợp lệ «xa» (--child-level)" in result.stderr
    assert "commune (cấp xã)" in result.stderr
    assert "Traceback" not in result.output
    assert "Invalid value for" not in result.output, "our message, not click's"
    assert not out.exists()


def test_levels_set_upside_down_exit_2() -> None:
    result = CliRunner().invoke(
        main, ["review", XA_A, "--parent", TINH, "--parent-level", "commune", "--child-level", "province"]
    )
    assert result.exit_code == 2
    assert "cao hơn cấp đã chọn cho kế hoạch cấp trên" in result.stderr


def test_review_all_takes_the_levels_for_every_child(tmp_path: Path) -> None:
    out = tmp_path / "family.json"
    result = CliRunner().invoke(
        main,
        ["review-all", XA_A, TINH, "--parent-level", "province", "--child-level", "commune", "-o", str(out)],
    )
    assert result.exit_code in (0, 1), result.output
    family = json.loads(out.read_text("utf-8"))
    assert family["reviews"][0]["child"]["level"] == "commune"
    assert family["reviews"][0]["parent"]["level"] == "province"
    result = CliRunner().invoke(main, ["review-all", XA_A, TINH, "-o", str(out)])
    assert result.exit_code in (0, 1), result.output
    assert "đổi chỗ" in result.stderr


def test_a_corrupt_docx_child_exits_2_with_a_message(tmp_path: Path) -> None:
    corrupt = tmp_path / "du_thao.docx"
    corrupt.write_bytes(b"PK\x03\x04" + b"\x00" * 200)  # a ZIP header, then nothing
    out = tmp_path / "out.json"
    result = CliRunner().invoke(main, ["review", str(corrupt), "--parent", TINH, "-o", str(out)])
    assert result.exit_code == 2
    assert "du_thao.docx" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_a_utf16_text_child_is_read(tmp_path: Path) -> None:
    text = (
        "ỦY BAN NHÂN DÂN\nXÃ PHÚ LÝ\nSố: 12/KH-UBND\nKẾ HOẠCH\nPhòng, chống ma túy năm 2026\n"
        "I. MỤC TIÊU\n- 100% người nghiện ma túy có hồ sơ được quản lý.\n"
    )
    child = tmp_path / "xa.txt"
    child.write_bytes(text.encode("utf-16"))  # with a BOM, as Notepad saves "Unicode"
    result = CliRunner().invoke(main, ["review", str(child), "--parent", TINH])
    assert result.exit_code in (0, 1), result.output
    report = json.loads(result.stdout)
    assert report["mandates"]
    counts = report["summary"]["counts"]
    assert counts["covered"] + counts["weaker"] >= 1, "the Vietnamese text was read, not mojibake"


def test_review_all_refuses_a_child_given_twice(tmp_path: Path) -> None:
    # found in QA: the same commune twice was reviewed twice and its share counted once
    out = tmp_path / "family.json"
    result = CliRunner().invoke(main, ["review-all", TINH, XA_A, XA_B, XA_A, "-o", str(out)])
    assert result.exit_code == 2
    assert "The same child plan is given twice" in result.stderr
    assert "family-xa-a-2026" in result.stderr
    assert not out.exists()
