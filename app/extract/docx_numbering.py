"""Automatic list numbering of a DOCX turned back into the labels a reader sees ("I.", "1.", "a)").

Word stores "I. MỤC TIÊU" as the text "MỤC TIÊU" plus a reference into word/numbering.xml;
the label only exists after counting. This module replays Word's counting: one counter set
per abstract list (several w:num sharing an abstractNum continue the same list), a
w:startOverride restarting the list the first time its w:num is used, and deeper levels
reset when a shallower level advances (unless w:lvlRestart says otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]
# Bullets drawn from the Symbol/Wingdings fonts sit in the private use area.
_SYMBOL_BULLETS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf0fc": "✓", "\uf02d": "-", "\uf076": "❖"}


def to_roman(value: int) -> str:
    """1 -> "I", 14 -> "XIV"; non-positive values fall back to digits."""
    if value <= 0:
        return str(value)
    out = []
    for number, letters in _ROMAN:
        while value >= number:
            out.append(letters)
            value -= number
    return "".join(out)


def to_letters(value: int) -> str:
    """1 -> "a", 26 -> "z", 27 -> "aa" (Word repeats the letter)."""
    if value <= 0:
        return str(value)
    letter = chr(ord("a") + (value - 1) % 26)
    return letter * ((value - 1) // 26 + 1)


def format_counter(value: int, num_fmt: str) -> str:
    """One level's counter in its w:numFmt."""
    if num_fmt in ("upperRoman",):
        return to_roman(value)
    if num_fmt == "lowerRoman":
        return to_roman(value).lower()
    if num_fmt == "upperLetter":
        return to_letters(value).upper()
    if num_fmt == "lowerLetter":
        return to_letters(value)
    if num_fmt == "decimalZero":
        return f"{value:02d}"
    if num_fmt == "none":
        return ""
    return str(value)  # decimal and the exotic formats we do not meet in Vietnamese plans


def bullet_text(text: str) -> str:
    """A bullet's lvlText made visible: Symbol-font private-use code points mapped to Unicode."""
    text = text.strip()
    if not text:
        return "•"
    return "".join(_SYMBOL_BULLETS.get(ch, "•" if "\ue000" <= ch <= "\uf8ff" else ch) for ch in text)


@dataclass(frozen=True)
class Level:
    """One w:lvl of an abstract list."""

    num_fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: int | None = None  # w:lvlRestart: 0 = never, n = after level n (1-based) is used
    legal: bool = False  # w:isLgl: every %n shown as decimal


@dataclass
class Numbering:
    """The parsed numbering part and the running counters of one document read."""

    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    nums: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    overrides: dict[str, dict[int, Level | int]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    _used_nums: set[str] = field(default_factory=set)

    def label(self, num_id: str, ilvl: int) -> str | None:
        """Advance the counter for a numbered paragraph and return its visible label."""
        abstract_id = self.nums.get(num_id)
        if abstract_id is None or num_id == "0":
            return None
        levels = dict(self.abstract.get(abstract_id, {}))
        counters = self.counters.setdefault(abstract_id, {})
        self._apply_overrides(num_id, levels, counters)
        level = levels.get(ilvl)
        if level is None:
            return None
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [d for d in counters if d > ilvl]:
            restart = levels.get(deeper, Level()).restart
            if restart is None or (restart != 0 and ilvl < restart):
                del counters[deeper]
        if level.num_fmt == "bullet":
            return bullet_text(level.text)
        return self._fill(level, levels, counters).strip() or None

    def _apply_overrides(self, num_id: str, levels: dict[int, Level], counters: dict[int, int]) -> None:
        overrides = self.overrides.get(num_id, {})
        first_use = num_id not in self._used_nums
        self._used_nums.add(num_id)
        for ilvl, override in overrides.items():
            if isinstance(override, Level):
                levels[ilvl] = override
            elif first_use:  # a startOverride restarts the list where this w:num begins
                counters[ilvl] = override - 1
                for deeper in [d for d in counters if d > ilvl]:
                    del counters[deeper]

    @staticmethod
    def _fill(level: Level, levels: dict[int, Level], counters: dict[int, int]) -> str:
        text = level.text
        for index in range(8, -1, -1):  # %10 never occurs; replace %9 before %1
            marker = f"%{index + 1}"
            if marker not in text:
                continue
            shown = levels.get(index, Level())
            value = counters.get(index, shown.start)
            fmt = "decimal" if level.legal and shown.num_fmt != "none" else shown.num_fmt
            text = text.replace(marker, format_counter(value, fmt))
        return text


def _val(element: Any, tag: str) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return None if child is None else child.get(qn("w:val"))


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _parse_level(lvl: Any) -> Level:
    restart = _val(lvl, "w:lvlRestart")
    legal = lvl.find(qn("w:isLgl"))
    return Level(
        num_fmt=_val(lvl, "w:numFmt") or "decimal",
        text=_val(lvl, "w:lvlText") or "",
        start=_int(_val(lvl, "w:start"), 1),
        restart=_int(restart, 1) if restart is not None else None,
        legal=legal is not None and legal.get(qn("w:val"), "1") not in ("0", "false"),
    )


def parse_numbering(root: Any, styles: Any = None) -> Numbering:
    """Parse the w:numbering element (lxml, from python-docx); None gives an empty model.

    ``styles`` (the w:styles element) resolves lists defined through a numbering style
    (w:numStyleLink), as Word's built-in multilevel list styles are.
    """
    numbering = Numbering()
    if root is None:
        return numbering
    links: dict[str, str] = {}
    for abstract in root.findall(qn("w:abstractNum")):
        abstract_id = abstract.get(qn("w:abstractNumId"), "")
        levels = {_int(lvl.get(qn("w:ilvl")), 0): _parse_level(lvl) for lvl in abstract.findall(qn("w:lvl"))}
        numbering.abstract[abstract_id] = levels
        link = _val(abstract, "w:numStyleLink")
        if link and not levels:
            links[abstract_id] = link
    for num in root.findall(qn("w:num")):
        num_id = num.get(qn("w:numId"), "")
        numbering.nums[num_id] = _val(num, "w:abstractNumId") or ""
        overrides: dict[int, Level | int] = {}
        for override in num.findall(qn("w:lvlOverride")):
            ilvl = _int(override.get(qn("w:ilvl")), 0)
            lvl = override.find(qn("w:lvl"))
            if lvl is not None:
                overrides[ilvl] = _parse_level(lvl)
            start = _val(override, "w:startOverride")
            if start is not None and lvl is None:
                overrides[ilvl] = _int(start, 1)
        numbering.overrides[num_id] = overrides
    for abstract_id, style_id in links.items():
        target = numbering.nums.get(_style_num_id(styles, style_id) or "")
        if target and target != abstract_id:
            numbering.abstract[abstract_id] = numbering.abstract.get(target, {})
    return numbering


def _style_num_id(styles: Any, style_id: str) -> str | None:
    """The w:numId a numbering style points at."""
    if styles is None:
        return None
    for style in styles.iter(qn("w:style")):
        if style.get(qn("w:styleId")) == style_id:
            ppr = style.find(qn("w:pPr"))
            return _val(ppr.find(qn("w:numPr")) if ppr is not None else None, "w:numId")
    return None
