"""The batch use case: every commune's plan passes the review, shares add up to the parent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app.planfile.load import load_plan
from app.services.batch import child_plan, load_batch
from app.services.review import review_family, review_plans

DATA = Path(__file__).resolve().parents[1] / "data" / "batch"


def test_every_plan_of_a_batch_passes_the_review_and_the_family_reaches_the_parent() -> None:
    parent = load_plan(DATA / "parent.yaml")
    spec = load_batch(parent, DATA / "communes.csv", dt.date(2026, 3, 1))
    children = [child_plan(spec, item) for item in spec.items]
    for child in children:
        review = review_plans(parent, child)
        assert not review.has_faults, (child.issuer.place, [(r.id, r.status) for r in review.results])
    family = review_family(parent, children)
    assert not family.has_faults
    # the parent's appendix names Trị An (120) and Phú Lý (100); the rest is shared by weight
    shares = {item.commune.name: item.quotas["t-tinh-cai-nghien-300"] for item in spec.items}
    assert shares["Trị An"] == 120
    assert shares["Phú Lý"] == 100
    assert sum(shares.values()) == 300
