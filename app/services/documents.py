"""Read any plan source (plan file, DOCX, PDF, TXT) into a Plan.

Plan files (.json/.yaml/.yml) load through app.planfile; documents go through app.extract
(the guarded readers, then the plan parser), so a review, a batch or an extraction takes a
Word file or a PDF exactly as it takes a structured plan.
"""

from __future__ import annotations

from pathlib import Path

from app.domain.plan import Plan
from app.messages import both
from app.planfile import PLAN_EXTENSIONS

DOCUMENT_EXTENSIONS = (".docx", ".pdf", ".txt", ".md")


def read_plan(path: str | Path) -> Plan:
    """The plan held in ``path``, whatever its format; raises a KehoachError subclass."""
    p = Path(path)
    suffix = p.suffix.lower()
    # plan-file loading (marshmallow schemas) is imported only for plan files: a review of
    # two documents starts faster without it
    from app.planfile.load import PlanFileError, load_plan

    if suffix in PLAN_EXTENSIONS:
        return load_plan(p)
    if suffix in DOCUMENT_EXTENSIONS:
        # the document readers only for documents: `kehoach batch PARENT.yaml` starts without them
        from app.extract.plan_text import parse_plan
        from app.extract.read import read_document_file

        return parse_plan(read_document_file(p))
    raise PlanFileError(str(p), {"": [both("unsupported_plan_ext")]})


def read_plan_bytes(data: bytes, filename: str) -> Plan:
    """The plan of an uploaded DOCX/PDF/TXT (checked by the upload guard first)."""
    from app.extract.plan_text import parse_plan
    from app.extract.read import read_document

    return parse_plan(read_document(data, filename))


def extract_plan_file(source: str | Path, output: str | Path) -> Plan:
    """Parse the document ``source`` and write the plan to ``output`` (.json/.yaml/.yml),
    atomically, so a failed run leaves nothing half-written."""
    from app.planfile.load import PlanFileError, dump_plan_text
    from app.render.atomic import write_atomic

    out = Path(output)
    if out.suffix.lower() not in PLAN_EXTENSIONS:
        raise PlanFileError(str(out), {"": [both("extract_out_ext")]})
    plan = read_plan(source)
    fmt = "json" if out.suffix.lower() == ".json" else "yaml"
    write_atomic(out, dump_plan_text(plan, fmt).encode("utf-8"))
    return plan
