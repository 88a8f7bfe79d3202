"""The rule table of both families, from the rule modules themselves.

`kehoach rules` prints it and README.md carries it between ``<!-- rules:start -->`` and
``<!-- rules:end -->``; a test regenerates it in memory and fails on drift, so the docstring
of each rule stays the one source of its documentation.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

README_START = "<!-- rules:start -->"
README_END = "<!-- rules:end -->"
REQUIREMENT_HEADING = "Yêu cầu / Requirement:"


@dataclass(frozen=True)
class RuleRow:
    code: str
    name: str
    severity: str
    requirement: str


def requirement(module: ModuleType) -> str:
    """The Vietnamese requirement under the "Yêu cầu / Requirement:" heading of a docstring.

    Two layouts are in use: a Vietnamese line then an English line (format rules), or one
    wrapped paragraph "Vietnamese. / English." (coverage rules).
    """
    lines = (module.__doc__ or "").splitlines()
    for number, line in enumerate(lines):
        if line.strip() == REQUIREMENT_HEADING:
            paragraph: list[str] = []
            for text in lines[number + 1 :]:
                if not text.strip():
                    break
                paragraph.append(text.strip())
            joined = " ".join(paragraph)
            return joined.split(" / ")[0].strip() if " / " in joined else (paragraph or [""])[0]
    return ""


def modules() -> list[ModuleType]:
    """Every registered rule module: format (ND0xx) then coverage (KH0xx), in code order."""
    from app.rules import format as format_rules

    found = [format_rules.RULES[code] for code in sorted(format_rules.RULES)]
    try:
        from app.rules import coverage
    except ImportError:  # the coverage family is optional for the format linter
        return found
    return found + sorted(coverage.RULES, key=lambda module: str(module.CODE))


def rows() -> list[RuleRow]:
    return [RuleRow(str(m.CODE), str(m.NAME), str(m.SEVERITY), requirement(m)) for m in modules()]


def markdown_table() -> str:
    """The README table: code, name, severity, requirement (first line)."""
    lines = ["| Mã | Tên | Mức | Yêu cầu |", "|---|---|---|---|"]
    for row in rows():
        text = row.requirement.replace("|", "\\|")
        lines.append(f"| {row.code} | `{row.name}` | {row.severity} | {text} |")
    return "\n".join(lines)


def readme_block() -> str:
    """The exact README text between (and including) the markers."""
    return f"{README_START}\n{markdown_table()}\n{README_END}"
