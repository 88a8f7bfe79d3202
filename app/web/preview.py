"""Template helpers of the HTML preview: the DOCX's own context (app.render.context) and the
numbering of its parts (I., II. for parts; 1., 2. for items, restarting in each part)."""

from __future__ import annotations

from typing import Any

from flask import Flask

from app.domain.plan import Plan
from app.web import documents


def doc_context(plan: Plan) -> dict[str, Any]:
    context: dict[str, Any] = documents.engine("app.render.context").build_context(plan)
    return context


def roman(number: int) -> str:
    numeral: str = documents.engine("app.render.context").roman(number)
    return numeral


def loop_index_muc(body: list[dict[str, str]], index: int) -> int:
    """The 1-based number of the part (mục) at ``index``."""
    return sum(1 for item in body[: index + 1] if item["kind"] == "muc")


def khoan_number(body: list[dict[str, str]], index: int) -> int:
    """The 1-based number of the item (khoản) at ``index`` within its part."""
    count = 0
    for item in body[: index + 1]:
        if item["kind"] == "muc":
            count = 0
        elif item["kind"] in ("khoan", "khoan_text"):
            count += 1
    return count


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        doc_context=doc_context, roman=roman, loop_index_muc=loop_index_muc, khoan_number=khoan_number
    )
