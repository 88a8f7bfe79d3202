"""Facts about a paragraph's visible runs, and the one way format rules word a finding.

Every check asks the same questions (is all the text bold? which size breaks the range?), so
they live here once; the wording comes from app.messages so rules stay language-free.
"""

from __future__ import annotations

from app.extract.layout import Paragraph
from app.messages import t
from app.rules.finding import Finding, Severity
from app.vn.normalize import clean, upper_vi


def fmt_pt(value: float | None) -> str:
    """13.0 → "13", 12.5 → "12,5" (Vietnamese decimal comma); None → "không rõ"."""
    if value is None:
        return t("fmt_unknown")
    return f"{value:g}".replace(".", ",")


def size_outside(paragraph: Paragraph, low: float, high: float) -> float | bool | None:
    """The first run size outside [low, high] (None when a size is unset); False when all fit."""
    for run in paragraph.text_runs:
        if run.size_pt is None or not low - 0.01 <= run.size_pt <= high + 0.01:
            return run.size_pt
    return False


def all_bold(paragraph: Paragraph) -> bool:
    runs = paragraph.text_runs
    return bool(runs) and all(run.bold for run in runs)


def any_bold(paragraph: Paragraph) -> bool:
    return any(run.bold for run in paragraph.text_runs)


def all_italic(paragraph: Paragraph) -> bool:
    runs = paragraph.text_runs
    return bool(runs) and all(run.italic for run in runs)


def any_italic(paragraph: Paragraph) -> bool:
    return any(run.italic for run in paragraph.text_runs)


def any_underline(paragraph: Paragraph) -> bool:
    return any(run.underline for run in paragraph.text_runs)


def is_upper(paragraph: Paragraph) -> bool:
    text = clean(paragraph.text)
    return text == upper_vi(text)


def range_text(low: float, high: float, unit: str = "pt") -> str:
    return f"{fmt_pt(low)}–{fmt_pt(high)} {unit}" if low != high else f"{fmt_pt(low)} {unit}"


def finding(
    code: str,
    severity: Severity,
    location: str,
    what: str,
    found: str,
    required: str,
) -> Finding:
    """A finding worded "<part>: <found>; yêu cầu <required>" (keys of app.messages)."""
    message = t("fmt_finding").format(what=t(what), found=found, required=required)
    return Finding(code, location, message, found=found, required=required, severity=severity)


def missing(code: str, severity: Severity, what: str, required: str) -> Finding:
    """The part could not be found anywhere in the document."""
    message = t("fmt_missing").format(what=t(what), required=required)
    return Finding(code, t("fmt_document"), message, found=None, required=required, severity=severity)


def check_size(
    code: str, severity: Severity, paragraph: Paragraph, what: str, low: float, high: float
) -> Finding | None:
    """A finding when some text of ``paragraph`` is not sized within [low, high] pt."""
    bad = size_outside(paragraph, low, high)
    if bad is False:
        return None
    found = t("fmt_size").format(size=fmt_pt(bad if isinstance(bad, float) else None))
    return finding(code, severity, paragraph.location, what, found, range_text(low, high))


def check_style(
    code: str,
    severity: Severity,
    paragraph: Paragraph,
    what: str,
    *,
    bold: bool | None = None,
    italic: bool | None = None,
    underline: bool | None = None,
) -> Finding | None:
    """A finding for the first of bold / italic / underline that is not as required."""
    wanted = (
        (bold, all_bold(paragraph), any_bold(paragraph), "fmt_bold", "fmt_not_bold"),
        (italic, all_italic(paragraph), any_italic(paragraph), "fmt_italic", "fmt_upright"),
        (
            underline,
            any_underline(paragraph),
            any_underline(paragraph),
            "fmt_underlined",
            "fmt_not_underlined",
        ),
    )
    for required, all_on, any_on, on_key, off_key in wanted:
        if required is True and not all_on:
            return finding(code, severity, paragraph.location, what, t(off_key), t(on_key))
        if required is False and any_on:
            return finding(code, severity, paragraph.location, what, t(on_key), t(off_key))
    return None


def check_alignment(
    code: str, severity: Severity, paragraph: Paragraph, what: str, *allowed: str
) -> Finding | None:
    if paragraph.alignment in allowed:
        return None
    required = " / ".join(t(f"fmt_align_{a}") for a in allowed)
    return finding(code, severity, paragraph.location, what, t(f"fmt_align_{paragraph.alignment}"), required)
