"""`kehoach check-plan` and `kehoach schema` through click's CliRunner: exit codes, messages,
and never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import main
from app.messages import both, t
from app.planfile.jsonschema import plan_json_schema_text
from tests.conftest import SAMPLES

SAMPLE_FILES = sorted(SAMPLES.glob("*.yaml"))


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_check_plan_accepts_every_sample(runner: CliRunner, path: Path) -> None:
    result = runner.invoke(main, ["check-plan", str(path)])
    assert result.exit_code == 0, result.output
    assert both("plan_ok") in result.output


def bad_file(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    ("name", "content", "where", "key"),
    [
        ("thieu.yaml", b"id: x\n", "issuer", "required"),
        ("loi.yaml", b"id: [x\n", "dòng 2, cột 1", "bad_yaml"),
        ("loi.json", b'{"id": }', "dòng 1, cột 8", "bad_json"),
        ("danh_sach.yaml", b"- a\n- b\n", "(tệp)", "not_a_plan"),
        ("python.yaml", b"id: !!python/object/apply:os.system ['echo x']\n", "dòng 1, cột 5", "bad_yaml"),
        ("ke_hoach.txt", b"id: x\n", "(tệp)", "unsupported_plan_ext"),
        ("utf16.yaml", "id: x".encode("utf-16"), "(tệp)", "bad_encoding"),
    ],
)
def test_check_plan_refuses_a_bad_file_with_exit_2(
    runner: CliRunner, tmp_path: Path, name: str, content: bytes, where: str, key: str
) -> None:
    path = bad_file(tmp_path, name, content)
    result = runner.invoke(main, ["check-plan", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)
    assert str(path) in result.output
    assert f"- {where}: " in result.output
    assert t(key) in result.output


def test_check_plan_names_the_field_path_of_a_typo(runner: CliRunner, tmp_path: Path) -> None:
    text = (SAMPLES / "family_xa_b_2026.yaml").read_text(encoding="utf-8")
    path = bad_file(
        tmp_path, "typo.yaml", text.replace("  - id: b-khong-tu-diem", "  - idd: b-khong-tu-diem").encode()
    )
    result = runner.invoke(main, ["check-plan", str(path)])
    assert result.exit_code == 2
    assert f"sections[1].targets[4].idd: {both('unknown_field')}" in result.output
    assert f"sections[1].targets[4].id: {both('required')}" in result.output


def test_check_plan_on_a_missing_file(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["check-plan", str(tmp_path / "khong_co.yaml")])
    assert result.exit_code == 2
    assert t("file_not_found") in result.output


def test_check_plan_on_a_directory(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["check-plan", str(tmp_path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_schema_writes_the_json_schema(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "plan.schema.json"
    result = runner.invoke(main, ["schema", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert both("schema_written") in result.output
    assert out.read_text(encoding="utf-8") == plan_json_schema_text()


def test_schema_replaces_an_existing_file_whole(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "plan.schema.json"
    out.write_text("cũ " * 100_000, encoding="utf-8")
    assert runner.invoke(main, ["schema", "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8") == plan_json_schema_text()
    assert [p.name for p in tmp_path.iterdir()] == ["plan.schema.json"]


def test_schema_into_a_folder_writes_plan_schema_json_there(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["schema", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "plan.schema.json").read_text(encoding="utf-8") == plan_json_schema_text()


def test_schema_to_an_unwritable_place_exits_2_without_traceback(runner: CliRunner, tmp_path: Path) -> None:
    blocker = tmp_path / "tep"
    blocker.write_text("không phải thư mục", encoding="utf-8")
    result = runner.invoke(main, ["schema", "-o", str(blocker / "plan.schema.json")])
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    assert t("file_unwritable") in result.output
    assert blocker.read_text(encoding="utf-8") == "không phải thư mục"
