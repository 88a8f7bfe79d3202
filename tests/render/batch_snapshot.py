"""Snapshots of whole batches, to show a speed-up changes nothing the documents say.

Two batches: the sample province plan (family_tinh_2026, Đồng Nai) for every commune of its
province in the register, and the same plan issued by a ministry (as tests/bench/bench_batch.py
runs it) for every 23rd commune of the whole register. Each document is recorded by the
SHA-256 of its text view (:func:`app.render.textview.document_view`, formatting included) and
of its word/document.xml and of the whole file; the summary by its rows. ``python -m tests.render.batch_snapshot``
rewrites tests/render/data/batch_snapshot.json (only when the documents are meant to change).
"""

from __future__ import annotations

import hashlib
import io
import json
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from app.batch.bundle import SUMMARY_NAME
from app.planfile.load import load_plan
from app.render.textview import document_view
from app.services.batch import load_batch, write_batch
from app.vn import register
from tests.bench.bench_batch import SAMPLE_PARENT, national_parent

SNAPSHOT = Path(__file__).resolve().parent / "data" / "batch_snapshot.json"
STRIDE = 23


def list_file(path: Path, units: list[register.Unit]) -> Path:
    lines = ["STT;Tên;Tỉnh;Người ký;Chức vụ;Dân số"]
    for i, unit in enumerate(units, start=1):
        title = "Phó Chủ tịch" if i % 2 else "Chủ tịch"
        lines.append(f"{i};{unit.full_name};{unit.province};Nguyễn Văn An;{title};{500 + (i * 7919) % 20000}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def bundle_snapshot(bundle: Path, views: bool = True) -> dict[str, Any]:
    """Every DOCX of ``bundle`` as [text view hash, document.xml hash, file hash]; the
    summary's rows. Without ``views`` the text view's hash is left empty (it takes most of the
    time; equal files have equal views)."""
    documents: dict[str, list[str]] = {}
    with zipfile.ZipFile(bundle) as archive:
        for name in archive.namelist():
            if name.endswith(".docx"):
                data = archive.read(name)
                with zipfile.ZipFile(io.BytesIO(data)) as package:
                    xml = package.read("word/document.xml")
                view = _sha(document_view(data).text().encode()) if views else ""
                documents[name] = [view, _sha(xml), _sha(data)]
        sheet = load_workbook(io.BytesIO(archive.read(SUMMARY_NAME)), read_only=True).active
        assert sheet is not None
        rows = [[str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    return {"documents": documents, "summary": _sha(json.dumps(rows, ensure_ascii=False).encode())}


def snapshots(workers: int = 1, views: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="kehoach-snapshot-") as folder:
        tmp = Path(folder)
        province = load_plan(SAMPLE_PARENT)
        national = load_plan(national_parent(tmp / "national.yaml"))
        cases = {
            "province": (province, list(register.communes_of("Đồng Nai"))),
            "national": (national, list(register.communes()[::STRIDE])),
        }
        for key, (parent, units) in cases.items():
            spec = load_batch(parent, list_file(tmp / f"{key}.csv", units))
            bundle = tmp / f"{key}.zip"
            outcome = write_batch(spec, bundle, workers=workers)
            assert outcome.done == len(units), outcome.failed
            out[key] = bundle_snapshot(bundle, views)
    return out


if __name__ == "__main__":
    SNAPSHOT.write_text(json.dumps(snapshots(), indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
