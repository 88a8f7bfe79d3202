"""Builders for the documents the extract tests read: real files made on the spot, not mocks.

Hostile files (zip bombs, entity bombs, encrypted PDFs, huge page trees) are generated here so
that nothing dangerous is committed and each test shows exactly what it feeds the guard.
"""

from __future__ import annotations

import io
import struct
import unicodedata
import zipfile
import zlib
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, StreamObject

DOC_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
)


def plain_docx(*paragraphs: str) -> bytes:
    """A real DOCX made by python-docx with the given paragraphs."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_bytes(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip holding ``parts`` (name -> bytes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def docx_with_document_xml(xml: str) -> bytes:
    """A real DOCX whose word/document.xml is replaced by ``xml`` (other parts kept)."""
    source = zipfile.ZipFile(io.BytesIO(plain_docx("x")))
    parts = {info.filename: source.read(info) for info in source.infolist()}
    parts["word/document.xml"] = xml.encode("utf-8")
    return zip_bytes(parts)


def write_zero_bomb(path: Path, gigabytes: int = 1) -> int:
    """Write a DOCX-looking zip whose document.xml inflates to ``gigabytes`` GB of zeros.

    Built by hand, streaming: one MB of zeros deflated with a full flush gives a segment that
    does not depend on what came before, so repeating it makes the whole stream in a second
    (a ~1 MB file) without ever holding the inflated data. Returns the file's size.
    """
    chunk = bytes(1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    segment = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)  # an empty final block
    count = 1024 * gigabytes
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    size = len(chunk) * count
    compressed = len(segment) * count + len(tail)
    name = b"word/document.xml"
    with path.open("wb") as out:
        header = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, compressed, size, len(name), 0)
        out.write(header + name)
        for _ in range(count):
            out.write(segment)
        out.write(tail)
        directory_at = out.tell()
        entry = struct.pack(
            "<4s6H3L5H2L",
            b"PK\x01\x02",
            20,
            20,
            0,
            8,
            0,
            0,
            crc,
            compressed,
            size,
            len(name),
            0,
            0,
            0,
            0,
            0,
            0,
        )
        out.write(entry + name)
        directory_size = out.tell() - directory_at
        out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 1, 1, directory_size, directory_at, 0))
    return path.stat().st_size


def pdf_bytes(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _set_content(writer: PdfWriter, page_index: int, content: bytes, with_font: bool) -> None:
    page = writer.pages[page_index]
    stream = StreamObject()
    stream.set_data(content)
    page[NameObject("/Contents")] = writer._add_object(stream)
    if with_font:
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
        fonts = DictionaryObject({NameObject("/F1"): writer._add_object(font)})
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})


def text_and_scan_pdf(lines: list[str]) -> bytes:
    """Page 1 carries ASCII text ``lines`` in Helvetica; page 2 only a drawn rectangle (a "scan")."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_blank_page(595, 842)
    ops = ["BT", "/F1 12 Tf", "14 TL", "72 770 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) Tj T*")
    ops.append("ET")
    _set_content(writer, 0, "\n".join(ops).encode("latin-1"), with_font=True)
    _set_content(writer, 1, b"0.2 0.2 0.2 rg 100 100 395 642 re f", with_font=False)
    return pdf_bytes(writer)


def rectangle_only_pdf() -> bytes:
    """One page with a drawn rectangle and no text at all."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    _set_content(writer, 0, b"0 0 0 rg 50 50 200 200 re f", with_font=False)
    return pdf_bytes(writer)


def numbered_docx() -> bytes:
    """A DOCX with a custom multilevel list (upperRoman / decimal / lowerLetter / bullet),
    a restarted second list instance, a table between, and the built-in "List Number" style."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>'
        '<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>'
        "</w:abstractNum>"
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="90"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        )
    )

    def item(text: str, level: int, num_id: int = 90) -> None:
        paragraph = document.add_paragraph(text)
        num_pr = parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
        )
        paragraph._p.get_or_add_pPr().insert(0, num_pr)

    title = document.add_paragraph("KẾ HOẠCH")
    title.runs[0].bold = True
    item("MỤC TIÊU", 0)
    item("Mục tiêu chung", 1)
    item("Mục tiêu cụ thể", 1)
    item("Giảm tỷ lệ hộ nghèo 1,5%", 2)
    item("ưu tiên xã miền núi", 3)
    item("100% xã đạt chuẩn", 2)
    table = document.add_table(rows=2, cols=2)
    for (row, col), text in {
        (0, 0): "Chỉ tiêu",
        (0, 1): "Giá trị",
        (1, 0): "Hộ nghèo",
        (1, 1): "1,5%",
    }.items():
        table.cell(row, col).text = text
    item("NHIỆM VỤ", 0)
    item("Tuyên truyền", 1)
    item("PHỤ LỤC", 0, num_id=91)
    document.add_paragraph("Bước một", style="List Number")
    document.add_paragraph("Bước hai", style="List Number")
    document.sections[0].header.paragraphs[0].text = "DỰ THẢO"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


EXTERNAL_ENTITY_DOCX_TEXT = (
    '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
)


_TONE_GLYPHS = {
    "\u0300": "gravecomb",
    "\u0301": "acutecomb",
    "\u0309": "hookabovecomb",
    "\u0303": "tildecomb",
}
_TONE_GLYPHS["\u0323"] = "dotbelowcomb"
_SHAPED = "ăĂơƠưƯđĐâÂêÊôÔ"
_SHAPED_GLYPHS = ["abreve", "Abreve", "ohorn", "Ohorn", "uhorn", "Uhorn", "dcroat", "Dcroat"]
_SHAPED_GLYPHS += ["acircumflex", "Acircumflex", "ecircumflex", "Ecircumflex", "ocircumflex", "Ocircumflex"]


def _split_tones(line: str) -> tuple[list[int], list[tuple[int, int]]]:
    """Character codes of the line without tone marks, and (index, mark code) per tone mark."""
    codes: list[int] = []
    marks: list[tuple[int, int]] = []
    tones = list(_TONE_GLYPHS)
    for ch in line:
        decomposed = unicodedata.normalize("NFD", ch)
        tone = [c for c in decomposed if c in _TONE_GLYPHS]
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_GLYPHS))
        if tone:
            marks.append((len(codes), 160 + tones.index(tone[0])))
        codes.append(128 + _SHAPED.index(base) if base in _SHAPED else ord(base))
    return codes, marks


def scrambled_pdf(lines: list[str]) -> bytes:
    """A PDF drawn the way fonts lacking Vietnamese letters draw: base letters first, then each
    tone mark as a separate glyph placed over its vowel after the whole line. pypdf returns
    the marks at the line's end (the damage seen on real files); the page looks right."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    names = [*_SHAPED_GLYPHS, *_TONE_GLYPHS.values()]
    shaped = [NameObject(f"/{n}") for n in names[:14]]
    tones = [NameObject(f"/{n}") for n in names[14:]]
    differences = ArrayObject([NumberObject(128), *shaped, NumberObject(160), *tones])
    encoding = DictionaryObject(
        {NameObject("/BaseEncoding"): NameObject("/WinAnsiEncoding"), NameObject("/Differences"): differences}
    )
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Courier"),
            NameObject("/Encoding"): encoding,
        }
    )
    ops: list[str] = []
    for row, line in enumerate(lines):
        y = 800 - 14 * row
        codes, marks = _split_tones(line)
        ops.append(f"BT /F1 10 Tf 40 {y} Td <{''.join(f'{c:02X}' for c in codes)}> Tj ET")
        for index, mark in marks:
            ops.append(f"BT /F1 10 Tf {40 + index * 6 + 1} {y} Td <{mark:02X}> Tj ET")
    stream = StreamObject()
    stream.set_data("\n".join(ops).encode("latin-1"))
    page = writer.pages[0]
    page[NameObject("/Contents")] = writer._add_object(stream)
    fonts = DictionaryObject({NameObject("/F1"): writer._add_object(font)})
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): fonts})
    return pdf_bytes(writer)


TEXT_BOX_RUN = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    ' xmlns:v="urn:schemas-microsoft-com:vml">'
    '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>'
    "<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
    "</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>"
    "<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>"
    "<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
    "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
)


def text_box_docx(anchor: str, boxed: str) -> bytes:
    """A DOCX whose first paragraph anchors a text box (DrawingML with its VML fallback copy)."""
    document = docx.Document()
    paragraph = document.add_paragraph(anchor)
    paragraph._p.append(parse_xml(TEXT_BOX_RUN.format(text=boxed)))
    document.add_paragraph("Đoạn sau")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def text_pages_pdf(pages: list[list[str]]) -> bytes:
    """One page per entry, each carrying its ASCII lines in Helvetica from the top down."""
    writer = PdfWriter()
    for index, lines in enumerate(pages):
        writer.add_blank_page(595, 842)
        ops = ["BT", "/F1 12 Tf", "14 TL", "72 770 Td"]
        ops += [f"({line.replace('(', '[').replace(')', ']')}) Tj T*" for line in lines]
        ops.append("ET")
        _set_content(writer, index, "\n".join(ops).encode("latin-1"), with_font=True)
    return pdf_bytes(writer)
