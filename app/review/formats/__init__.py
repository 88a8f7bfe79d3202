"""One module per output format of a review (like bandit's formatters): json, html, docx."""

from __future__ import annotations

from app.review.report import FamilyReview, Review


def render_review(review: Review, fmt: str) -> bytes:
    """The review in ``fmt`` ("json", "html" or "docx") as bytes ready to write."""
    if fmt == "json":
        from app.review.formats.json import dumps, review_to_dict

        return dumps(review_to_dict(review)).encode("utf-8")
    if fmt == "html":
        from app.review.formats.html import review_html

        return review_html(review).encode("utf-8")
    if fmt == "docx":
        from app.review.formats.docx import review_docx

        return review_docx(review)
    raise ValueError(f"unknown review format: {fmt}")


def render_family(family: FamilyReview, fmt: str) -> bytes:
    """The family review in ``fmt`` ("json" or "html")."""
    if fmt == "json":
        from app.review.formats.json import dumps, family_to_dict

        return dumps(family_to_dict(family)).encode("utf-8")
    if fmt == "html":
        from app.review.formats.html import family_html

        return family_html(family).encode("utf-8")
    raise ValueError(f"unknown family review format: {fmt}")
