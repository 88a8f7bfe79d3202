"""The review as JSON: a documented, stable interface other programs read.

Top level (``schema_version`` 1; schemas/review.schema.json is the JSON Schema, checked by a
test)::

    {
      "schema_version": 1,
      "parent": {"id", "title", "number_symbol", "date", "issuer", "level"},
      "child":  {... same ...},
      "mandates": [
        {
          "id":          parent target id, task id, or "<assignment id>.<n>" for a duty,
          "kind":        "target" | "quota" | "duty",
          "status":      "covered" | "weaker" | "late" | "missing" | "ambiguous" | "not_applicable",
          "parent_text": the parent's wording of the mandate,
          "parent_where": where it stands in the parent (source location or section path),
          "child_id":    the child item carrying it, or null,
          "child_text":  the child's wording, or null,
          "child_where": where it stands in the child, or null,
          "score":       match score 0..100 (100 for an explicit link),
          "reason":      Vietnamese explanation (reasons joined by "; "),
          "reasons":     the same as a list,
          "causes":      machine-readable causes: value, comparator, unit, no_value, frequency,
                         population, deadline, share, task_only,
          "level":       the level the mandate applies to,
          "required", "carried", "allocated", "unit": figures (null when not numeric)
        }, ...
      ],
      "findings":        coverage findings [{"rule", "location", "message", "found",
                         "required", "severity"}] (KH0xx, location = mandate id),
      "format_findings": format findings of the child DOCX, same shape (ND0xx),
      "format_checked":  whether the format linter ran,
      "notes":           remarks (e.g. why the format was not checked),
      "assumptions":     what the review assumed, in Vietnamese: a level guessed from the
                         issuing body, or taken otherwise because the child's was not below
                         the parent's; each says how to set it instead (--parent-level,
                         --child-level, the selects of the review page). "parent.level" and
                         "child.level" are the levels the review worked with,
      "summary": {"covered", "applicable", "counts": {status: n}, "text", "ok"}
    }

A family review (``kehoach review-all``) is ``{"schema_version", "parent", "reviews": [review,
...], "quotas": [{"id", "parent_text", "required", "unit", "shares": {child id: n}, "total",
"shortfall", "without_share": [child id]}], "findings": [...]}``. Fields are only ever added.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from app.review.report import FamilyReview, MandateResult, PlanRef, QuotaCheck, Review
from app.review.status import Status
from app.rules.finding import Finding, Severity

SCHEMA_VERSION = 1


def review_to_dict(review: Review) -> dict[str, Any]:
    """The review as plain JSON-ready data (see the module docstring)."""
    summary = review.summary
    return {
        "schema_version": SCHEMA_VERSION,
        "parent": dataclasses.asdict(review.parent),
        "child": dataclasses.asdict(review.child),
        "mandates": [_mandate(r) for r in review.results],
        "findings": [f.as_dict() for f in review.findings],
        "format_findings": [f.as_dict() for f in review.format_findings],
        "format_checked": review.format_checked,
        "notes": list(review.notes),
        "assumptions": list(review.assumptions),
        "summary": {
            "covered": summary.covered,
            "applicable": summary.applicable,
            "counts": summary.counts,
            "text": summary.text,
            "ok": summary.ok,
        },
    }


def review_from_dict(data: dict[str, Any]) -> Review:
    """The review back from its JSON (:func:`review_to_dict`): the web stores a review once and
    serves its report from it, instead of reading and reviewing the files again."""
    return Review(
        parent=PlanRef(**data["parent"]),
        child=PlanRef(**data["child"]),
        results=[_mandate_from(m) for m in data["mandates"]],
        findings=[_finding_from(f) for f in data["findings"]],
        format_findings=[_finding_from(f) for f in data["format_findings"]],
        format_checked=bool(data["format_checked"]),
        notes=list(data.get("notes", [])),
        assumptions=list(data.get("assumptions", [])),
    )


def _mandate_from(m: dict[str, Any]) -> MandateResult:
    return MandateResult(
        id=m["id"],
        kind=m["kind"],
        status=Status(m["status"]),
        parent_text=m["parent_text"],
        parent_where=m["parent_where"],
        level=m.get("level"),
        child_id=m.get("child_id"),
        child_text=m.get("child_text"),
        child_where=m.get("child_where"),
        score=float(m.get("score") or 0.0),
        reasons=list(m.get("reasons", [])),
        causes=list(m.get("causes", [])),
        required=m.get("required"),
        carried=m.get("carried"),
        unit=m.get("unit"),
        allocated=m.get("allocated"),
    )


def _finding_from(f: dict[str, Any]) -> Finding:
    return Finding(
        f["rule"], f["location"], f["message"], f.get("found"), f.get("required"), Severity(f["severity"])
    )


def family_to_dict(family: FamilyReview) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "parent": dataclasses.asdict(family.parent),
        "reviews": [review_to_dict(r) for r in family.reviews],
        "quotas": [_quota(q) for q in family.quotas],
        "findings": [f.as_dict() for f in family.findings],
    }


def dumps(data: dict[str, Any]) -> str:
    """Pretty, UTF-8 (Vietnamese kept readable), stable key order."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _mandate(r: MandateResult) -> dict[str, Any]:
    return {
        "id": r.id,
        "kind": r.kind,
        "status": str(r.status),
        "parent_text": r.parent_text,
        "parent_where": r.parent_where,
        "child_id": r.child_id,
        "child_text": r.child_text,
        "child_where": r.child_where,
        "score": r.score,
        "reason": r.reason,
        "reasons": list(r.reasons),
        "causes": list(r.causes),
        "level": r.level,
        "required": r.required,
        "carried": r.carried,
        "allocated": r.allocated,
        "unit": r.unit,
    }


def _quota(q: QuotaCheck) -> dict[str, Any]:
    return {
        "id": q.id,
        "parent_text": q.parent_text,
        "required": q.required,
        "unit": q.unit,
        "shares": dict(q.shares),
        "total": q.total,
        "shortfall": q.shortfall,
        "without_share": list(q.without_share),
    }
