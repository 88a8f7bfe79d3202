"""The review's vocabulary as data: synonyms, abbreviations and filler words, the text keys
built with them, the kinds of population (app/review/population.py) and the names of a quota's
shares (app/review/quotas.py). Nothing here reads a file: app/review/vocabulary.py loads the
packaged YAML files into a :class:`Vocabulary`, and the KH rules receive it.

Texts are compared as *keys*: NFC, tone placement folded, case and punctuation folded
(app.vn.normalize.match_key), numbers removed (a figure must never make two metrics look alike
or different: values are compared separately), every synonym rewritten to its group's first
entry, and filler words dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from app.review.population import PopulationVocabulary, build_populations
from app.review.quotas import QuotaPartVocabulary, build_quota_parts
from app.vn.normalize import match_key

_NUMBER_TOKEN = re.compile(r"\b\d+(?:\s\d{3})*\b")


@dataclass(frozen=True)
class Vocabulary:
    """Synonym rewriting plus the word lists the matcher and strength checks use."""

    rewrite: dict[str, str]
    pattern: re.Pattern[str] | None
    stopwords: frozenset[str]
    place_words: frozenset[str]
    self_fulfilling: tuple[str, ...]
    # Count units that name the same thing ("lần" ~ "đợt"), folded, each to its group's first.
    unit_rewrite: dict[str, str] = field(default_factory=dict)
    # The kinds of population and what contains what (populations.yaml).
    populations: PopulationVocabulary = field(default_factory=PopulationVocabulary)
    # The names of a quota's shares (quota_parts.yaml).
    quota_parts: QuotaPartVocabulary = field(default_factory=QuotaPartVocabulary)
    # Things counted (synonyms.yaml, subjects): folded name -> the group's first name.
    subject_pattern: re.Pattern[str] | None = None
    subject_names: dict[str, str] = field(default_factory=dict)
    not_subjects: re.Pattern[str] | None = None
    # Folding is the review's hot spot and the same texts come back for every pair.
    _cache: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    _keys: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    _subjects: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    def key(self, text: str | None) -> str:
        """The comparison key of ``text`` (see the module docstring)."""
        text = text or ""
        cached = self._keys.get(text)
        if cached is not None:
            return cached
        key = " ".join(w for w in self.canonical(text).split() if w not in self.stopwords)
        if len(self._keys) < 100_000:
            self._keys[text] = key
        return key

    def canonical(self, text: str | None) -> str:
        """``text`` folded, numbers removed and synonyms rewritten, filler words kept."""
        text = text or ""
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        folded = _NUMBER_TOKEN.sub(" ", match_key(text))
        folded = " ".join(folded.split())
        if self.pattern is not None:
            folded = self.pattern.sub(lambda m: self.rewrite[m.group(0)], folded)
        if len(self._cache) < 100_000:
            self._cache[text] = folded
        return folded

    def subjects(self, text: str | None) -> frozenset[str]:
        """The things ``text`` counts of (synonyms.yaml, ``subjects``), each by its name."""
        if self.subject_pattern is None or not text:
            return frozenset()
        cached = self._subjects.get(text)
        if cached is not None:
            return cached
        folded = " ".join(match_key(text).split())
        if self.not_subjects is not None:
            folded = self.not_subjects.sub(" ", folded)
        found = frozenset(self.subject_names[m.group(0)] for m in self.subject_pattern.finditer(folded))
        if len(self._subjects) < 100_000:
            self._subjects[text] = found
        return found

    def unit(self, unit: str | None) -> str:
        """``unit`` folded, with a unit synonym rewritten to its group's first entry."""
        key = match_key(unit or "")
        return self.unit_rewrite.get(key, key)

    def is_self_fulfilling(self, text: str) -> bool:
        """True for a duty the child fulfils by issuing its plan ("xây dựng kế hoạch")."""
        key = self.canonical(text)
        return any(phrase in key for phrase in self.self_fulfilling)


def build_vocabulary(
    data: dict[str, list[object]],
    populations: dict[str, Any] | None = None,
    quota_parts: dict[str, Any] | None = None,
) -> Vocabulary:
    """A vocabulary from the parsed YAML mapping (groups, stopwords, place_words, ...), with
    the kinds of population and the quota shares of parsed populations.yaml and
    quota_parts.yaml mappings when they are given."""
    rewrite: dict[str, str] = {}
    for group in data.get("groups", []):
        if not isinstance(group, list) or not group:
            continue
        canonical = match_key(str(group[0]))
        for entry in group[1:]:
            rewrite[match_key(str(entry))] = canonical
    alternatives = sorted(rewrite, key=len, reverse=True)
    pattern = (
        re.compile(r"(?<!\w)(?:" + "|".join(re.escape(a) for a in alternatives) + r")(?!\w)")
        if alternatives
        else None
    )
    subject_names = {
        match_key(str(entry)): match_key(str(group[0]))
        for group in data.get("subjects", [])
        if isinstance(group, list) and group
        for entry in group
    }
    stopwords = frozenset(match_key(str(w)) for w in data.get("stopwords", []))
    place_words = frozenset(match_key(str(w)) for w in data.get("place_words", []))
    return Vocabulary(
        rewrite=rewrite,
        pattern=pattern,
        stopwords=stopwords,
        place_words=place_words,
        self_fulfilling=tuple(match_key(str(w)) for w in data.get("self_fulfilling", [])),
        unit_rewrite={
            match_key(str(entry)): match_key(str(group[0]))
            for group in data.get("unit_groups", [])
            if isinstance(group, list) and group
            for entry in group[1:]
        },
        subject_pattern=_phrases(subject_names),
        subject_names=subject_names,
        not_subjects=_phrases({match_key(str(w)): "" for w in data.get("not_subjects", [])}),
        populations=build_populations(populations or {}, stopwords | place_words),
        quota_parts=build_quota_parts(quota_parts or {}),
    )


def _phrases(names: dict[str, str]) -> re.Pattern[str] | None:
    """One pattern finding any of ``names`` as whole words, longest first."""
    if not names:
        return None
    alternatives = sorted(names, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(a) for a in alternatives) + r")(?!\w)")
