"""`kehoach lint` and `kehoach rules`: exit codes 0 / 1 / 2 and both output formats."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from app.cli import main
from tests.conftest import DATA

FIXTURES = DATA / "rules"


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_clean_document_exits_0() -> None:
    code, out, err = _run("lint", str(FIXTURES / "ND001" / "pass.docx"))
    assert (code, out) == (0, "")
    assert "0 lỗi thể thức" in err


def test_findings_exit_1_and_name_rule_and_place() -> None:
    code, out, _ = _run("lint", str(FIXTURES / "ND014" / "fail.docx"))
    assert code == 1
    assert "bảng 1, hàng 1, ô 2, đoạn 6: ND014 [error]" in out
    assert "tháng 03" in out


def test_json_output_lists_findings_with_rule_location_and_message() -> None:
    code, out, _ = _run("lint", str(FIXTURES / "ND017" / "fail.docx"), "--format", "json")
    assert code == 1
    findings = json.loads(out)["findings"]
    assert [(f["rule"], f["location"]) for f in findings] == [("ND017", "đoạn 20"), ("ND017", "đoạn 21")]
    assert all(f["message"] and f["required"] for f in findings)


def test_missing_file_exits_2_with_a_bilingual_message(tmp_path: Path) -> None:
    code, out, err = _run("lint", str(tmp_path / "khong-co.docx"))
    assert (code, out) == (2, "")
    assert "Không tìm thấy tệp / File not found" in err


def test_text_named_docx_and_truncated_docx_exit_2(tmp_path: Path) -> None:
    fake = tmp_path / "gia.docx"
    fake.write_text("không phải docx", "utf-8")
    truncated = tmp_path / "cut.docx"
    truncated.write_bytes((FIXTURES / "ND001" / "pass.docx").read_bytes()[:4000])
    for path in (fake, truncated):
        code, out, err = _run("lint", str(path))
        assert (code, out) == (2, "")
        assert path.name in err


def test_rules_lists_both_families() -> None:
    code, out, _ = _run("rules")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("ND001  margins")
    assert any(line.startswith("ND022  page-numbers") and "warning" in line for line in lines)
    assert any(line.startswith("KH001") for line in lines)


def test_oversized_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "lon.docx"
    with big.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)  # sparse: no 21 MB written to disk
    code, out, err = _run("lint", str(big))
    assert (code, out) == (2, "")
    assert "21.0 MB" in err
