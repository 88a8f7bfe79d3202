"""Golden JSON reports of the sample family (ruff's snapshot idea): a change in any status,
reason, score or evidence shows up as a reviewable diff. `pytest --update-golden` rewrites."""

from __future__ import annotations

import pytest

from app.domain.plan import Plan
from app.review.formats.json import dumps, family_to_dict, review_to_dict
from app.services.review import review_family, review_plans
from tests.conftest import DATA

GOLDEN = DATA / "review" / "golden"


def _check(name: str, text: str, update: bool) -> None:
    path = GOLDEN / name
    if update:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} is missing: run pytest --update-golden"
    assert text == path.read_text("utf-8"), f"{path} is stale: run pytest --update-golden and review the diff"


@pytest.mark.parametrize("child", ["xa_a", "xa_b"])
def test_sample_review_matches_its_golden_json(
    child: str, tinh: Plan, request: pytest.FixtureRequest, update_golden: bool
) -> None:
    review = review_plans(tinh, request.getfixturevalue(child))
    _check(f"family_{child}.json", dumps(review_to_dict(review)), update_golden)


def test_sample_family_review_matches_its_golden_json(
    tinh: Plan, xa_a: Plan, xa_b: Plan, update_golden: bool
) -> None:
    _check("family.json", dumps(family_to_dict(review_family(tinh, [xa_a, xa_b]))), update_golden)
