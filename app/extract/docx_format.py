"""The little formatting the plan parser uses as hints: bold, italic, alignment, font size.

Headings in Vietnamese plans are usually bold and centred ("KẾ HOẠCH"); the parser may use
that, so it is resolved through direct formatting, character styles and the paragraph style
chain, as Word shows it. Anything unclear stays None rather than guessed.
"""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn


def paragraph_format(document: Any, p: Any) -> tuple[bool | None, bool | None, str | None, float | None]:
    """(bold, italic, alignment w:jc value, size in pt) of a w:p element."""
    styles = document.styles.element
    ppr = p.find(qn("w:pPr"))
    para_style = _val(ppr, "w:pStyle") or default_style(styles, "paragraph")
    chain = style_chain(styles, para_style)
    jc = _val(ppr, "w:jc") or _first(chain, lambda s: _val(s.find(qn("w:pPr")), "w:jc"))
    bolds: list[bool] = []
    italics: list[bool] = []
    size: float | None = None
    for run in p.iter(qn("w:r")):
        if not "".join(t.text or "" for t in run.iter(qn("w:t"))).strip():
            continue
        rpr = run.find(qn("w:rPr"))
        run_chain = [
            rpr,
            *_style_rpr(styles, _val(rpr, "w:rStyle")),
            *(s.find(qn("w:rPr")) for s in chain),
            styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}"),
        ]
        bolds.append(_toggle(run_chain, "w:b"))
        italics.append(_toggle(run_chain, "w:i"))
        if size is None:
            half_points = _first(run_chain, lambda r: _val(r, "w:sz"))
            size = _half_points(half_points)
    if not bolds:
        return None, None, jc, None
    return all(bolds), all(italics), jc, size


def _half_points(value: str | None) -> float | None:
    try:
        return int(value) / 2 if value is not None else None
    except ValueError:
        return None


def _toggle(rprs: list[Any], tag: str) -> bool:
    """The first w:b / w:i found along the chain decides; absent everywhere means off."""
    for rpr in rprs:
        element = rpr.find(qn(tag)) if rpr is not None else None
        if element is not None:
            return element.get(qn("w:val"), "1") not in ("0", "false", "none")
    return False


def _first(items: list[Any], pick: Any) -> Any:
    for item in items:
        if item is None:
            continue
        value = pick(item)
        if value is not None:
            return value
    return None


def _val(element: Any, tag: str) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return None if child is None else child.get(qn("w:val"))


def _find_style(styles: Any, style_id: str) -> Any:
    for style in styles.iter(qn("w:style")):
        if style.get(qn("w:styleId")) == style_id:
            return style
    return None


def style_chain(styles: Any, style_id: str | None) -> list[Any]:
    """The style and the styles it is based on, nearest first (cycles cut)."""
    chain: list[Any] = []
    seen: set[str] = set()
    while style_id and style_id not in seen:
        seen.add(style_id)
        style = _find_style(styles, style_id)
        if style is None:
            break
        chain.append(style)
        style_id = _val(style, "w:basedOn")
    return chain


def _style_rpr(styles: Any, style_id: str | None) -> list[Any]:
    return [style.find(qn("w:rPr")) for style in style_chain(styles, style_id)]


def default_style(styles: Any, kind: str) -> str | None:
    for style in styles.iter(qn("w:style")):
        if style.get(qn("w:type")) == kind and style.get(qn("w:default")) in ("1", "true"):
            return str(style.get(qn("w:styleId")))
    return None
