"""The agency tree: add, rename, merge, move an agency, import a province from the register.

An admin acts within their own branch (their agency and everything below it); the command
line (``actor=None``) acts anywhere. Every change is in the audit log.

- **merge** ``merged`` into ``kept`` (the 2025 reorganisation joined most communes): the plans,
  accounts and child agencies of ``merged`` move to ``kept``, its audit filings too, then
  ``merged`` is removed. Both must be of the same level, and ``kept`` not below ``merged``.
- **move** re-parents an agency; moving it under itself or one of its own descendants (a cycle)
  is refused, and so is a parent whose level is not above the agency's.
- **import** a province of the register of administrative units and all its communes
  (:func:`app.services.seed.ensure_provinces`, the same code ``kehoach db seed`` runs): a new
  province goes under the root agency, so only an admin of the root may add one; communes of a
  province already in the tree are added by an admin of that province or above.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.domain.levels import DEFAULT_LEVELS
from app.messages import both
from app.services import seed
from app.services.accounts import AccountError, AccountForbiddenError, add_agency, branch_ids, check_in_branch
from app.services.batch_store import unit_key
from app.storage import repository as repo
from app.storage.tables import Agency, User
from app.vn import register
from app.vn.normalize import match_key

NAME_LIMIT = 200


class AgencyNotFoundError(AccountError):
    """No agency, or several, answer to a name."""


@dataclass(frozen=True)
class TreeRow:
    agency: Agency
    depth: int


@dataclass(frozen=True)
class MergeReport:
    kept: Agency
    plans: int
    users: int


def _key(name: str) -> str:
    return match_key(" ".join(name.split()))


def one_line(agency: Agency) -> str:
    return " ".join(agency.name.split())


def get_agency(session: Session, agency_id: str | int) -> Agency:
    """The agency of a form's id field."""
    text = str(agency_id).strip()
    found = repo.agency(session, int(text)) if text.isdigit() else None
    if found is None:
        raise AgencyNotFoundError(both("agency_not_found"))
    return found


def find_agency(session: Session, text: str) -> Agency:
    """The agency ``text`` names: "#12" (its number), the full name ("Ủy ban nhân dân xã Trị
    An"), the name without "Ủy ban nhân dân" ("xã Trị An") or the place ("Trị An"). Several
    agencies of that name: an error listing them with their numbers."""
    text = text.strip()
    if text.lstrip("#").isdigit():
        found = repo.agency(session, int(text.lstrip("#")))
        if found is None:
            raise AgencyNotFoundError(f"{both('agency_not_found')}: {text}")
        return found
    everyone = repo.agencies(session)
    matchers: tuple[Callable[[Agency], bool], ...] = (
        lambda a: _key(a.name) == _key(text),
        lambda a: unit_key(a.name) == unit_key(text),
        lambda a: _key(a.place) == _key(text),
    )
    for match in matchers:
        hits = [a for a in everyone if match(a)]
        if len(hits) == 1:
            return hits[0]
        if hits:
            names = "; ".join(f"#{a.id} {one_line(a)}{_under(a)}" for a in hits[:10])
            raise AgencyNotFoundError(f"{both('agency_ambiguous')}: {names}")
    raise AgencyNotFoundError(f"{both('agency_not_found')}: {text}")


def _under(agency: Agency) -> str:
    return f" ({_short_key_text(agency.parent)})" if agency.parent is not None else ""


def _short_key_text(agency: Agency) -> str:
    line = one_line(agency)
    for prefix in ("Ủy ban nhân dân ", "Uỷ ban nhân dân ", "UBND "):
        if line.startswith(prefix):
            return line[len(prefix) :]
    return line


def tree(session: Session, actor: User | None) -> list[TreeRow]:
    """The agencies of the actor's branch (all for None), depth first, children by name."""
    everyone = repo.agencies(session)
    branch = branch_ids(session, actor)
    children: dict[int | None, list[Agency]] = {}
    for a in everyone:
        children.setdefault(a.parent_id, []).append(a)
    for siblings in children.values():
        siblings.sort(key=lambda a: unit_key(a.name))
    tops = [repo.agency(session, actor.agency_id)] if actor is not None else children.get(None, [])
    rows: list[TreeRow] = []

    def visit(agency: Agency, depth: int) -> None:
        rows.append(TreeRow(agency, depth))
        for child in children.get(agency.id, []):
            visit(child, depth + 1)

    for top in tops:
        if top is not None and (branch is None or top.id in branch):
            visit(top, 0)
    return rows


def _name(name: str) -> str:
    cleaned = "\n".join(" ".join(line.split()) for line in name.strip().splitlines() if line.strip())
    if not cleaned:
        raise AccountError(both("agency_name_empty"))
    if len(cleaned) > NAME_LIMIT:
        raise AccountError(both("agency_name_too_long").format(limit=NAME_LIMIT))
    return cleaned


def _sibling_taken(session: Session, parent_id: int | None, name: str, except_id: int | None = None) -> bool:
    return any(
        a.parent_id == parent_id and a.id != except_id and _key(a.name) == _key(name)
        for a in repo.agencies(session)
    )


def create(
    session: Session,
    actor: User | None,
    name: str,
    level: str,
    parent: Agency,
    place: str = "",
    abbreviation: str = "UBND",
) -> Agency:
    """A new agency below ``parent`` (in the actor's branch)."""
    check_in_branch(session, actor, parent.id)
    name = _name(name)
    if _sibling_taken(session, parent.id, name):
        raise AccountError(f"{both('agency_exists')}: {one_line_text(name)}")
    agency = add_agency(session, name, level, parent, abbreviation=abbreviation, place=place.strip()[:100])
    repo.add_audit(
        session,
        actor,
        "create_agency",
        "agency",
        agency.id,
        {"name": one_line(agency), "parent": one_line(parent)},
    )
    session.commit()
    return agency


def one_line_text(name: str) -> str:
    return " ".join(name.split())


def rename(session: Session, actor: User | None, agency: Agency, name: str, place: str | None = None) -> None:
    check_in_branch(session, actor, agency.id)
    name = _name(name)
    if _sibling_taken(session, agency.parent_id, name, except_id=agency.id):
        raise AccountError(f"{both('agency_exists')}: {one_line_text(name)}")
    old = one_line(agency)
    agency.name = name
    if place is not None and place.strip():
        agency.place = place.strip()[:100]
    repo.add_audit(
        session, actor, "rename_agency", "agency", agency.id, {"from": old, "to": one_line(agency)}
    )
    session.commit()


def merge(session: Session, actor: User | None, merged: Agency, kept: Agency) -> MergeReport:
    """``merged`` joins ``kept``: its plans, accounts and child agencies move there, then it
    is removed."""
    check_in_branch(session, actor, merged.id)
    check_in_branch(session, actor, kept.id)
    if merged.id == kept.id:
        raise AccountError(both("agency_merge_self"))
    if actor is not None and merged.id == actor.agency_id:
        raise AccountForbiddenError(both("agency_own"))
    if merged.level != kept.level:
        raise AccountError(both("agency_merge_level"))
    if kept.id in repo.subtree_ids(session, merged.id):
        raise AccountError(both("agency_cycle"))
    merged_id, merged_name = merged.id, one_line(merged)
    plans, users = repo.move_agency_rows(session, merged_id, kept.id)
    gone = repo.agency(session, merged_id)
    if gone is not None:
        session.delete(gone)
    session.flush()
    kept_row = repo.agency(session, kept.id)
    assert kept_row is not None
    repo.add_audit(
        session,
        actor,
        "merge_agency",
        "agency",
        kept_row.id,
        {
            "merged": merged_name,
            "merged_id": merged_id,
            "kept": one_line(kept_row),
            "plans": plans,
            "users": users,
        },
    )
    session.commit()
    return MergeReport(kept_row, plans, users)


def move(session: Session, actor: User | None, agency: Agency, parent: Agency) -> None:
    """Re-parent ``agency`` under ``parent``; cycles and upside-down levels are refused."""
    check_in_branch(session, actor, agency.id)
    check_in_branch(session, actor, parent.id)
    if actor is not None and agency.id == actor.agency_id:
        raise AccountForbiddenError(both("agency_own"))
    if parent.id in repo.subtree_ids(session, agency.id):
        raise AccountError(both("agency_cycle"))
    if not DEFAULT_LEVELS.is_below(agency.level, parent.level):
        raise AccountError(f"{both('agency_level_order')}: {one_line(agency)}")
    if _sibling_taken(session, parent.id, agency.name, except_id=agency.id):
        raise AccountError(f"{both('agency_exists')}: {one_line(agency)}")
    old = repo.agency(session, agency.parent_id) if agency.parent_id else None
    agency.parent_id = parent.id
    details = {"from": one_line(old) if old else "", "to": one_line(parent), "name": one_line(agency)}
    repo.add_audit(session, actor, "move_agency", "agency", agency.id, details)
    session.commit()


def import_province(session: Session, actor: User | None, name: str) -> tuple[Agency, int]:
    """A province of the register and its communes (those missing); returns the province's
    agency and how many agencies were added."""
    unit = register.find(name, level=register.PROVINCE)
    if unit is None:
        raise AgencyNotFoundError(f"{both('communes_bad_province')}: {name!r}")
    wanted = _key(seed.agency_name(unit))
    existing = [a for a in repo.agencies(session) if a.level == register.PROVINCE and _key(a.name) == wanted]
    if existing:
        check_in_branch(session, actor, existing[0].id)
    else:
        if not repo.agencies(session):
            raise AgencyNotFoundError(f"{both('agency_not_found')} (kehoach db seed)")
        root = seed.root_agency(session)
        check_in_branch(session, actor, root.id)
    report = seed.SeedReport()
    seed.ensure_provinces(session, [unit], report)
    home = existing[0] if existing else _province_agency(session, wanted)
    repo.add_audit(
        session,
        actor,
        "import_province",
        "agency",
        home.id,
        {"province": unit.name, "added": report.agencies},
    )
    session.commit()
    return home, report.agencies


def _province_agency(session: Session, key: str) -> Agency:
    for a in repo.agencies(session):
        if a.level == register.PROVINCE and _key(a.name) == key:
            return a
    raise AgencyNotFoundError(key)
