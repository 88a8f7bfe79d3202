"""A quota's printed sentence follows its value; a hand-edited sentence is flagged, not guessed."""

from __future__ import annotations

import copy

from app.domain.plan import Plan
from app.services.quota_text import disagreements, restate_values
from tests.storage.builders import mini_plan


def _quota(plan: Plan):  # type: ignore[no-untyped-def]
    return plan.targets()[0]


def test_a_changed_value_rewrites_the_unchanged_sentence() -> None:
    before = mini_plan()
    after = copy.deepcopy(before)
    target = _quota(after)
    target.value = 60
    target.breakdown[0].value, target.breakdown[1].value = 50, 10
    target.breakdown[0].parts[0].value, target.breakdown[0].parts[1].value = 45, 5
    assert restate_values(before, after) == ["t1"]
    assert target.text == "Cai nghiện cho ít nhất 60 lượt người"
    assert disagreements(after) == []


def test_a_sentence_edited_by_hand_is_kept_and_flagged_beside_the_value() -> None:
    before = mini_plan()
    after = copy.deepcopy(before)
    target = _quota(after)
    target.value = 60
    target.breakdown = []
    target.text = "Cai nghiện cho khoảng ba trăm lượt người"
    assert restate_values(before, after) == []
    assert target.text == "Cai nghiện cho khoảng ba trăm lượt người"
    (warning,) = disagreements(after)
    assert "khoảng ba trăm" in warning.message()
    assert "60" in warning.message()


def test_a_blank_share_is_filled_from_the_value_and_flagged_until_then() -> None:
    before = mini_plan()
    target = _quota(before)
    target.value, target.breakdown, target.text = None, [], "Cai nghiện cho ít nhất … lượt người"
    assert "chưa có số" in disagreements(before)[0].message()
    after = copy.deepcopy(before)
    _quota(after).value = 75
    assert restate_values(before, after) == ["t1"]
    assert _quota(after).text == "Cai nghiện cho ít nhất 75 lượt người"
    assert disagreements(after) == []


def test_nothing_changes_on_a_first_save_or_an_unchanged_value() -> None:
    plan = mini_plan()
    assert restate_values(None, plan) == []
    assert restate_values(mini_plan(), plan) == []
