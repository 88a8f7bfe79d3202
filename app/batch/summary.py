"""The batch's summary workbook (tong-hop.xlsx), written as a minimal XLSX, row by row.

Why not openpyxl here: in a batch of thousands of communes, openpyxl's per-cell objects cost a
tenth of each document's whole rendering time. The sheet has one header row and one plain row
per commune (text and numbers, no styles), which SpreadsheetML states in a few lines; rows go to
a temporary file as they come, so memory stays flat. Excel, LibreOffice and openpyxl read it.
"""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Sequence
from typing import IO
from xml.sax.saxutils import escape

SHEET_NAME = "Tổng hợp"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
    f'<sheets><sheet name="{SHEET_NAME}" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)


def _cell(value: object) -> str:
    if value is None or value == "":
        return "<c/>"
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, int | float):
        number = int(value) if float(value).is_integer() else value
        return f"<c><v>{number}</v></c>"
    return f'<c t="inlineStr"><is><t xml:space="preserve">{escape(str(value))}</t></is></c>'


class Summary:
    """The summary sheet: one row per commune (unit, signer, each quota, file names)."""

    def __init__(self, quota_columns: Sequence[tuple[str, str]]) -> None:
        """``quota_columns`` are (share key, column title) pairs."""
        self.keys = [key for key, _ in quota_columns]
        # Lives as long as the summary; closed by write() or close().
        self._rows: IO[str] = tempfile.SpooledTemporaryFile(  # noqa: SIM115
            max_size=1 << 20, mode="w+", encoding="utf-8"
        )
        self.rows = 0
        titles = [title for _, title in quota_columns]
        self._append(["STT", "Đơn vị", "Người ký", *titles, "Tệp DOCX", "Tệp PDF", "Ghi chú"])

    def _append(self, values: Sequence[object]) -> None:
        self._rows.write(f"<row>{''.join(_cell(v) for v in values)}</row>")

    def add(
        self, unit: str, signer: str, shares: dict[str, float], docx: str, pdf: str = "", note: str = ""
    ) -> None:
        self.rows += 1
        self._append([self.rows, unit, signer, *(shares.get(k) for k in self.keys), docx, pdf, note])

    def write(self, stream: IO[bytes]) -> None:
        """Write the workbook to ``stream`` (need not be seekable)."""
        with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as book:
            for name, text in (
                ("[Content_Types].xml", _CONTENT_TYPES),
                ("_rels/.rels", _ROOT_RELS),
                ("xl/workbook.xml", _WORKBOOK),
                ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
            ):
                book.writestr(zipfile.ZipInfo(name, date_time=_ZIP_TIME), text)
            info = zipfile.ZipInfo("xl/worksheets/sheet1.xml", date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            with book.open(info, "w") as sheet:
                sheet.write(
                    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{_MAIN}"><sheetData>'.encode()
                )
                self._rows.seek(0)
                while chunk := self._rows.read(1 << 16):
                    sheet.write(chunk.encode("utf-8"))
                sheet.write(b"</sheetData></worksheet>")
        self.close()

    def close(self) -> None:
        self._rows.close()
