"""Batch use case: one plan per commune from a parent plan and a commune list.

:func:`plan_batch` does everything that needs the whole list (checking it, sharing quotas,
choosing file names) and returns a small, picklable :class:`BatchSpec`; each commune's plan
is then derived on demand by :func:`child_plan`, so rendering can run in any process, in any
order, and resume after a crash. The CLI runs it through :mod:`app.render.batch` (a process
pool), the web application and ``kehoach worker`` through :mod:`app.jobs`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.batch import register_list
from app.batch.allocate import allocate
from app.batch.bundle import Bundle, quota_title, unique_names
from app.batch.communes import CellError, Commune, CommuneListError, communes_from_register, load_communes
from app.batch.summary import Summary
from app.domain.errors import QuotaError
from app.domain.plan import Issuer, Plan, Signer
from app.domain.targets import Target
from app.messages import both
from app.render.batch import render_many
from app.render.context import build_context
from app.review.mandates import Mandate, MandateKind, mandates_for
from app.services.derive import ParentDigest, child_plan_id, derive_child_plan, digest_parent
from app.vn.normalize import match_key

SIGNER_CHAIR = "CHỦ TỊCH"


@dataclass
class BatchItem:
    """One commune of a batch: its row, its shares of the quotas and its file stem."""

    index: int
    commune: Commune
    quotas: dict[str, float]
    name: str


@dataclass
class BatchSpec:
    """Everything needed to generate any commune's plan, independent of the others."""

    parent: Plan
    items: list[BatchItem]
    date: dt.date | None
    quota_columns: list[tuple[str, str]] = field(default_factory=list)
    _digests: dict[str, ParentDigest] = field(default_factory=dict, repr=False)

    def digest(self, level: str) -> ParentDigest:
        """What every commune plan of ``level`` shares, computed once per process."""
        if level not in self._digests:
            self._digests[level] = digest_parent(self.parent, level)
        return self._digests[level]


def _quota_targets(parent: Plan, communes: Sequence[Commune]) -> list[Target]:
    """The parent targets to share out: quota mandates of the communes' levels, plus any
    target the list gives explicit figures for."""
    ids: list[str] = []
    for level in dict.fromkeys(c.level for c in communes):
        ids += [m.id for m in mandates_for(parent, level) if m.kind is MandateKind.QUOTA and m.target]
    ids += [k for c in communes for k in c.quotas]
    out = []
    for target_id in dict.fromkeys(ids):
        target = parent.target(target_id)
        if target is not None and target.value is not None:
            out.append(target)
    return out


def allocate_quotas(parent: Plan, communes: Sequence[Commune]) -> tuple[list[dict[str, float]], list[Target]]:
    """Each commune's shares ("t1", "t1/part", ...) of every quota target; raises
    :class:`CommuneListError` naming the column when a quota cannot be shared."""
    shares: list[dict[str, float]] = [{} for _ in communes]
    targets = _quota_targets(parent, communes)
    has_weights = any(c.weight is not None for c in communes)
    weights = [(c.weight or 0.0) if has_weights else 1.0 for c in communes]
    for target in targets:
        explicit = _explicit_shares(parent, target, communes)
        try:
            per_commune = allocate(target, weights, explicit)
        except QuotaError as exc:
            raise CommuneListError("", [CellError(1, target.id, str(exc))]) from None
        for share, part in zip(shares, per_commune, strict=True):
            share.update(part)
    return shares, targets


def _explicit_shares(parent: Plan, target: Target, communes: Sequence[Commune]) -> list[float | None]:
    """Each commune's fixed figure for ``target``: the list's own column first, else the
    share the parent's appendix allocates to it (read the way the review reads it, so the
    generated plans carry exactly what the review will hold them to)."""
    mandate = Mandate(target.id, MandateKind.QUOTA, target.text, target.level, "", target=target)
    # quota_share reads the appendix afresh for every call; ask it only about communes the
    # appendix names at all (one cheap lookup each, for lists of thousands). The review's
    # reader and vocabulary are loaded only then: most parents allocate nothing by name.
    listed = f" {' | '.join(match_key(c) for a in parent.appendices for r in a.rows for c in r)} "
    out: list[float | None] = []
    for commune in communes:
        if target.id in commune.quotas:
            out.append(commune.quotas[target.id])
            continue
        if f" {match_key(commune.place)} " not in listed:
            out.append(None)
            continue
        from app.review.assess import quota_share
        from app.review.vocabulary import load_vocabulary

        stub = Plan(id="", issuer=commune_issuer(commune), subject="", symbol="", signer=Signer("", ""))
        out.append(quota_share(parent, mandate, stub, load_vocabulary()))
    return out


def plan_batch(parent: Plan, communes: Sequence[Commune], date: dt.date | None = None) -> BatchSpec:
    """Check the list against the parent, share the quotas and name the files."""
    shares, targets = allocate_quotas(parent, communes)
    names = unique_names(c.unit for c in communes)
    items = [BatchItem(i, c, s, n) for i, (c, s, n) in enumerate(zip(communes, shares, names, strict=True))]
    columns: list[tuple[str, str]] = []
    for target in targets:
        keys = [
            k for k in (items[0].quotas if items else {}) if k == target.id or k.startswith(f"{target.id}/")
        ]
        columns += [(k, quota_title(k, target.unit if k == target.id else None)) for k in keys]
    return BatchSpec(parent=parent, items=items, date=date, quota_columns=columns)


def load_batch(
    parent: Plan, communes_path: Path, date: dt.date | None = None, accept_old_units: bool = False
) -> BatchSpec:
    """Read and check the commune list (against the register of administrative units, see
    :mod:`app.batch.register_list`), then :func:`plan_batch`; every error names row/column."""
    check = register_list.check_for(parent, accept_old_units, date)
    communes = load_communes(communes_path, [t.id for t in parent.targets()], register_check=check)
    try:
        return plan_batch(parent, communes, date)
    except CommuneListError as exc:
        raise CommuneListError(str(communes_path), exc.errors) from None


def register_communes(parent: Plan) -> list[Commune]:
    """Every commune of the parent's province, from the register (a batch without a list);
    :class:`CommuneListError` when the register holds no province of the parent."""
    province = register_list.province_of(parent.issuer)
    if province is None:
        raise CommuneListError(
            both("communes_register_source"), [CellError(0, "", both("communes_all_needs_province"))]
        )
    return communes_from_register(province)


def load_register_batch(parent: Plan, date: dt.date | None = None) -> BatchSpec:
    """:func:`plan_batch` for every commune of the parent's province (``kehoach batch --all``)."""
    try:
        return plan_batch(parent, register_communes(parent), date)
    except CommuneListError as exc:
        raise CommuneListError(both("communes_register_source"), exc.errors) from None


def commune_issuer(commune: Commune) -> Issuer:
    """The commune's People's Committee as issuer."""
    return Issuer(
        name=f"Ủy ban nhân dân\n{commune.unit}",
        abbreviation="UBND",
        level=commune.level,
        place=commune.place,
        parent_body=None,
    )


def commune_signer(commune: Commune) -> Signer:
    """The signer block: "TM. ỦY BAN NHÂN DÂN", plus "KT. CHỦ TỊCH" for a deputy."""
    authority = ["TM. ỦY BAN NHÂN DÂN"]
    title = commune.signer_title.upper()
    if title != SIGNER_CHAIR and SIGNER_CHAIR in title:
        authority.append(f"KT. {SIGNER_CHAIR}")
    return Signer(name=commune.signer_name, title=title, authority=authority)


def child_plan(spec: BatchSpec, item: BatchItem) -> Plan:
    """The commune's plan, derived from the parent with its shares."""
    commune = item.commune
    return derive_child_plan(
        spec.parent,
        commune_issuer(commune),
        commune_signer(commune),
        spec.date,
        item.quotas,
        plan_id=child_plan_id(spec.parent.id, item.name),
        digest=spec.digest(commune.level),
    )


def describe_failure(exc: BaseException) -> str:
    """A one-line reason for a commune that failed, for the summary and the job page."""
    return str(exc).splitlines()[0] if str(exc) else both(type(exc).__name__)


def commune_context(spec: BatchSpec, index: int) -> dict[str, Any]:
    """The template context of commune ``index`` (module-level: picklable with a partial)."""
    return build_context(child_plan(spec, spec.items[index]))


@dataclass
class BatchOutcome:
    """What a finished batch produced."""

    path: Path
    done: int
    failed: list[tuple[str, str]]  # (unit, reason)
    seconds: float

    @property
    def rate(self) -> float:
        return self.done / self.seconds if self.seconds > 0 else 0.0


def write_batch(
    spec: BatchSpec,
    output: Path,
    *,
    pdf: bool = False,
    workers: int = 1,
    template: Path | None = None,
    progress: Callable[[int], None] | None = None,
) -> BatchOutcome:
    """Render every commune into one ZIP at ``output`` (atomic) with the summary workbook."""
    started = time.perf_counter()
    summary = Summary(spec.quota_columns)
    failed: list[tuple[str, str]] = []
    with contextlib.closing(summary), Bundle(output) as bundle:
        done = _write_all(spec, bundle, summary, failed, pdf, workers, template, progress)
    return BatchOutcome(Path(output), done, failed, time.perf_counter() - started)


def _write_all(
    spec: BatchSpec,
    bundle: Bundle,
    summary: Summary,
    failed: list[tuple[str, str]],
    pdf: bool,
    workers: int,
    template: Path | None,
    progress: Callable[[int], None] | None,
) -> int:
    """Render every commune into the open bundle; returns how many succeeded."""
    done = 0
    make_context = functools.partial(commune_context, spec)
    indices = range(len(spec.items))
    for result in render_many(indices, make_context, workers=workers, pdf=pdf, template=template):
        item = spec.items[result.index]
        add_result(bundle, summary, item, result.docx, result.pdf, result.error)
        if result.error:
            failed.append((item.commune.unit, result.error))
        else:
            done += 1
        if progress is not None:
            progress(1)
    bundle.add_summary(summary)
    return done


def add_result(
    bundle: Bundle,
    summary: Summary,
    item: BatchItem,
    docx: bytes | Path | None,
    pdf: bytes | Path | None,
    error: str | None,
) -> None:
    """Put one commune's files into the bundle and its row into the summary."""
    names = []
    for data, ext in ((docx, "docx"), (pdf, "pdf")):
        if data is None or error:
            names.append("")
            continue
        arcname = f"{item.name}.{ext}"
        if isinstance(data, Path):
            bundle.add_file(arcname, data)
        else:
            bundle.add_bytes(arcname, data)
        names.append(arcname)
    unit = f"{item.commune.kind.capitalize()} {item.commune.name}"
    summary.add(unit, item.commune.signer_name, item.quotas, names[0], names[1], error or "")
