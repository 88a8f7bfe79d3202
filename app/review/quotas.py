"""Quotas: the shares of a quota's breakdown one child keeps, and the shares of all the
children against the parent's figure.

A breakdown ("1.100 lượt người: tại cơ sở 1.000 (bắt buộc 920, tự nguyện 80); tại gia đình,
cộng đồng 100") says how the quota is to be reached, so a child carrying the quota keeps every
share of it: a child share that keeps its total but leaves out the community-based share, in its
breakdown or by naming only the facility share ("cai nghiện tập trung cho 300 lượt người"), is
weaker. A child that gives no breakdown and names no share, or splits its figure another way
(none of its parts names a share of the parent's), is not read as leaving one out. When
the child is held to the parent's whole figure, each share is held to the parent's figure for
it; a share of a quota split among children has no stated figure per share (its parts need not
keep the parent's proportions), so only leaving a share out counts. Shares are told apart by
the names of quota_parts.yaml, else by the words of their labels.

Across the children (:func:`check_quotas`): every child's share is the value of the child
target matched to the quota (by explicit link or by content); the shares of all children
together must reach the parent's figure. The check reports the shortfall and the children
that carry nothing.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from app.domain.targets import QuotaPart, Target
from app.review.phrases import Phrase, longest_at
from app.review.report import QuotaCheck, Review
from app.review.status import Status
from app.vn.normalize import match_key


@dataclass(frozen=True, eq=False)
class QuotaPartVocabulary:
    """The names of a quota's shares (quota_parts.yaml)."""

    names: Mapping[Phrase, str] = field(default_factory=dict)  # phrase -> share
    in_text: Mapping[Phrase, str] = field(default_factory=dict)
    ignore: frozenset[str] = frozenset()

    def terms(self, label: str) -> frozenset[str]:
        """The shares a breakdown's label names; without one, its telling words ("~word")."""
        found, rest = _find(match_key(label).split(), self.names)
        return frozenset(found) or frozenset(f"~{w}" for w in rest if w not in self.ignore)

    def named_in(self, text: str) -> frozenset[str]:
        """The shares a running sentence names by one of their specific phrases."""
        return frozenset(_find(match_key(text).split(), self.in_text)[0])


def build_quota_parts(data: Mapping[str, Any]) -> QuotaPartVocabulary:
    """The vocabulary of a parsed quota_parts.yaml mapping."""
    names: dict[Phrase, str] = {}
    in_text: dict[Phrase, str] = {}
    for share in data.get("shares") or []:
        name = str(share["name"])
        for entry in [name, *(share.get("names") or [])]:
            names[tuple(match_key(str(entry)).split())] = name
        for entry in share.get("in_text") or []:
            in_text[tuple(match_key(str(entry)).split())] = name
    return QuotaPartVocabulary(names, in_text, frozenset(match_key(str(w)) for w in data.get("ignore") or []))


def _find(words: list[str], phrases: Mapping[Phrase, str]) -> tuple[set[str], list[str]]:
    """The shares named in ``words`` (longest phrase first) and the words left over."""
    longest = max((len(p) for p in phrases), default=0)
    found: set[str] = set()
    rest: list[str] = []
    i = 0
    while i < len(words):
        match = longest_at(words, i, phrases, longest)
        if match is None:
            rest.append(words[i])
            i += 1
            continue
        n, share = match
        found.add(share)
        i += n
    return found, rest


@dataclass(frozen=True)
class PartShortfall:
    """A share of the parent's breakdown the child leaves out (``carried`` None or 0) or, held
    to the whole figure, carries below the parent's figure for it."""

    label: str  # the parent's share as printed; a sub-share with its share: "tự nguyện (tại cơ sở)"
    required: float
    carried: float | None
    terms: frozenset[str] = field(default=frozenset(), compare=False)  # the shares it names


def breakdown_shortfalls(
    parent: Target, child: Target, parts: QuotaPartVocabulary, *, whole: bool
) -> list[PartShortfall]:
    """The shares of ``parent``'s breakdown that ``child`` does not keep (module docstring).
    ``whole``: the child is held to the parent's whole figure, so to each share's figure."""
    if not parent.breakdown:
        return []
    mine = child.breakdown
    if not mine:
        mine, whole = _named_in_text(parent.breakdown, child, parts, whole)
    named = parts.named_in(child.text)
    # A share the child's sentence names is not left out, even when its figure was not read
    # into the breakdown ("gồm: cai nghiện bắt buộc 17 ... và cai nghiện tự nguyện tại gia đình").
    return [
        gap
        for gap in _compare(parent.breakdown, mine, parts, whole, "")
        if gap.carried is not None or not (gap.terms & named)
    ]


def _named_in_text(
    theirs: list[QuotaPart], child: Target, parts: QuotaPartVocabulary, whole: bool
) -> tuple[list[QuotaPart], bool]:
    """The parent's shares a child sentence without a breakdown names, as its breakdown: the
    one named carries the child's figure; of several, none has a figure of its own."""
    if child.value is None:
        return [], whole
    named = parts.named_in(child.text)
    if not named:
        return [], whole
    kept = [p for p in theirs if _all_terms(p, parts) & named]
    if len(kept) == len(theirs):
        return [], whole
    if len(kept) == 1:
        return [QuotaPart(kept[0].label, child.value)], whole
    return [QuotaPart(p.label, child.value) for p in kept], False


def _all_terms(part: QuotaPart, parts: QuotaPartVocabulary) -> frozenset[str]:
    """A share's names and those of its sub-shares ("cai nghiện bắt buộc" is at a facility)."""
    found = set(parts.terms(part.label))
    for sub in part.parts:
        found |= _all_terms(sub, parts)
    return frozenset(found)


def _compare(
    theirs: list[QuotaPart], mine: list[QuotaPart], parts: QuotaPartVocabulary, whole: bool, within: str
) -> Iterator[PartShortfall]:
    if not theirs or not mine:
        return  # no breakdown at this depth: nothing is left out
    if not any(_best(share, mine, parts) for share in theirs):
        return  # the child splits its figure another way ("trong đó 50 người mới phát hiện")
    pool = list(mine)
    for share in theirs:
        label = f"{share.label} ({within})" if within else share.label
        match = _best(share, pool, parts)
        if match is None or match.value <= 0:
            carried = None if match is None else match.value
            yield PartShortfall(
                label, share.value, carried, _all_terms(share, parts) if not within else frozenset()
            )
            continue
        pool.remove(match)
        if whole and match.value < share.value and not math.isclose(match.value, share.value):
            yield PartShortfall(label, share.value, match.value)
        yield from _compare(share.parts, match.parts, parts, whole, share.label)


def _best(share: QuotaPart, pool: list[QuotaPart], parts: QuotaPartVocabulary) -> QuotaPart | None:
    """The child's share naming most of what ``share`` names; None when none names any."""
    terms = parts.terms(share.label)
    scored = [(len(terms & parts.terms(p.label)), i) for i, p in enumerate(pool)]
    best = max(scored, key=lambda s: s[0], default=(0, -1))
    return pool[best[1]] if best[0] else None


def check_quotas(reviews: list[Review]) -> list[QuotaCheck]:
    """The quota checks over ``reviews`` (one per child, same parent): a child's share is the
    figure of its target matched to the quota; no match or no figure means it carries nothing."""
    checks: dict[str, QuotaCheck] = {}
    for review in reviews:
        for result in review.results:
            if result.kind != "quota" or result.required is None or result.status is Status.NOT_APPLICABLE:
                continue
            check = checks.setdefault(
                result.id, QuotaCheck(result.id, result.parent_text, result.required, result.unit)
            )
            value = result.carried if result.child_id else None
            if value is None or value <= 0:
                check.without_share.append(review.child.id)
            else:
                check.shares[review.child.id] = value
    return list(checks.values())
