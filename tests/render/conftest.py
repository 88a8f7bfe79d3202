"""Rendered samples shared by the render tests: every samples/*.yaml plus the builder plans."""

from __future__ import annotations

import functools

import pytest

from app.domain.plan import Plan
from app.planfile.load import load_plan
from app.render.docx import render_docx
from app.render.textview import DocumentView, document_view
from tests.builders import BUILT_PLANS
from tests.conftest import SAMPLES

SAMPLE_FILES = {p.stem: p for p in sorted(SAMPLES.glob("*.y*ml")) + sorted(SAMPLES.glob("*.json"))}
SAMPLE_NAMES = sorted(SAMPLE_FILES) + sorted(BUILT_PLANS)


@functools.cache
def sample_plan(name: str) -> Plan:
    if name in SAMPLE_FILES:
        return load_plan(SAMPLE_FILES[name])
    return BUILT_PLANS[name]()


@functools.cache
def sample_docx(name: str) -> bytes:
    return render_docx(sample_plan(name))


@functools.cache
def sample_view(name: str) -> DocumentView:
    return document_view(sample_docx(name))


@pytest.fixture(params=SAMPLE_NAMES)
def sample(request: pytest.FixtureRequest) -> str:
    return str(request.param)
