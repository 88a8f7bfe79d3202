"""Populations as data: is the child's population a narrower part of the parent's?

A population is read as a list of *members* ("cán bộ, công chức và người lao động" has three),
each a *kind* the vocabulary (populations.yaml) knows, or none, with *qualifiers*: the words
that restrict it and the kinds it is counted in ("người lao động tại các cơ sở kinh doanh dịch
vụ"). Kinds are parts of kinds ("trường tiểu học" is in "cơ sở giáo dục phổ thông", which is in
"cơ sở giáo dục"), some kinds are the union of others, and one phrase may name several ("khu,
cụm công nghiệp"). Administrative units are kinds too, one per level of the level table, named
by the level's unit words: "xã, phường, thị trấn, đặc khu" all name the commune level's units,
and a plan names those it has.

The child is *narrower* when some member of the parent's population is not carried by it:
dropped from the list ("học sinh THPT" for "học sinh THPT, cơ sở GDNN"), replaced by a part of
it ("trường tiểu học" for "cơ sở giáo dục"), or restricted by a qualifier the parent does not
have ("học sinh THPT" for "học sinh"). It is *wider* when it carries every member and more
("cơ sở kinh doanh dịch vụ và nhà trọ" for "cơ sở kinh doanh dịch vụ"), never narrower then.
What says where never narrows: "trên địa bàn xã", "của xã", a place or an establishment's
name; parentheses clarify. When the parent's population is made of units of the child's own
level or below ("xã, phường, thị trấn" read by a commune), the child is one of them (or holds
them): "xã" or "ấp trên địa bàn xã" is the same population. A member the vocabulary cannot
place is compared by its words: narrower only when the child keeps every word and adds one.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import Any

from app.domain.levels import LevelTable
from app.review.phrases import Phrase, longest_at
from app.vn.normalize import clean, match_key

_SEP = ","
_PARENTHESIS = re.compile(r"\([^)]*\)")
_TOKEN = re.compile(r"\w+|[,;]")
# A qualifier list is read into at most this many readings ("học sinh các trường THPT, cơ sở
# GDNN" is two: students of each); more would only mean the text is not a population.
_MAX_READINGS = 16


class Relation(StrEnum):
    """How the child's population stands to the parent's."""

    SAME = "same"
    NARROWER = "narrower"
    WIDER = "wider"
    UNRELATED = "unrelated"  # nothing the vocabulary can compare (or a side is not given)


@dataclass(frozen=True)
class Kind:
    """One kind of population: its name, whether it is a person's kind or a place (a unit,
    a village), the level of a unit, the kinds it is a part of and those it is made of."""

    name: str
    person: bool = False
    place: bool = False
    level: str | None = None
    within: tuple[str, ...] = ()
    made_of: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class PopulationVocabulary:
    """The kinds of populations.yaml with their names, and the words around them."""

    kinds: Mapping[str, Kind] = field(default_factory=dict)
    # Phrase (match keys, "," for a comma) -> the kinds it names; () for a phrase that names none.
    phrases: Mapping[Phrase, tuple[str, ...]] = field(default_factory=dict)
    level_aliases: Mapping[str, tuple[Phrase, ...]] = field(default_factory=dict)
    village: str | None = None
    leading: frozenset[Phrase] = frozenset()
    place_markers: frozenset[Phrase] = frozenset()
    filler: frozenset[Phrase] = frozenset()
    list_words: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()  # single words that never qualify (stop and place words)


@dataclass(frozen=True)
class PopulationComparison:
    """The relation, and the parent's members the child does not carry as wide: all of them
    (``missing``) and those the child does not even name a related kind of (``dropped``)."""

    relation: Relation
    missing: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()


def _phrase(text: str) -> Phrase:
    return tuple(t.key for t in _tokens(text))


def build_populations(data: Mapping[str, Any], ignore: Iterable[str] = ()) -> PopulationVocabulary:
    """The vocabulary of a parsed populations.yaml mapping; ``ignore`` adds words that never
    qualify a population (the matcher's stop and place words). Raises ValueError on a kind
    named twice, or a containing kind that is not defined."""
    kinds: dict[str, Kind] = {}
    phrases: dict[Phrase, tuple[str, ...]] = {}

    def add(name: str, aliases: Iterable[str]) -> None:
        for alias in {name, *aliases}:
            key = _phrase(alias)
            if key in phrases and phrases[key] != (name,):
                raise ValueError(f"populations: {alias!r} names two kinds")
            phrases[key] = (name,)

    for section, person in (("people", True), ("bodies", False)):
        for entry in data.get(section) or []:
            name = str(entry["name"])
            if name in kinds:
                raise ValueError(f"populations: kind {name!r} defined twice")
            kinds[name] = Kind(
                name,
                person=person,
                within=tuple(str(k) for k in entry.get("in") or []),
                made_of=tuple(str(k) for k in entry.get("made_of") or []),
            )
            add(name, (str(a) for a in entry.get("aliases") or []))
    village = data.get("villages")
    village_name = str(village["name"]) if village else None
    if village and village_name:
        kinds[village_name] = Kind(village_name, place=True)
        add(village_name, (str(a) for a in village.get("aliases") or []))
    for union in data.get("unions") or []:
        phrases[_phrase(str(union["text"]))] = tuple(str(k) for k in union["kinds"])
    for text in data.get("not_kinds") or []:
        phrases.setdefault(_phrase(str(text)), ())
    for kind in kinds.values():
        unknown = [k for k in (*kind.within, *kind.made_of) if k not in kinds]
        if unknown:
            raise ValueError(f"populations: {kind.name!r} refers to unknown kinds {unknown}")
    for key, named in phrases.items():
        if any(k not in kinds for k in named):
            raise ValueError(f"populations: {' '.join(key)!r} names an unknown kind")
    return PopulationVocabulary(
        kinds=kinds,
        phrases=phrases,
        level_aliases={
            str(level): tuple(_phrase(str(a)) for a in aliases)
            for level, aliases in (data.get("level_aliases") or {}).items()
        },
        village=village_name,
        leading=frozenset(_phrase(str(w)) for w in data.get("leading") or []),
        place_markers=frozenset(_phrase(str(w)) for w in data.get("place_markers") or []),
        filler=frozenset(_phrase(str(w)) for w in data.get("filler") or []),
        list_words=frozenset(match_key(str(w)) for w in data.get("list_words") or []),
        ignore=frozenset(match_key(str(w)) for w in ignore),
    )


def compare_populations(
    parent: str | None, child: str | None, child_level: str, levels: LevelTable, vocab: PopulationVocabulary
) -> PopulationComparison:
    """How the child's population stands to the parent's (see the module docstring)."""
    if not parent or not child:
        return PopulationComparison(Relation.UNRELATED)
    lex = _lexicon(vocab, levels)
    p_members, c_members = _read(parent, lex), _read(child, lex)
    if not p_members or not c_members:
        return PopulationComparison(Relation.UNRELATED)
    if all(lex.own_unit(p, child_level) for p in p_members):
        return PopulationComparison(Relation.SAME)
    missing = [p for p in p_members if not lex.carried(p, c_members, child_level)]
    if missing:
        if not any(lex.related(p, c) for p in p_members for c in c_members):
            return PopulationComparison(Relation.UNRELATED)
        dropped = [p for p in missing if not any(lex.related(p, c) for c in c_members)]
        return PopulationComparison(Relation.NARROWER, _texts(missing), _texts(dropped))
    if any(not lex.carried(c, p_members, child_level) for c in c_members):
        return PopulationComparison(Relation.WIDER)
    return PopulationComparison(Relation.SAME)


def population_narrower(
    parent: str | None, child: str | None, child_level: str, levels: LevelTable, vocab: PopulationVocabulary
) -> bool:
    """True when the child counts over a narrower population than the parent."""
    return compare_populations(parent, child, child_level, levels, vocab).relation is Relation.NARROWER


def _texts(members: list[_Member]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.text for m in members))


# --- reading a population --------------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    key: str  # match key; "," for a list mark
    raw: str
    kinds: tuple[str, ...] | None = None  # a kind's phrase, read as one token

    @property
    def capital(self) -> bool:
        return self.raw[:1].isupper()


@dataclass(frozen=True)
class _Member:
    """One reading of one member: its kind (None when unknown) and its qualifiers (words, and
    "@kind" for a kind it is counted in)."""

    head: str | None
    quals: frozenset[str]
    text: str


@dataclass
class _Draft:
    heads: tuple[str, ...] | None
    head_raw: str = ""
    words: set[str] = field(default_factory=set)
    groups: list[list[tuple[str, str]]] = field(default_factory=list)  # (kind, as written)
    raw: list[str] = field(default_factory=list)
    open: bool = False  # its qualifiers end in a body's kind: the next body continues that list


def _tokens(text: str) -> list[_Token]:
    out: list[_Token] = []
    for raw in _TOKEN.findall(_PARENTHESIS.sub(" ", clean(text))):
        if raw in ",;":
            out.append(_Token(_SEP, raw))
        elif not raw.isdigit():
            out.append(_Token(match_key(raw), raw))
    return out


@dataclass(frozen=True, eq=False)
class _Lexicon:
    """The vocabulary joined with one level table: unit kinds added, containment closed."""

    vocab: PopulationVocabulary
    kinds: Mapping[str, Kind]
    phrases: Mapping[Phrase, tuple[str, ...]]
    longest: int
    ancestors: Mapping[str, frozenset[str]]
    levels: LevelTable

    def within(self, a: str, b: str) -> bool:
        """True when kind ``a`` is ``b`` or a part of it."""
        return a == b or b in self.ancestors.get(a, frozenset())

    def place(self, names: tuple[str, ...]) -> bool:
        return all(self.kinds[n].place for n in names)

    def person(self, names: tuple[str, ...]) -> bool:
        return any(self.kinds[n].person for n in names)

    def own_unit(self, m: _Member, child_level: str) -> bool:
        """A member made of units of the child's level or below, or of villages."""
        if m.head is None or not self.kinds[m.head].place:
            return False
        level = self.kinds[m.head].level
        return level is None or level == child_level or self.levels.is_below(level, child_level)

    def carried(self, p: _Member, members: list[_Member], child_level: str) -> bool:
        """Does the union of ``members`` take in all of ``p``?"""
        if p.head is not None and self.kinds[p.head].level == child_level:
            return True  # the child is the unit
        if any(self.covers(c, p) for c in members):
            return True
        made_of = self.kinds[p.head].made_of if p.head else ()
        return bool(made_of) and all(
            self.carried(_Member(part, p.quals, p.text), members, child_level) for part in made_of
        )

    def covers(self, c: _Member, p: _Member) -> bool:
        """Does ``c`` take in all of ``p``? Unknown against known cannot be told: it does."""
        if p.head is not None and c.head is not None and not self.head_within(p, c):
            return False
        if (p.head is None) != (c.head is None):
            return True
        # A kind the child is counted in must take in one the parent is: students of THPT
        # schools are not students of GDNN schools. Words are weighed by refines() alone.
        for q in c.quals:
            if q[:1] == "@" and not any(k[:1] == "@" and self.within(k[1:], q[1:]) for k in p.quals):
                return False
        return not self.refines(c.quals, p.quals)

    def head_within(self, p: _Member, c: _Member) -> bool:
        """Is ``p``'s kind ``c``'s or a part of it? Learners of one institution are the same
        people whatever they are called ("học viên cơ sở GDNN", "học sinh các cơ sở GDNN"):
        two kinds of one family of persons, both counted in a body, count as one."""
        if p.head is None or c.head is None:
            return False
        if self.within(p.head, c.head):
            return True
        pk, ck = self.kinds[p.head], self.kinds[c.head]
        counted_in = any(q[:1] == "@" for q in p.quals) and any(q[:1] == "@" for q in c.quals)
        return pk.person and ck.person and counted_in and bool(set(pk.within) & set(ck.within))

    def refines(self, child: frozenset[str], parent: frozenset[str]) -> bool:
        """The child keeps every qualifier of the parent (or a part of its kind) and adds or
        narrows one: "học sinh THPT" refines "học sinh"."""
        used: set[str] = set()
        narrowed = False
        for q in parent:
            if q in child:
                used.add(q)
                continue
            parts = [c for c in child if q[:1] == c[:1] == "@" and self.within(c[1:], q[1:])]
            if not parts:
                return False
            used.update(parts)
            narrowed = True
        return narrowed or bool(child - used)

    def related(self, p: _Member, c: _Member) -> bool:
        """Do ``p`` and ``c`` speak of the same kind (one a part of the other), counted in the
        same kinds? Unknown kinds are related by a shared qualifier."""
        if p.head is None or c.head is None:
            return bool(p.quals & c.quals)
        if not (self.head_within(p, c) or self.head_within(c, p)):
            return False
        pk, ck = [q[1:] for q in p.quals if q[:1] == "@"], [q[1:] for q in c.quals if q[:1] == "@"]
        return not (pk and ck) or any(self.within(a, b) or self.within(b, a) for a in pk for b in ck)

    def merge(self, tokens: list[_Token]) -> list[_Token]:
        """Each kind's phrase as one token, longest first; a not-kind phrase stays words."""
        keys = [t.key for t in tokens]
        out: list[_Token] = []
        i = 0
        while i < len(tokens):
            match = longest_at(keys, i, self.phrases, self.longest)
            if match is None:
                out.append(tokens[i])
                i += 1
                continue
            n, named = match
            chunk = tokens[i : i + n]
            if named:
                out.append(_Token(" ".join(keys[i : i + n]), " ".join(t.raw for t in chunk), named))
            else:
                out.extend(chunk)
            i += n
        return out


@lru_cache(maxsize=16)
def _lexicon(vocab: PopulationVocabulary, levels: LevelTable) -> _Lexicon:
    kinds = dict(vocab.kinds)
    phrases = dict(vocab.phrases)
    for level in levels.levels:
        name = f"unit:{level.id}"
        kinds[name] = Kind(name, place=True, level=level.id)
        for word in level.unit_words:
            phrases.setdefault(_phrase(word), (name,))
        for key in vocab.level_aliases.get(level.id, ()):
            phrases.setdefault(key, (name,))
    ancestors: dict[str, frozenset[str]] = {}

    def up(name: str, seen: frozenset[str]) -> frozenset[str]:
        if name in ancestors:
            return ancestors[name]
        found: set[str] = set()
        for parent in kinds[name].within:
            if parent not in seen:
                found |= {parent, *up(parent, seen | {name})}
        ancestors[name] = frozenset(found)
        return ancestors[name]

    for name in kinds:
        up(name, frozenset())
    return _Lexicon(vocab, kinds, phrases, max((len(k) for k in phrases), default=1), ancestors, levels)


@lru_cache(maxsize=4096)
def _read(text: str, lex: _Lexicon) -> list[_Member]:
    """The members of a population, each qualifier list spread into its readings."""
    drafts: list[_Draft] = []
    current: _Draft | None = None
    for part in _parts(lex.merge(_tokens(text)), lex.vocab):
        start = i = _skip(part, 0, lex.vocab.leading)
        if i >= len(part):
            continue
        token = part[i]
        continues = (
            current is not None
            and current.open
            and token.kinds is not None
            and not lex.person(token.kinds)
            and not lex.place(token.kinds)
        )
        if current is not None and continues and token.kinds is not None:
            current.groups[-1].extend((k, token.raw) for k in token.kinds)
            i += 1
        elif token.kinds is not None:
            current = _Draft(token.kinds, token.raw)
            drafts.append(current)
            i += 1
        elif current is None:
            current = _Draft(None)
            drafts.append(current)
        current.raw.append(" ".join(t.raw for t in part[start:]))
        _qualify(current, part[i:], lex)
    return [m for d in drafts for m in _readings(d)]


def _parts(tokens: list[_Token], vocab: PopulationVocabulary) -> Iterable[list[_Token]]:
    """Split at commas and at list words ("và", "hoặc"); kinds are single tokens by now."""
    part: list[_Token] = []
    for token in tokens:
        if token.key == _SEP or (token.kinds is None and token.key in vocab.list_words):
            if part:
                yield part
            part = []
        else:
            part.append(token)
    if part:
        yield part


def _skip(tokens: list[_Token], i: int, phrases: frozenset[Phrase]) -> int:
    """The index after every phrase of ``phrases`` that starts at ``i``, one after another."""
    while True:
        n = _phrase_at(tokens, i, phrases)
        if not n:
            return i
        i += n


def _phrase_at(tokens: list[_Token], i: int, phrases: frozenset[Phrase]) -> int:
    for n in range(min(4, len(tokens) - i), 0, -1):
        chunk = tokens[i : i + n]
        if all(t.kinds is None for t in chunk) and tuple(t.key for t in chunk) in phrases:
            return n
    return 0


def _qualify(draft: _Draft, tokens: list[_Token], lex: _Lexicon) -> None:
    """Add the qualifiers of ``tokens`` to ``draft``; what says where is left out."""
    vocab = lex.vocab
    naming = draft.heads is not None and not lex.person(draft.heads)  # a name may follow a body
    draft.open = False
    j = 0
    while j < len(tokens):
        token = tokens[j]
        if n := _phrase_at(tokens, j, vocab.place_markers):
            k = _skip(tokens, j + n, vocab.leading)
            after = tokens[k] if k < len(tokens) else None
            if after is not None and after.kinds is not None and lex.place(after.kinds):
                j, naming = k + 1, True  # "trên địa bàn xã", "của huyện": where, not who
            else:
                j, naming = k, True  # "tại các cơ sở ...": the kind that follows qualifies
            continue
        if token.kinds is not None:
            if not lex.place(token.kinds):
                draft.groups.append([(k, token.raw) for k in token.kinds])
                draft.open = not lex.person(token.kinds)
            naming = not lex.person(token.kinds)
            j += 1
            continue
        if naming and token.capital:
            j += 1  # "xã Trị An", "KCN Quang Minh": a name on the child's own territory
            continue
        naming = False
        if n := _phrase_at(tokens, j, vocab.filler):
            j += n
            continue
        if token.key not in vocab.ignore:
            draft.words.add(token.key)
        j += 1


def _readings(draft: _Draft) -> list[_Member]:
    """One member per kind the head names and per choice in each list of qualifying kinds; a
    reading among several is named by its head and its choices ("học sinh cơ sở GDNN")."""
    text = ", ".join(draft.raw)
    groups = [g for g in draft.groups if g]
    combos = list(itertools.islice(itertools.product(*groups), _MAX_READINGS))
    words = frozenset(draft.words)
    return [
        _Member(
            head,
            words | {f"@{kind}" for kind, _ in combo},
            " ".join([draft.head_raw, *(raw for _, raw in combo)]).strip() if len(combos) > 1 else text,
        )
        for head in (draft.heads or (None,))
        for combo in combos
    ]
