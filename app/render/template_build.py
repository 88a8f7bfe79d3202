"""Build templates/docx/ke_hoach.docx, the ND30 KẾ HOẠCH template, from code.

Why from code: every measurement of Nghị định 30/2020 (page, margins, sizes, the rules under
the headings) is written here once, readable and reviewable, and the part list stays lean (no
theme, font table, web settings or unused styles: the template's size sets the speed of every
render). The output is an ordinary docxtpl template, so an office may still open and edit it in
Word; run ``python -m app.render.template_build`` to restore the reference version.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from app.render.context import MOTTO
from app.render.measure import rule_text
from app.render.template_parts import (
    CONTENT_TYPES,
    DOCUMENT_RELS,
    PACKAGE_RELS,
    R_NS,
    SETTINGS_XML,
    W_NS,
    header_xml,
    numbering_xml,
    styles_xml,
)

TEMPLATE_PATH = Path(__file__).resolve().parents[2] / "templates" / "docx" / "ke_hoach.docx"

# Twips (1/20 pt). A4 210 x 297 mm; margins 20/20/30/15 mm (ND30 Phụ lục I, I.3).
PAGE_W, PAGE_H = 11906, 16838
TOP = BOTTOM = 1134
LEFT, RIGHT = 1701, 850
TEXT_W = PAGE_W - LEFT - RIGHT
HEAD_LEFT = 3827  # 6.75 cm, 41 % of the text width (convention 40-45 %)
SIGN_LEFT = 4395  # Nơi nhận column, about 47 %
KEEP_NEXT = "<w:keepNext/>"
CELL_SPACING = 'w:before="40" w:after="40"'  # 2 pt above and below: text clear of the borders


def run(
    text: str, size: int | None = None, bold: bool = False, italic: bool = False, underline: bool = False
) -> str:
    """One text run; ``size`` in points (None: the style's size)."""
    props = ""
    if bold:
        props += "<w:b/><w:bCs/>"
    if italic:
        props += "<w:i/><w:iCs/>"
    if size is not None:
        props += f'<w:sz w:val="{size * 2}"/><w:szCs w:val="{size * 2}"/>'
    if underline:  # after w:sz: Word rejects run properties out of schema order
        props += '<w:u w:val="single"/>'
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def para(
    runs: str = "", style: str | None = None, jc: str | None = None, spacing: str = "", extra: str = ""
) -> str:
    """A paragraph; ``spacing`` is the inside of a w:spacing element ('w:before="120"')."""
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    ppr += extra
    if spacing:
        ppr += f"<w:spacing {spacing}/>"
    if jc:
        ppr += f'<w:jc w:val="{jc}"/>'
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>" if ppr else f"<w:p>{runs}</w:p>"


def tag(statement: str, kind: str = "p") -> str:
    """A docxtpl tag paragraph ({%p ... %}, {%tc ... %}): the enclosing paragraph (or cell)
    becomes a plain jinja statement when docxtpl prepares the template."""
    return f"<w:p><w:r><w:t>{{%{kind} {statement} %}}</w:t></w:r></w:p>"


def centre(runs: str, spacing: str = "") -> str:
    return para(runs, jc="center", spacing=spacing)


def cell(width: int, content: str, top: bool = True) -> str:
    valign = '<w:vAlign w:val="top"/>' if top else ""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{valign}</w:tcPr>{content}</w:tc>'


def table(widths: list[int], rows: str, borders: bool = False, cant_split: bool = False) -> str:
    """A fixed-layout table; borderless unless ``borders`` (header and signature bands)."""
    kind = 'w:val="single" w:sz="4" w:space="0" w:color="000000"' if borders else 'w:val="nil"'
    edges = "".join(f"<w:{e} {kind}/>" for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
    pad = 85 if borders else 0  # 1.5 mm inside the appendix table's cells
    margins = (
        f'<w:tblCellMar><w:left w:w="{pad}" w:type="dxa"/><w:right w:w="{pad}" w:type="dxa"/></w:tblCellMar>'
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{edges}</w:tblBorders><w:tblLayout w:type="fixed"/>{margins}</w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>"
    )


def row(cells: str, header: bool = False, cant_split: bool = False) -> str:
    props = ("<w:cantSplit/>" if cant_split else "") + ("<w:tblHeader/>" if header else "")
    return f"<w:tr><w:trPr>{props}</w:trPr>{cells}</w:tr>" if props else f"<w:tr>{cells}</w:tr>"


def header_band() -> str:
    """Ô 1-4: agency block and số on the left, quốc hiệu, tiêu ngữ, dateline on the right.

    Two rows, so the số and the dateline always sit on the same line whatever the number of
    agency lines above them.
    """
    right_w = TEXT_W - HEAD_LEFT
    agency = (
        tag("if parent_body")
        + centre(run("{{ parent_body }}", 12))
        + tag("endif")
        + tag("for line in issuer_lines")
        + centre(run("{{ line }}", 12, bold=True))
        + tag("endfor")
        + centre(
            run("{{ issuer_rule }}", 12, bold=True, underline=True),
            'w:after="0" w:line="160" w:lineRule="exact"',
        )
    )
    state = (
        centre(run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True))
        + centre(run(MOTTO, 13, bold=True))
        + centre(
            run(rule_text(MOTTO, 1.0), 13, bold=True, underline=True),
            'w:after="0" w:line="160" w:lineRule="exact"',
        )
    )
    number = centre(run("Số: {{ number_symbol }}", 13), 'w:before="200"')
    # 13 pt (the decree's specimen size): a long place name ("Bà Rịa - Vũng Tàu") still fits one line
    dateline = centre(run("{{ dateline }}", 13, italic=True), 'w:before="200"')
    rows = row(cell(HEAD_LEFT, agency) + cell(right_w, state)) + row(
        cell(HEAD_LEFT, number) + cell(right_w, dateline)
    )
    return table([HEAD_LEFT, right_w], rows)


def title_block() -> str:
    """Ô 5a: tên loại and trích yếu, a short rule under it, then the legal bases (italic)."""
    return (
        centre(run("{{ doc_type }}", 14, bold=True), 'w:before="360"')
        + centre(run("{{ subject }}", 14, bold=True))
        + centre(
            run("{{ subject_rule }}", 14, bold=True, underline=True),
            'w:after="240" w:line="160" w:lineRule="exact"',
        )
        + tag("for line in references")
        + para(run("{{ line }}"), style="CanCu")
        + tag("endfor")
        + tag("for line in preamble")
        + para(run("{{ line }}"), style="Body")
        + tag("endfor")
    )


def body_block() -> str:
    """Ô 6: the body. Mục and khoản take Word's automatic numbering from their style; point
    labels (a, b, ... đ ...) and dashes come from the context."""
    branches = [
        ("if item.kind == 'muc'", "Muc", 0),
        ("elif item.kind == 'khoan'", "Khoan", 1),
        ("elif item.kind == 'khoan_text'", "KhoanText", 1),
        ("elif item.kind == 'point' or loop.last", "Body", -1),
        ("else", "Body", None),
    ]
    # numPr is repeated on the paragraph: LibreOffice ties a list level to one style only and
    # would leave the second style sharing level 1 (KhoanText) unnumbered. Level -1 keeps with
    # the next paragraph: a point's title ("a) Về ...") is never left at the foot of a page, and
    # the last paragraph stays with the signature band (ND30 practice never leaves the signer
    # alone on a page without any of the text it signs).
    inner = "".join(
        tag(cond) + para(run("{{ item.text }}"), style=style, extra=_body_extra(level))
        for cond, style, level in branches
    )
    return tag("for item in body") + inner + tag("endif") + tag("endfor")


def _body_extra(level: int | None) -> str:
    if level is None:
        return ""
    return KEEP_NEXT if level < 0 else num_pr(level)


def num_pr(level: int) -> str:
    return f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr>'


def signature_band() -> str:
    """Ô 9b beside ô 7: Nơi nhận (left, level with the first authority line) and the signer."""
    right_w = TEXT_W - SIGN_LEFT
    recipients = (
        para(run("Nơi nhận:", 12, bold=True, italic=True))
        + tag("for line in recipients")
        + para(run("{{ line }}", 11))
        + tag("endfor")
    )
    signer = (
        tag("for line in signer_lines")
        + centre(run("{{ line }}", 14, bold=True))
        + tag("endfor")
        + "".join(centre(run("", 14)) for _ in range(4))
        + centre(run("{{ signer_name }}", 14, bold=True))
    )
    cells = cell(SIGN_LEFT, recipients) + cell(right_w, signer)
    # kept whole unless the list is taller than a page (see context.signature_can_split)
    rows = (
        tr_tag("if signature_can_split")
        + row(cells)
        + tr_tag("else")
        + row(cells, cant_split=True)
        + tr_tag("endif")
    )
    return para(spacing='w:after="0"', extra=KEEP_NEXT) + table([SIGN_LEFT, right_w], rows)


def tr_tag(statement: str) -> str:
    """A docxtpl row tag ({%tr ... %}): the whole row becomes a jinja statement."""
    return f"<w:tr><w:tc><w:p><w:r><w:t>{{%tr {statement} %}}</w:t></w:r></w:p></w:tc></w:tr>"


def appendix_block() -> str:
    """Appendices, each in its own section so page numbers restart (ND30 III.1)."""
    third = TEXT_W // 3
    head = row(
        cell(third, tag("for col in appendix.columns", "tc"))
        + cell(third, para(run("{{ col }}", 13, bold=True), jc="center", spacing=CELL_SPACING))
        + cell(third, tag("endfor", "tc")),
        header=True,
    )
    body = (
        tr_tag("for cells in appendix.rows")
        + row(
            cell(third, tag("for value in cells", "tc"))
            + cell(third, para(run("{{ value }}", 13), spacing=CELL_SPACING))
            + cell(third, tag("endfor", "tc"))
        )
        + tr_tag("endfor")
    )
    return (
        tag("for appendix in appendices")
        + f"<w:p><w:pPr>{section_properties()}</w:pPr></w:p>"
        + centre(run("{{ appendix.label }}", 14, bold=True))
        + centre(run("{{ appendix.title }}", 14, bold=True))
        + centre(run("{{ appendix.attached }}", 14, italic=True), 'w:after="240"')
        + tag("if appendix.columns")
        + table([third, third, third], head + body, borders=True)
        + tag("endif")
        + tag("if appendix.note")
        + para(run("{{ appendix.note }}", 13, italic=True), spacing='w:before="120"')
        + tag("endif")
        + tag("endfor")
    )


def section_properties() -> str:
    """A4 portrait, ND30 margins, page number in the header hidden on the first page."""
    return (
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/>'
        f'<w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/>'
        f'<w:pgMar w:top="{TOP}" w:right="{RIGHT}" w:bottom="{BOTTOM}" w:left="{LEFT}" '
        'w:header="567" w:footer="567" w:gutter="0"/><w:pgNumType w:start="1"/><w:titlePg/></w:sectPr>'
    )


def document_xml() -> str:
    # Word expects the body to end with a paragraph, not a table: a 1 pt empty one
    closing = para(run("", 1), spacing='w:after="0" w:line="20" w:lineRule="exact"')
    body = header_band() + title_block() + body_block() + signature_band() + appendix_block() + closing
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{body}{section_properties()}</w:body></w:document>'
    )


def template_parts() -> list[tuple[str, str]]:
    """The package parts in the order they are zipped ([Content_Types].xml first)."""
    return [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", PACKAGE_RELS),
        ("word/document.xml", document_xml()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/styles.xml", styles_xml()),
        ("word/numbering.xml", numbering_xml()),
        ("word/settings.xml", SETTINGS_XML),
        ("word/header1.xml", header_xml()),
    ]


def build_template(path: Path = TEMPLATE_PATH) -> Path:
    """Write the template deterministically (fixed timestamps) to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, xml in template_parts():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, xml.encode("utf-8"))
    return path


if __name__ == "__main__":
    print(build_template(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE_PATH))
