"""Commune lists held against the official register of administrative units (since 1/7/2025).

A batch's parent plan is issued by one province (or a commune of it): every row of its commune
list must then name a commune-level unit of that province in the register
(:mod:`app.vn.register`). A row is reported, with a likely intended name when one is close
("Có phải: Xã Tân Phú?"), when it names

- a type that no longer exists (thị trấn; huyện, quận, thị xã, thành phố thuộc tỉnh were never
  communes and are gone too): "loại đơn vị đã bãi bỏ từ 01/7/2025";
- a name that is no unit of the province (or of the province its "Tỉnh" column names);
- a dateline place that is not the unit's own name. ND30 (Phụ lục I, mục II.4) dates a commune
  body's text with the name of the commune where it sits ("Tân Phong", not "Biên Hòa"): the
  place is the register's name, and a "Địa danh" cell that says otherwise is reported rather
  than silently replaced, so that the clerk who typed it sees why the drafts differ from the file.

The check is required when the parent is dated on or after 1/7/2025, or has no date, or the
batch's own issue date is on or after that day (a commune plan is issued by a unit that exists
on its date). For an older parent, the same rows are accepted only when the user confirms the
list follows the old units (``accept_old``: ``kehoach batch --accept-old-units``, the checkbox
of the web form); until then they are reported with that hint.

A national parent (a ministry's plan) has no province: rows are held against the whole
register, and a "Tỉnh" column tells same-named communes of two provinces apart.

:func:`app.batch.communes.communes_from_register` builds the list of every commune of a
province from here, for a batch without a list (``kehoach batch PARENT --all``).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from app.domain.plan import Issuer, Plan
from app.messages import both, t
from app.vn import register
from app.vn.normalize import match_key, strip_diacritics
from app.vn.register import Unit

REFORM_DAY = dt.date(2025, 7, 1)
# Unit types of before 1/7/2025 that a commune list may still carry: the thị trấn was a
# commune-level unit; the others were district level.
ABOLISHED_TYPES = ("thị trấn", "thị xã", "huyện", "quận", "thành phố")
OLD_COMMUNE_TYPES = ("thị trấn",)
# rapidfuzz ratio (0-100) from which a unit of the province is offered as the intended name.
SUGGEST_CUTOFF = 85.0  # "Tân Phong" is not "Tân Hưng" (82), "Phú Lí" is "Phú Lý" (88)
BLANK_SIGNER_TITLE = "CHỦ TỊCH"
_WORDS = re.compile(r"\w+")
_UNIT_BODY = re.compile(r"^(?:ủy ban nhân dân|uỷ ban nhân dân|ubnd|hội đồng nhân dân|hđnd)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class RegisterCheck:
    """How one batch's rows are held against the register.

    ``province`` is the parent's province (None: the whole register, for a national parent or
    one whose province the register does not hold); ``required`` is True when the reform
    applies (see the module docstring); ``accept_old`` is the user's confirmation that an older
    parent's list follows the units of before 1/7/2025."""

    province: Unit | None
    required: bool
    accept_old: bool = False

    @property
    def active(self) -> bool:
        """Whether rows are checked at all: always after the reform, before it until confirmed."""
        return self.required or not self.accept_old


@dataclass(frozen=True)
class Resolved:
    """A row's unit, or why the row names none (``errors``: (column field, message))."""

    unit: Unit | None
    errors: tuple[tuple[str, str], ...] = ()


def check_for(parent: Plan, accept_old: bool = False, date: dt.date | None = None) -> RegisterCheck:
    """The check of a batch from ``parent`` issued on ``date`` (None: not yet dated)."""
    days = [d for d in (parent.date, date) if d is not None]
    required = not days or parent.date is None or any(d >= REFORM_DAY for d in days)
    return RegisterCheck(province_of(parent.issuer), required, accept_old)


def province_of(issuer: Issuer) -> Unit | None:
    """The province of the register ``issuer`` belongs to, from its place, its name lines or
    its parent body ("Ủy ban nhân dân\\ntỉnh Đồng Nai", place "Đồng Nai"; "UBND xã Trị An"):
    None for a national body, or a unit the register does not hold (a merged province)."""
    if issuer.level == "national":
        return None
    lines = [issuer.place, *issuer.name.splitlines(), issuer.one_line_name, issuer.parent_body or ""]
    for line in lines:
        text = _UNIT_BODY.sub("", line.strip())
        unit = register.find(text) if text else None
        if unit is not None:
            return unit if unit.is_province else _province_unit(unit.province_code)
    return None


def dateline_place(unit: Unit) -> str:
    """The place of a unit's dateline: its own name, in full when the name is a number
    ("Phường 15"), as ND30 asks for units named by a number."""
    return unit.full_name if unit.name.isdigit() else unit.name


def resolve(
    check: RegisterCheck, kind: str, explicit_kind: bool, name: str, province: str, key: str | None = None
) -> Resolved:
    """The register's unit of one row ("xã", True, "Tân Phú", "") or the row's errors.

    ``kind`` is the row's type (from its type column or its name's first words; "xã" when
    neither says, with ``explicit_kind`` False); ``province`` the row's "Tỉnh" cell; ``key``
    the name's match key when the caller has it."""
    scope = check.province
    if province:
        named = _province_named(province)
        if named is None:
            return Resolved(None, (("province", f"{both('communes_bad_province')}: {province!r}"),))
        if scope is not None and named.code != scope.code:
            message = both("communes_other_province").format(province=_where(scope))
            return Resolved(None, (("province", f"{message}: {province!r}"),))
        scope = named
    index = _index(scope.code if scope else None)
    key = match_key(name) if key is None else key
    same_name = index.by_name.get(key, ())
    written = f"{kind[:1].upper()}{kind[1:]} {name}"
    if _kind_key(kind) in _ABOLISHED_KEYS:
        message = f"{both('communes_abolished_type')}: «{written}»"
        return Resolved(None, (("kind", _with_suggestion(message, same_name or _near(index, key, name))),))
    typed = [u for u in same_name if not explicit_kind or u.type_word == kind] if same_name else []
    kinds = {u.type_word for u in typed}
    if len(kinds) == 1:
        # One unit; or, across the whole register, same-named units of several provinces
        # (their name, type and dateline are the same; a "Tỉnh" column tells them apart).
        return Resolved(typed[0] if len(typed) == 1 else _unplaced(typed[0]))
    if len(kinds) > 1:
        names = ", ".join(sorted({u.full_name for u in typed}))
        return Resolved(None, (("kind", both("communes_ambiguous_type").format(names=names)),))
    where = both("communes_not_in_province").format(province=_where(scope))
    message = f"{where}: «{written if explicit_kind else name}»"
    message = _with_suggestion(message, same_name or _near(index, key, name))
    elsewhere = [
        u for u in register.find_all(name, level=register.COMMUNE) if not explicit_kind or u.type_word == kind
    ]
    if scope is not None and elsewhere:
        places = ", ".join(dict.fromkeys(_where(_province_unit(u.province_code)) for u in elsewhere[:3]))
        message += f" ({both('communes_elsewhere').format(places=places)})"
    return Resolved(None, (("name", message),))


def place_error(unit: Unit, place: str) -> str | None:
    """The message for a "Địa danh" cell that is not the unit's own name, else None."""
    if not place or match_key(place) in _own_keys(unit):
        return None
    return both("communes_place_not_unit").format(unit=unit.full_name, place=dateline_place(unit))


def old_units_hint() -> str:
    """Said after the errors of an older parent's list: the confirmation that accepts it."""
    return both("communes_old_units_hint")


def _where(province: Unit | None) -> str:
    """A province as written inside a sentence ("tỉnh Đồng Nai", "thành phố Hồ Chí Minh")."""
    return f"{province.type_word} {province.name}" if province is not None else t("communes_the_register")


def _with_suggestion(message: str, near: tuple[Unit, ...]) -> str:
    if not near:
        return message
    return f"{message}. {both('communes_suggest').format(name=near[0].full_name)}"


def _unplaced(unit: Unit) -> Unit:
    """A unit whose province is not known (same name in several provinces)."""
    return Unit(0, unit.name, unit.type_word, unit.level, "", 0)


@dataclass(frozen=True)  # a frozen dataclass keeps a __dict__: cached_property works
class _Index:
    """The commune-level units of one province (or of the register), ready for lookups."""

    by_name: dict[str, tuple[Unit, ...]]
    units: tuple[Unit, ...]
    keys: tuple[str, ...]  # match key of each unit's name

    @functools.cached_property
    def ascii_keys(self) -> tuple[str, ...]:
        """The keys without any diacritic, for names typed without them (made for a bad row
        only: a good list never needs them)."""
        return tuple(_ascii(u.name) for u in self.units)


@functools.lru_cache(maxsize=64)
def _index(province_code: int | None) -> _Index:
    """Built once per province and process: a list of 3,321 rows costs lookups, not scans."""
    if province_code is None:
        units = register.communes()
    else:
        units = register.communes_of(_province_unit(province_code))
    by_name: dict[str, list[Unit]] = {}
    keys = []
    for unit in units:
        key = match_key(unit.name)
        keys.append(key)
        by_name.setdefault(key, []).append(unit)
    return _Index({k: tuple(v) for k, v in by_name.items()}, units, tuple(keys))


def _near(index: _Index, key: str, name: str) -> tuple[Unit, ...]:
    """The closest unit by name, when it is close enough to be offered (rapidfuzz over the
    match keys, and over the names without diacritics for a name typed without them)."""
    from rapidfuzz import fuzz, process  # only a list with a bad row pays for its import

    found = [
        process.extractOne(key, index.keys, scorer=fuzz.ratio, score_cutoff=SUGGEST_CUTOFF),
        process.extractOne(_ascii(name), index.ascii_keys, scorer=fuzz.ratio, score_cutoff=SUGGEST_CUTOFF),
    ]
    candidates = [m for m in found if m is not None]
    if not candidates:
        return ()
    _, _, position = max(candidates, key=lambda m: m[1])
    return (index.units[position],)


def _ascii(text: str) -> str:
    """Lower case, no diacritics, words only ("Tân Phú" -> "tan phu")."""
    return " ".join(_WORDS.findall(strip_diacritics(text).lower()))


@functools.lru_cache(maxsize=4096)
def _own_keys(unit: Unit) -> frozenset[str]:
    """The keys of the places a unit's dateline may be written with: its name, with or
    without the type word."""
    return frozenset((match_key(unit.name), match_key(unit.full_name)))


@functools.lru_cache(maxsize=256)
def _province_named(name: str) -> Unit | None:
    """The province a "Tỉnh" cell names; a column repeats a few names thousands of times."""
    return register.find(name, level=register.PROVINCE)


@functools.lru_cache(maxsize=64)
def _kind_key(kind: str) -> str:
    return match_key(kind)


@functools.lru_cache(maxsize=64)
def _province_unit(code: int) -> Unit:
    return next(p for p in register.provinces() if p.code == code)


_ABOLISHED_KEYS = frozenset(match_key(k) for k in ABOLISHED_TYPES)
