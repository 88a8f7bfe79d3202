"""The parent's view of a report period: each target of its plan summed over its units.

The units are the agencies right below the plan's agency; each reports on its own issued plan
implementing the parent (app.services.reports_store.carried_plan_id). A child target is linked
to the parent's by its ``parent_target``; where the child's plan does not say, by the review's
match (app.services.review.review_plans gives, per mandate, the child's target). Only each
unit's submitted report counts, once. Whether a parent target is a share of units ("100% xã,
phường ...") is read from its population and text with the level table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from app.domain.levels import DEFAULT_LEVELS, LevelTable
from app.domain.plan import Plan
from app.domain.reports import ChildReport, ReportPeriod, RollUp, UnitReport, Verdict, roll_up
from app.domain.targets import Comparator, Target
from app.planfile.load import plan_from_data
from app.services import plans_store as store
from app.services import reports_store as reports
from app.services.report_document import ReportInput, report_plan
from app.services.review import review_plans
from app.storage import repository as repo
from app.storage.tables import PlanRecord, ReportPeriodRecord, ReportRecord, User


@dataclass
class UnitStatus:
    """One unit below the plan's agency, for the summary page."""

    name: str
    agency_id: int
    has_plan: bool
    report: ReportRecord | None
    counted: UnitReport | None  # the submitted version, which the sums use
    met: int = 0  # its carried targets met
    carried: int = 0  # its targets linked to the parent's

    @property
    def state(self) -> str:
        if not self.has_plan:
            return "no_plan"
        return self.report.state if self.report is not None and self.report.current_version else "none"


@dataclass
class Summary:
    period_record: ReportPeriodRecord
    period: ReportPeriod
    plan_record: PlanRecord
    plan: Plan
    rollups: list[RollUp]
    units: list[UnitStatus]
    own: ReportRecord | None
    own_report: UnitReport
    not_reported: list[str] = field(default_factory=list)


def units_share(target: Target, parent_level: str | None, levels: LevelTable = DEFAULT_LEVELS) -> bool:
    """True for a target on a share of the units below ("100% xã, phường tổ chức ..."): a
    percentage to reach, whose population (or, failing that, text) names units of a lower level."""
    if target.unit != "%" or target.comparator not in (Comparator.AT_LEAST, Comparator.MORE_THAN):
        return False
    level = levels.infer_any(target.population) if target.population else None
    level = level or levels.infer(target.text)
    return levels.is_below(level, parent_level)


def linked_targets(parent: Plan, child: Plan) -> dict[str, Target]:
    """The child's targets by the parent target they carry: ``parent_target`` first, then the
    review's match for the parent targets the child does not name."""
    parent_ids = {t.id for t in parent.targets()}
    own = {t.id: t for t in child.targets()}
    links = {t.parent_target: t for t in child.targets() if t.parent_target in parent_ids}
    named = {t.id for t in links.values()}
    if len(links) < len(parent_ids):
        for result in review_plans(parent, child).results:
            if result.id in links or result.id not in parent_ids or result.child_id not in own:
                continue
            if str(result.status) == "not_applicable" or result.child_id in named:
                continue
            links[result.id] = own[result.child_id]
            named.add(result.child_id)
    return links


def _plan(session: Session, plan_id: int) -> Plan:
    record = repo.plan(session, plan_id)
    row = repo.version(session, plan_id, record.current_version) if record else None
    if row is None:
        raise store.PlanNotFoundError(plan_id)
    return plan_from_data(row.document, f"plan {plan_id}")


def summary(session: Session, user: User, period_id: int) -> Summary:
    """The roll-up of the period for the plan's agency and those above it (404 for a unit
    below, which sees only its own report)."""
    period_record = reports.get_period(session, user, period_id)
    plan_record = period_record.plan
    if plan_record.agency_id not in store.readable_agency_ids(session, user):
        raise reports.ReportNotFoundError(period_id, "period_not_found")
    parent = _plan(session, plan_record.id)
    period = reports.period_of(period_record)
    by_agency = {r.agency_id: r for r in repo.reports_of_period(session, period_record.id)}
    units: list[UnitStatus] = []
    children: list[ChildReport] = []
    for agency in repo.child_agencies(session, plan_record.agency_id):
        name = reports.unit_name(agency)
        plan_id = reports.carried_plan_id(session, period_record, agency.id)
        record = by_agency.get(agency.id)
        counted = reports.submitted_report(session, record) if record is not None else None
        targets = linked_targets(parent, _plan(session, plan_id)) if plan_id is not None else {}
        units.append(UnitStatus(name, agency.id, plan_id is not None, record, counted, carried=len(targets)))
        children.append(ChildReport(name, targets, counted))
    wanted = [t for t in parent.targets() if _for_units(t, parent, children)]
    rollups = [roll_up(t, children, units_share(t, parent.level)) for t in wanted]
    for status in units:
        status.met = sum(
            1
            for rolled in rollups
            for line in rolled.lines
            if line.unit == status.name and line.result is not None and line.result.verdict is Verdict.MET
        )
    own = by_agency.get(plan_record.agency_id)
    own_report = (
        reports.current_report(session, own)
        if own is not None
        else UnitReport(reports.unit_name(plan_record.agency), period)
    )
    not_reported = [u.name for u in units if u.counted is None]
    return Summary(period_record, period, plan_record, parent, rollups, units, own, own_report, not_reported)


def _for_units(target: Target, parent: Plan, children: list[ChildReport]) -> bool:
    """A parent target summed over the units: one given to a lower level, or one a unit carries."""
    return DEFAULT_LEVELS.is_below(target.level, parent.level) or any(
        target.id in c.targets for c in children
    )


def bao_cao(data: Summary) -> Plan:
    """The BÁO CÁO of the plan's agency for the period, with its units' roll-up."""
    plan = data.plan
    recipients = [line for line in plan.recipients if not line.lstrip("- ").startswith("Lưu")]
    return report_plan(
        ReportInput(plan, data.own_report, plan.signer, recipients=recipients, rollups=data.rollups)
    )
