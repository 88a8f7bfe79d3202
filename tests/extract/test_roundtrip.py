"""Round trip: every sample plan rendered to DOCX (and through LibreOffice to PDF), read back
with read_plan, must give the same targets (value, range, fraction, unit, comparator, deadline)
and the same header facts; a review on the files must say what the review on the plans says.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import main
from app.domain.plan import Plan
from app.domain.targets import Target
from app.planfile.load import load_plan
from app.render.docx import render_docx
from app.render.pdf import convert_many
from app.services.documents import read_plan
from app.vn.normalize import match_key
from tests.conftest import DATA, SAMPLES, need_tool

SAMPLE_FILES = sorted(SAMPLES.glob("*.yaml"))
# the samples are all issued by an Ủy ban nhân dân; this one is a Sở under its cơ quan chủ quản
PLAN_FILES = [*SAMPLE_FILES, DATA / "extract" / "so_ldtbxh_dong_nai_2026.yaml"]


def target_key(target: Target) -> tuple[object, ...]:
    return (
        target.value,
        target.value_max,
        target.denominator,
        match_key(target.unit or ""),
        target.comparator,
        target.deadline,
    )


def assert_same_plan(source: Plan, read: Plan) -> None:
    assert [target_key(t) for t in read.targets()] == [target_key(t) for t in source.targets()]
    assert (read.number, read.symbol, read.date) == (source.number, source.symbol, source.date)
    assert read.issuer.level == source.issuer.level
    # the chủ quản line is read back as parent_body, and names come back in running-text case
    assert (read.issuer.name, read.issuer.parent_body) == (source.issuer.name, source.issuer.parent_body)
    printed_agencies = [s.title or s.assignment.agency for s in source.walk() if s.assignment is not None]
    assert [a.agency for a in read.assignments()] == printed_agencies
    assert read.recipients == [r.rstrip(";.") for r in source.recipients]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("roundtrip")
    out: dict[str, Path] = {}
    for sample in PLAN_FILES:
        path = folder / f"{sample.stem}.docx"
        path.write_bytes(render_docx(load_plan(sample)))
        out[sample.stem] = path
    return out


def test_there_are_samples_with_targets() -> None:
    assert len(SAMPLE_FILES) >= 4
    assert sum(len(load_plan(s).targets()) for s in SAMPLE_FILES) >= 40


@pytest.mark.parametrize("sample", PLAN_FILES, ids=lambda p: p.stem)
def test_docx_round_trip_keeps_the_targets(sample: Path, rendered: dict[str, Path]) -> None:
    source, read = load_plan(sample), read_plan(rendered[sample.stem])
    assert_same_plan(source, read)
    # a DOCX keeps its tables: the appendix rows come back cell for cell
    assert [(a.columns, a.rows, a.note) for a in read.appendices] == [
        (a.columns, a.rows, a.note) for a in source.appendices
    ]
    assert (read.signer.name, read.signer.authority) == (source.signer.name, source.signer.authority)


@pytest.mark.libreoffice
@pytest.mark.slow
def test_pdf_round_trip_keeps_the_targets(rendered: dict[str, Path], tmp_path: Path) -> None:
    need_tool("soffice", "libreoffice-writer-nogui fonts-liberation2")
    pdfs = convert_many(list(rendered.values()), tmp_path)
    for sample, pdf in zip(PLAN_FILES, pdfs, strict=True):
        assert_same_plan(load_plan(sample), read_plan(pdf))


@pytest.mark.libreoffice
@pytest.mark.slow
def test_review_of_a_docx_against_a_pdf_matches_the_review_of_the_plans(
    rendered: dict[str, Path], tmp_path: Path
) -> None:
    need_tool("soffice", "libreoffice-writer-nogui fonts-liberation2")
    from app.services.review import review_files

    (parent_pdf,) = convert_many([rendered["family_tinh_2026"]], tmp_path)
    for child in ("family_xa_a_2026", "family_xa_b_2026"):
        on_files = review_files(rendered[child], parent_pdf)
        on_plans = review_files(SAMPLES / f"{child}.yaml", SAMPLES / "family_tinh_2026.yaml")
        assert on_files.summary.text == on_plans.summary.text
    # the command line, as an office runs it: exit 0 when every mandate is covered, else 1
    runner = CliRunner()
    covered = runner.invoke(main, ["review", str(rendered["family_xa_a_2026"]), "--parent", str(parent_pdf)])
    assert covered.exit_code == 0, covered.output
    weaker = runner.invoke(main, ["review", str(rendered["family_xa_b_2026"]), "--parent", str(parent_pdf)])
    assert weaker.exit_code == 1, weaker.output
    assert '"status": "weaker"' in weaker.output
