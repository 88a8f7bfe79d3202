"""The review as a standalone HTML page: Vietnamese, statuses coloured, printable.

One file with its CSS inline (it is mailed and archived as is); every text is escaped.
"""

from __future__ import annotations

from html import escape

from app.messages import t
from app.review.report import FamilyReview, MandateResult, PlanRef, QuotaCheck, Review
from app.rules.finding import Finding
from app.vn.numbers import format_number

COLOURS = {
    "covered": "#1b7f3b",
    "weaker": "#b35c00",
    "late": "#8a6d00",
    "missing": "#b3261e",
    "ambiguous": "#5b3fa8",
    "not_applicable": "#666666",
}
CSS = """
body{font-family:"Times New Roman",Liberation Serif,serif;font-size:13pt;margin:2em auto;max-width:64em;color:#111}
h1{font-size:16pt;text-align:center;text-transform:uppercase}h2{font-size:14pt;margin-top:1.5em}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #999;padding:.3em .4em;
vertical-align:top;text-align:left}th{background:#eee}.st{color:#fff;font-weight:bold;white-space:nowrap;
padding:.1em .4em;border-radius:3px;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.where{color:#555;font-size:10.5pt}.summary{font-size:14pt;font-weight:bold}
@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}tr{page-break-inside:avoid}}
"""


def review_html(review: Review) -> str:
    """A whole HTML page for one review."""
    return _page(t("html_review_title"), _review_body(review))


def family_html(family: FamilyReview) -> str:
    """A whole HTML page for a family: the quota view, then each child's review."""
    parts = [f"<p>{t('html_parent')}: {_ref(family.parent)}</p>", f"<h2>{t('html_quotas')}</h2>"]
    names = {r.child.id: r.child.issuer for r in family.reviews}
    parts.append(_quotas(family.quotas, names) if family.quotas else f"<p>{t('html_no_quotas')}</p>")
    parts.append(_findings(family.findings))
    for review in family.reviews:
        parts.append(f"<hr><h2>{escape(review.child.issuer)}</h2>{_review_body(review, heading=False)}")
    return _page(t("html_family_title"), "\n".join(parts))


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"<h1>{escape(title)}</h1>\n{body}\n</body>\n</html>\n"
    )


def _review_body(review: Review, heading: bool = True) -> str:
    summary = review.summary
    parts = []
    if heading:
        parts.append(
            f"<p>{t('html_parent')}: {_ref(review.parent)}<br>{t('html_child')}: {_ref(review.child)}</p>"
        )
    if review.assumptions:
        # Before the verdicts: a wrong level changes every one of them.
        items = "".join(f"<li>{escape(a)}</li>" for a in review.assumptions)
        parts.append(f'<h2>{t("html_assumptions")}</h2><ul class="assumptions">{items}</ul>')
    parts.append(f'<p class="summary">{escape(summary.text)}</p>')
    counts = ", ".join(f"{_badge(s)} {n}" for s, n in summary.counts.items() if n)
    parts.append(f"<p>{counts}</p>")
    parts.append(_mandates(review.results))
    parts.append(f"<h2>{t('html_findings')}</h2>{_findings(review.findings)}")
    parts.append(f"<h2>{t('html_format')}</h2>")
    if review.format_checked:
        parts.append(_findings(review.format_findings))
    else:
        parts.append(f"<p>{t('html_format_unchecked')}</p>")
    parts.extend(f"<p>{escape(note)}</p>" for note in review.notes)
    return "\n".join(parts)


def _mandates(results: list[MandateResult]) -> str:
    head = "".join(
        f"<th>{t(k)}</th>" for k in ("col_no", "col_status", "col_parent", "col_child", "col_reason")
    )
    rows = []
    for n, r in enumerate(results, start=1):
        child = (
            f"{escape(r.child_text)}<div class=where>{escape(r.child_where or '')}</div>"
            if r.child_text
            else "—"
        )
        rows.append(
            f"<tr><td>{n}</td><td>{_badge(str(r.status))}</td>"
            f"<td>{escape(r.parent_text)}<div class=where>{escape(r.id)} · {escape(r.parent_where)}</div></td>"
            f"<td>{child}</td><td>{escape(r.reason)}</td></tr>"
        )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _findings(findings: list[Finding]) -> str:
    if not findings:
        return f"<p>{t('html_no_findings')}</p>"
    items = "".join(
        f"<li><b>{escape(f.rule)}</b> {escape(f.location)}: {escape(f.message)}</li>" for f in findings
    )
    return f"<ul>{items}</ul>"


def _quotas(quotas: list[QuotaCheck], names: dict[str, str]) -> str:
    head = "".join(f"<th>{t(k)}</th>" for k in ("col_parent", "col_required", "col_shares", "col_shortfall"))
    rows = []
    for q in quotas:
        shares = "<br>".join(f"{escape(names.get(c, c))}: {format_number(v)}" for c, v in q.shares.items())
        shares += "".join(f"<br>{escape(names.get(c, c))}: {_badge('missing')}" for c in q.without_share)
        gap = format_number(q.shortfall) if q.shortfall else "0"
        rows.append(
            f"<tr><td>{escape(q.parent_text)}</td><td>{format_number(q.required)} {escape(q.unit or '')}</td>"
            f"<td>{shares}</td><td>{gap}</td></tr>"
        )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _badge(status: str) -> str:
    colour = COLOURS.get(status, "#333")
    return f'<span class=st style="background:{colour}">{escape(t(f"status_{status}"))}</span>'


def _ref(ref: PlanRef) -> str:
    bits = [ref.issuer, ref.number_symbol or "", _day(ref.date), ref.title]
    return escape(" · ".join(b for b in bits if b))


def _day(iso: str | None) -> str:
    """The date as an office reads it ("15/01/2026"); the JSON keeps ISO for programs."""
    if not iso:
        return ""
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"
