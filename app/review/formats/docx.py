"""The review as an ND30 review note ("báo cáo rà soát") the office sends back to the drafter.

The note is built as a :class:`Plan` (doc_type "BÁO CÁO", symbol "BC-<abbr>") and rendered by
the project's renderer, so it follows the same ND30 layout as every plan we produce: header of
the reviewing office (the parent's issuer), the findings in numbered parts, and an appendix
table of every mandate with its status. Number, date and signer are left for the office to
fill in.
"""

from __future__ import annotations

import datetime as dt

from app.domain.plan import Appendix, Issuer, Plan, Reference, Section, Signer
from app.messages import t
from app.render.docx import render_docx
from app.review.report import Review
from app.review.status import Status


def review_note(review: Review) -> Plan:
    """The review note as a Plan, ready for :func:`app.render.docx.render_docx`."""
    parent, child = review.parent, review.child
    abbreviation = parent.issuer_abbreviation or "UBND"
    subject = t("note_subject").format(child=f"{child.number_symbol or child.id}", issuer=child.issuer)
    return Plan(
        id=f"ra-soat-{child.id}",
        issuer=Issuer(parent.issuer_name or parent.issuer, abbreviation, parent.level, parent.place or "…"),
        subject=subject,
        symbol=f"BC-{abbreviation}",
        signer=Signer(name=t("note_signer_name"), title="", authority=[t("note_signer_authority")]),
        doc_type="BÁO CÁO",
        references=[Reference(relation="basis", text=t("note_basis").format(parent=_ref_text(review)))],
        sections=_sections(review),
        recipients=[f"{child.issuer};", t("note_archive_recipient")],
        archive=["VT"],
        appendices=[_appendix(review)],
    )


def review_docx(review: Review) -> bytes:
    """The review note rendered as DOCX bytes."""
    return render_docx(review_note(review))


def _ref_text(review: Review) -> str:
    p = review.parent
    day = dt.date.fromisoformat(p.date).strftime("%d/%m/%Y") if p.date else "…"
    return t("note_ref").format(number=p.number_symbol or p.id, date=day, issuer=p.issuer)


def _sections(review: Review) -> list[Section]:
    summary = review.summary
    faults = [r for r in review.results if r.status not in (Status.COVERED, Status.NOT_APPLICABLE)]
    overall = Section(t("note_overall"), text=[t("note_overall_text").format(summary=summary.text)])
    details = Section(
        t("note_faults"),
        bullets=[
            f"{r.parent_text.rstrip('.;')} ({t(f'status_{r.status}').lower()}: {r.reason})" for r in faults
        ]
        or [t("note_no_faults")],
    )
    if review.format_checked:
        fmt_lines = [f"{f.rule} ({f.location}): {f.message}" for f in review.format_findings] or [
            t("note_format_ok")
        ]
    else:
        fmt_lines = [t("html_format_unchecked")]
    form = Section(t("html_format"), bullets=fmt_lines)
    ask = Section(t("note_request"), text=[t("note_request_text" if faults else "note_request_ok")])
    if not review.assumptions:
        return [overall, details, form, ask]
    # The drafter must know on what footing the review was made, before reading its verdicts.
    assumed = Section(t("note_assumptions"), bullets=list(review.assumptions))
    return [overall, assumed, details, form, ask]


def _appendix(review: Review) -> Appendix:
    rows = [
        [
            str(n),
            r.parent_text,
            r.child_text or "—",
            t(f"status_{r.status}"),
            r.reason,
        ]
        for n, r in enumerate(review.results, start=1)
    ]
    columns = [t("col_no"), t("col_parent"), t("col_child"), t("col_status"), t("col_reason")]
    return Appendix(t("note_appendix_title"), columns=columns, rows=rows, note=review.summary.text)
