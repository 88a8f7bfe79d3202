"""Read any plan source (plan file, DOCX, PDF, TXT) into a Plan.

Plan files (.json/.yaml/.yml) load through app.planfile; documents go through app.extract
(readers, then the plan parser).
"""

from __future__ import annotations

from pathlib import Path

from app.domain.plan import Plan
from app.planfile.load import PLAN_EXTENSIONS, PlanFileError, load_plan
from app.messages import both


def read_plan(path: str | Path) -> Plan:
    """The plan held in ``path``, whatever its format; raises a KehoachError subclass."""
    p = Path(path)
    if p.suffix.lower() in PLAN_EXTENSIONS:
        return load_plan(p)
    raise PlanFileError(str(p), {"": [both("unsupported_plan_ext")]})
