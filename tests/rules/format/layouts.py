"""Tiny hand-built Layouts for rule unit tests (rules never see python-docx)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from app.extract.layout import Layout, Paragraph, Run, Section, Table


def p(
    text: str,
    size: float = 14,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    font: str = "Times New Roman",
    **fmt: Any,
) -> Paragraph:
    """A one-run paragraph; ``fmt`` sets Paragraph fields (alignment, table, row, cell, ...)."""
    runs = (Run(text, font, size, bold, italic, underline),) if text else ()
    return Paragraph(index=0, text=text, runs=runs, **fmt)


def body(text: str, **kw: Any) -> Paragraph:
    """A compliant body paragraph: justified, 1.27 cm indent, 6 pt after, 1.15 lines."""
    defaults: dict[str, Any] = {
        "alignment": "justify",
        "first_line_indent_cm": 1.27,
        "space_after_pt": 6.0,
        "line_spacing": 1.15,
    }
    return p(text, **{**defaults, **kw})


def layout(*paragraphs: Paragraph, sections: tuple[Section, ...] = (Section(1),)) -> Layout:
    """Number the paragraphs 1.. in order and group table cells into Table objects."""
    numbered = tuple(replace(par, index=i) for i, par in enumerate(paragraphs, start=1))
    tables = []
    for number in sorted({par.table for par in numbered if par.table is not None}):
        cells: dict[tuple[int, int], list[Paragraph]] = {}
        for par in numbered:
            if par.table == number:
                cells.setdefault((par.row or 1, par.cell or 1), []).append(par)
        rows = sorted({r for r, _ in cells})
        tables.append(
            Table(
                number,
                tuple(
                    tuple(tuple(cells[(r, c)]) for c in sorted(c for rr, c in cells if rr == r)) for r in rows
                ),
            )
        )
    return Layout(sections, numbered, tuple(tables))


def cell(par: Paragraph, table: int, row: int, column: int) -> Paragraph:
    return replace(par, table=table, row=row, cell=column)


def plain_plan(**overrides: Paragraph) -> list[Paragraph]:
    """A compliant KẾ HOẠCH typed as plain paragraphs (no tables), as hand-made drafts are.

    Keys of ``overrides`` name a part (issuer, number, qh, tn, date, type, subject, closing,
    noi_nhan, archive, mark, title, name) to replace.
    """
    parts: dict[str, Paragraph] = {
        "issuer": p("ỦY BAN NHÂN DÂN XÃ TÂN PHÚ", 13, bold=True, alignment="left"),
        "number": p("Số: 12/KH-UBND", 13, alignment="left"),
        "qh": p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True, alignment="center"),
        "tn": p("Độc lập - Tự do - Hạnh phúc", 13, bold=True, alignment="center"),
        "date": p("Tân Phú, ngày 20 tháng 02 năm 2026", 14, italic=True, alignment="right"),
        "type": p("KẾ HOẠCH", 14, bold=True, alignment="center"),
        "subject": p("Phòng, chống ma túy năm 2026", 14, bold=True, alignment="center"),
        "heading": body("I. MỤC ĐÍCH, YÊU CẦU", bold=True),
        "a": body("a) Tuyên truyền tại 100% thôn, ấp;"),
        "b": body("b) Rà soát người nghiện;"),
        "closing": body("Trên đây là Kế hoạch của UBND xã./."),
        "mark": p("TM. ỦY BAN NHÂN DÂN", 14, bold=True, alignment="center"),
        "title": p("CHỦ TỊCH", 14, bold=True, alignment="center"),
        "blank": p("", alignment="center"),
        "name": p("Lê Văn Bình", 14, bold=True, alignment="center"),
        "noi_nhan": p("Nơi nhận:", 12, bold=True, italic=True, alignment="left"),
        "line": p("- UBND tỉnh (để b/c);", 11, alignment="left"),
        "archive": p("- Lưu: VT, VHXH.", 11, alignment="left"),
    }
    parts.update(overrides)
    return list(parts.values())
