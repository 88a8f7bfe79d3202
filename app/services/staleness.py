"""Stale reviews: a child plan checked against a text of its parent that has changed since.

When a child is derived (the web's "Tạo kế hoạch thực hiện", a batch) or reviewed against its
parents, :func:`record_check` notes which text of each parent it was checked against: the
parent at a version, or the issued amendment of it then in force (``amend()`` makes an
amendment a new plan whose first version is noted "amend <parent id>"). When the text in force
is another one now, the child "cần rà soát lại": :func:`stale_parents` lists, per parent, the
mandates for the child's level that were added, removed, made stricter (the review's own
comparison of the old and the new target: the old one would now be weaker) or, for a duty,
reworded, until :func:`recheck` reviews the child again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from app.domain.plan import Plan
from app.review.figures import with_figure
from app.review.mandates import Mandate, mandates_for
from app.review.report import Review
from app.review.status import Status
from app.review.vocabulary import load_vocabulary
from app.rules.coverage import compare_targets
from app.services import plans_store as store
from app.services.parents import in_force, in_force_at, readable_parents, record_check
from app.services.plan_changes import diff_plans
from app.storage import repository as repo
from app.storage.tables import PlanRecord, User

CHANGE_KINDS = ("added", "removed", "stricter", "changed")


@dataclass
class MandateChange:
    """One mandate of the parent for the child's level that changed since the check."""

    kind: str  # one of CHANGE_KINDS
    id: str
    text: str
    before: str | None = None  # the text at the check, when it differs


@dataclass
class StaleParent:
    """A parent whose text in force is not the one the child was last checked against."""

    parent: PlanRecord
    checked: tuple[int, int]  # (plan id, version) checked against
    current: tuple[int, int]  # (plan id, version) in force now
    changes: list[MandateChange] = field(default_factory=list)

    @property
    def amended(self) -> bool:
        """True when the text in force is an amendment (another plan) of the parent."""
        return self.current[0] != self.checked[0]


@dataclass
class ParentReview:
    """The review of a stored child against one of its parents (the text in force)."""

    parent: PlanRecord
    text: tuple[int, int]  # (plan id, version) reviewed against
    review: Review


def stale_parents(session: Session, user: User, child_id: int) -> list[StaleParent]:
    """The parents of plan ``child_id`` whose mandates for it changed since its last check.

    A parent the child was never checked against (a plan stored before checks were kept, or
    given its parent in the editor or the API) counts as checked against the text in force
    when the child was first stored."""
    record = store.get_record(session, user, child_id)
    checks = repo.latest_parent_checks(session, child_id)
    out = []
    for parent in readable_parents(session, user, record):
        check = checks.get(parent.id)
        checked = (
            (check.checked_plan_id, check.checked_version)
            if check is not None
            else in_force_at(session, parent, record.created_at)
        )
        current = in_force(session, parent)
        if checked is None or checked == current:
            continue
        try:
            _, old = store.plan_at(session, user, *checked)
            _, new = store.plan_at(session, user, *current)
        except store.PlanNotFoundError:
            continue
        changes = mandate_changes(old, new, record.level)
        if changes:
            out.append(StaleParent(parent, checked, current, changes))
    return out


def mandate_changes(old: Plan, new: Plan, child_level: str) -> list[MandateChange]:
    """The mandates for ``child_level`` that ``new`` adds, removes, makes stricter or (a
    duty) rewords against ``old``, in ``new``'s order then the removed ones."""
    diff = diff_plans(old, new)
    if not (diff.targets or diff.tasks or diff.assignments):
        return []  # the header, the signer, the recipients: nothing the child must carry
    try:
        before = {m.id: m for m in mandates_for(old, child_level)}
        after = {m.id: m for m in mandates_for(new, child_level)}
    except ValueError:  # a level the table does not know: no mandates can be told
        return []
    out: list[MandateChange] = []
    for key, mandate in after.items():
        was = before.get(key)
        if was is None:
            out.append(MandateChange("added", key, mandate.text))
        elif _stricter(was, mandate, child_level):
            out.append(MandateChange("stricter", key, mandate.text, was.text))
        elif mandate.target is None and was.text != mandate.text:
            out.append(MandateChange("changed", key, mandate.text, was.text))
    out.extend(MandateChange("removed", key, m.text) for key, m in before.items() if key not in after)
    return out


def _stricter(old: Mandate, new: Mandate, child_level: str) -> bool:
    """True when a child carrying the old target would now be found short of the new one."""
    if old.target is None or new.target is None or old.target == new.target:
        return False
    required = with_figure(new.target)
    carried = with_figure(old.target, required.unit)
    verdict = compare_targets(required, carried, child_level, vocab=load_vocabulary())
    return verdict.status is not Status.COVERED


def recheck(session: Session, user: User, child_id: int) -> list[ParentReview]:
    """Review plan ``child_id`` against the text in force of each of its parents, note each
    check (which clears the stale mark) and commit. A parent with nothing to review the child
    against raises like any review (app.services.review.ReviewInputError)."""
    from app.services.review import review_plans

    record, child = store.plan_at(session, user, child_id)
    out = []
    for parent in readable_parents(session, user, record):
        text = in_force(session, parent)
        _, parent_plan = store.plan_at(session, user, *text)
        out.append(ParentReview(parent, text, review_plans(parent_plan, child)))
    for item in out:
        record_check(session, user, record, item.parent.id, item.text, "review", commit=False)
    if out:
        store.audit(session, user, "review_parents", "plan", child_id, parents=[i.parent.id for i in out])
    return out
