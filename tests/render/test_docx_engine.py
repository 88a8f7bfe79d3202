"""The rendering engine: fast path equals plain docxtpl, escaping, atomic output, streaming,
the lean template and its documented context contract."""

from __future__ import annotations

import io
import os
import re
import tempfile
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docxtpl import DocxTemplate

from app.cli import main
from app.domain.errors import KehoachError
from app.planfile.load import dump_plan_text
from app.render import docx as render_module
from app.render.context import build_context
from app.render.docx import DEFAULT_TEMPLATE, RenderError, prepare, render_docx, render_docx_docxtpl
from app.render.template_build import build_template
from app.render.textview import document_view, text_view
from app.services.plans import render_plan_file
from tests.builders import district_plan, make_plan, make_section
from tests.conftest import ROOT
from tests.render.conftest import SAMPLE_NAMES, sample_docx, sample_plan

SAMPLE_FOR_WARNINGS = ROOT / "samples" / "family_xa_a_2026.yaml"

README = ROOT / "templates" / "docx" / "README.md"
LONG_WORD = "Đ" + "a" * 299


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_fast_path_matches_plain_docxtpl(name: str) -> None:
    assert text_view(sample_docx(name)) == text_view(render_docx_docxtpl(sample_plan(name)))


def test_template_is_a_valid_docxtpl_template_with_the_documented_variables() -> None:
    used = DocxTemplate(str(DEFAULT_TEMPLATE)).get_undeclared_template_variables()
    documented = set(re.findall(r"^\| `(\w+)` \|", README.read_text(encoding="utf-8"), flags=re.M))
    assert used == documented
    assert used == set(build_context(make_plan()))


def test_template_is_lean() -> None:
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as package:
        names = set(package.namelist())
    assert names == {
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
        "word/numbering.xml",
        "word/settings.xml",
        "word/header1.xml",
    }
    assert DEFAULT_TEMPLATE.stat().st_size < 8_000


def test_committed_template_is_what_the_builder_writes(tmp_path: Path) -> None:
    assert build_template(tmp_path / "t.docx").read_bytes() == DEFAULT_TEMPLATE.read_bytes()


def test_user_text_is_printed_literally() -> None:
    tricky = "A < B & \"C\" 'D' {{ x }} {% if %}"
    plan = make_plan(
        subject=f"{tricky}\nDòng hai",
        sections=[make_section(f"Mục {tricky}", text=[tricky, LONG_WORD])],
        recipients=[tricky],
        closing=None,
    )
    view = document_view(render_docx(plan))
    texts = [p.text for p in view.paragraphs()]
    assert f"{tricky}\nDòng hai" in texts  # the line break stays inside one paragraph
    assert tricky in texts
    assert f"{LONG_WORD}./." in texts
    assert f"- {tricky};" in texts


def test_a_failing_render_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "plan.yaml"
    source.write_text(dump_plan_text(make_plan()), encoding="utf-8")
    out = tmp_path / "out.docx"
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    monkeypatch.setattr(render_module, "DEFAULT_TEMPLATE", broken)
    with pytest.raises(KehoachError, match="Mẫu DOCX"):
        render_plan_file(source, out)
    assert not out.exists()
    assert sorted(tmp_path.iterdir()) == sorted([source, broken])  # no temporary file left either


def test_missing_template_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="Không tìm thấy mẫu DOCX / DOCX template not found"):
        render_docx(make_plan(), tmp_path / "none.docx")


def test_template_with_broken_jinja_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "jinja.docx"
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"{{ dateline }}", b"{{ dateline ")
            dst.writestr(item, data)
    with pytest.raises(RenderError, match="Mẫu DOCX bị lỗi"):
        render_docx(make_plan(), broken)


def test_prepared_template_is_cached_and_refreshed_when_the_file_changes(tmp_path: Path) -> None:
    path = build_template(tmp_path / "t.docx")
    first = prepare(path)
    assert prepare(path) is first
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert prepare(path) is not first


def test_render_into_streams_documents_into_an_open_zip() -> None:
    template = prepare()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number in (1, 2, 3):
            template.render_into(archive, f"xa-{number}.docx", build_context(make_plan(number=number)))
    with zipfile.ZipFile(buffer) as archive:
        names = archive.namelist()
        numbers = [document_view(archive.read(n)).tables()[0].cell(1, 0)[0].text for n in names]
    assert names == ["xa-1.docx", "xa-2.docx", "xa-3.docx"]
    assert numbers == ["Số: 01/KH-UBND", "Số: 02/KH-UBND", "Số: 03/KH-UBND"]


def test_review_note_reuses_the_renderer_with_its_own_type() -> None:
    plan = make_plan(doc_type="Báo cáo", symbol="BC-UBND")
    paragraphs = [p.text for p in document_view(render_docx(plan)).paragraphs()]
    assert "BÁO CÁO" in paragraphs
    assert "Số: 05/BC-UBND" in paragraphs


def test_streaming_many_documents_does_not_grow_memory() -> None:
    template = prepare()
    context = build_context(make_plan())
    with tempfile.TemporaryFile() as raw, zipfile.ZipFile(raw, "w") as archive:
        template.render_into(archive, "warm.docx", context)
        tracemalloc.start()
        try:
            for i in range(40):
                template.render_into(archive, f"a-{i}.docx", context)
            middle = tracemalloc.get_traced_memory()[0]
            for i in range(40, 80):
                template.render_into(archive, f"a-{i}.docx", context)
            end = tracemalloc.get_traced_memory()[0]
        finally:
            tracemalloc.stop()
    # only the ZIP's own directory entry (a ZipInfo, well under 2 KB) stays per document
    assert (end - middle) / 40 < 2048


def test_points_are_lettered_with_d_stroke_in_the_document() -> None:
    texts = [p.text for p in document_view(render_docx(district_plan())).paragraphs()]
    points = [t.split(")")[0] for t in texts if re.match(r"^[a-zđ]\) ", t)]
    assert points == ["a", "b", "c", "d", "đ", "e"]


def test_cli_render_with_a_broken_template_exits_2_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "plan.yaml"
    source.write_text(dump_plan_text(make_plan()), encoding="utf-8")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 truncated")
    monkeypatch.setattr(render_module, "DEFAULT_TEMPLATE", broken)
    result = CliRunner().invoke(main, ["render", str(source), "-o", str(tmp_path / "out.docx")])
    assert result.exit_code == 2
    assert "The DOCX template is broken" in result.output
    assert not (tmp_path / "out.docx").exists()


def test_cli_renders_a_plan_file(tmp_path: Path) -> None:
    source = tmp_path / "plan.yaml"
    source.write_text(dump_plan_text(make_plan()), encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(source), "-o", str(tmp_path / "out.docx")])
    assert result.exit_code == 0, result.output
    assert text_view(tmp_path / "out.docx") == text_view(render_docx(make_plan()))


@pytest.mark.parametrize("name", ["out.pdf", "out.txt"])
def test_cli_render_refuses_an_output_that_is_not_docx(tmp_path: Path, name: str) -> None:
    source = tmp_path / "plan.yaml"
    source.write_text(dump_plan_text(make_plan()), encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(source), "-o", str(tmp_path / name)])
    assert result.exit_code == 2
    assert "must end in .docx" in result.output
    assert not (tmp_path / name).exists()


def test_cli_render_to_an_unwritable_place_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    source = tmp_path / "plan.yaml"
    source.write_text(dump_plan_text(make_plan()), encoding="utf-8")
    blocker = tmp_path / "a_file"  # a file where the output folder should be: fails even as root
    blocker.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(source), "-o", str(blocker / "out.docx")])
    assert result.exit_code == 2
    assert "Cannot write the file" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    folder = CliRunner().invoke(main, ["render", str(tmp_path), "-o", str(blocker / "out")])
    assert folder.exit_code == 2
    assert "Cannot write the file" in folder.output


def test_cli_render_into_a_folder_that_does_not_exist_creates_it(tmp_path: Path) -> None:
    source = tmp_path / "plan.yaml"
    source.write_text(dump_plan_text(make_plan()), encoding="utf-8")
    out = tmp_path / "moi" / "sau" / "out.docx"
    result = CliRunner().invoke(main, ["render", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert text_view(out) == text_view(render_docx(make_plan()))


@pytest.mark.parametrize("command", ["render", "check-plan"])
def test_a_plan_without_a_body_is_rendered_with_a_warning(tmp_path: Path, command: str) -> None:
    source = tmp_path / "plan.yaml"
    source.write_text(dump_plan_text(make_plan(sections=[], closing=None)), encoding="utf-8")
    args = [command, str(source)] + (["-o", str(tmp_path / "out.docx")] if command == "render" else [])
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "the plan has no body" in result.stderr
    full = CliRunner().invoke(main, [command, str(SAMPLE_FOR_WARNINGS), *args[2:]])
    assert full.exit_code == 0, full.output
    assert "no body" not in full.stderr


def test_cli_render_folder_renders_the_good_plans_and_reports_the_bad_one(tmp_path: Path) -> None:
    # found in QA: the first bad plan stopped the folder, the plans after it were never made
    folder = tmp_path / "plans"
    folder.mkdir()
    for name in ("a", "c"):
        (folder / f"{name}.yaml").write_text(dump_plan_text(make_plan()), encoding="utf-8")
    (folder / "b.yaml").write_text("id: [", encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(folder), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "b.yaml" in result.stderr
    assert "1/3" in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.docx", "c.docx"]
