"""Use cases on single plans: check a plan file, render it, write the JSON Schema."""

from __future__ import annotations

from pathlib import Path

from app.domain.plan import SUBJECT_WARN_CHARS, Plan, subject_too_long
from app.messages import both
from app.planfile import PLAN_EXTENSIONS
from app.planfile.jsonschema import plan_json_schema_text
from app.planfile.load import load_plan
from app.render.atomic import write_atomic
from app.render.docx import render_docx


def check_plan(path: str | Path) -> Plan:
    """Load a plan file; raises PlanFileError naming every problem."""
    return load_plan(path)


def plan_warnings(plan: Plan) -> list[str]:
    """What is legal in a plan file but surely not meant: a plan with no body at all, a
    subject of more than a few hundred characters."""
    warnings = []
    if not plan.sections and not plan.preamble and not (plan.closing or "").strip():
        warnings.append(both("plan_no_body"))
    length = subject_too_long(plan)
    if length is not None:
        warnings.append(both("subject_long").format(length=length, limit=SUBJECT_WARN_CHARS))
    return warnings


def render_plan(plan: Plan) -> bytes:
    """The plan as an ND30-formatted DOCX."""
    return render_docx(plan)


def render_plan_file(source: str | Path, output: str | Path) -> Path:
    """Render one plan file to ``output`` (written atomically)."""
    plan = load_plan(source)
    out = Path(output)
    write_atomic(out, render_docx(plan))
    return out


def plan_files_in(folder: str | Path) -> list[Path]:
    """The plan files of a folder, in name order."""
    return sorted(p for p in Path(folder).iterdir() if p.is_file() and p.suffix.lower() in PLAN_EXTENSIONS)


def write_schema(output: str | Path) -> Path:
    out = Path(output)
    write_atomic(out, plan_json_schema_text().encode("utf-8"))
    return out
