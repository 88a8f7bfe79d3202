"""Read the commune list (XLSX or CSV) of a batch, and report EVERY bad cell before generating.

Columns are recognised by their header, Vietnamese or English, whatever the case, accents or
tone placement ("Tên", "Ten", "name"). A header equal to a parent target id holds explicit
per-commune quotas for that target. Numbers are accepted the Vietnamese way ("1.100", "2,5").
Nothing is generated from a list with an error: the whole list is checked first and all
problems are reported by row and column, so the officer fixes the file once.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.domain.errors import KehoachError
from app.domain.levels import DEFAULT_LEVELS, LevelTable
from app.messages import both
from app.vn.normalize import clean, match_key
from app.vn.numbers import NumberFormatError, parse_number

MAX_LIST_BYTES = 20 * 1024 * 1024
MAX_ROWS = 20_000
COMMUNE_TYPES = ("xã", "phường", "thị trấn", "đặc khu")

# field -> accepted headers (compared through match_key)
HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("tên", "tên xã", "tên đơn vị", "đơn vị", "xã", "name", "commune"),
    "kind": ("loại", "loại đơn vị", "loại đơn vị hành chính", "type", "kind"),
    "place": ("địa danh", "place"),
    "signer_name": ("người ký", "họ tên người ký", "họ và tên người ký", "signer", "signer name"),
    "signer_title": ("chức vụ", "chức vụ người ký", "title", "signer title"),
    "weight": (
        "trọng số",
        "dân số",
        "số người nghiện",
        "số người nghiện đang quản lý",
        "weight",
        "population",
        "addicts",
    ),
    "ignore": ("stt", "tt", "số thứ tự", "ghi chú", "note", "notes", "no"),
}
_HEADER_KEYS = {match_key(h): f for f, hs in HEADERS.items() for h in hs}


@dataclass(frozen=True)
class CellError:
    """One problem in the list: a spreadsheet row (1 = header) and a column header."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"dòng {self.row}" + (f", cột {self.column}" if self.column else "")
        return f"{where}: {self.message}"


class CommuneListError(KehoachError):
    """A commune list that cannot be used; ``errors`` lists every bad cell."""

    def __init__(self, source: str, errors: Sequence[CellError]) -> None:
        self.source = source
        self.errors = list(errors)
        lines = [f"{source}: {both('communes_invalid')}"] + [f"  - {e}" for e in self.errors]
        super().__init__("\n".join(lines))


@dataclass
class Commune:
    """One row of the list: the unit, its signer, and optional figures for the quotas."""

    row: int
    name: str  # without the type word: "Tân Phú"
    kind: str  # xã / phường / thị trấn / đặc khu
    level: str
    place: str
    signer_name: str
    signer_title: str
    weight: float | None = None
    quotas: dict[str, float] = field(default_factory=dict)

    @property
    def unit(self) -> str:
        """The unit as written in text: "xã Tân Phú"."""
        return f"{self.kind} {self.name}"


def read_table(path: Path) -> tuple[list[str], Iterator[tuple[int, list[Any]]]]:
    """The header and the (row number, cells) of an XLSX or CSV file."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise CommuneListError(str(path), [CellError(0, "", both("communes_unsupported"))])
    try:
        if path.stat().st_size > MAX_LIST_BYTES:
            raise CommuneListError(str(path), [CellError(0, "", both("file_too_large"))])
        raw = path.read_bytes()
    except OSError:
        raise CommuneListError(str(path), [CellError(0, "", both("file_not_found"))]) from None
    return read_table_bytes(raw, suffix, str(path))


def read_table_bytes(
    raw: bytes, suffix: str, source: str
) -> tuple[list[str], Iterator[tuple[int, list[Any]]]]:
    """Like :func:`read_table` for uploaded bytes; ``suffix`` is ".xlsx" or ".csv"."""
    rows = _xlsx_rows(raw, source) if suffix == ".xlsx" else _csv_rows(raw, source)
    numbered = ((i, list(r)) for i, r in enumerate(rows, start=1))
    first = next(numbered, None)
    if first is None:
        raise CommuneListError(source, [CellError(0, "", both("communes_empty"))])
    header = [clean(str(c)) if c is not None else "" for c in first[1]]
    return header, numbered


def _csv_rows(raw: bytes, source: str) -> Iterable[Sequence[Any]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CommuneListError(source, [CellError(0, "", both("bad_encoding"))]) from None
    first_line = text.split("\n", 1)[0]
    # Excel in a Vietnamese locale writes ";" because "," is the decimal mark.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    if "\t" in first_line and first_line.count("\t") > first_line.count(delimiter):
        delimiter = "\t"
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _xlsx_rows(raw: bytes, source: str) -> Iterable[Sequence[Any]]:
    from openpyxl import load_workbook  # imported here: CSV users and tests skip its start-up

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        book.close()
    except Exception:  # openpyxl raises many types for a corrupt or foreign file
        raise CommuneListError(source, [CellError(0, "", both("communes_bad_file"))]) from None
    return rows


def _columns(header: list[str], target_ids: Iterable[str], errors: list[CellError]) -> dict[int, str]:
    """Column index -> field name ("name", ..., or "quota:<target id>")."""
    targets = {match_key(t): t for t in target_ids}
    columns: dict[int, str] = {}
    for i, title in enumerate(header):
        if not title:
            continue
        key = match_key(title)
        if key in _HEADER_KEYS:
            columns[i] = _HEADER_KEYS[key]
        elif key in targets or title in targets.values():
            columns[i] = f"quota:{targets.get(key, title)}"
        else:
            errors.append(CellError(1, title, both("communes_unknown_column")))
    if "name" not in columns.values():
        errors.append(CellError(1, "", both("communes_no_name_column")))
    return columns


def _number(value: Any, row: int, column: str, errors: list[CellError]) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        number = math.nan
    elif isinstance(value, int | float):
        number = float(value)
    else:
        raw = str(value).strip()
        try:
            # parse_number reads magnitudes; a sign is ours to handle ("-3" is a negative, not junk)
            number = -parse_number(raw[1:]) if raw.startswith("-") else parse_number(raw)
        except NumberFormatError:
            number = math.nan
    if math.isnan(number) or math.isinf(number):
        errors.append(CellError(row, column, f"{both('communes_bad_number')}: {value!r}"))
        return None
    if number < 0:
        errors.append(CellError(row, column, both("communes_negative")))
        return None
    return number


def _kind_and_name(raw_name: str, raw_kind: str, levels: LevelTable) -> tuple[str, str, str | None]:
    """Split "Xã Tân Phú" into ("xã", "Tân Phú"); the type column wins when given."""
    name_key = match_key(raw_name)
    kind = raw_kind.strip().lower()
    for word in sorted(COMMUNE_TYPES, key=len, reverse=True):
        if name_key.startswith(match_key(word) + " "):
            raw_name = " ".join(raw_name.split()[len(word.split()) :])
            kind = kind or word
            break
    kind = kind or "xã"
    level = levels.infer_any(kind) if match_key(kind) in {match_key(k) for k in COMMUNE_TYPES} else None
    return kind, raw_name, level


def parse_communes(
    header: list[str],
    rows: Iterable[tuple[int, list[Any]]],
    target_ids: Iterable[str] = (),
    source: str = "<danh sách>",
    levels: LevelTable = DEFAULT_LEVELS,
) -> list[Commune]:
    """Every commune of the list, or :class:`CommuneListError` with every bad cell."""
    errors: list[CellError] = []
    columns = _columns(header, target_ids, errors)
    titles = {i: header[i] for i in columns}
    communes: list[Commune] = []
    seen: dict[str, int] = {}
    for row_no, cells in rows:
        if row_no > MAX_ROWS + 1:
            errors.append(CellError(row_no, "", both("file_too_large")))
            break
        if all(c is None or not str(c).strip() for c in cells):
            continue
        commune = _parse_row(row_no, cells, columns, titles, levels, errors)
        # A duplicate is reported even when the row has other faults: the user fixes both at once.
        key = _identity(cells, columns, levels)
        if key and key in seen:
            name_col = next((titles[i] for i, f in columns.items() if f == "name"), "")
            errors.append(CellError(row_no, name_col, both("communes_duplicate").format(row=seen[key])))
            continue
        if key:
            seen[key] = row_no
        if commune is not None:
            communes.append(commune)
    if not communes and not errors:
        errors.append(CellError(0, "", both("communes_empty")))
    if errors:
        raise CommuneListError(source, errors)
    return communes


def _identity(cells: list[Any], columns: dict[int, str], levels: LevelTable) -> str | None:
    """The key two rows of the same commune share ("xã Tân Phú | Tân Phú"), from the raw cells;
    the same name in two places is fine."""
    raw = {name: cells[i] for i, name in columns.items() if i < len(cells) and cells[i] is not None}
    kind, name, _ = _kind_and_name(clean(str(raw.get("name", ""))), clean(str(raw.get("kind", ""))), levels)
    if not name:
        return None
    place = clean(str(raw.get("place", ""))) or name
    return match_key(f"{kind} {name} | {place}")


def _parse_row(
    row_no: int,
    cells: list[Any],
    columns: dict[int, str],
    titles: dict[int, str],
    levels: LevelTable,
    errors: list[CellError],
) -> Commune | None:
    values: dict[str, Any] = {}
    for i, name in columns.items():
        values[name] = cells[i] if i < len(cells) else None

    def text(name: str) -> str:
        value = values.get(name)
        return clean(str(value)) if value is not None else ""

    def title_of(name: str) -> str:
        return next(
            (titles[i] for i, f in columns.items() if f == name), HEADERS.get(name, (name,))[0].capitalize()
        )

    before = len(errors)
    kind, name, level = _kind_and_name(text("name"), text("kind"), levels)
    if not name:
        errors.append(CellError(row_no, title_of("name"), both("communes_missing_name")))
    if level is None:
        errors.append(CellError(row_no, title_of("kind"), f"{both('communes_bad_type')}: {kind!r}"))
    for part in ("signer_name", "signer_title"):
        if not text(part):
            errors.append(CellError(row_no, title_of(part), both("communes_missing_signer")))
    weight = _number(values.get("weight"), row_no, title_of("weight"), errors) if "weight" in values else None
    if "weight" in values and weight is None and len(errors) == before:
        errors.append(CellError(row_no, title_of("weight"), both("communes_bad_number")))
    quotas: dict[str, float] = {}
    for field_name in values:
        if field_name.startswith("quota:"):
            number = _number(values[field_name], row_no, title_of(field_name), errors)
            if number is not None:
                quotas[field_name.removeprefix("quota:")] = number
    if len(errors) > before or level is None:
        return None
    return Commune(
        row=row_no,
        name=name,
        kind=kind,
        level=level,
        place=text("place") or name,
        signer_name=text("signer_name"),
        signer_title=text("signer_title"),
        weight=weight,
        quotas=quotas,
    )


def load_communes(
    path: Path, target_ids: Iterable[str] = (), levels: LevelTable = DEFAULT_LEVELS
) -> list[Commune]:
    """Read and check a commune list file; raises :class:`CommuneListError`."""
    header, rows = read_table(path)
    return parse_communes(header, rows, target_ids, str(path), levels)
