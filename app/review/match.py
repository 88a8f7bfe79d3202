"""Align a parent's mandates with what the child plan carries.

An explicit link wins: a child target whose ``parent_target`` (a task's ``parent_task``, a
duty's ``parent_duty``) names the mandate. Otherwise every child item of the right kind is
scored with rapidfuzz over keys built by :mod:`app.review.vocabulary` (metric and population
for targets, the whole text as a fallback), numbers removed. Below ``THRESHOLD`` the mandate is
unmatched; when the best two candidates are within ``AMBIGUITY_MARGIN`` of each other the match
is ambiguous and neither is picked.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from app.domain.plan import Plan
from app.domain.targets import Target
from app.extract.figures import words
from app.review.mandates import Mandate, MandateKind, asks_of, sections_with_paths
from app.review.vocabulary import Vocabulary, load_vocabulary

THRESHOLD = 70.0
AMBIGUITY_MARGIN = 4.0


class MatchKind(StrEnum):
    LINKED = "linked"
    SCORED = "scored"
    UNMATCHED = "unmatched"
    AMBIGUOUS = "ambiguous"


@dataclass(frozen=True)
class Item:
    """Something the child plan prints that may carry a mandate."""

    kind: str  # target | task | duty | bullet | paragraph
    id: str
    text: str
    where: str
    target: Target | None = None
    link: str | None = None  # the parent id it names, if any
    agency: str | None = None  # for a duty: the agency it is given to


@dataclass
class Match:
    """The outcome of matching one mandate: the chosen item (if any), score and reason."""

    kind: MatchKind
    item: Item | None
    score: float
    reason: str
    candidates: list[tuple[Item, float]] = field(default_factory=list)


def child_items(child: Plan) -> list[Item]:
    """Every target, task, duty, bullet and prose sentence of ``child`` with where it stands.

    Prose counts: real drafts and press summaries often write their duties as paragraphs
    ("UBND xã chủ trì tổ chức truyền thông ..."), and a duty written so is still carried. Each
    sentence is its own item, so a long paragraph does not drown the one sentence that carries
    a duty. A sentence can carry a duty, or restate a target without a figure (weaker, like a
    task): it never covers a target mandate, since a figure in it is already a parsed target.
    """
    items: list[Item] = []
    for path, section in sections_with_paths(child):
        for t in section.targets:
            where = t.source or f"{path} › {t.id}"
            items.append(Item("target", t.id, t.text, where, target=t, link=t.parent_target))
        for task in section.tasks:
            items.append(Item("task", task.id, task.text, f"{path} › {task.id}", link=task.parent_task))
        if section.assignment is not None:
            agency = section.assignment.agency
            for i, duty in enumerate(section.assignment.duties, start=1):
                items.append(
                    Item(
                        "duty",
                        f"{agency} #{i}",
                        duty.text,
                        f"{path} › {agency}",
                        link=duty.parent_duty,
                        agency=section.assignment.level or agency,
                    )
                )
        for i, bullet in enumerate(section.bullets, start=1):
            items.append(Item("bullet", f"{path} #{i}", bullet, f"{path} › gạch đầu dòng {i}"))
        items.extend(_prose_items(path, section.text))
    return items


_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=\S)")
_MIN_SENTENCE_WORDS = 4  # a stub clause ("; báo cáo.") is read with the sentence before it


def _prose_items(path: str, paragraphs: list[str]) -> list[Item]:
    items: list[Item] = []
    for i, paragraph in enumerate(paragraphs, start=1):
        for j, sentence in enumerate(sentences(paragraph), start=1):
            items.append(Item("paragraph", f"{path} ¶{i}.{j}", sentence, f"{path} › đoạn văn {i}"))
    return items


def sentences(paragraph: str) -> list[str]:
    """The sentences (and ";"-separated clauses) of a paragraph; stubs join the one before."""
    out: list[str] = []
    for part in _SENTENCE_END.split(paragraph.strip()):
        if out and len(part.split()) < _MIN_SENTENCE_WORDS:
            out[-1] = f"{out[-1]} {part}"
        elif part:
            out.append(part)
    return out


def match_mandate(
    mandate: Mandate, items: list[Item], linked_elsewhere: set[str], vocab: Vocabulary | None = None
) -> Match:
    """Match one mandate against the child's items (see the module docstring).

    ``linked_elsewhere`` holds the ids of child items explicitly linked to *another* mandate:
    they implement something else and are not offered to this one.
    """
    vocab = vocab or load_vocabulary()
    for item in items:
        if mandate.named_by(item.link):
            return Match(MatchKind.LINKED, item, 100.0, "linked")
    pool = [i for i in items if i.id not in linked_elsewhere and _eligible(mandate, i)]
    if mandate.kind is MandateKind.DUTY:
        scores = duty_scores(mandate.text, [i.text for i in pool], vocab)
    else:
        scores = [score_pair(mandate, i, vocab) for i in pool]
    scored = sorted(zip(pool, scores, strict=True), key=lambda p: -p[1])
    top = scored[:3]
    if not scored or scored[0][1] < THRESHOLD:
        best = scored[0][1] if scored else 0.0
        return Match(MatchKind.UNMATCHED, None, best, "below_threshold", top)
    best_item, best = scored[0]
    if len(scored) > 1 and scored[1][1] >= THRESHOLD and best - scored[1][1] < AMBIGUITY_MARGIN:
        close = [(i, sc) for i, sc in scored if sc >= THRESHOLD and best - sc < AMBIGUITY_MARGIN]
        single = _told_apart(mandate, close, vocab)
        if single is None and _due_other_years(mandate, close, vocab):
            # the child sets this measure for other years only: this year's is not there
            return Match(MatchKind.UNMATCHED, None, best, "other_years", top)
        if single is None:
            return Match(MatchKind.AMBIGUOUS, None, best, "two_close", top)
        return Match(MatchKind.SCORED, single[0], single[1], "told_apart", top)
    return Match(MatchKind.SCORED, best_item, best, "scored", top)


def _due_other_years(mandate: Mandate, close: list[tuple[Item, float]], vocab: Vocabulary) -> bool:
    """Alike child targets in the mandate's unit, every one due another year than the
    mandate ("≥ 60% ... đến năm 2030" for a mandate due 2045)."""
    parent = mandate.target
    if parent is None or parent.deadline is None:
        return False
    same_unit = [i.target for i, _ in close if i.target is not None and _same_unit(parent, i.target, vocab)]
    return len(same_unit) == len(close) and all(
        t.deadline is not None and t.deadline != parent.deadline for t in same_unit
    )


def _same_unit(parent: Target, child: Target, vocab: Vocabulary) -> bool:
    return vocab.unit(child.unit or "") == vocab.unit(parent.unit or "")


def _told_apart(
    mandate: Mandate, close: list[tuple[Item, float]], vocab: Vocabulary
) -> tuple[Item, float] | None:
    """Among child targets that read alike, the one naming the mandate's product (synonyms.yaml,
    subjects), then the one counted in the mandate's unit, then the one due the same year: "18.000 tấn" and "10 triệu USD" of mango exports are two targets, and
    the same share by 2028 and by 2030 two more (issue 9, "same metric, two deadlines")."""
    parent = mandate.target
    if parent is None:
        return None
    pool = [(i, sc) for i, sc in close if i.target is not None]
    # the ones naming the mandate's product ("Xoài | ... 1,65 triệu USD" over the total's value)
    named = vocab.subjects(_told_text_of(mandate.text, parent))
    if named:
        kept = [(i, sc) for i, sc in pool if vocab.subjects(_told_text(i)) & named]
        if len(kept) == 1:
            return kept[0]
        if kept:
            pool = kept
    for same in (
        lambda c: bool(parent.unit) and _same_unit(parent, c, vocab),
        lambda c: parent.deadline is not None and c.deadline == parent.deadline,
    ):
        kept = [(i, sc) for i, sc in pool if i.target is not None and same(i.target)]
        if len(kept) == 1:
            return kept[0]
        if kept:
            pool = kept
    return _by_telling_words(parent, pool, vocab)


def _by_telling_words(
    parent: Target, pool: list[tuple[Item, float]], vocab: Vocabulary
) -> tuple[Item, float] | None:
    """The one candidate whose own words (those not shared by every candidate) the mandate
    uses: among "tốc độ tăng giá trị Xoài / Nhãn / Chuối ...", the mandate on "Xoài"."""
    if len(pool) < 2:
        return None
    # a target's metric holds what its clause said of it before ("Xoài: ..., giá trị 4,2 triệu USD")
    words = [_word_set(vocab.key(_told_text(i))) for i, _ in pool]
    common = frozenset.intersection(*words)
    own = _word_set(vocab.key(f"{parent.metric} {parent.population or ''}"))
    hits = [n for n, ws in enumerate(words) if (ws - common) & own]
    return pool[hits[0]] if len(hits) == 1 else None


def _told_text(item: Item) -> str:
    return _told_text_of(item.text, item.target)


def _told_text_of(text: str, target: Target | None) -> str:
    if target is None:
        return text
    return f"{text} {target.metric or ''} {target.population or ''}"


def _eligible(mandate: Mandate, item: Item) -> bool:
    # A target is carried by a target; a duty by anything the child takes on as its own.
    if mandate.kind is MandateKind.DUTY:
        return True
    return item.kind == "target"


def score_pair(mandate: Mandate, item: Item, vocab: Vocabulary) -> float:
    """0..100: how alike the mandate and the item are, numbers left out."""
    if mandate.kind is MandateKind.DUTY:
        return duty_scores(mandate.text, [item.text], vocab)[0]
    text_score = similarity(vocab.key(mandate.text), vocab.key(item.text))
    parent, child = mandate.target, item.target
    if parent is None or child is None or not parent.metric or not child.metric:
        return text_score
    metric = similarity(vocab.key(parent.metric), vocab.key(child.metric))
    if parent.population and child.population:
        population = similarity(vocab.key(parent.population), vocab.key(child.population))
        metric = 0.8 * metric + 0.2 * population
    # Where the metric ends and the population begins differs between writers (and the
    # extractor): "hàng năm giảm" + "số người nghiện ..." is "giảm số người nghiện ...".
    combined = similarity(
        vocab.key(f"{parent.metric} {parent.population or ''}"),
        vocab.key(f"{child.metric} {child.population or ''}"),
    )
    score = max(metric, combined, 0.9 * text_score)
    if _other_measure(parent, child, vocab):
        # "10 triệu USD" of mango is not its "18.000 tấn": the same words, another measure
        score *= OTHER_MEASURE_WEIGHT
    subjects = _subjects(mandate, item, vocab)
    if subjects is not None and not (subjects[0] & subjects[1]):
        # "tốc độ tăng ... Xoài" is not "tốc độ tăng ... Nhãn": the same words, another product
        score *= OTHER_SUBJECT_WEIGHT
    elif subjects is not None and subjects[1] <= subjects[0] and _same_unit(parent, child, vocab):
        # "Xoài | 3.000 tấn; giá trị 1,65 triệu USD" carries "tổng giá trị sản phẩm Xoài tham gia
        # xuất khẩu ... 10 triệu USD": the same product in the same measure, in fewer words
        score = max(score, SAME_SUBJECT_FLOOR) if score >= SAME_SUBJECT_MIN else score
    return score


OTHER_MEASURE_WEIGHT = 0.85
OTHER_SUBJECT_WEIGHT = 0.7
SAME_SUBJECT_FLOOR = 75.0
SAME_SUBJECT_MIN = 45.0


def _subjects(
    mandate: Mandate, item: Item, vocab: Vocabulary
) -> tuple[frozenset[str], frozenset[str]] | None:
    """The things counted (synonyms.yaml, subjects) the mandate and the item name, when both
    name some; else None."""
    parent = vocab.subjects(_told_text_of(mandate.text, mandate.target))
    if not parent:
        return None
    child = vocab.subjects(_told_text(item))
    return (parent, child) if child else None


def _other_measure(parent: Target, child: Target, vocab: Vocabulary) -> bool:
    """Both in measures of money or quantity (target_words.yaml, measure_units) and the
    measures differ (tấn / triệu USD); counts of people or units are not judged here
    ("người" and "lượt người" are read by the KH rules)."""
    measures = words().measure_units
    if (parent.unit or "").lower() not in measures or (child.unit or "").lower() not in measures:
        return False
    return vocab.unit(parent.unit) != vocab.unit(child.unit)


_CLAUSE = re.compile(r";\s+")
_MIN_PART_WORDS = 5
CLAUSE_WEIGHT = 0.95  # a duty carried clause by clause scores a little below a whole restatement
CONTAINED_WEIGHT = 0.8  # a short restatement whose every word the duty holds ("Kinh phí từ ngân sách xã")
CONTAINED_RATIO = 90.0


def duty_scores(duty: str, texts: list[str], vocab: Vocabulary) -> list[float]:
    """0..100 for each of ``texts``: how well it carries the duty, as a whole restatement, or
    in part or in fewer words: "...; quản lý sau cai nghiện tại xã" is carried by a sentence on
    managing people after rehab, and "Kinh phí thực hiện Kế hoạch được bố trí từ ngân sách nhà
    nước ..." by "Kinh phí thực hiện từ ngân sách xã". A duty is scored against all the child's
    items in one call, their keys computed once: a long plan has hundreds of both."""
    child = _child_keys(vocab, tuple(texts))
    all_keys = child.keys
    duty_key = vocab.key(duty)
    out = [0.0] * len(all_keys)
    if not duty_key:
        return out
    # Only items sharing words with the duty can carry it. On the labelled sets and the bench
    # plan (47,000 pairs), every pair scoring THRESHOLD or more shares at least two words and
    # 30% of the shorter text's words (of 449 pairs scoring 65 or more, one at 65.0 does not);
    # the others are not scored: their score stays 0, below THRESHOLD (so a duty nothing
    # carries reports the closest item among those sharing its words, or 0).
    duty_words = _word_set(duty_key)
    near = child.near(duty_words)
    keys = [all_keys[n] for n in near]
    sort = _batch(duty_key, keys, fuzz.token_sort_ratio)
    token_set = _batch(duty_key, keys, fuzz.token_set_ratio)
    best = [0.5 * a + 0.5 * b if k else 0.0 for a, b, k in zip(sort, token_set, keys, strict=True)]
    clauses = [vocab.key(c) for c in _CLAUSE.split(duty) if len(c.split()) >= _MIN_PART_WORDS]
    if len(clauses) > 1:
        for clause in clauses:
            clause_words = _word_set(clause)
            for n, key in enumerate(keys):
                if _shares_words(clause_words, key):
                    part = 0.5 * fuzz.token_sort_ratio(clause, key) + 0.5 * fuzz.token_set_ratio(clause, key)
                    best[n] = max(best[n], CLAUSE_WEIGHT * part)
    for n, (contained, key) in enumerate(zip(token_set, keys, strict=True)):
        if contained >= CONTAINED_RATIO and len(key.split()) >= _MIN_PART_WORDS - 1:
            best[n] = max(best[n], CONTAINED_WEIGHT * contained)
    # a child item running several asks together carries the one restating the duty: "Tổ chức
    # tiếp nhận ... . Định kỳ rà soát, thống kê, lập danh sách ..." carries "định kỳ rà soát,
    # thống kê nạn nhân"
    for m, n in enumerate(near):
        for ask in child.parts[n]:
            if _shares_words(duty_words, ask):
                whole = 0.5 * fuzz.token_sort_ratio(duty_key, ask) + 0.5 * fuzz.token_set_ratio(duty_key, ask)
                best[m] = max(best[m], whole)
    for n, score in zip(near, best, strict=True):
        out[n] = score
    return out


@dataclass(frozen=True)
class _ChildKeys:
    """What :func:`duty_scores` needs of a child's items, computed once for all the mandates
    scored against them: each item's key, its words, and the keys of its asks when it runs
    several together (else none)."""

    keys: list[str]
    words: list[frozenset[str]]
    parts: list[list[str]]
    by_word: dict[str, list[int]]  # a word -> the items holding it

    def near(self, words: frozenset[str]) -> list[int]:
        """The items sharing enough of ``words`` (as :func:`_shares_words` tells), in order: counted
        through ``by_word`` rather than one set intersection per item."""
        shared: Counter[int] = Counter()
        for word in words:
            shared.update(self.by_word.get(word, ()))
        return sorted(
            n
            for n, count in shared.items()
            if count >= _MIN_SHARED_WORDS and count >= _MIN_SHARED_SHARE * min(len(words), len(self.words[n]))
        )


_KEYS_CACHE: dict[tuple[int, tuple[str, ...]], tuple[Vocabulary, _ChildKeys]] = {}


def _child_keys(vocab: Vocabulary, texts: tuple[str, ...]) -> _ChildKeys:
    """The :class:`_ChildKeys` of a child's item texts (the vocabulary is kept with them, so
    an id reused by another vocabulary never matches)."""
    cached = _KEYS_CACHE.get((id(vocab), texts))
    if cached is not None and cached[0] is vocab:
        return cached[1]
    if len(_KEYS_CACHE) > 8:
        _KEYS_CACHE.clear()
    keys = [vocab.key(t) for t in texts]
    parts = []
    for text in texts:
        asks = asks_of(text)
        parts.append([vocab.key(a) for a in asks] if len(asks) > 1 else [])
    sets = [_word_set(k) for k in keys]
    by_word: dict[str, list[int]] = {}
    for n, ws in enumerate(sets):
        for word in ws:
            by_word.setdefault(word, []).append(n)
    child = _ChildKeys(keys, sets, parts, by_word)
    _KEYS_CACHE[(id(vocab), texts)] = (vocab, child)
    return child


_MIN_SHARED_WORDS = 2
_MIN_SHARED_SHARE = 0.3


@lru_cache(maxsize=4096)
def _word_set(key: str) -> frozenset[str]:
    return frozenset(key.split())


def _shares_words(words: frozenset[str], key: str) -> bool:
    other = _word_set(key)
    if not other or not words:
        return False
    shared = len(words & other)
    return shared >= _MIN_SHARED_WORDS and shared >= _MIN_SHARED_SHARE * min(len(words), len(other))


def _batch(query: str, keys: list[str], scorer: Any) -> list[float]:
    """``scorer(query, key)`` for every key, in the keys' order (0 for an empty one)."""
    if not query or not keys:
        return [0.0] * len(keys)
    out = [0.0] * len(keys)
    for key, score, n in process.extract(query, keys, scorer=scorer, limit=None):  # one C call
        if key:
            out[n] = float(score)
    return out


def similarity(a: str, b: str) -> float:
    """Word-order-insensitive similarity of two keys, 0..100.

    The mean of token-sort (penalises extra words) and token-set (forgives a qualified
    restatement) ratios: either alone is too strict or too lenient on short metrics.
    """
    if not a or not b:
        return 0.0
    return 0.5 * fuzz.token_sort_ratio(a, b) + 0.5 * fuzz.token_set_ratio(a, b)
