"""The web layer's bridge to the document engines (DOCX, PDF, child plans, review).

The engines are written by other areas; importing them lazily keeps every page that does not
need one working, and a missing engine becomes a clear 503 message, not a crash.
"""

from __future__ import annotations

import datetime as dt
import importlib
from types import ModuleType
from typing import Any

from werkzeug.exceptions import ServiceUnavailable

from app.domain.plan import Issuer, Plan, Signer
from app.messages import both
from app.storage.tables import Agency
from app.vn.normalize import slugify


def engine(module: str) -> ModuleType:
    """Import an engine module, or answer 503 naming the missing feature."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ServiceUnavailable(f"{both('feature_unavailable')}: {module} ({exc})") from None


def docx_bytes(plan: Plan) -> bytes:
    data: bytes = engine("app.render.docx").render_docx(plan)
    return data


def pdf_bytes(plan: Plan) -> bytes:
    pdf = engine("app.render.pdf")
    if not pdf.pdf_available():
        raise ServiceUnavailable(f"{both('pdf_unavailable')}: {pdf.INSTALL_HINT}")
    data: bytes = pdf.docx_to_pdf(docx_bytes(plan))
    return data


def issuer_of(agency: Agency) -> Issuer:
    return Issuer(
        name=agency.name,
        abbreviation=agency.abbreviation or "UBND",
        level=agency.level,
        place=agency.place or agency.name.split()[-1],
        parent_body=None,
    )


def child_plan(parent: Plan, agency: Agency) -> Plan:
    """The plan ``agency`` issues to implement ``parent``, pre-filled with its mandates."""
    derive = engine("app.services.derive")
    # The signer is not known yet; a visible placeholder the officer replaces in the editor.
    signer = Signer(name="(Họ và tên người ký)", title="CHỦ TỊCH", authority=["TM. ỦY BAN NHÂN DÂN"])
    plan_id = derive.child_plan_id(parent.id, agency.place or agency.name)
    issuer = issuer_of(agency)
    # The child's own shares, as the batch gives them (the parent's appendix); a quota the
    # appendix does not give it is left blank to fill, never printed at the parent's total.
    # No date: the dateline prints the plan's year and leaves the day to the văn thư.
    quotas = derive.appendix_quotas(parent, issuer)
    child: Plan = derive.derive_child_plan(parent, issuer, signer, None, quotas, plan_id=plan_id)
    return child


def blank_document(agency: Agency) -> dict[str, Any]:
    """A new plan's starting document: the agency's header and the usual parts."""
    issuer = issuer_of(agency)
    parts = [
        ("MỤC ĐÍCH, YÊU CẦU", "purpose"),
        ("NHIỆM VỤ, GIẢI PHÁP", "tasks"),
        ("KINH PHÍ THỰC HIỆN", "funding"),
        ("TỔ CHỨC THỰC HIỆN", "organization"),
    ]
    return {
        "id": f"{slugify(issuer.place)}-{dt.date.today():%Y%m%d}",
        "doc_type": "KẾ HOẠCH",
        "issuer": {
            "name": issuer.name,
            "abbreviation": issuer.abbreviation,
            "level": issuer.level,
            "place": issuer.place,
        },
        "symbol": f"KH-{issuer.abbreviation}",
        "date": dt.date.today().isoformat(),
        "subject": "",
        "sections": [{"title": title, "kind": kind} for title, kind in parts],
        "signer": {"name": "", "title": "CHỦ TỊCH", "authority": ["TM. ỦY BAN NHÂN DÂN"]},
        "recipients": [],
        "archive": ["VT"],
    }
