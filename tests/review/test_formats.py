from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import docx
import jsonschema
import pytest

from app.domain.plan import Plan
from app.review.formats import render_family, render_review
from app.review.formats.docx import review_note
from app.review.formats.json import family_to_dict, review_to_dict
from app.rules.format import lint_docx
from app.services.review import review_family, review_plans
from tests.conftest import ROOT, need_tool

SCHEMA = json.loads((ROOT / "schemas" / "review.schema.json").read_text("utf-8"))


def test_the_review_json_has_the_documented_fields_and_matches_the_schema(tinh: Plan, xa_b: Plan) -> None:
    data = json.loads(render_review(review_plans(tinh, xa_b), "json"))
    jsonschema.validate(data, SCHEMA)
    first = data["mandates"][0]
    for key in ("id", "parent_text", "status", "child_text", "score", "reason"):
        assert key in first
    missing = next(m for m in data["mandates"] if m["id"] == "t-tinh-nan-nhan-100")
    assert missing["status"] == "missing"
    assert missing["child_text"] is None
    # three duties of the province run two asks each, read one by one
    assert data["summary"]["covered"] == 12
    assert data["summary"]["applicable"] == 18
    assert data["format_findings"] == []
    assert data["format_checked"] is False


def test_the_family_json_matches_the_schema(tinh: Plan, xa_a: Plan, xa_b: Plan) -> None:
    data = family_to_dict(review_family(tinh, [xa_a, xa_b]))
    jsonschema.validate(data, SCHEMA)
    assert data["quotas"][0]["shortfall"] == 80


def test_the_schema_rejects_an_unknown_status(tinh: Plan, xa_a: Plan) -> None:
    data = review_to_dict(review_plans(tinh, xa_a))
    data["mandates"][0]["status"] = "fine"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)


def test_the_html_page_is_standalone_vietnamese_and_escaped(tinh: Plan, xa_b: Plan) -> None:
    review = review_plans(tinh, xa_b)
    review.results[0].child_text = "<script>alert(1)</script>"
    page = render_review(review, "html").decode("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert 'lang="vi"' in page
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "12/18 chỉ tiêu, nhiệm vụ được bảo đảm" in page
    assert "Thiếu" in page
    assert "Thấp hơn" in page
    assert "@media print" in page
    assert "<link" not in page, "no external resources"


def test_the_html_page_prints_dates_the_vietnamese_way(tinh: Plan, xa_b: Plan) -> None:
    # found in QA: the header lines read "2026-01-15", not "15/01/2026"
    page = render_review(review_plans(tinh, xa_b), "html").decode("utf-8")
    assert "15/01/2026" in page
    assert "02/03/2026" in page
    assert "2026-01-15" not in page


def test_the_family_html_shows_the_shortfall(tinh: Plan, xa_a: Plan, xa_b: Plan) -> None:
    page = render_family(review_family(tinh, [xa_a, xa_b]), "html").decode("utf-8")
    assert "Tổng hợp chỉ tiêu phân bổ" in page
    assert "<td>80</td>" in page


def test_the_review_note_is_an_nd30_report_with_the_mandates_appended(tinh: Plan, xa_b: Plan) -> None:
    review = review_plans(tinh, xa_b)
    note = review_note(review)
    assert note.doc_type == "BÁO CÁO"
    assert note.symbol == "BC-UBND"
    assert len(note.appendices[0].rows) == len(review.results)
    document = docx.Document(io.BytesIO(render_review(review, "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "BÁO CÁO" in text
    assert "12/18 chỉ tiêu" in text
    assert "100% nạn nhân bị mua bán" in text
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    assert "Thiếu" in cells
    assert "Thấp hơn" in cells


def test_our_review_note_passes_the_format_linter(tinh: Plan, xa_b: Plan) -> None:
    # found in QA: ND015 only knew "KẾ HOẠCH" and rejected the note, a BÁO CÁO
    assert lint_docx(render_review(review_plans(tinh, xa_b), "docx")) == []


def test_a_number_below_10_is_cited_with_its_leading_zero(tinh: Plan, xa_b: Plan) -> None:
    # found in QA: the note's subject cited the commune plan as "8/KH-UBND", against ND30
    review = review_plans(tinh, xa_b)
    assert xa_b.number == 8
    assert json.loads(render_review(review, "json"))["child"]["number_symbol"] == "08/KH-UBND"
    assert "08/KH-UBND" in review_note(review).subject


@pytest.mark.libreoffice
def test_the_review_note_converts_to_pdf(tinh: Plan, xa_b: Plan, tmp_path: Path) -> None:
    need_tool("soffice", "libreoffice-writer-nogui")
    source = tmp_path / "ra_soat.docx"
    source.write_bytes(render_review(review_plans(tinh, xa_b), "docx"))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert (tmp_path / "ra_soat.pdf").stat().st_size > 1000


def test_a_review_read_back_from_its_json_is_the_same_review(tinh: Plan, xa_b: Plan) -> None:
    from app.review.formats.json import review_from_dict, review_to_dict

    review = review_plans(tinh, xa_b)
    back = review_from_dict(json.loads(json.dumps(review_to_dict(review))))
    assert back == review
    assert [f.message for f in back.findings] == [f.message for f in review.findings]
    assert back.summary.text == review.summary.text
