"""`kehoach review CHILD --parent P1 --parent P2` (issue 12 part 4): a plan implementing
several parents is reviewed against each, one section per parent, in every format."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from docx import Document

from app.cli import main
from tests.conftest import SAMPLES

TINH = str(SAMPLES / "family_tinh_2026.yaml")
BRVT = str(SAMPLES / "000_ba_ria_vung_tau_2025.yaml")
XA_A = str(SAMPLES / "family_xa_a_2026.yaml")


def test_one_parent_gives_the_single_review_as_before() -> None:
    result = CliRunner().invoke(main, ["review", XA_A, "--parent", TINH])
    assert result.exit_code == 0, result.output
    assert "reviews" not in json.loads(result.stdout)


def test_two_parents_give_one_review_each_and_the_worst_exit_status() -> None:
    result = CliRunner().invoke(main, ["review", XA_A, "--parent", TINH, "--parent", BRVT])
    report = json.loads(result.stdout)
    assert [r["parent"]["id"] for r in report["reviews"]] == ["family-tinh-2026", "000-ba-ria-vung-tau-2025"]
    assert report["reviews"][0]["summary"]["ok"] is True
    assert report["reviews"][1]["summary"]["ok"] is False  # the commune does not carry Bà Rịa's targets
    assert result.exit_code == 1
    assert result.stderr.count("Theo kế hoạch cấp trên") == 2


def test_two_parents_in_html_and_docx_have_a_section_each(tmp_path: Path) -> None:
    html = tmp_path / "r.html"
    result = CliRunner().invoke(
        main, ["review", XA_A, "--parent", TINH, "--parent", BRVT, "--format", "html", "-o", str(html)]
    )
    assert result.exit_code == 1, result.output
    page = html.read_text("utf-8")
    assert page.count("<section><h2>Theo kế hoạch cấp trên") == 2
    assert page.count("<!DOCTYPE html>") == 1
    docx = tmp_path / "r.docx"
    result = CliRunner().invoke(
        main, ["review", XA_A, "--parent", TINH, "--parent", BRVT, "--format", "docx", "-o", str(docx)]
    )
    assert result.exit_code == 1, result.output
    text = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    assert text.upper().count("THEO KẾ HOẠCH CẤP TRÊN") == 2


def test_the_same_parent_twice_is_refused_with_exit_2() -> None:
    result = CliRunner().invoke(main, ["review", XA_A, "--parent", TINH, "--parent", TINH])
    assert result.exit_code == 2
    assert "hai lần" in result.stderr
