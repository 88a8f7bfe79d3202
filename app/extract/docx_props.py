"""OOXML property look-ups for the DOCX reader: toggles, units, first-set-wins pPr chains.

Word resolves a paragraph property by walking direct formatting, then the style chain, then
the document defaults; :class:`ParagraphFormat` does that walk over lxml elements.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

TWIPS_PER_CM = 567.0
_ALIGN = {"both": "justify", "distribute": "justify", "start": "left", "end": "right"}


def toggle(element: Any) -> bool | None:
    """A toggle property (w:b, w:i): absent → None, present → its w:val (default true)."""
    if element is None:
        return None
    return element.get(qn("w:val"), "true").lower() not in ("0", "false", "off", "none")


def scaled(value: str | None, scale: float) -> float | None:
    try:
        return None if value is None else float(value) / scale
    except ValueError:
        return None


@dataclass
class ParagraphFormat:
    """First-set-wins lookup of paragraph properties along a pPr chain."""

    chain: list[Any] = field(default_factory=list)

    def _attr(self, tag: str, attr: str) -> str | None:
        for props in self.chain:
            el = props.find(qn(tag)) if props is not None else None
            if el is not None and el.get(qn(attr)) is not None:
                return str(el.get(qn(attr)))
        return None

    def flag(self, tag: str) -> bool:
        """A toggle paragraph property (w:contextualSpacing, w:keepNext), first set wins."""
        for props in self.chain:
            el = props.find(qn(tag)) if props is not None else None
            if el is not None:
                return bool(toggle(el))
        return False

    def alignment(self) -> str:
        value = self._attr("w:jc", "w:val") or "left"
        return _ALIGN.get(value, value)

    def values(self) -> dict[str, Any]:
        first = scaled(self._attr("w:ind", "w:firstLine"), TWIPS_PER_CM) or 0.0
        hanging = scaled(self._attr("w:ind", "w:hanging"), TWIPS_PER_CM)
        line = scaled(self._attr("w:spacing", "w:line"), 1.0)
        rule = self._attr("w:spacing", "w:lineRule") or "auto"
        return {
            "alignment": self.alignment(),
            "first_line_indent_cm": round(-hanging if hanging else first, 2),
            "space_before_pt": scaled(self._attr("w:spacing", "w:before"), 20.0) or 0.0,
            "space_after_pt": scaled(self._attr("w:spacing", "w:after"), 20.0) or 0.0,
            "line_spacing": round(line / 240.0, 2)
            if line is not None and rule == "auto"
            else (None if line else 1.0),
            "contextual_spacing": self.flag("w:contextualSpacing"),
            "line_spacing_rule": rule if line is not None else "auto",
            "line_spacing_pt": round(line / 20.0, 1) if line is not None and rule != "auto" else None,
        }
