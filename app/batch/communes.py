"""Read the commune list (XLSX or CSV) of a batch, and report EVERY bad cell before generating.

Columns are recognised by their header, Vietnamese or English, whatever the case, accents or
tone placement ("Tên", "Ten", "name"). A header equal to a parent target id holds explicit
per-commune quotas for that target. Numbers are accepted the Vietnamese way ("1.100", "2,5").
Nothing is generated from a list with an error: the whole list is checked first and all
problems are reported by row and column, so the officer fixes the file once. With a
:class:`~app.batch.register_list.RegisterCheck` every row must also name a unit of the register
of administrative units (see :mod:`app.batch.register_list`).

Reading costs little next to rendering (a list of all 3,321 communes reads in a fraction of a
second): type words, kinds and their levels are folded once, not per row, the register's keys
of a province are built once, and the file is read only up to :data:`MAX_ROWS`.
"""

from __future__ import annotations

import csv
import functools
import io
import itertools
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.batch import register_list
from app.batch.register_list import ABOLISHED_TYPES, OLD_COMMUNE_TYPES, RegisterCheck
from app.domain.errors import KehoachError
from app.domain.levels import DEFAULT_LEVELS, LevelTable
from app.messages import both
from app.vn import register
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
    "province": ("tỉnh", "tỉnh, thành phố", "tỉnh/thành phố", "tỉnh thành phố", "province"),
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
# Type words a name may start with ("Xã Tân Phú", "Thị trấn Tân Phú"), longest first, folded once.
_TYPE_PREFIXES = tuple(
    (word, match_key(word) + " ", len(word.split()))
    for word in sorted({*COMMUNE_TYPES, *ABOLISHED_TYPES}, key=len, reverse=True)
)
_COMMUNE_TYPE_KEYS = frozenset(match_key(k) for k in COMMUNE_TYPES)
_OLD_COMMUNE_KEYS = frozenset(match_key(k) for k in OLD_COMMUNE_TYPES)


@dataclass(frozen=True)
class CellError:
    """One problem in the list: a spreadsheet row (1 = header) and a column header."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if not self.row and not self.column:
            return self.message  # about the whole list, not a cell
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
    province: str = ""  # the register's province of the unit, when the list was checked against it

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
    # Reading stops one row past the cap: parse_communes reports that row, and a list of a
    # million rows costs no more than one of MAX_ROWS.
    capped = itertools.islice(rows, MAX_ROWS + 2)
    numbered = ((i, list(r)) for i, r in enumerate(capped, start=1))
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
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _xlsx_rows(raw: bytes, source: str) -> Iterator[Sequence[Any]]:
    """The rows of the first sheet, read as they are asked for (the reader may stop early)."""
    from openpyxl import load_workbook  # imported here: CSV users and tests skip its start-up

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for a corrupt or foreign file
        raise CommuneListError(source, [CellError(0, "", both("communes_bad_file"))]) from None
    try:
        yield from book.worksheets[0].iter_rows(values_only=True)
    except Exception:
        raise CommuneListError(source, [CellError(0, "", both("communes_bad_file"))]) from None
    finally:
        book.close()


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


@functools.lru_cache(maxsize=4096)
def _key(text: str) -> str:
    """match_key of a cell value that repeats from row to row (kinds, titles, provinces)."""
    return match_key(text)


@functools.lru_cache(maxsize=4096)
def _cell(value: str) -> str:
    """A cell's text cleaned (NFC, spaces); titles, kinds and provinces repeat: cleaned once."""
    return clean(value)


@functools.lru_cache(maxsize=64)
def _kind_level(kind_key: str, levels: LevelTable) -> str | None:
    """The level of a commune type (None for a type that is no commune's), once per table."""
    return levels.infer_any(kind_key) if kind_key in _COMMUNE_TYPE_KEYS | _OLD_COMMUNE_KEYS else None


def _kind_and_name(raw_name: str, raw_kind: str) -> tuple[str, str, str, bool]:
    """Split "Xã Tân Phú" into ("xã", "Tân Phú", its match key, True); the type column wins
    when given. The flag says whether the row gave its type at all (else "xã" is assumed)."""
    kind = raw_kind.lower()
    name_key = match_key(raw_name)
    for word, prefix, words in _TYPE_PREFIXES:
        if name_key.startswith(prefix):
            # match_key folds word by word: the rest of the key is the key of the rest
            raw_name, name_key = " ".join(raw_name.split()[words:]), name_key[len(prefix) :]
            kind = kind or word
            break
    return kind or "xã", raw_name, name_key, bool(kind)


@dataclass
class _Reader:
    """What every row of one list is read with: columns, titles, levels and the register."""

    columns: dict[int, str]
    header: list[str]
    levels: LevelTable
    check: RegisterCheck | None
    errors: list[CellError] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.titles = {f: self.header[i] for i, f in reversed(list(self.columns.items()))}

    def title_of(self, name: str) -> str:
        return self.titles.get(name) or HEADERS.get(name, (name,))[0].capitalize()

    @property
    def checks_register(self) -> bool:
        return self.check is not None and self.check.active


def parse_communes(
    header: list[str],
    rows: Iterable[tuple[int, list[Any]]],
    target_ids: Iterable[str] = (),
    source: str = "<danh sách>",
    levels: LevelTable = DEFAULT_LEVELS,
    register_check: RegisterCheck | None = None,
) -> list[Commune]:
    """Every commune of the list, or :class:`CommuneListError` with every bad cell.

    With ``register_check`` each row is also held against the register of administrative
    units (:mod:`app.batch.register_list`); its communes then carry the register's names."""
    errors: list[CellError] = []
    reader = _Reader(_columns(header, target_ids, errors), header, levels, register_check, errors)
    communes: list[Commune] = []
    seen: dict[str, int] = {}
    register_errors = 0
    for row_no, cells in rows:
        if row_no > MAX_ROWS + 1:
            errors.append(CellError(row_no, "", both("file_too_large")))
            break
        if all(c is None or not str(c).strip() for c in cells):
            continue
        before = len(errors)
        commune, key, register_errors_here = _parse_row(row_no, cells, reader)
        register_errors += register_errors_here
        # A duplicate is reported even when the row has other faults: the user fixes both at once.
        if key and key in seen:
            message = both("communes_duplicate").format(row=seen[key])
            errors.append(CellError(row_no, reader.title_of("name"), message))
            continue
        if key:
            seen[key] = row_no
        if commune is not None and len(errors) == before:
            communes.append(commune)
    if register_errors and register_check is not None and not register_check.required:
        errors.append(CellError(0, "", register_list.old_units_hint()))
    if not communes and not errors:
        errors.append(CellError(0, "", both("communes_empty")))
    if errors:
        raise CommuneListError(source, errors)
    return communes


@dataclass
class _Row:
    """One row being read: its number, raw cells and cleaned text by field."""

    number: int
    values: dict[str, Any]
    text: dict[str, str]

    @classmethod
    def of(cls, number: int, cells: list[Any], columns: dict[int, str]) -> _Row:
        values: dict[str, Any] = {}
        text: dict[str, str] = {}
        for i, name in columns.items():
            value = cells[i] if i < len(cells) else None
            values[name] = value
            if name in _TEXT_FIELDS:  # numbers are read from the raw cell, ignored columns not at all
                text[name] = "" if value is None else _cell(value if isinstance(value, str) else str(value))
        return cls(number, values, text)

    def get(self, name: str) -> str:
        return self.text.get(name, "")


def _parse_row(row_no: int, cells: list[Any], reader: _Reader) -> tuple[Commune | None, str | None, int]:
    """The row's commune (None when it has an error), the key two rows of one commune share
    (None without a name) and how many of its errors come from the register."""
    errors = reader.errors
    row = _Row.of(row_no, cells, reader.columns)
    before = len(errors)
    kind, name, name_key, explicit = _kind_and_name(row.get("name"), row.get("kind"))
    place, province = row.get("place"), row.get("province")
    # the same name in two places (or provinces) is two communes
    key = (
        f"{_key(kind)} {name_key} | {_key(place) if place else name_key} | {_key(province)}" if name else None
    )
    if not name:
        errors.append(CellError(row_no, reader.title_of("name"), both("communes_missing_name")))
    level = _kind_level(_key(kind), reader.levels)
    register_errors = 0
    unit = None
    # After the reform a huyện or thị xã row is an abolished type; before it, no commune type.
    abolished = _key(kind) in _ABOLISHED_KEYS and reader.check is not None and reader.check.required
    if name and reader.checks_register and (level is not None or abolished):
        unit, register_errors = _register_unit(row, reader, kind, explicit, name, name_key)
        if unit is not None and unit.code:
            key = f"unit {unit.code}"
    if level is None and not (register_errors and abolished):
        errors.append(CellError(row_no, reader.title_of("kind"), f"{both('communes_bad_type')}: {kind!r}"))
    for part in ("signer_name", "signer_title"):
        if not row.get(part):
            errors.append(CellError(row_no, reader.title_of(part), both("communes_missing_signer")))
    weight = _weight(row.values, row_no, reader)
    quotas = _quotas(row, reader)
    if len(errors) > before or level is None:
        return None, key, register_errors
    commune = Commune(
        row=row_no,
        name=name,
        kind=kind,
        level=level,
        place=place or name,
        signer_name=row.get("signer_name"),
        signer_title=row.get("signer_title"),
        weight=weight,
        quotas=quotas,
    )
    if unit is not None:  # the register's name, type and dateline place
        commune.kind, commune.name, commune.level = unit.type_word, unit.name, register.COMMUNE
        commune.place, commune.province = register_list.dateline_place(unit), unit.province
    return commune, key, register_errors


def _quotas(row: _Row, reader: _Reader) -> dict[str, float]:
    """The row's explicit figures for parent targets (columns named by a target id)."""
    quotas: dict[str, float] = {}
    for field_name, value in row.values.items():
        if field_name.startswith("quota:"):
            number = _number(value, row.number, reader.title_of(field_name), reader.errors)
            if number is not None:
                quotas[field_name.removeprefix("quota:")] = number
    return quotas


def _register_unit(
    row: _Row, reader: _Reader, kind: str, explicit: bool, name: str, name_key: str
) -> tuple[register.Unit | None, int]:
    """The row's unit of the register, or None and the number of errors reported for the row."""
    assert reader.check is not None
    resolved = register_list.resolve(reader.check, kind, explicit, name, row.get("province"), name_key)
    for column, message in resolved.errors:
        reader.errors.append(CellError(row.number, reader.title_of(column), message))
    if resolved.unit is None:
        return None, len(resolved.errors)
    misplaced = register_list.place_error(resolved.unit, row.get("place"))
    if misplaced:
        reader.errors.append(CellError(row.number, reader.title_of("place"), misplaced))
        return None, 1
    return resolved.unit, 0


def _weight(values: dict[str, Any], row_no: int, reader: _Reader) -> float | None:
    if "weight" not in values:
        return None
    before = len(reader.errors)
    weight = _number(values["weight"], row_no, reader.title_of("weight"), reader.errors)
    if weight is None and len(reader.errors) == before:
        reader.errors.append(CellError(row_no, reader.title_of("weight"), both("communes_bad_number")))
    return weight


def load_communes(
    path: Path,
    target_ids: Iterable[str] = (),
    levels: LevelTable = DEFAULT_LEVELS,
    register_check: RegisterCheck | None = None,
) -> list[Commune]:
    """Read and check a commune list file; raises :class:`CommuneListError`."""
    header, rows = read_table(path)
    return parse_communes(header, rows, target_ids, str(path), levels, register_check)


def communes_from_register(province: register.Unit) -> list[Commune]:
    """Every commune-level unit of ``province`` as a list row, for a batch without a list: the
    register's name, type and dateline place, the signer left for the clerk to fill in (title
    "CHỦ TỊCH", no name), no weights (quotas are shared equally or by the parent's appendix)."""
    return [
        Commune(
            row=i,
            name=u.name,
            kind=u.type_word,
            level=register.COMMUNE,
            place=register_list.dateline_place(u),
            signer_name="",
            signer_title=register_list.BLANK_SIGNER_TITLE,
            province=u.province,
        )
        for i, u in enumerate(register.communes_of(province), start=1)
    ]


_ABOLISHED_KEYS = frozenset(match_key(k) for k in ABOLISHED_TYPES)
_TEXT_FIELDS = frozenset(("name", "kind", "place", "province", "signer_name", "signer_title"))
