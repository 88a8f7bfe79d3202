"""ND0xx format rules: a DOCX checked against NĐ 30/2020/NĐ-CP (see ../shared nd30.md).

An explicit registry, code → rule module (yamllint's shape): adding a rule means adding its
module here. Codes are stable and never reused. Rules read the plain
:class:`app.extract.layout.Layout`, never python-docx objects.
"""

from __future__ import annotations

from types import ModuleType

from app.domain.errors import KehoachError
from app.extract.layout import Layout
from app.messages import both
from app.rules.finding import Finding
from app.rules.format import (
    nd001_margins,
    nd002_font,
    nd003_paper,
    nd004_body_size,
    nd005_body_alignment,
    nd006_spacing,
    nd007_text_colour,
    nd010_national_name,
    nd011_motto,
    nd012_issuer,
    nd013_number,
    nd014_dateline,
    nd015_doc_type,
    nd016_subject,
    nd017_point_letters,
    nd018_ending,
    nd019_recipients_title,
    nd020_recipients,
    nd021_signer,
    nd022_page_numbers,
)

RULES: dict[str, ModuleType] = {
    module.CODE: module
    for module in (
        nd001_margins,
        nd002_font,
        nd003_paper,
        nd004_body_size,
        nd005_body_alignment,
        nd006_spacing,
        nd007_text_colour,
        nd010_national_name,
        nd011_motto,
        nd012_issuer,
        nd013_number,
        nd014_dateline,
        nd015_doc_type,
        nd016_subject,
        nd017_point_letters,
        nd018_ending,
        nd019_recipients_title,
        nd020_recipients,
        nd021_signer,
        nd022_page_numbers,
    )
}


class UnknownRuleError(KehoachError):
    """A rule code that no module carries."""


def get(code: str) -> ModuleType:
    """The rule module for ``code`` ("ND001"); raises UnknownRuleError on an unknown code."""
    try:
        return RULES[code.upper()]
    except KeyError:
        raise UnknownRuleError(f"{code}: {both('fmt_unknown_rule')}") from None


def lint(layout: Layout, codes: list[str] | None = None) -> list[Finding]:
    """Every finding of the given rules (all by default), in rule-code order."""
    findings: list[Finding] = []
    for code in codes or sorted(RULES):
        findings.extend(get(code).check(layout))
    return findings


def lint_docx(data: bytes, source: str = "") -> list[Finding]:
    """Lint DOCX bytes; raises a KehoachError (unsafe or unreadable file) with a clear message."""
    # The reader (python-docx) is an adapter: imported here so the rules themselves stay pure.
    from app.extract.docx_layout import read_layout

    return lint(read_layout(data, source))
