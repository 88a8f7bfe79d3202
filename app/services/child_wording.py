"""How a parent plan's sentence reads in the plan of one unit of the level below.

A province writes "100% xã, phường tổ chức ít nhất 01 hoạt động truyền thông ... trong năm";
the commune that carries it writes "Tổ chức ít nhất 01 hoạt động truyền thông ... trên địa bàn
xã trong năm 2026". A province's "trên địa bàn tỉnh" is the commune's "trên địa bàn xã"; the
parent's "xây dựng kế hoạch thực hiện" is met by the plan being derived. The phrases are data
(``child_wording.yaml``); this module only places them.

Matching is done on a "loose" copy of the sentence (lower case, tone marks removed, one
character for one character), so the rewrite keeps every other character as the parent wrote
it, and old or new tone placement ("Hoà", "Hòa") matches alike.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.vn.normalize import TONE_MARKS, clean
from app.vn.numbers import format_number, parse_number
from app.yaml_data import read_yaml

_DATA = Path(__file__).with_name("child_wording.yaml")


@dataclass(frozen=True)
class ChildUnit:
    """Who the sentence is written for: the child's level and unit word, and the parent's."""

    level: str
    word: str  # the child's unit word: "xã", "phường", "tỉnh"
    parent_word: str  # the parent's unit word: "tỉnh", "huyện"; "" for a national parent
    year: int | None = None  # the plan's year, for "trong năm"


@functools.lru_cache(maxsize=4096)
def _loose_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch)
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
    return base if len(base) == 1 else ch


@functools.lru_cache(maxsize=1)
def _loose_table() -> dict[int, str]:
    # Every precomposed Latin letter with a tone mark (U+00C0..U+1EF9), mapped once: a batch
    # folds the same sentences for thousands of communes.
    table: dict[int, str] = {}
    for code in range(0x00C0, 0x1EFA):
        ch = chr(code)
        folded = _loose_char(ch)
        if folded != ch:
            table[code] = folded
    return table


def loose(text: str) -> str:
    """``text`` lower-cased without tone marks, one character for one character."""
    return text.lower().translate(_loose_table())


def _pattern(phrase: str) -> str:
    """A loose regex for a phrase: any run of spaces, optional space around commas."""
    words = [re.escape(w) for w in loose(clean(phrase)).replace(",", " , ").split()]
    return r"\s*".join(words)


def _alternation(phrases: list[str]) -> str:
    return "|".join(_pattern(p) for p in sorted(phrases, key=len, reverse=True) if p)


@dataclass(frozen=True)
class _Rules:
    data: dict[str, Any]

    @functools.cached_property
    def fillers(self) -> str:
        return _alternation(self.data["subject_fillers"])

    def units(self, level: str) -> str:
        one = _alternation(self.data["unit_words"].get(level, []))
        return rf"(?:{one})(?:\s*(?:,|/|\bva\b)\s*(?:{one}))*" if one else ""

    def tails(self, parent_word: str) -> str:
        phrases = [p.format(parent_word=parent_word) for p in self.data["subject_tails"]]
        return _alternation([p for p in phrases if parent_word or "{parent_word}" not in p])


@functools.lru_cache(maxsize=1)
def _rules() -> _Rules:
    return _Rules(read_yaml(_DATA))


@functools.lru_cache(maxsize=64)
def _subject_patterns(level: str, parent_word: str) -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    rules = _rules()
    units = rules.units(level)
    if not units:
        return None
    fill = rf"(?:(?:{rules.fillers})\s+)*"
    tails = rules.tails(parent_word)
    tail = rf"(?:\s+(?:{tails}))?" if tails else ""
    bounds = _alternation(rules.data["figure_bounds"])
    figure = rf"(?:(?:{bounds})\s+)?(?P<figure>\d+(?:[.,]\d+)?)\s*%"
    share = re.compile(rf"(?<!\w){figure}\s+{fill}(?P<units>{units}){tail}\s*,?\s+(?=\w)")
    every_words = _alternation(rules.data["every_unit_words"])
    every = re.compile(rf"(?:^|(?<=,\s))(?:{every_words})\s+{fill}(?P<units>{units}){tail}\s*,?\s+(?=\w)")
    return share, every


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """The first letter in lower case, unless the sentence opens with a name."""
    # "Định kỳ" -> "định kỳ", but "UBND" and "Công an tỉnh" keep their capitals.
    if len(text) > 1 and text[1].isupper():
        return text
    word = text.split(" ", 1)[0]
    return text if word in _PROPER_STARTS else text[:1].lower() + text[1:]


_PROPER_STARTS = frozenset({"Ủy", "Uỷ", "Công", "Sở", "Bộ", "Phòng", "Ban", "Trạm", "Văn"})


def own_target_text(text: str, unit: ChildUnit) -> str | None:
    """A target addressed to every unit of the child's level, as that unit's own commitment.

    "100% xã, phường tổ chức ít nhất 01 hoạt động ... trong năm." becomes "Tổ chức ít nhất 01
    hoạt động ... trên địa bàn xã trong năm 2026."; a share below 100% becomes the unit's aim
    with the parent's figure kept ("Phấn đấu ... (chỉ tiêu chung của tỉnh: 90% số xã, thị
    trấn)"). None when the sentence is not addressed to all units of ``unit.level``.
    """
    patterns = _subject_patterns(unit.level, unit.parent_word)
    if patterns is None:
        return None
    text = clean(text)
    key = loose(text)
    if len(key) != len(text):
        return None
    match = None
    for pattern in patterns:
        for found in pattern.finditer(key):
            if _is_lead_in(key[: found.start()]):
                match = found
                break
        if match:
            break
    if match is None:
        return None
    rules = _rules().data
    lead = _drop_announcement(text[: match.start()].strip(), rules["lead_drop"])
    predicate = text[match.end() :].strip()
    figure = match.groupdict().get("figure")
    value = _figure(figure)
    aim = rules["aim_word"]
    wants_aim = (value is not None and value < 100) or loose(predicate).split(" ", 1)[0] in {
        loose(v) for v in rules["aim_verbs"]
    }
    if wants_aim and loose(aim) not in loose(lead):
        predicate = f"{aim} {lower_first(predicate)}" if lead else f"{aim} {predicate}"
    body = _with_own_place(predicate, unit)
    if value is not None and value < 100:
        note = rules["shared_figure_note"].format(
            parent_word=unit.parent_word or unit.word,
            figure=f"{format_number(value)}%",
            units=text[match.start("units") : match.end("units")],
        )
        body = _before_final_stop(body, f" {note}")
    if lead:
        lead = lead if lead.endswith(",") or loose(lead).endswith(loose(aim)) else f"{lead},"
        sentence = f"{lead} {lower_first(body)}"
    else:
        sentence = body
    return _capitalize(sentence)


def _is_lead_in(before: str) -> bool:
    """Whether what precedes the subject only sets the time or the aim ("Đến hết tháng 6
    năm 2026,", "Phấn đấu"): a short phrase, not a clause of its own."""
    before = before.strip()
    return not before or (len(before.split()) <= 10 and "%" not in before and ";" not in before)


def _drop_announcement(lead: str, words: list[str]) -> str:
    key = loose(lead)
    for word in sorted(words, key=len, reverse=True):
        found = re.match(rf"{_pattern(word)}\b[\s:,]*", key)
        if found:
            rest = lead[found.end() :].strip()
            return _capitalize(rest) if rest else ""
    return lead


def _figure(raw: str | None) -> float | None:
    if not raw:
        return None
    try:
        return parse_number(raw)
    except ValueError:
        return None


def _before_final_stop(text: str, addition: str) -> str:
    stripped = text.rstrip()
    if stripped.endswith((".", ";")):
        return stripped[:-1].rstrip() + addition + stripped[-1]
    return stripped + addition


@functools.lru_cache(maxsize=1)
def _time_pattern() -> re.Pattern[str]:
    phrases = [p.replace("{year}", "0000") for p in _rules().data["time_phrases"]]
    alternation = _alternation(phrases).replace("0000", r"\d{4}")
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")


def _with_own_place(predicate: str, unit: ChildUnit) -> str:
    """The predicate with the unit's own place: "trên địa bàn xã", before a closing time phrase."""
    rules = _rules().data
    place = rules["own_place"].format(word=unit.word)
    localized = localize(predicate, unit)
    key = loose(localized)
    bare = _pattern(rules["bare_place"])
    if re.search(rf"(?<!\w){bare}(?!\w)", key):
        return _with_year(localized, unit)
    text = localized.rstrip()
    stop = text[-1] if text.endswith((".", ";")) else ""
    core = text[:-1].rstrip() if stop else text
    key = loose(core)
    times = [
        m
        for m in _time_pattern().finditer(key)
        if "," not in key[m.start() :] and ";" not in key[m.start() :]
    ]
    if times:
        at = times[0].start()
        core = f"{core[:at].rstrip()} {place} {core[at:]}"
    else:
        core = f"{core} {place}"
    return _with_year(core + (stop or "."), unit)


def _with_year(text: str, unit: ChildUnit) -> str:
    """ "trong năm" without a year, at the end, gets the plan's year."""
    if unit.year is None:
        return text
    phrase = _pattern(_rules().data["year_phrase"])
    key = loose(text)
    found = re.search(rf"(?<!\w){phrase}(?=\s*[.;]?\s*$)", key)
    if not found:
        return text
    return f"{text[: found.end()]} {unit.year}{text[found.end() :]}"


@functools.lru_cache(maxsize=64)
def _territory(unit: ChildUnit) -> tuple[tuple[re.Pattern[str], str], ...]:
    rules = _rules().data
    out: list[tuple[re.Pattern[str], str]] = []
    if unit.parent_word:
        for old, new in rules["territory"]:
            source = _pattern(old.format(parent_word=unit.parent_word, word=unit.word))
            out.append((re.compile(rf"(?<!\w){source}(?!\w)"), new.format(word=unit.word)))
    bare = _pattern(rules["bare_place"])
    out.append((re.compile(rf"(?<!\w){bare}(?=\s*[.;]?\s*$)"), rules["own_place"].format(word=unit.word)))
    units = _rules().units(unit.level)
    if units:
        preps = _alternation(rules["place_prepositions"])
        fill = rf"(?:(?:{_rules().fillers})\s+)*"
        out.append(
            (
                re.compile(rf"(?<!\w)(?:{preps})\s+{fill}(?:{units})(?!\w)"),
                rules["own_place"].format(word=unit.word),
            )
        )
    return tuple(out)


def localize(text: str, unit: ChildUnit) -> str:
    """The parent's territory phrases made the unit's: "trên địa bàn tỉnh" -> "trên địa bàn
    xã", "tại xã, phường" -> "trên địa bàn xã", a closing bare "trên địa bàn" -> "trên địa bàn
    xã". Everything else is kept as written."""
    text = clean(text)
    for pattern, replacement in _territory(unit):
        key = loose(text)
        if len(key) != len(text):
            return text
        parts: list[str] = []
        last = 0
        for found in pattern.finditer(key):
            if text[found.start() : found.end()].lower() == replacement.lower():
                continue
            parts.append(text[last : found.start()])
            parts.append(replacement)
            last = found.end()
        if parts:
            text = "".join(parts) + text[last:]
    return text


@functools.lru_cache(maxsize=1)
def _plan_duty_pattern() -> re.Pattern[str]:
    rules = _rules().data
    starts = _alternation(rules["plan_duty_starts"])
    objects = _alternation(rules["plan_duty_objects"])
    return re.compile(rf"^(?:{starts})(?:\s*(?:[.;,:]|$)|\s+(?:{objects})(?!\w))")


def is_plan_duty(text: str) -> bool:
    """Whether a duty (or a target's predicate) asks the unit to make its plan implementing
    the parent ("Xây dựng, ban hành kế hoạch thực hiện trên địa bàn ..."): the plan being
    derived meets it, so it is the plan's basis, not one of its tasks."""
    key = loose(clean(text)).lstrip("-–+• ")
    return bool(_plan_duty_pattern().match(key))


def without_plan_duty(text: str) -> str:
    """A duty without its clauses asking for the unit's plan ("Xây dựng kế hoạch ...; tổ chức
    ít nhất một hình thức tuyên truyền" keeps "Tổ chức ít nhất một hình thức tuyên truyền");
    "" when nothing else is asked."""
    clauses = [c.strip() for c in clean(text).split(";")]
    kept = [c for c in clauses if c and not is_plan_duty(c)]
    if len(kept) == len([c for c in clauses if c]):
        return clean(text)
    if not kept:
        return ""
    joined = "; ".join(kept)
    return _capitalize(joined if joined.endswith((".", ";")) else f"{joined}.")


def own_predicate(text: str, unit: ChildUnit) -> str:
    """What a target addressed to every unit asks of one unit (its predicate), or the whole
    sentence when it is not so addressed; used to tell a "100% xã xây dựng kế hoạch" target."""
    patterns = _subject_patterns(unit.level, unit.parent_word)
    key = loose(clean(text))
    for pattern in patterns or ():
        found = pattern.search(key)
        if found and _is_lead_in(key[: found.start()]):
            return clean(text)[found.end() :]
    return clean(text)


def subject_for(subject: str, unit: ChildUnit, parent_unit: str, child_unit: str) -> str:
    """The derived plan's subject: the parent's, said of the child's unit.

    "... trên địa bàn huyện Vĩnh Cửu" -> "... trên địa bàn xã Trị An"; "... trên địa bàn
    tỉnh năm 2026" -> "... trên địa bàn xã năm 2026"; "PHÊ DUYỆT ĐỀ ÁN CHUYỂN ĐỔI SỐ ..." (a
    decision read from a document, in capitals) -> "Thực hiện Đề án chuyển đổi số ... trên địa
    bàn tỉnh".
    """
    rules = _rules().data
    text = clean(subject).rstrip(".;")
    if text.isupper():
        text = _capitalize(text.lower())
    key = loose(text)
    for word in rules["subject_approval_words"]:
        found = re.match(rf"{_pattern(word)}\s+", key)
        if found:
            what = text[found.end() :]
            text = rules["subject_implement"].format(what=_capitalize(what))
            break
    if parent_unit and parent_unit in text:
        return text.replace(parent_unit, child_unit)
    localized = localize(text, unit)
    if localized != text or _names_a_place(localized):
        return localized
    return f"{localized} {rules['own_place'].format(word=unit.word)}"


def _names_a_place(text: str) -> bool:
    return bool(_place_pattern().search(loose(text)))


@functools.lru_cache(maxsize=1)
def _place_pattern() -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_alternation(['trên địa bàn', 'tại'])})(?!\w)")
