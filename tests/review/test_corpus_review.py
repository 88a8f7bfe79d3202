"""Every real text of the corpus is reviewed, as text, DOCX and PDF, as a parent and as a child.

For each document and format, read by ``read_plan`` (the reader of ``review_files``, which
``kehoach review CHILD --parent PARENT`` calls; once per session, shared with
tests/extract/test_corpus_read.py), then under one hang guard reviewed:
- as the parent of the commune sample child: the levels fit, so a review must come back;
- as the child of the next document of the corpus (read as text), at the level read from it:
  a review, or a refusal (two province plans) with a Vietnamese message;
- as that same child set to commune level (what a user's ``--child-level commune`` asks for),
  so its targets and tasks are matched for real; a DOCX child also goes through the format
  linter, as in ``review_files``.
Every review renders to the documented JSON and matches schemas/review.schema.json.
"""

from __future__ import annotations

import dataclasses
import json

import jsonschema
import pytest

from app.domain.errors import KehoachError
from app.domain.plan import Plan
from app.review.formats import render_review
from app.review.report import Review
from app.review.status import Status
from app.services.documents import read_plan
from app.services.review import review_plans
from tests.conftest import ROOT, SAMPLES
from tests.corpus import assert_vietnamese_error, copy_of, hang_guard, partner, read_copy, via_params

REVIEW_JSON = jsonschema.Draft202012Validator(
    json.loads((ROOT / "schemas" / "review.schema.json").read_text("utf-8"))
)
SEED_CHILD = SAMPLES / "family_xa_a_2026.yaml"
VERDICTS = {
    Status.COVERED,
    Status.WEAKER,
    Status.LATE,
    Status.MISSING,
    Status.AMBIGUOUS,
    Status.NOT_APPLICABLE,
}
# seconds for one document's three reviews; together they take under 3 s
REVIEW_BOUND = 60


def check(review: Review, parent: Plan, child: Plan) -> None:
    """A review of ``child`` against ``parent`` of the documented shape."""
    assert (review.parent.id, review.child.id) == (parent.id, child.id)
    assert review.parent.title.strip()
    assert review.child.title.strip()
    assert isinstance(review.results, list)
    for result in review.results:
        assert result.status in VERDICTS, (result.id, result.status)
        assert result.id
        assert result.parent_text.strip(), result.id
        assert all(reason.strip() for reason in result.reasons), result.id
    summary = review.summary
    assert 0 <= summary.covered <= summary.applicable <= len(review.results)
    REVIEW_JSON.validate(json.loads(render_review(review, "json")))


@pytest.mark.parametrize(("name", "via"), via_params())
def test_a_real_text_is_reviewed_as_parent_and_as_child(name: str, via: str) -> None:
    plan = read_copy(name, via)
    path = copy_of(name, via)
    other = read_copy(partner(name), "text")
    seed = read_plan(SEED_CHILD)
    with hang_guard(REVIEW_BOUND, f"review {path.name}"):
        check(review_plans(plan, seed), plan, seed)

        try:
            own_level = review_plans(other, plan)
        except KehoachError as refused:
            assert_vietnamese_error(refused, f"review of {path.name} under {partner(name)}")
        else:
            check(own_level, other, plan)

        commune = dataclasses.replace(plan, issuer=dataclasses.replace(plan.issuer, level="commune"))
        docx = path.read_bytes() if via == "docx" else None
        as_child = review_plans(other, commune, docx)
        check(as_child, other, commune)
        assert as_child.format_checked is (docx is not None)
