"""The official register of administrative units, as it stands since 1/7/2025.

Two levels of local government remain: 34 province-level units (28 tỉnh and the six
centrally-run cities, thành phố trực thuộc trung ương: Hà Nội, Hải Phòng, Huế, Đà Nẵng, Cần Thơ,
Hồ Chí Minh) and 3,321 commune-level units (xã, phường, đặc khu). The data is the PyPI package
``vietnam-provinces`` (codes of the national statistics office, TCTK); this module is the one
place that knows that package, and gives the rest of kehoach plain :class:`Unit` values.

A name is looked up the way people write it: with or without its type word ("thành phố Hà
Nội", "TP. Hồ Chí Minh", "Hà Nội", "tỉnh Đồng Nai", "phường Tân Phong", "xã Trị An"), any case,
old or new tone placement ("Hoà" = "Hòa", through :func:`app.vn.normalize.match_key`).

Commune names are not unique across provinces (there is a "Xã Tân Phong" in Sơn La and a
"Phường Tân Phong" in Lai Châu, and many "Xã Bình Minh"): :func:`find` returns a unit only when
the name denotes exactly one (pass ``province`` to choose), :func:`find_all` every candidate.
Units that no longer exist (huyện, quận, thị xã, thị trấn, the provinces merged in 2025) are
not in the register; a name of one is simply not found.

The level ids are those of :data:`app.domain.levels.DEFAULT_LEVELS` ("province", "commune").
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from vietnam_provinces import Province, VietNamDivisionType, Ward

from app.vn.normalize import match_key

PROVINCE = "province"
COMMUNE = "commune"

# The word an office writes before the unit's name, by the register's division type. The
# register calls the six cities "thành phố trung ương"; documents write "thành phố Hà Nội".
_TYPE_WORDS: dict[VietNamDivisionType, str] = {
    VietNamDivisionType.TINH: "tỉnh",
    VietNamDivisionType.THANH_PHO_TRUNG_UONG: "thành phố",
    VietNamDivisionType.XA: "xã",
    VietNamDivisionType.PHUONG: "phường",
    VietNamDivisionType.DAC_KHU: "đặc khu",
}
# Other spellings of a type word in front of a name ("TP. Hồ Chí Minh", "TP.HCM").
_TYPE_ALIASES = {"tp": "thành phố"}
# Other spellings of a registered name, as match keys of the name without its type word.
_NAME_ALIASES = {"hcm": "Hồ Chí Minh", "tphcm": "Hồ Chí Minh"}


@dataclass(frozen=True)
class Unit:
    """One unit of the register.

    ``name`` is the unit's own name without its type word ("Hà Nội", "Tân Phong"); ``type_word``
    the word written before it ("thành phố", "tỉnh", "xã", "phường", "đặc khu"); ``level`` the
    level id ("province" or "commune"); ``province`` and ``province_code`` the province the unit
    belongs to (a province's are its own).
    """

    code: int
    name: str
    type_word: str
    level: str
    province: str
    province_code: int

    @property
    def full_name(self) -> str:
        """The name with its type word, capitalised as the register prints it ("Phường Tân Phong")."""
        return f"{self.type_word[:1].upper()}{self.type_word[1:]} {self.name}"

    @property
    def is_province(self) -> bool:
        return self.level == PROVINCE

    @property
    def is_central_city(self) -> bool:
        """One of the six cities run by the central government (thành phố trực thuộc trung ương)."""
        return self.is_province and self.type_word == "thành phố"


class UnknownUnitError(LookupError):
    """A name the register does not hold (or holds for several units where one was asked for)."""


@dataclass(frozen=True)
class _Register:
    provinces: tuple[Unit, ...]
    communes: tuple[Unit, ...]
    # match key of the bare name -> the units of that name, provinces first
    by_name: dict[str, tuple[Unit, ...]]


def provinces() -> tuple[Unit, ...]:
    """The 34 province-level units, in the register's order (by code)."""
    return _register().provinces


def communes() -> tuple[Unit, ...]:
    """All 3,321 commune-level units, grouped by province in the register's order."""
    return _register().communes


def communes_of(province: str | Unit) -> tuple[Unit, ...]:
    """The commune-level units of ``province`` (a province Unit or a name :func:`find` knows).

    Raises :class:`UnknownUnitError` when the name is no province of the register, so that a
    misspelt province is never taken for one without communes."""
    unit = province if isinstance(province, Unit) else find(province, level=PROVINCE)
    if unit is None or not unit.is_province:
        raise UnknownUnitError(str(province))
    return tuple(c for c in _register().communes if c.province_code == unit.province_code)


def find(name: str, province: str | Unit | None = None, level: str | None = None) -> Unit | None:
    """The unit ``name`` denotes, or None when the register holds none, or several and neither
    ``province`` nor ``level`` tells them apart.

    A bare name that is a province's is the province ("Đồng Nai" is tỉnh Đồng Nai, not a
    commune of that name elsewhere), as offices write it.
    """
    found = find_all(name, province, level)
    if len(found) > 1 and found[0].is_province and not found[1].is_province:
        return found[0]
    return found[0] if len(found) == 1 else None


def find_all(name: str, province: str | Unit | None = None, level: str | None = None) -> tuple[Unit, ...]:
    """Every unit ``name`` may denote, provinces first. A type word in ``name`` ("phường Tân
    Phong") keeps only units of that type; ``province`` keeps only its units; ``level`` only
    units of that level."""
    type_word, bare = _split(name)
    if not bare:
        return ()
    found: Iterable[Unit] = _register().by_name.get(bare, ())
    if type_word is not None:
        found = [u for u in found if u.type_word == type_word]
    if level is not None:
        found = [u for u in found if u.level == level]
    if province is not None:
        home = province if isinstance(province, Unit) else find(province, level=PROVINCE)
        if home is None:
            return ()
        found = [u for u in found if u.province_code == home.province_code]
    return tuple(found)


@functools.lru_cache(maxsize=1)
def type_words() -> tuple[str, ...]:
    """Every type word the register uses, and its short forms ("tp"), longest first."""
    words = {*_TYPE_WORDS.values(), *_TYPE_ALIASES}
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


@functools.lru_cache(maxsize=1)
def _type_keys() -> tuple[tuple[str, str], ...]:
    """(type word, its match key) for :func:`_split`, which header parsing calls per name."""
    return tuple((word, match_key(word)) for word in type_words())


def _split(name: str) -> tuple[str | None, str]:
    """(type word or None, match key of the bare name) of a written unit name."""
    key = match_key(name)
    for word, wkey in _type_keys():
        if key == wkey or key.startswith(wkey + " "):
            bare = key[len(wkey) :].strip()
            return _TYPE_ALIASES.get(word, word), _alias(bare)
    return None, _alias(key)


def _alias(bare_key: str) -> str:
    alias = _NAME_ALIASES.get(bare_key)
    return match_key(alias) if alias else bare_key


@functools.lru_cache(maxsize=1)
def _register() -> _Register:
    """The register, read once from the package and indexed by name."""
    province_units: dict[int, Unit] = {}
    for p in Province.iter_all():
        type_word = _TYPE_WORDS[p.division_type]
        name = _bare(p.name, type_word)
        province_units[int(p.code)] = Unit(int(p.code), name, type_word, PROVINCE, name, int(p.code))
    commune_units = [
        Unit(
            int(w.code),
            _bare(w.name, _TYPE_WORDS[w.division_type]),
            _TYPE_WORDS[w.division_type],
            COMMUNE,
            province_units[int(w.province_code)].name,
            int(w.province_code),
        )
        for w in Ward.iter_all()
    ]
    ordered_provinces = tuple(sorted(province_units.values(), key=lambda u: u.code))
    rank = {u.code: i for i, u in enumerate(ordered_provinces)}
    # A stable sort: within a province the register's own order stays.
    ordered_communes = tuple(sorted(commune_units, key=lambda u: rank[u.province_code]))
    by_name: dict[str, list[Unit]] = {}
    for unit in (*ordered_provinces, *ordered_communes):
        by_name.setdefault(match_key(unit.name), []).append(unit)
    return _Register(
        ordered_provinces, ordered_communes, {key: tuple(units) for key, units in by_name.items()}
    )


def _bare(registered: str, type_word: str) -> str:
    """The name without the type word the register prints before some names ("Thành phố Hà
    Nội", "Phường Tân Phong"; provinces are printed bare: "Đồng Nai")."""
    words, prefix = registered.split(), type_word.split()
    if [w.lower() for w in words[: len(prefix)]] == prefix:
        return " ".join(words[len(prefix) :])
    return registered
