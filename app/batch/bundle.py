"""The batch's output: one ZIP with a DOCX (and PDF) per commune and a summary workbook.

File names are readable ASCII slugs of the commune ("xa-tan-phu.docx"), at most 80 characters
(a name pasted with a paragraph after it would otherwise be a file name no file system takes);
two communes with the same slug ("Xã Tân Phú" in two provinces) get "-2", "-3" in list order,
so names are stable from one run to the next. The ZIP is written to a temporary file beside the target and renamed
at the end: a reader never sees half a bundle. Entries are streamed in one by one and the
summary is written row by row to a temporary file, so memory does not grow with the number of communes.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import IO

from app.batch.summary import Summary
from app.vn.normalize import slugify
from app.vn.numbers import format_number

SUMMARY_NAME = "tong-hop.xlsx"
# A file stem's longest length: a job folder's path, ".docx" and a temporary suffix (host, pid)
# must fit in the 255 bytes a file name may have on every file system we write to; commune
# names are seldom over 40 characters, so 80 cuts only what was pasted by mistake.
MAX_NAME = 80
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def cap_slug(slug: str, limit: int = MAX_NAME) -> str:
    """``slug`` cut to at most ``limit`` characters, at a word ("-") when one ends close enough
    to the limit, never ending in "-"."""
    if len(slug) <= limit:
        return slug
    cut = slug[:limit]
    if slug[limit] != "-" and "-" in cut[limit // 2 :]:
        cut = cut[: cut.rindex("-")]
    return cut.rstrip("-")


def unique_names(labels: Iterable[str], fallback: str = "don-vi", limit: int = MAX_NAME) -> list[str]:
    """One slug per label, at most ``limit`` characters, made unique with "-2", "-3" in order
    of appearance (the suffix fits inside the limit: a long name is cut shorter to make room)."""
    used: set[str] = set()
    names: list[str] = []
    for label in labels:
        base = cap_slug(slugify(label), limit) or fallback
        name, n = base, 1
        while name in used:
            n += 1
            suffix = f"-{n}"
            name = f"{cap_slug(base, limit - len(suffix))}{suffix}"
        used.add(name)
        names.append(name)
    return names


class Bundle:
    """A ZIP being written to ``path`` through a temporary file; ``close()`` renames it."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".part", dir=self.path.parent)
        os.close(fd)
        self._tmp = Path(tmp)
        self.zip = zipfile.ZipFile(self._tmp, "w", zipfile.ZIP_DEFLATED)
        self.names: set[str] = set()

    def entry(self, arcname: str, compress: bool = False) -> IO[bytes]:
        """An open entry to stream into (stored by default: DOCX and PDF are compressed)."""
        self.names.add(arcname)
        info = zipfile.ZipInfo(arcname, date_time=_ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
        return self.zip.open(info, "w")

    def add_bytes(self, arcname: str, data: bytes, compress: bool = False) -> None:
        with self.entry(arcname, compress) as out:
            out.write(data)

    def add_file(self, arcname: str, source: Path) -> None:
        with self.entry(arcname) as out, source.open("rb") as src:
            while chunk := src.read(1 << 20):
                out.write(chunk)

    def add_summary(self, summary: Summary) -> None:
        with self.entry(SUMMARY_NAME, compress=False) as out:
            summary.write(out)

    def close(self) -> Path:
        self.zip.close()
        with self._tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(self._tmp, self.path)
        return self.path

    def abort(self) -> None:
        self.zip.close()
        self._tmp.unlink(missing_ok=True)

    def __enter__(self) -> Bundle:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


def quota_title(key: str, unit: str | None) -> str:
    """A summary column title for a share key: "t1 (lượt người)", "t1/tại cơ sở"."""
    return f"{key} ({unit})" if unit else key


def share_text(value: float | None) -> str:
    return format_number(value) if value is not None else ""
