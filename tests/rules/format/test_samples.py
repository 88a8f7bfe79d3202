"""Our own rendered plans must pass every format rule: the renderer is built to ND30."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.extract.docx_layout import read_layout
from app.planfile.load import load_plan
from app.render.docx import render_docx
from app.rules.format import lint_docx
from app.rules.format.anatomy import anatomy
from tests.builders import make_issuer, make_plan
from tests.conftest import SAMPLES

PLANS = sorted(SAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("plan_file", PLANS, ids=[p.stem for p in PLANS])
def test_rendered_sample_has_no_format_finding(plan_file: Path) -> None:
    data = render_docx(load_plan(plan_file))
    findings = lint_docx(data, plan_file.name)
    assert [f"{f.rule} {f.location}: {f.message}" for f in findings] == []


@pytest.mark.parametrize("plan_file", PLANS[:1], ids=[p.stem for p in PLANS[:1]])
def test_rendered_sample_landmarks_are_all_found(plan_file: Path) -> None:
    """No finding must mean "checked and fine", not "nothing located"."""
    parts = anatomy(read_layout(render_docx(load_plan(plan_file))))
    located = {
        "national_name": parts.national_name,
        "motto": parts.motto,
        "number": parts.number,
        "dateline": parts.dateline,
        "doc_type": parts.doc_type,
        "issuer": parts.issuer,
        "subject": parts.subject,
        "body": parts.body,
        "recipients_title": parts.recipients_title,
        "recipients": parts.recipients,
    }
    assert [name for name, found in located.items() if not found] == []
    assert len(parts.signer) >= 2


@pytest.mark.parametrize(
    "issuer_name",
    ["Ủy ban nhân dân\nxã Thạnh Phú", "Ủy ban nhân dân xã Thạnh Phú", "Ủy ban nhân dân\nphường Hạnh Phúc"],
)
def test_a_commune_name_that_looks_like_the_motto_is_not_taken_for_it(issuer_name: str) -> None:
    """ "XÃ THẠNH PHÚ" is close enough to "... Hạnh phúc" to pass the fuzzy limit and stands
    before the motto in reading order: the motto is the closest line, not the first close one."""
    plan = make_plan(issuer=make_issuer(name=issuer_name, level="commune", place="Thạnh Phú"))
    data = render_docx(plan)
    assert lint_docx(data, "xa.docx") == []
    assert anatomy(read_layout(data)).motto.text == "Độc lập - Tự do - Hạnh phúc"
