"""Every rendered sample, read back with python-docx, meets the ND30 rules for a KẾ HOẠCH."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from app.render.context import MOTTO, NATIONAL_NAME, POINT_LETTERS, month_text
from app.render.docx import render_docx
from app.render.measure import text_width_em
from app.render.textview import ParagraphView, TableView, document_view, text_view
from tests.builders import make_plan
from tests.conftest import DATA
from tests.render.conftest import sample_docx, sample_plan, sample_view

GOLDEN = DATA / "golden"


def header_table(name: str) -> TableView:
    first = sample_view(name).blocks[0]
    assert isinstance(first, TableView), "the document must open with the header table"
    return first


def body_paragraphs(name: str) -> list[ParagraphView]:
    """Paragraphs between the header table and the signature table."""
    blocks = sample_view(name).blocks
    end = next(i for i, b in enumerate(blocks) if i > 0 and isinstance(b, TableView))
    return [b for b in blocks[1:end] if isinstance(b, ParagraphView)]


def signature_table(name: str) -> TableView:
    return sample_view(name).tables()[1]


def test_page_is_a4_portrait_with_nd30_margins_and_page_numbers(sample: str) -> None:
    sections = sample_view(sample).sections
    assert len(sections) == 1 + len(sample_plan(sample).appendices)
    for section in sections:
        assert (section.width_mm, section.height_mm) == (210.0, 297.0)
        assert section.margins_mm == (20.0, 20.0, 30.0, 15.0)
        assert section.title_page, "page 1 must not show its number"
        assert (section.header_field, section.header_align, section.header_size) == ("PAGE", "center", 14.0)


def test_every_paragraph_is_times_new_roman(sample: str) -> None:
    assert {p.font for p in sample_view(sample).paragraphs()} == {"Times New Roman"}


def test_national_name_and_motto(sample: str) -> None:
    right = header_table(sample).cell(0, 1)
    name, motto, rule = right[0], right[1], right[2]
    assert (name.text, name.size, name.bold, name.align) == (NATIONAL_NAME, 12, True, "center")
    assert (motto.text, motto.size, motto.bold, motto.underline) == (MOTTO, 13, True, False)
    assert rule.is_rule
    assert abs(len(rule.text) / 4 - text_width_em(MOTTO)) < 0.1 * text_width_em(MOTTO)


def test_issuing_body_is_bold_upper_with_a_short_rule(sample: str) -> None:
    plan = sample_plan(sample)
    left = header_table(sample).cell(0, 0)
    if plan.issuer.parent_body:
        parent, left = left[0], left[1:]
        assert 12 <= (parent.size or 0) <= 13
        assert not parent.bold
        assert parent.text == parent.text.upper()
    lines, rule = left[:-1], left[-1]
    assert len(lines) == len([x for x in plan.issuer.name.splitlines() if x.strip()])
    for line in lines:
        assert 12 <= (line.size or 0) <= 13
        assert line.bold
        assert line.text == line.text.upper()
        assert line.align == "center"
    assert rule.is_rule
    assert rule.align == "center"
    ratio = len(rule.text) / 4 / max(text_width_em(x.text) for x in lines)
    assert 1 / 3 - 0.01 <= ratio <= 1 / 2


def test_number_and_dateline_share_a_row(sample: str) -> None:
    plan = sample_plan(sample)
    table = header_table(sample)
    (number,), (dateline,) = table.cell(1, 0), table.cell(1, 1)
    assert number.size == 13
    assert not number.bold
    assert number.align == "center"
    assert re.fullmatch(rf"Số: (\d{{2,}}|\u00a0{{6}})/{re.escape(plan.symbol)}", number.text)
    assert dateline.italic
    assert 13 <= (dateline.size or 0) <= 14
    assert dateline.align == "center"
    m = re.fullmatch(
        rf"{re.escape(plan.issuer.place)}, ngày (\d\d|\s+) tháng (\d+|\s+) năm (\d{{4}}|\s+)", dateline.text
    )
    assert m, dateline.text
    if plan.date:
        assert m.group(2) == month_text(plan.date.month)
        assert m.group(1) == f"{plan.date.day:02d}"


def test_title_subject_and_legal_bases(sample: str) -> None:
    plan = sample_plan(sample)
    paras = body_paragraphs(sample)
    title, subject, rule = paras[0], paras[1], paras[2]
    assert (title.text, title.size, title.bold, title.align) == (plan.doc_type.upper(), 14, True, "center")
    assert subject.size == 14
    assert subject.bold
    assert not subject.italic
    assert subject.align == "center"
    assert rule.is_rule
    assert rule.align == "center"
    bases = paras[3 : 3 + len(plan.references)]
    for basis in bases:
        assert basis.italic
        assert basis.size == 14
        assert basis.text.endswith(";" if basis is not bases[-1] else ".")


def test_body_is_justified_14_pt_with_first_line_indent(sample: str) -> None:
    plan = sample_plan(sample)
    body = body_paragraphs(sample)[3 + len(plan.references) :]
    for para in body[:-1]:
        assert (para.size, para.align, para.first_line_cm, para.italic) == (14, "both", 1.27, False), (
            para.line()
        )


def test_headings_are_numbered_automatically(sample: str) -> None:
    body = body_paragraphs(sample)
    parts = [p for p in body if p.style == "KH Part I."]
    assert parts, "a plan has parts I., II., ..."
    for para in parts:
        assert para.bold
        assert re.fullmatch(r"[IVXL]+\.", para.label)
        assert para.text == para.text.upper()
    for para in body:
        if para.style == "KH Item 1.":
            assert para.bold
            assert re.fullmatch(r"\d+\.", para.label)
        elif para.style == "KH Item 1. untitled":
            assert not para.bold
            assert re.fullmatch(r"\d+\.", para.label)
        elif re.match(r"^[a-zđ]{1,2}\) ", para.text):
            assert para.text[0] in POINT_LETTERS
            assert not para.bold
    items_after_first_part = [p.label for p in body if p.style.startswith("KH Item")]
    if items_after_first_part:
        assert items_after_first_part[0] == "1."


def test_body_ends_with_slash_dot_once(sample: str) -> None:
    texts = [p.text for p in body_paragraphs(sample) if p.text.strip()]
    assert texts[-1].endswith("./.")
    assert sum(t.count("./.") for t in texts) == 1


def test_recipients_sit_left_of_the_signer_in_the_same_row(sample: str) -> None:
    table = signature_table(sample)
    assert len(table.rows) == 1
    assert len(table.rows[0]) == 2
    left, _right = table.cell(0, 0), table.cell(0, 1)
    heading, *recipients = left
    assert (heading.text, heading.size, heading.bold, heading.italic, heading.underline) == (
        "Nơi nhận:",
        12,
        True,
        True,
        False,
    )
    assert recipients
    assert all(r.size == 11 and r.text.startswith("- ") for r in recipients)
    assert all(r.text.endswith(";") and not r.text.endswith(";;") for r in recipients[:-1])
    assert re.fullmatch(r"- Lưu: VT(, .+)?\.", recipients[-1].text), recipients[-1].text


def test_signer_lines_are_stacked_then_space_then_name(sample: str) -> None:
    plan = sample_plan(sample)
    right = signature_table(sample).cell(0, 1)
    expected = [line.upper() for line in plan.signer.lines()]
    lines = right[: len(expected)]
    assert [p.text for p in lines] == expected
    assert all(p.bold and p.size == 14 and p.align == "center" for p in lines)
    blanks = right[len(expected) : -1]
    assert 3 <= len(blanks) <= 4
    assert not any(p.text for p in blanks)
    name = right[-1]
    assert (name.text, name.bold, name.size, name.align) == (plan.signer.name, True, 14, "center")


def test_appendices_have_label_title_attachment_line_and_table(sample: str) -> None:
    plan = sample_plan(sample)
    paras = [b for b in sample_view(sample).blocks if isinstance(b, ParagraphView)]
    labels = [p for p in paras if p.text.startswith("Phụ lục") and p.bold and p.align == "center"]
    assert len(labels) == len(plan.appendices)
    attached = [p for p in paras if p.text.startswith("(Kèm theo ")]
    assert len(attached) == len(plan.appendices)
    assert all(p.italic for p in attached)
    tables = sample_view(sample).tables()[2:]
    assert len(tables) == len(plan.appendices)
    for table, appendix in zip(tables, plan.appendices, strict=True):
        assert [cell[0].text for cell in table.rows[0]] == appendix.columns
        assert all(cell[0].bold for cell in table.rows[0])
        assert len(table.rows) == 1 + len(appendix.rows)


def test_golden_text_view(sample: str, update_golden: bool) -> None:
    view = text_view(sample_docx(sample))
    path = GOLDEN / f"{sample}.txt"
    if update_golden:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(view, encoding="utf-8")
    if not path.exists():
        pytest.fail(f"{path} missing: run pytest tests/render --update-golden and review the diff")
    assert view == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("month", "day"), [(m, d) for m in range(1, 13) for d in (1, 9, 10, 28)])
def test_rendered_dateline_follows_the_padding_rule(month: int, day: int) -> None:
    plan = make_plan(date=dt.date(2025, month, day))
    (dateline,) = document_view(render_docx(plan)).tables()[0].cell(1, 1)
    shown_month = f"0{month}" if month < 3 else str(month)
    assert dateline.text == f"Vĩnh Cửu, ngày {day:02d} tháng {shown_month} năm 2025"
