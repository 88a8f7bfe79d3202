"""The issue's bar for derived commune plans, on the sample province plan (45/KH-UBND of Đồng
Nai) and real communes of its province from the official register: every generated DOCX
passes the format lint, and the review of the DOCX as read back (not of the plan data) finds
every mandate covered; each prints its own quota share and speaks of itself, never of "x% xã,
phường"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.batch.communes import communes_from_register
from app.domain.plan import Plan
from app.render.docx import render_docx
from app.render.textview import text_view
from app.review.status import Status
from app.rules.format import lint_docx
from app.services.batch import child_plan, plan_batch
from app.services.documents import read_plan_bytes
from app.services.review import review_plans
from app.vn import register

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "family_tinh_2026.yaml"
# Two communes the sample's appendix names (their own figures), two phường and two xã it does
# not name (an equal share of the rest).
NAMES = ("Trị An", "Phú Lý", "Trấn Biên", "Biên Hòa", "Long Thành", "Tân Phú")


@pytest.fixture(scope="module")
def parent() -> Plan:
    from app.planfile.load import load_plan

    return load_plan(SAMPLE)


@pytest.fixture(scope="module")
def generated(parent: Plan) -> list[tuple[str, Plan, bytes]]:
    province = register.find("Đồng Nai")
    assert province is not None
    communes = [c for c in communes_from_register(province) if c.name in NAMES]
    assert {c.name for c in communes} == set(NAMES), "the register changed: pick other names"
    spec = plan_batch(parent, communes)
    out = []
    for item in spec.items:
        plan = child_plan(spec, item)
        out.append((item.commune.unit, plan, render_docx(plan)))
    return out


def test_every_generated_plan_passes_the_format_lint(generated: list[tuple[str, Plan, bytes]]) -> None:
    for unit, _, docx in generated:
        assert [f for f in lint_docx(docx) if f.severity.value == "error"] == [], unit


def test_every_mandate_is_covered_in_the_docx_as_read_back(
    parent: Plan, generated: list[tuple[str, Plan, bytes]]
) -> None:
    for unit, _, docx in generated:
        child = read_plan_bytes(docx, f"{unit}.docx")
        review = review_plans(parent, child)
        faults = [(r.id, r.status, r.reasons) for r in review.results if r.status not in _FINE]
        assert faults == [], unit


_FINE = (Status.COVERED, Status.NOT_APPLICABLE)


def test_each_plan_prints_its_own_quota_share_and_speaks_of_itself(
    generated: list[tuple[str, Plan, bytes]],
) -> None:
    shares = {}
    for unit, plan, docx in generated:
        text = text_view(docx)
        quota = next(t for t in plan.targets() if t.parent_target == "t-tinh-cai-nghien-300")
        shares[unit] = quota.value
        assert f"ít nhất {int(quota.value or 0)} lượt người" in text, unit
        assert "300 lượt người" not in text, unit
        assert "Phụ lục" not in text, unit
        # no sentence addressed to a share of the communes
        assert not re.search(r"\d+\s*% (số |các )?(xã|phường)", text), unit
        # the plan-making duty is the plan's basis, not one of its tasks
        assert "Xây dựng, ban hành kế hoạch thực hiện" not in text, unit
        # the dateline is the unit's own place and the plan's year, the day left blank
        assert re.search(rf"{plan.issuer.place}, ngày\s+tháng\s+\S*\s*năm 2026", text), unit
        assert "Lưu: VT, CA" in text, unit
    # the appendix's own figures for the two communes it names
    assert shares["xã Trị An"] == 120
    assert shares["xã Phú Lý"] == 100
