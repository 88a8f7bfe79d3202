"""Column widths and number alignment of the appendix tables, applied after rendering.

The template cannot know an appendix's columns: they come from the plan, one cell per column
({%tc for %}), and docxtpl then shares the table width equally between them. An "STT" column
as wide as "Tên đơn vị hành chính" wraps every commune name over two or three lines; and
numbers printed left-aligned under a centred header read badly. Here each column gets a width
that follows its content (at least its longest word, at most a few words' worth more), and a
cell holding only a number (STT, a quota, a percentage) is centred, as offices print them.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from app.render.measure import text_width_em

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NUMBER = re.compile(r"^[-+]?\d[\d.,]*\s*%?$|^\d+\s*/\s*\d+$")
_MAX_EM = 14.0  # beyond this a column is wide enough: longer text wraps
_PAD_EM = 1.0  # cell margins and a little air
_EM_TWIPS = 13 * 20  # the appendix table is printed at 13 pt


def is_number_cell(text: str) -> bool:
    """A cell printed centred: a count, a figure ("1.200", "2,5%") or a fraction ("4/12")."""
    return bool(_NUMBER.match(text.strip()))


def column_wants(columns: list[str], rows: list[list[str]]) -> list[tuple[float, float]]:
    """Per column, in em: (the least width, its longest word, and the width it would like,
    its longest text up to a cap), both with room for the cell margins."""
    count = max([len(columns), *(len(r) for r in rows)], default=0)
    wants = []
    for j in range(count):
        texts = [cells[j] for cells in [columns, *rows] if j < len(cells) and cells[j]]
        words = [word for text in texts for word in text.split()]
        least = max((text_width_em(w) for w in words), default=1.0) + _PAD_EM
        longest = max((text_width_em(t) for t in texts), default=1.0) + _PAD_EM
        wants.append((least, max(least, min(longest, _MAX_EM))))
    return wants


def split_width(total: int, wants: list[tuple[float, float]], em: int = _EM_TWIPS) -> list[int]:
    """``total`` twips shared between the columns: every column first gets its least width,
    what is left goes to those that would like more; the sum stays exactly ``total``."""
    if not wants:
        return []
    available = total / em
    least = [lo for lo, _ in wants]
    liked = [hi for _, hi in wants]
    if sum(liked) <= available:
        ems = [hi * available / sum(liked) for hi in liked]
    elif sum(least) < available:
        spare = (available - sum(least)) / sum(hi - lo for lo, hi in wants)
        ems = [lo + (hi - lo) * spare for lo, hi in wants]
    else:  # even the longest words do not fit: share in their proportion
        ems = [lo * available / sum(least) for lo in least]
    widths = [int(e * em) for e in ems]
    widths[-1] += total - sum(widths)
    return widths


def layout_appendix_tables(body: etree._Element, appendices: list[dict[str, Any]]) -> None:
    """Set widths and centre number cells in the appendix tables of ``body``: the last tables,
    one per appendix that has cells, in order."""
    with_table = [a for a in appendices if a["columns"]]  # an appendix without cells has none
    if not with_table:
        return
    tables = [t for t in body.iter(f"{W}tbl") if t.getparent() is body][-len(with_table) :]
    for table, appendix in zip(tables, with_table, strict=False):
        _layout(table, appendix)


def _layout(table: etree._Element, appendix: dict[str, Any]) -> None:
    grid = table.find(f"{W}tblGrid")
    if grid is None:
        return
    columns = grid.findall(f"{W}gridCol")
    total = sum(int(float(c.get(f"{W}w", "0"))) for c in columns)
    widths = split_width(total, column_wants(appendix["columns"], appendix["rows"]))
    if len(widths) != len(columns):
        return  # a template an office changed by hand: leave its table alone
    for column, width in zip(columns, widths, strict=True):
        column.set(f"{W}w", str(width))
    for index, row in enumerate(table.findall(f"{W}tr")):
        for cell, width in zip(row.findall(f"{W}tc"), widths, strict=False):
            tc_width = cell.find(f"{W}tcPr/{W}tcW")
            if tc_width is not None:
                tc_width.set(f"{W}w", str(width))
            if index > 0:
                _centre_if_number(cell)


def _centre_if_number(cell: etree._Element) -> None:
    for paragraph in cell.findall(f"{W}p"):
        text = "".join(paragraph.itertext())
        if not is_number_cell(text):
            continue
        ppr = paragraph.find(f"{W}pPr")
        if ppr is None:
            ppr = etree.Element(f"{W}pPr")
            paragraph.insert(0, ppr)
        jc = ppr.find(f"{W}jc")
        if jc is None:
            jc = etree.Element(f"{W}jc")
            run_props = ppr.find(f"{W}rPr")  # schema order: w:jc comes before w:rPr
            if run_props is None:
                ppr.append(jc)
            else:
                run_props.addprevious(jc)
        jc.set(f"{W}val", "center")
