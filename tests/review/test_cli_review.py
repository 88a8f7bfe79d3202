from __future__ import annotations

import json
from pathlib import Path

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
    assert "8/10" in result.stderr
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


def test_review_of_a_missing_file_or_a_same_level_pair_exits_2(tmp_path: Path) -> None:
    assert CliRunner().invoke(main, ["review", str(tmp_path / "no.yaml"), "--parent", TINH]).exit_code == 2
    result = CliRunner().invoke(main, ["review", TINH, "--parent", TINH])
    assert result.exit_code == 2
    assert "cấp thấp hơn" in result.stderr


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
