"""Mandates → matches → verdicts: one :class:`MandateResult` per mandate of the parent.

The single place where the three steps meet; report.py only holds and summarises results.
"""

from __future__ import annotations

import re

from app.domain.levels import DEFAULT_LEVELS, LevelTable
from app.domain.plan import Plan
from app.messages import t
from app.review.figures import with_figure
from app.review.mandates import Mandate, MandateKind, mandates_for
from app.review.match import Item, Match, MatchKind, child_items, match_mandate, similarity
from app.review.periods import Deadline, deadline_in, deadlines_stated, later_in_any
from app.review.report import MandateResult
from app.review.status import Status
from app.review.vocabulary import Vocabulary, load_vocabulary
from app.rules.coverage import compare_targets
from app.vn.normalize import match_key
from app.vn.numbers import NumberFormatError, parse_number

# A target carried only as a task (no figure) must match clearly to count as "weaker".
TASK_ONLY_THRESHOLD = 75.0


def assess(parent: Plan, child: Plan, levels: LevelTable = DEFAULT_LEVELS) -> list[MandateResult]:
    """Every mandate of ``parent`` for ``child``'s level, with its status in ``child``."""
    vocab = load_vocabulary()
    every = child_items(child)
    items = [i for i in every if not _passed_down(i, child.level, levels)]
    mandates = mandates_for(parent, child.level, levels, include_kept=True, by_clause=True)
    # A duty for a level below the child's (a province's duty for communes, in a district
    # plan) is carried by the child handing it on: its passed-down duties count for it.
    lower = [
        m
        for m in mandates
        if m.applies and m.kind is MandateKind.DUTY and levels.is_below(m.level, child.level)
    ]
    lower_ids = {m.id for m in lower}
    own = [m for m in mandates if m.applies and m.id not in lower_ids]
    matches = {**match_all(own, items, vocab), **match_all(lower, every, vocab)}
    results: list[MandateResult] = []
    for mandate in mandates:
        if not mandate.applies:
            if mandate.held_above:
                why = t("rr_held_above").format(what=mandate.held_above)
            else:
                why = t("rr_kept_duty" if mandate.kind is MandateKind.DUTY else "rr_kept")
            results.append(_result(mandate, Status.NOT_APPLICABLE, None, 0.0, [why], []))
        elif mandate.kind is MandateKind.DUTY:
            results.append(_assess_duty(mandate, matches[mandate.id], child, vocab))
        else:
            results.append(_assess_target(mandate, matches[mandate.id], parent, child, items, levels, vocab))
    return results


def _passed_down(item: Item, child_level: str, levels: LevelTable) -> bool:
    """A duty the child gives to the level below it ("UBND các xã: báo cáo về huyện") is not
    the child's own: it cannot carry a duty the parent gives the child."""
    if item.kind != "duty" or not item.agency:
        return False
    level = item.agency if levels.get(item.agency) else levels.infer(item.agency)
    return level is not None and levels.is_below(level, child_level)


def match_all(mandates: list[Mandate], items: list[Item], vocab: Vocabulary) -> dict[str, Match]:
    """Match every mandate; a child target carries one target mandate only.

    When two target mandates pick the same child target by content, the better-scoring one
    keeps it and the other is matched again without it (a child's "cai nghiện 200 lượt người"
    must not also pass for the counselling quota).
    """
    claimed: dict[str, tuple[str, float]] = {}  # child item id -> (mandate id, score)
    excluded: dict[str, set[str]] = {m.id: set() for m in mandates}
    matches: dict[str, Match] = {}
    pending = list(mandates)
    for _ in range(len(mandates) + 1):
        if not pending:
            break
        redo: list[Mandate] = []
        for mandate in pending:
            linked_elsewhere = {i.id for i in items if i.link and not mandate.named_by(i.link)} | excluded[
                mandate.id
            ]
            match = match_mandate(mandate, items, linked_elsewhere, vocab)
            matches[mandate.id] = match
            if mandate.kind is MandateKind.DUTY or match.kind is not MatchKind.SCORED or match.item is None:
                continue
            owner = claimed.get(match.item.id)
            if owner is None or owner[0] == mandate.id:
                claimed[match.item.id] = (mandate.id, match.score)
                continue
            loser = mandate.id if owner[1] >= match.score else owner[0]
            if loser != mandate.id:
                claimed[match.item.id] = (mandate.id, match.score)
            excluded[loser].add(match.item.id)
            redo.extend(m for m in mandates if m.id == loser)
        pending = redo
    return matches


def _assess_target(
    mandate: Mandate,
    match: Match,
    parent: Plan,
    child: Plan,
    items: list[Item],
    levels: LevelTable,
    vocab: Vocabulary,
) -> MandateResult:
    if match.kind is MatchKind.AMBIGUOUS:
        names = ", ".join(f"{i.id} ({s:.0f})" for i, s in match.candidates[:2])
        return _result(
            mandate, Status.AMBIGUOUS, None, match.score, [t("rr_ambiguous").format(names=names)], []
        )
    if match.item is None and mandate.level == child.level and vocab.is_self_fulfilling(mandate.text):
        # "100% các huyện xây dựng Kế hoạch ...": the district fulfils it by issuing this plan.
        return _result(mandate, Status.COVERED, None, 100.0, [t("rr_plan_issued")], [])
    if match.item is None or match.item.target is None:
        task = _task_carrier(mandate, items, vocab)
        if task is not None:
            item, score = task
            if _own_commitment_met(mandate, item, child, levels):
                return _result(mandate, Status.COVERED, item, score, [t("rr_own_commitment")], [])
            return _result(mandate, Status.WEAKER, item, score, [t("rr_task_only")], ["task_only"])
        return _result(mandate, Status.MISSING, None, match.score, [t("rr_missing")], [])
    return _compare_matched(mandate, match, match.item, parent, child, levels, vocab)


def _compare_matched(
    mandate: Mandate,
    match: Match,
    item: Item,
    parent: Plan,
    child: Plan,
    levels: LevelTable,
    vocab: Vocabulary,
) -> MandateResult:
    """A matched target: compare strength, reading figures from the text where missing."""
    if mandate.target is None or item.target is None:  # nothing to compare (callers prevent it)
        return _result(mandate, Status.MISSING, None, match.score, [t("rr_missing")], [])
    quota = mandate.kind is MandateKind.QUOTA
    share = quota_share(parent, mandate, child, vocab) if quota else None
    parent_target = with_figure(mandate.target)
    child_target = with_figure(item.target, parent_target.unit)
    verdict = compare_targets(
        parent_target, child_target, child.level, share=share, quota=quota, levels=levels, vocab=vocab
    )
    reasons = [*verdict.reasons, _how(match)]
    if quota and share is None:
        reasons.append(t("rr_share_unknown"))
    result = _result(mandate, verdict.status, item, match.score, reasons, verdict.causes)
    result.carried = child_target.value
    result.allocated = share
    return result


def _assess_duty(mandate: Mandate, match: Match, child: Plan, vocab: Vocabulary) -> MandateResult:
    due = _mandate_deadlines(mandate)
    if vocab.is_self_fulfilling(mandate.text):
        # "xây dựng kế hoạch ... trước ngày 31/3/2026": the plan itself is late when issued after
        dated = next((d.date for d in due if d.date is not None), None)
        if dated and child.date and child.date > dated:
            return _result(mandate, Status.LATE, None, 100.0, [t("rr_plan_late")], ["deadline"])
        return _result(mandate, Status.COVERED, None, 100.0, [t("rr_plan_issued")], [])
    item = match.item
    if item is None and match.kind is MatchKind.AMBIGUOUS and match.candidates:
        # Two child items both carry the duty: either one will do, nothing is hidden.
        item = match.candidates[0][0]
    if item is None:
        return _result(mandate, Status.MISSING, None, match.score, [t("rr_missing")], [])
    if due and later_in_any(_item_dues(child, item), due):
        return _result(
            mandate, Status.LATE, item, match.score, [_how(match), t("rr_duty_late")], ["deadline"]
        )
    return _result(mandate, Status.COVERED, item, match.score, [_how(match)], [])


def _mandate_deadlines(mandate: Mandate) -> list[Deadline]:
    """When the parent wants the duty done: its deadline field or column ("Trước ngày
    30/11/2025", "Quý IV/2025"), else what its sentence states ("trước ngày 20/11 hằng năm",
    several for a report due monthly, half-yearly and yearly)."""
    for field in (
        mandate.duty.deadline if mandate.duty else None,
        mandate.task.deadline if mandate.task else None,
    ):
        if due := deadline_in(field):
            return [due]
    return deadlines_stated(mandate.text)


def _item_dues(child: Plan, item: Item) -> list[Deadline]:
    """The child item's deadlines: its field or column, and what its sentence states."""
    field, text = None, item.text
    for assignment in child.assignments():
        for i, duty in enumerate(assignment.duties, start=1):
            if item.kind == "duty" and item.id == f"{assignment.agency} #{i}":
                field, text = duty.deadline, duty.text
    for task in child.tasks():
        if item.kind == "task" and item.id == task.id:
            field, text = task.deadline, task.text
    stated = deadlines_stated(text)
    own = deadline_in(field)
    return [own, *(d for d in stated if d != own)] if own else stated


def _how(match: Match) -> str:
    if match.kind is MatchKind.LINKED:
        return t("rr_linked")
    return t("rr_scored").format(score=f"{match.score:.0f}")


def _own_commitment_met(mandate: Mandate, item: Item, child: Plan, levels: LevelTable) -> bool:
    """A target for every unit of the child's own level ("Đến hết tháng 6 năm 2026, 100% xã,
    phường hoàn thành rà soát ...") is met by the unit committing to do it ("Đến hết tháng 6
    năm 2026, hoàn thành rà soát ..."): for one unit, all of it is 100%, above any share of
    the units the parent asks for. Not when the child
    says it later, or says no deadline where the parent sets one."""
    target = mandate.target
    if target is None or mandate.level != child.level or target.comparator.higher_is_stricter is not True:
        return False
    # "90% số xã tổ chức ..." too: a unit that does it has done its part of any share
    if target.share() is None or levels.infer(mandate.text) != child.level:
        return False
    due = deadlines_stated(mandate.text)
    carried = deadlines_stated(item.text)
    return not due or (bool(carried) and not later_in_any(carried, due))


def _task_carrier(mandate: Mandate, items: list[Item], vocab: Vocabulary) -> tuple[Item, float] | None:
    """A child task, duty or bullet that clearly restates a target it carries without a figure."""
    key = vocab.key(mandate.text)
    metric = set(vocab.key(mandate.target.metric if mandate.target else "").split())

    def score(item: Item) -> float:
        words = vocab.key(item.text)
        # A task that names every word of a specific metric carries it ("phòng ngừa tình
        # trạng mại dâm là trẻ em" for "không để xảy ra mại dâm là trẻ em").
        contained = 100.0 if len(metric) >= 3 and metric <= set(words.split()) else 0.0
        return max(similarity(key, words), contained)

    scored = sorted(((i, score(i)) for i in items if i.kind != "target"), key=lambda p: -p[1])
    if not scored or scored[0][1] < TASK_ONLY_THRESHOLD:
        return None
    return scored[0]


def quota_share(parent: Plan, mandate: Mandate, child: Plan, vocab: Vocabulary) -> float | None:
    """The figure the parent's appendix allocates to ``child`` for this quota, if it lists one.

    An appendix counts when its title is about the quota's metric; the row is the one naming
    the child's place ("Xã Trị An"), and the figure is the row's last number.
    """
    target = mandate.target
    if target is None:
        return None
    place = match_key(child.issuer.place)
    metric = vocab.key(target.metric or target.text)
    for appendix in parent.appendices:
        if similarity(vocab.key(appendix.title), metric) < 60:
            continue
        for row in appendix.rows:
            if any(re.search(rf"(?<!\w){re.escape(place)}(?!\w)", match_key(cell)) for cell in row):
                for cell in reversed(row):
                    try:
                        return parse_number(cell)
                    except NumberFormatError:
                        continue
    return None


def _result(
    mandate: Mandate, status: Status, item: Item | None, score: float, reasons: list[str], causes: list[str]
) -> MandateResult:
    return MandateResult(
        id=mandate.id,
        kind=str(mandate.kind),
        status=status,
        parent_text=mandate.text,
        parent_where=mandate.where,
        level=mandate.level,
        child_id=item.id if item else None,
        child_text=item.text if item else None,
        child_where=item.where if item else None,
        score=round(score, 1),
        reasons=reasons,
        causes=causes,
        required=mandate.target.value if mandate.target else None,
        unit=mandate.target.unit if mandate.target else None,
    )
