"""Paragraphs of plan text → targets: split into clauses, carry context across them.

Plans and press summaries pack several targets into one paragraph. A paragraph is cut into
sentences (". " before a capital) and clauses (";"), a clause holding two shares joined by
"và" or a comma is cut again, and a lead-in ending with ":" is kept apart. Across clauses of a
paragraph the deadline carries forward ("đến năm 2025 ...; ít nhất 60% ..."), and three
constructions refer back:

- a quota followed by ":" or "trong đó" is broken down by the clauses after it until its
  parts add up ("1.100 lượt người: tại cơ sở 1.000 (bắt buộc 920, tự nguyện 80); ... 100");
- "riêng <nhóm> dưới 15%" gives the target before it a value for a sub-population;
- "các tỷ lệ này lần lượt là 85%, 30% và 80%" restates the earlier targets, one each, for the
  clause's own year; "tỷ lệ A, tỷ lệ B và tỷ lệ C lần lượt đạt 100%, 40% và 30%" names its
  measures before the figures, one target each.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field, replace

from app.domain.levels import DEFAULT_LEVELS
from app.domain.targets import Comparator, Target
from app.extract import targets as tg
from app.extract.agency import opens_with_own_body
from app.extract.figures import Head, find_heads, words
from app.extract.quota_parts import IN_WHICH, parts_in_which, take_part
from app.vn.normalize import clean, slugify

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=\S)|\n+")
_BULLET = re.compile(r"^\s*(?:[-–—•+*]|\(?\d{1,2}\)|[a-zđ]\))\s+")
_JOIN = re.compile(r",\s+(?:đồng thời\s+)?|\s+và\s+|\s+đồng thời\s+", re.IGNORECASE)
_PROHIBITION = re.compile(r"\bkhông\s+để\b", re.IGNORECASE)
_RESPECTIVELY = re.compile(r"\blần\s+lượt\b", re.IGNORECASE)
_SUBGROUP = re.compile(r"\briêng\b", re.IGNORECASE)
_LEAD_WORDS = re.compile(
    r"^(?:đồng thời|theo đó|trong đó|cụ thể|chỉ tiêu cụ thể|chỉ tiêu)[,:\s]+|"
    r"^(?:phấn đấu|đảm bảo|bảo đảm)\s+|(?:\s|^)(?:ít nhất|tối thiểu|là|cho|có)\s*$",
    re.IGNORECASE,
)


# A clause longer than this is not a target sentence (the longest in the seeds is ~600
# characters); skipping it keeps hostile text from making the patterns crawl.
MAX_CLAUSE = 2000


@dataclass
class Scope:
    """What a paragraph's targets inherit: the plan's deadline, the level its section names
    (which beats the text's own unit words), the issuer's level (given only to a target whose
    subject is one of the issuer's own bodies; one naming no level is left None, see
    ``_target``), the block label."""

    deadline: int | None = None
    level: str | None = None
    own_level: str | None = None
    source: str | None = None
    ids: set[str] = field(default_factory=set)


def split_sentences(text: str) -> list[str]:
    """Cut at ". " (or "!", "?", a line break) when the next word opens with a capital or a
    digit; "1.100" and "du lịch..., đặc biệt" stay whole."""
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        nxt = text[m.end() : m.end() + 1]
        if m.group(0).startswith("\n") or nxt.isupper() or nxt.isdigit() or nxt in '“"(':
            out.append(text[start : m.start()])
            start = m.end()
    out.append(text[start:])
    return [s.strip() for s in out if s.strip()]


def split_clauses(text: str) -> list[str]:
    """Sentences, then ";"-clauses, of a paragraph; empty pieces dropped."""
    return [c.strip() for s in split_sentences(text) for c in s.split(";") if c.strip()]


def extract_targets(text: str, scope: Scope) -> list[Target]:
    """The targets set by one paragraph (or list item) of plan text."""
    found: list[Target] = []
    deadline: tuple[int | None, str | None] = (None, None)
    pending: Target | None = None
    lead = ""
    for sentence in split_sentences(_BULLET.sub("", clean(text))):
        lead = ""
        waiting: list[Target] = []  # shares whose measure is said later in the sentence
        for clause in (c.strip() for c in sentence.split(";")):
            if not clause or len(clause) > MAX_CLAUSE:
                continue
            if pending is not None and take_part(pending, clause):
                continue
            pending = None
            year = tg.deadline_of(clause)
            if year[0] is not None:
                deadline = year
            if ":" in clause:
                before, after = clause.split(":", 1)
                if not find_heads(before) and after.strip():
                    lead, clause = before.strip(), after.strip()
            clause, listed = _listed_respectively(clause, deadline, scope)
            if listed and not clause:
                found.extend(listed)
                continue
            if _RESPECTIVELY.search(clause) and found:
                found.extend(_respectively(clause, found, deadline, scope))
                continue
            previous: Target | None = None
            first_new = len(found)
            for piece in _split_joined(clause):
                parsed = _parse(piece, lead, deadline, scope)
                if parsed is None:
                    continue
                target, said = parsed
                if previous is not None and _GROWTH.match(piece.strip()):
                    # "... Xoài ... đạt 10 triệu USD, tốc độ tăng bình quân 08 - 09%/năm": the
                    # growth is of what the clause counted before it
                    target.metric = f"tốc độ tăng bình quân {previous.metric}"
                elif previous is not None and (measure := _bare_measure(piece)):
                    # "sản phẩm sắn đạt 27.000 tấn, giá trị 12 triệu USD": the value of that product
                    target.metric = f"{measure} {_subject(previous.metric)}".strip()
                previous = target
                found.append(target)
                waiting = _carry_metric(waiting, target, said)
                if target.is_quota and re.search(r":\s*\S", piece):
                    pending = target
                    take_part(target, piece.split(":", 1)[1].strip(), first=True)
            _years_respectively(clause, found[first_new:], scope)
            found.extend(listed)
    return found


_YEAR_IN = re.compile(r"\bnăm\s+((?:19|20)\d\d)\b", re.IGNORECASE)


def _years_respectively(clause: str, targets: list[Target], scope: Scope) -> None:
    """ "Đến hết năm 2035 và năm 2040, tỷ lệ ... lần lượt đạt tối thiểu 90% và 95%": one share
    per year, in order, each of the measure named once."""
    m = _RESPECTIVELY.search(clause)
    if m is None or len(targets) < 2:
        return
    years = [int(y) for y in _YEAR_IN.findall(clause[: m.start()])]
    if len(years) != len(targets) or len(set(years)) != len(years):
        return
    first = targets[0]
    for target, year in zip(targets, years, strict=True):
        target.deadline = year
        if target is not first and len(target.metric.split()) < 2:
            target.metric, target.population = first.metric, first.population


# A comma opening a second measure of the same subject, with a figure of another kind
_NEW_MEASURE = re.compile(
    r",\s+(?=(?:tốc độ|tỷ lệ|tỷ trọng|tăng bình quân|giá trị|tổng giá trị|kim ngạch)\b)", re.I
)


def _split_joined(clause: str) -> list[str]:
    """Cut a clause holding two shares joined by "và"/"," into one piece per share, and a
    second prohibition ("..., đặc biệt không để ...") into its own piece."""
    heads = find_heads(clause)
    cuts: list[int] = []
    for a, b in itertools.pairwise(heads):
        between = clause[a.end : b.start]
        if a.kind != b.kind and (measure := _NEW_MEASURE.search(between)) and not IN_WHICH.search(between):
            # "... đạt 10 triệu USD, tốc độ tăng bình quân 08 - 09%/năm": a second measure
            cuts.append(a.end + measure.start())
            continue
        if a.kind != b.kind or _SUBGROUP.search(between) or IN_WHICH.search(clause[: b.start]):
            continue
        joins = list(_JOIN.finditer(between))
        if joins:
            cuts.append(a.end + joins[-1].start())
    if not heads:
        marks = list(_PROHIBITION.finditer(clause))
        cuts.extend(m.start() for m in marks[1:] if re.search(r",\s*(?:\w+\s+){0,2}$", clause[: m.start()]))
    pieces, last = [], 0
    for cut in sorted(cuts):
        pieces.append(clause[last:cut])
        last = cut
    pieces.append(clause[last:])
    return [_JOIN.sub("", p, count=1) if i and _JOIN.match(p) else p for i, p in enumerate(pieces)]


def _carry_metric(waiting: list[Target], target: Target, said: bool) -> list[Target]:
    """ "Ít nhất 70% người lao động ...; 60% ...; 70% học sinh ... được tuyên truyền": the
    measure printed after the last share of a list is the measure of every share before it."""
    if target.unit != "%":
        return []
    if not said:
        return [*waiting, target]
    for earlier in waiting:
        earlier.metric = target.metric
    return []


def _parse(
    piece: str, lead: str, deadline: tuple[int | None, str | None], scope: Scope
) -> tuple[Target, bool] | None:
    """The target one piece of a clause sets, and whether the piece says what it measures;
    None when it sets no target."""
    text = piece.strip(" ,;")
    heads = find_heads(text)
    if not heads:
        prohibition = _PROHIBITION.search(text)
        if prohibition is None:
            return None
        after = text[prohibition.end() :].strip()
        metric = f"không để {after}"[:160]
        return _target(
            text, scope, metric=metric, comparator=Comparator.NONE_ALLOWED, deadline=deadline
        ), True
    head = heads[0]
    comparator = tg.comparator_for(text[: head.start], head)
    after = text[head.end :]
    population, metric, said = _population_and_metric(text, head, lead)
    frequency, freq_text = tg.frequency_of(text)
    if population and freq_text and population.endswith(freq_text):  # "... trên địa bàn mỗi năm"
        population = population[: -len(freq_text)].strip(" ,") or None
    target = _target(
        text,
        scope,
        metric=metric[:200],
        comparator=comparator,
        deadline=deadline,
        population=population,
        value=head.value,
        value_max=head.value_max,
        denominator=head.denominator,
        unit=head.unit,
    )
    target.frequency = frequency
    target.period = ", ".join(p for p in (freq_text, deadline[1]) if p) or None
    target.sub_values = tg.sub_values(text, heads, comparator)
    if IN_WHICH.search(after) and head.kind == "count":
        target.breakdown = parts_in_which(after, head.unit)
    return target, said


def _population_and_metric(text: str, head: Head, lead: str) -> tuple[str | None, str, bool]:
    """Who a share is counted over, and what is measured: the words after the figure for a
    share ("90% số xã | tổ chức được ..."), the verb before it for a count ("cai nghiện cho")."""
    after = text[head.end :]
    population, predicate = None, ""
    if head.kind == "fraction":
        population, predicate = head.unit, after.lstrip()[len(head.unit or "") :].strip(" ,;.")
    elif head.kind == "percent":
        population, predicate = tg.population_after(after)
    verb = _LEAD_WORDS.sub("", _strip_year(text[: head.start]).strip(" ,:")).strip(" ,:")
    verb = re.sub(r"\b(?:hằng|hàng|mỗi)\s+(?:năm|quý|tháng)\b,?", "", verb, flags=re.IGNORECASE).strip(" ,:")
    verb = tg.strip_comparator(_LEAD_WORDS.sub("", verb).strip(" ,:"))
    if head.kind == "count":
        # "Xoài (xoài tròn Yên Châu ...): sản lượng ... đạt 7.500 tấn": the lead names the product
        named = _lead_name(lead) if verb else ""
        # what follows the count names it ("... 02 lớp tập huấn"); a year there is the period
        rest = " ".join(_strip_year(after.split("(")[0]).split()).strip(' ,.;“”"')
        return None, " ".join(p for p in (verb or lead, named, rest) if p), True
    if predicate and not predicate.startswith("("):
        return population, predicate, True
    return population, verb or lead or predicate, bool(verb)


def _bare_measure(piece: str) -> str | None:
    """The measure a piece names and nothing else ("giá trị 4,2 triệu USD", ", giá trị
    khoảng 0,5 triệu USD"), or None."""
    heads = find_heads(piece)
    if not heads:
        return None
    before = tg.strip_comparator(_FILLER_WORDS.sub("", piece[: heads[0].start]).strip(" ,;:")).lower()
    return before if before in words().measure_names else None


def _subject(metric: str) -> str:
    """What a metric is of, without the measure it opens with ("sản lượng tham gia xuất khẩu
    Xoài" -> "tham gia xuất khẩu Xoài"; "sản phẩm sắn" stays)."""
    low = metric.lower()
    for name in words().measure_names:
        if low.startswith(name + " ") or low == name:
            return metric[len(name) :].strip()
    return metric


_FILLER_WORDS = re.compile(r"\s+(?:khoảng|dự kiến|ước)\s*$", re.IGNORECASE)
_GROWTH = re.compile(r"(?:tốc độ\s+)?tăng(?:\s+trưởng)?(?:\s+bình quân)?\b", re.IGNORECASE)
_LEAD_NAME_WORDS = 6


def _lead_name(lead: str) -> str:
    """A short lead-in naming what is counted ("Xoài (xoài tròn Yên Châu)", "Sản phẩm trái
    cây"), without its parenthesis; a long or heading-like lead-in ("Mục tiêu cụ thể") none."""
    name = re.sub(r"\([^)]*\)", " ", lead).strip(" -–+:")
    name = " ".join(name.split())
    if not name or len(name.split()) > _LEAD_NAME_WORDS or _LEAD_WORDS.fullmatch(name):
        return ""
    if re.match(r"(?i)(?:mục tiêu|chỉ tiêu|giai đoạn|đến năm|năm|trong đó)\b", name):
        return ""
    return name


def _strip_year(text: str) -> str:
    return re.sub(
        r"\b(?:đến|tới|trước|hết|trong)?\s*(?:hết\s+)?năm\s+(?:19|20)\d\d\b,?", " ", text, flags=re.I
    )


def _target(
    text: str,
    scope: Scope,
    *,
    metric: str,
    comparator: Comparator,
    deadline: tuple[int | None, str | None],
    **values: object,
) -> Target:
    key = slugify(" ".join(text.split()[:7])) or "chi-tieu"
    tid, n = f"t-{key}", 2
    while tid in scope.ids:
        tid, n = f"t-{key}-{n}", n + 1
    scope.ids.add(tid)
    target = Target(
        id=tid,
        text=text,
        metric=metric.strip(" ,.;:") or text[:120],
        comparator=comparator,
        source=scope.source,
    )
    for name, value in values.items():
        setattr(target, name, value)
    target.deadline = deadline[0] if deadline[0] is not None else scope.deadline
    # A target naming no level of units stays unknown (None) rather than taking the issuer's
    # own level: the review infers it from the population and text, and an absolute quota of
    # the parent is shared out among the children unless the text keeps it (see mandates_for).
    target.level = scope.level or (
        scope.own_level if opens_with_own_body(text) else DEFAULT_LEVELS.infer(text)
    )
    return target


def _listed_respectively(
    clause: str, deadline: tuple[int | None, str | None], scope: Scope
) -> tuple[str, list[Target]]:
    """ "Tỷ lệ A, tỷ lệ B và tỷ lệ C lần lượt đạt 100%, 40% và 30%": the measures named before
    "lần lượt" (cut where the opening words repeat, else at every "," and "và"), paired in
    order with the figures after it. When figures come earlier in the clause ("100% nạn nhân
    được tiếp nhận, tỷ lệ nạn nhân được hỗ trợ A, B và C lần lượt đạt ..."), the list opens at
    the "tỷ lệ" after them and the clause before it is returned to be read as usual.
    (clause, []) when the counts differ."""
    m = _RESPECTIVELY.search(clause)
    heads = find_heads(clause[m.end() :]) if m else []
    if m is None or len(heads) < 2:
        return clause, []
    earlier = find_heads(clause[: m.start()])
    start = 0
    if earlier:
        opens = re.search(r"\b(?:tỷ lệ|số)\b", clause[earlier[-1].end : m.start()], re.IGNORECASE)
        if opens is None:
            return clause, []
        start = earlier[-1].end + opens.start()
    after, before = clause[m.end() :], clause[start : m.start()].strip(" ,")
    opener = " ".join(before.split()[:2])
    items = re.split(rf"(?:,\s*|\s+và\s+)(?={re.escape(opener)}\b)", before, flags=re.IGNORECASE)
    if len(items) != len(heads):
        items = _JOIN.split(before)
    if len(items) != len(heads):
        return clause, []
    rest = clause[:start].strip(" ,")
    comparator = tg.comparator_for(after[: heads[0].start], heads[0])
    out: list[Target] = []
    for item, head in zip(items, heads, strict=True):
        population, predicate = tg.population_after(re.sub(r"^(?:tỷ lệ|số)\s+", "", item.strip(), flags=re.I))
        out.append(
            _target(
                item.strip(),
                scope,
                metric=predicate or item,
                comparator=comparator,
                deadline=deadline,
                population=population,
                value=head.value,
                value_max=head.value_max,
                unit=head.unit,
            )
        )
    return rest, out


def _respectively(
    clause: str, found: list[Target], deadline: tuple[int | None, str | None], scope: Scope
) -> list[Target]:
    """One restated target per earlier target for "... lần lượt là 85%, 30% và 80%"."""
    m = _RESPECTIVELY.search(clause)
    assert m is not None
    heads = find_heads(clause[m.end() :])
    earlier = [t for t in found if t.unit == (heads[0].unit if heads else None)][-len(heads) :]
    out: list[Target] = []
    for head, old in zip(
        heads, earlier[-len(heads) :] if len(earlier) >= len(heads) else earlier, strict=False
    ):
        new = _target(
            clause,
            scope,
            metric=old.metric,
            comparator=old.comparator,
            deadline=deadline,
            population=old.population,
            value=head.value,
            value_max=head.value_max,
            unit=head.unit,
        )
        out.append(replace(new, frequency=old.frequency, period=deadline[1], level=old.level))
    return out
