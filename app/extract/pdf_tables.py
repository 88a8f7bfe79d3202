"""Ruled tables of a PDF page as rows of cells, found in the pypdf pass that reads its text.

Official PDFs made by LibreOffice or Word draw their tables' cell borders; an appendix of
tasks (STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian) read as plain text
bleeds its rows and columns into each other. While pypdf extracts a page's text, its operator
visitor records the page's painted path segments (lines, rectangle sides) and where each piece
of text starts. pdfplumber's table finder (its "lines" strategy: edges snapped and joined,
their intersections, the cells they close, cells grouped into tables) turns the segments into
tables, and each text piece goes to the cell its start stands in; so the page is parsed once.

pdfplumber's own page parse (pdfminer, about twice pypdf's time per page) is used only for a
page whose text pieces run across cells: a producer that writes a whole table line in one text
object, seen as a cell where a text operator starts but no piece does. Those pages are read
under MAX_PDFPLUMBER_SECONDS and MAX_PDFPLUMBER_PAGES; past either, or if pdfplumber fails on
a page, the page keeps its plain text as before.

Only tables of three columns or more are taken: the header block and the signer block of an
ND30 document are two-column layout tables (often borderless) and stay read as text. Pages
with a /Rotate other than 0 keep their plain text.
"""

from __future__ import annotations

import bisect
import io
import itertools
import logging
import math
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, cast

from app.extract.scramble import is_vietnamese_syllable

MAX_PATH_SEGMENTS = 20_000  # per page; a table page has tens to a few thousand
MAX_PDFPLUMBER_SECONDS = 20  # pdfplumber re-reads a page in well under 0.1 s
MAX_PDFPLUMBER_PAGES = 100
MIN_COLUMNS = 3
_EDGE_MIN = 3.0  # pdfplumber's edge_min_length and snap tolerance, in points
_SETTINGS = {"edge_min_length": _EDGE_MIN}  # pdfplumber's "lines" strategy, its tolerances
_LINE_TOLERANCE = 2.0  # pieces whose baselines differ by less stand on one line
_NUMERIC = re.compile(r"^\d[\d.,/]*$")  # a number or date broken by a narrow column: "1506250.", "30/"
_SHOW = {b"Tj", b"TJ"}
_PAINT = {b"S", b"f", b"F", b"f*", b"B", b"B*"}
_CLOSE_PAINT = {b"s", b"b", b"b*"}
_PATH = {b"m", b"l", b"re", b"c", b"v", b"y", b"h", b"n", *_PAINT, *_CLOSE_PAINT}

Point = tuple[float, float]
Cell = list[str]  # the cell's layout lines
logger = logging.getLogger(__name__)


class Piece(NamedTuple):
    """A piece of text as pypdf hands it out, with where it starts (x, distance from the top)."""

    text: str
    x: float
    top: float


@dataclass
class PageScan:
    """What the pypdf pass saw on one page: its text, the pieces, the rulings, the text starts."""

    text: str
    pieces: list[Piece] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    starts: list[Point] = field(default_factory=list)
    bbox: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    rotated: bool = False
    offset: bool = False  # the media box does not start at (0, 0)
    overflow: bool = False  # too many path segments: tables are not looked for

    def may_hold_table(self) -> bool:
        """At least MIN_COLUMNS + 1 distinct vertical rulings: a table of three columns or more."""
        if self.rotated or self.overflow:
            return False
        xs = {round(e["x0"]) for e in self.edges if e["orientation"] == "v" and e["height"] >= _EDGE_MIN}
        return len(xs) > MIN_COLUMNS


@dataclass
class PageTable:
    """One ruled table of a page: its box, its column edges and its rows of cells.

    A row holds one entry per column: the cell's lines, or None where a merged cell of the row
    (or of a row above) covers the column.
    """

    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom
    columns: tuple[float, ...]  # the left edge of each column, then the table's right edge
    rows: list[list[Cell | None]]

    @property
    def width(self) -> int:
        return len(self.columns) - 1

    def holds(self, piece: Piece) -> bool:
        x0, top, x1, bottom = self.bbox
        return x0 - 1 <= piece.x <= x1 + 1 and top - 1 <= piece.top <= bottom + 1


Item = str | PageTable  # a page's content in reading order: text runs and tables


class _Recorder:
    """The visitors of one page's ``extract_text``: text pieces, text starts, painted segments."""

    def __init__(self, top: float) -> None:
        self.top = top
        self.pieces: list[Piece] = []
        self.starts: list[Point] = []
        self.edges: list[dict[str, Any]] = []
        self.path: list[tuple[Point, Point]] = []
        self.current: Point | None = None
        self.subpath: Point | None = None
        self.segments = 0
        self.overflow = False

    def text(self, text: Any, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if text:  # called for every piece of the page: kept to plain arithmetic
            x, y = tm[4], tm[5]
            self.pieces.append(
                Piece(str(text), cm[0] * x + cm[2] * y + cm[4], self.top - cm[1] * x - cm[3] * y - cm[5])
            )

    def operator(self, op: bytes, args: Any, cm: Any, tm: Any) -> None:
        try:
            self._operator(op, args, cm, tm)
        except (TypeError, ValueError, IndexError, ArithmeticError):  # a malformed operand: skip it
            self.path, self.current = [], None

    def _operator(self, op: bytes, args: Any, cm: Any, tm: Any) -> None:
        if op in _SHOW:
            x, y = _apply(cm, tm[4], tm[5])
            self.starts.append((x, self.top - y))
        elif op not in _PATH:
            return
        elif op == b"m":
            self.current = self.subpath = _apply(cm, float(args[0]), float(args[1]))
        elif op == b"l":
            point = _apply(cm, float(args[0]), float(args[1]))
            if self.current is not None:
                self.path.append((self.current, point))
            self.current = point
        elif op == b"re":
            x, y, w, h = (float(a) for a in args[:4])
            corners = [_apply(cm, x, y), _apply(cm, x + w, y), _apply(cm, x + w, y + h), _apply(cm, x, y + h)]
            self.path.extend(zip(corners, corners[1:] + corners[:1], strict=True))
            self.current = self.subpath = corners[0]
        elif op == b"c":
            self.current = _apply(cm, float(args[4]), float(args[5]))
        elif op in (b"v", b"y"):
            self.current = _apply(cm, float(args[2]), float(args[3]))
        elif op == b"h":
            self._close()
        elif op in _CLOSE_PAINT:
            self._close()
            self._paint()
        elif op in _PAINT:
            self._paint()
        elif op == b"n":  # a clipping path, never painted
            self.path, self.current = [], None

    def _close(self) -> None:
        if self.current is not None and self.subpath is not None and self.current != self.subpath:
            self.path.append((self.current, self.subpath))
        self.current = self.subpath

    def _paint(self) -> None:
        self.segments += len(self.path)
        if self.segments > MAX_PATH_SEGMENTS and not self.overflow:
            self.overflow, self.edges = True, []  # a page of hatching or a hostile one: no tables
        if not self.overflow:
            for start, end in self.path:
                edge = _edge(start, end, self.top)
                if edge is not None:
                    self.edges.append(edge)
        self.path, self.current = [], None


def _apply(cm: Any, x: float, y: float) -> Point:
    """The point (x, y) of text or user space in device space (the matrix ``cm``)."""
    return cm[0] * x + cm[2] * y + cm[4], cm[1] * x + cm[3] * y + cm[5]


def _edge(start: Point, end: Point, top: float) -> dict[str, Any] | None:
    """A horizontal or vertical segment as a pdfplumber edge (y measured from the page top)."""
    (x0, y0), (x1, y1) = start, end
    if not all(math.isfinite(v) for v in (x0, y0, x1, y1)):
        return None  # a degenerate matrix in a hostile file
    t0, t1 = top - y0, top - y1
    if abs(t0 - t1) <= 0.5 and abs(x1 - x0) > 0.5:
        at = (t0 + t1) / 2
        return _line(min(x0, x1), max(x0, x1), at, at, "h")
    if abs(x0 - x1) <= 0.5 and abs(t1 - t0) > 0.5:
        at = (x0 + x1) / 2
        return _line(at, at, min(t0, t1), max(t0, t1), "v")
    return None


def _line(x0: float, x1: float, top: float, bottom: float, orientation: str) -> dict[str, Any]:
    """A pdfplumber line edge from (x0, top) to (x1, bottom); ``orientation`` "h" or "v"."""
    return {
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
        "object_type": "line",
    }


def scan_page(page: Any) -> PageScan:
    """Extract one pypdf page's text and record what its tables need, in the same pass."""
    box = page.mediabox
    top = float(box.top)
    recorder = _Recorder(top)
    text = page.extract_text(visitor_text=recorder.text, visitor_operand_before=recorder.operator)
    try:
        rotation = int(page.rotation) % 360
    except (TypeError, ValueError, KeyError):
        rotation = 0
    return PageScan(
        text=text or "",
        pieces=recorder.pieces,
        edges=recorder.edges,
        starts=recorder.starts,
        bbox=(float(box.left), top - float(box.top), float(box.right), top - float(box.bottom)),
        rotated=rotation != 0,
        offset=(float(box.left), float(box.bottom)) != (0.0, 0.0),
        overflow=recorder.overflow,
    )


@dataclass
class _Ruling:
    """What pdfplumber's TableFinder reads of a page for the "lines" strategy."""

    edges: list[dict[str, Any]]
    bbox: tuple[float, float, float, float]


def find_tables(scan: PageScan) -> list[PageTable] | None:
    """The page's ruled tables of MIN_COLUMNS columns or more, cells filled from the pypdf
    pieces; None when a piece seems to run across cells (the page needs pdfplumber's own read)."""
    if not scan.may_hold_table():
        return []
    from pdfplumber.table import TableFinder  # local: its import costs ~90 ms, paid by ruled pages only

    ruling = _Ruling(scan.edges, scan.bbox)
    tables: list[PageTable] = []
    for table, grid in _wide(TableFinder(cast(Any, ruling), _SETTINGS).tables):
        filled = _fill_cells(grid, scan)
        if filled is None:
            return None
        tables.append(_page_table(table.bbox, grid, filled))
    return tables


def _wide(tables: list[Any]) -> Iterator[tuple[Any, list[list[Any]]]]:
    """pdfplumber's tables (cut by :func:`_stacked`) of MIN_COLUMNS columns or more, each with
    its grid of cell boxes (None where a merged cell covers one)."""
    for table in _stacked(tables):
        grid = [list(row.cells) for row in table.rows]
        if grid and len(grid[0]) >= MIN_COLUMNS:
            yield table, grid


def _stacked(tables: list[Any]) -> list[Any]:
    """pdfplumber's tables, each cut where its rows change columns: two tables drawn one right
    under the other touch, and pdfplumber takes them for one table on the union of their
    columns. A row whose cell edges are a subset of the rows above (a merged title row) or a
    superset stays with them."""
    from pdfplumber.table import Table

    out: list[Any] = []
    for table in tables:
        groups: list[list[Any]] = []
        edges: set[int] = set()
        for _, row in itertools.groupby(sorted(table.cells, key=lambda c: (c[1], c[0])), key=lambda c: c[1]):
            cells = list(row)
            mine = {round(x) for cell in cells for x in (cell[0], cell[2])}
            if groups and (mine <= edges or edges <= mine):
                groups[-1].extend(cells)
                edges |= mine
            else:
                groups.append(cells)
                edges = mine
        out.extend(Table(table.page, cells) for cells in groups if len(cells) > 1)
    return out


def _page_table(bbox: Any, grid: list[list[Any]], rows: list[list[Cell | None]]) -> PageTable:
    cells = [cell for row in grid for cell in row if cell is not None]
    columns = (*sorted({float(c[0]) for c in cells}), max(float(c[2]) for c in cells))
    x0, top, x1, bottom = (float(v) for v in bbox)
    return PageTable(bbox=(x0, top, x1, bottom), columns=columns, rows=rows)


def _fill_cells(grid: list[list[Any]], scan: PageScan) -> list[list[Cell | None]] | None:
    """The lines of each cell from the pieces starting in it, or None when a cell holds the
    start of a text operator but no piece: a piece started in another cell runs over it."""
    index = _CellIndex(grid)
    found: dict[tuple[int, int], list[Piece]] = {}
    for piece in scan.pieces:
        where = index.at(piece.x, piece.top)
        if where is not None:
            found.setdefault(where, []).append(piece)
    for x, top in scan.starts:
        where = index.at(x, top)
        if where is not None and not any(p.text.strip() for p in found.get(where, [])):
            return None
    return [
        [None if cell is None else _lines(_raw_lines(found.get((r, c), []))) for c, cell in enumerate(row)]
        for r, row in enumerate(grid)
    ]


class _CellIndex:
    """Which cell of a grid holds a point: the column by bisection on the column edges, then
    the cell by bisection on the tops of the cells covering that column."""

    def __init__(self, grid: list[list[Any]]) -> None:
        cells = [(r, c, box) for r, row in enumerate(grid) for c, box in enumerate(row) if box is not None]
        self.bbox = (
            min(b[0] for _, _, b in cells),
            min(b[1] for _, _, b in cells),
            max(b[2] for _, _, b in cells),
            max(b[3] for _, _, b in cells),
        )
        self.edges = sorted({float(b[0]) for _, _, b in cells})
        self.columns: list[list[tuple[float, float, int, int]]] = [[] for _ in self.edges]
        for r, c, (x0, t0, x1, t1) in cells:
            for i, edge in enumerate(self.edges):
                if x0 <= edge < x1:
                    self.columns[i].append((float(t0), float(t1), r, c))
        for column in self.columns:
            column.sort()
        self.tops = [[t0 for t0, _, _, _ in column] for column in self.columns]

    def at(self, x: float, top: float) -> tuple[int, int] | None:
        x0, t0, x1, t1 = self.bbox
        if not (x0 <= x < x1 and t0 <= top < t1):
            return None
        i = bisect.bisect_right(self.edges, x) - 1
        j = bisect.bisect_right(self.tops[i], top) - 1
        if i < 0 or j < 0:
            return None
        start, end, r, c = self.columns[i][j]
        return (r, c) if start <= top < end else None


def _raw_lines(pieces: list[Piece]) -> list[str]:
    """A cell's layout lines as drawn, spaces kept: its pieces in stream order, a new line
    where the baseline moves, lines in top-to-bottom order."""
    raw: list[tuple[float, str]] = []
    for piece in pieces:
        text = piece.text.replace("\n", "")
        if raw and abs(raw[-1][0] - piece.top) < _LINE_TOLERANCE:
            raw[-1] = (raw[-1][0], raw[-1][1] + text)
        else:
            raw.append((piece.top, text))
    raw.sort(key=lambda line: line[0])  # stable: a producer may write a cell's lines out of order
    return [text for _, text in raw if text.strip()]


def _lines(raw: list[str]) -> Cell:
    """A cell's lines, with the words a narrow column broke put back together.

    A column narrower than a word makes the producer break inside it ("thự" / "c hiện",
    "202" / "5", "980/KH-" / "UBND"). A line that does not end with a space is joined to the
    next without one when the two ends make one number or symbol, or one syllable where one end alone is none ("KIỆ" + "N";
    not "Sở" + "Nội", nor "Thờ" + "i", which could be two words)."""
    lines: list[str] = []
    glue = False
    for text in raw:
        if lines and glue and _one_word(lines[-1], text):
            lines[-1] += text.strip()
        else:
            lines.append(text)
        glue = not text[-1:].isspace()
    return [" ".join(line.split()) for line in lines]


def _one_word(left: str, right: str) -> bool:
    """Whether a line break stands inside a word: "thự" + "c", "KIỆ" + "N", "202" + "5"."""
    head = left.split()[-1].lstrip("([\"'“") if left.split() else ""
    tail = right.split()[0] if right.split() else ""
    if not head or not tail:
        return False
    if tail[:1] in ").,;:%":
        return True  # "(Tấn" + ")": closing marks never open a line of their own
    if _NUMERIC.match(head) and tail[:1].isdigit():
        return True  # "202" + "5", "30/" + "11/2025", "1506250." + "8"
    if len(head) > 1 and head[-1:] in "-/" and tail[:1].isalnum():
        return True  # a symbol: "980/KH-" + "UBND"; "kinh tế-" + "xã hội" as join_lines does
    if tail[:1] == "-" and tail[1:2].isalnum():
        return True  # "1968/QĐ" + "-TTg"
    if "/" in head and tail.isupper():
        return True  # "STEM/ST" + "EAM"
    if not (head.isalpha() and tail.isalpha()):
        return False
    if is_vietnamese_syllable(head) and is_vietnamese_syllable(tail):
        return False
    return is_vietnamese_syllable(head + tail)


def plumber_tables(data: bytes, wanted: dict[int, PageScan], deadline: float) -> dict[int, list[PageTable]]:
    """The tables of the pages ``wanted`` (0-based index → scan) by pdfplumber's own page read.

    The bytes are those the guard passed; pages past MAX_PDFPLUMBER_PAGES or the time
    ``deadline`` (time.monotonic) and pages pdfplumber fails on are left out.
    """
    if not wanted:
        return {}
    import pdfplumber  # local: only for the rare page that needs it

    found: dict[int, list[PageTable]] = {}
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for count, index in enumerate(sorted(wanted)):
                if count >= MAX_PDFPLUMBER_PAGES or time.monotonic() > deadline:
                    break
                try:
                    found[index] = _plumber_page(pdf.pages[index], wanted[index])
                except Exception as exc:  # pdfminer raises many kinds on damaged pages
                    logger.info("pdfplumber could not read page %s: %s", index + 1, type(exc).__name__)
    except Exception as exc:  # a file pdfminer cannot open at all: plain text, as before
        logger.info("pdfplumber could not open the PDF: %s", type(exc).__name__)
    return found


def _plumber_page(page: Any, scan: PageScan) -> list[PageTable]:
    if scan.offset:
        return []  # pdfminer measures from the media box's corner, pypdf from the origin
    tables: list[PageTable] = []
    for table, grid in _wide(page.find_tables(_SETTINGS)):
        rows: list[list[Cell | None]] = [
            [
                None if text is None else [" ".join(t.split()) for t in text.split("\n") if t.strip()]
                for text in row
            ]
            for row in table.extract()
        ]
        tables.append(_page_table(table.bbox, grid, rows))
    return tables


def page_items(scan: PageScan, tables: Sequence[PageTable], repair: Callable[[str], str]) -> list[Item]:
    """The page in reading order: its text runs (pypdf's text with the tables' text taken out)
    and each table where its first piece stands; ``repair`` mends a text run and a cell line."""
    for table in tables:
        for row in table.rows:
            for cell in row:
                if cell is not None:
                    cell[:] = [repair(line) for line in cell]
    if not tables:
        return [repair(scan.text)]
    items: list[Item] = []
    run: list[str] = []
    current: int | None = None
    placed: set[int] = set()
    for piece in scan.pieces:
        region = current if not piece.text.strip() else _table_of(tables, piece)
        current = region
        if region is None:
            run.append(piece.text)
            continue
        if region not in placed:
            if run:
                items.append(repair("".join(run)))
                run = []
            items.append(tables[region])
            placed.add(region)
    if run:
        items.append(repair("".join(run)))
    return items


def _table_of(tables: Sequence[PageTable], piece: Piece) -> int | None:
    return next((i for i, table in enumerate(tables) if table.holds(piece)), None)
