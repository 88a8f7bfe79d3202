"""Share a parent's absolute quotas among communes so the shares add up EXACTLY.

A quota ("cai nghiện cho ít nhất 1.100 lượt người") is split in proportion to a weight
(population, addicts under management) with the largest-remainder method: everyone gets the
floor of their exact share, and the units left over go to the largest fractional parts. Some
communes may carry an explicit figure; the rest of the quota is then shared among the others.

A quota with a breakdown ("tại cơ sở 1.000 (bắt buộc 920, tự nguyện 80); tại gia đình 100")
is a table: one row per commune, one column per part. Its rounding must keep both the row sums
(each commune's share) and the column sums (each part's figure), which plain per-row rounding
does not; :func:`round_table` does it with floors plus a small flow for the leftover units.

Shares are keyed like "t1", "t1/tại cơ sở", "t1/tại cơ sở/bắt buộc" (target id, then the
breakdown labels) so one flat ``dict[str, float]`` per commune carries them all.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from app.domain.errors import QuotaError
from app.domain.targets import QuotaPart, Target
from app.messages import both


def _scale(values: Sequence[float]) -> int:
    """The power of ten that makes every value an integer (quotas rarely have decimals)."""
    decimals = 0
    for value in values:
        text = f"{value:.6f}".rstrip("0").rstrip(".")
        if "." in text:
            decimals = max(decimals, len(text.split(".")[1]))
    return int(10**decimals)


def largest_remainder(total: int, weights: Sequence[float]) -> list[int]:
    """Integers proportional to ``weights`` that add up to ``total`` exactly.

    Ties in the remainder go to the earlier position, so the result is deterministic.
    """
    if total < 0:
        raise QuotaError(both("communes_negative"))
    if any(w < 0 or math.isnan(w) for w in weights):
        raise QuotaError(both("communes_negative"))
    weight_sum = math.fsum(weights)
    if not weights or (weight_sum <= 0 and total > 0):
        raise QuotaError(both("quota_no_weights"))
    if total == 0:
        return [0] * len(weights)
    exact = [total * w / weight_sum for w in weights]
    shares = [math.floor(x) for x in exact]
    left = total - sum(shares)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in order[:left]:
        shares[i] += 1
    return shares


def round_table(row_sums: Sequence[int], col_sums: Sequence[int]) -> list[list[int]]:
    """An integer table with the given row and column sums, each cell the floor or ceiling
    of its proportional value ``row * col / total`` (controlled rounding).

    Floors leave each row and column a few units short; a unit may go to a cell whose exact
    value was fractional. Matching short rows to short columns is a bipartite flow: a greedy
    pass by largest fraction, then augmenting paths for what the greedy pass left.
    """
    total = sum(row_sums)
    if total != sum(col_sums):
        raise QuotaError(both("communes_explicit_sum"))
    if total == 0:
        return [[0] * len(col_sums) for _ in row_sums]
    exact = [[r * c / total for c in col_sums] for r in row_sums]
    table = [[math.floor(x) for x in row] for row in exact]
    row_need = [r - sum(row) for r, row in zip(row_sums, table, strict=True)]
    col_need = [c - sum(table[i][j] for i in range(len(row_sums))) for j, c in enumerate(col_sums)]
    cells = sorted(
        ((exact[i][j] - table[i][j], i, j) for i in range(len(row_sums)) for j in range(len(col_sums))),
        key=lambda cell: (-cell[0], cell[1], cell[2]),
    )
    for fraction, i, j in cells:
        if fraction > 0 and row_need[i] > 0 and col_need[j] > 0:
            table[i][j] += 1
            row_need[i] -= 1
            col_need[j] -= 1
    for i in range(len(row_sums)):
        while row_need[i] > 0:
            _augment(i, table, exact, row_need, col_need)
    return table


def _augment(
    start: int, table: list[list[int]], exact: list[list[float]], row_need: list[int], col_need: list[int]
) -> None:
    """Move one unit into row ``start`` along an alternating path ending at a short column.

    From a row we may raise a cell still at its floor; in a column we may then lower a cell
    already raised, which leaves that row one short, so it raises another cell, and so on
    until a column that is itself short. Breadth-first, so every row is visited once.
    """
    came_from: dict[int, tuple[int, int]] = {}  # row -> (previous row, column between them)
    seen_cols: set[int] = set()
    frontier = [start]
    while frontier:
        next_frontier: list[int] = []
        for row in frontier:
            for j in range(len(col_need)):
                if j in seen_cols or table[row][j] >= math.ceil(exact[row][j]):
                    continue
                seen_cols.add(j)
                if col_need[j] > 0:
                    _apply_path(start, row, j, came_from, table)
                    row_need[start] -= 1
                    col_need[j] -= 1
                    return
                for other in range(len(table)):
                    if (
                        other not in came_from
                        and other != start
                        and table[other][j] > math.floor(exact[other][j])
                    ):
                        came_from[other] = (row, j)
                        next_frontier.append(other)
        frontier = next_frontier
    raise QuotaError(both("communes_explicit_sum"))


def _apply_path(
    start: int, row: int, col: int, came_from: dict[int, tuple[int, int]], table: list[list[int]]
) -> None:
    table[row][col] += 1
    while row != start:
        previous, via = came_from[row]
        table[row][via] -= 1
        table[previous][via] += 1
        row = previous


def split_target(
    target: Target, commune_totals: Sequence[float], scale: int | None = None
) -> list[dict[str, float]]:
    """Each commune's shares of ``target`` and of its breakdown, given the communes' totals.

    The parts' figures are rescaled to the communes' grand total (which equals the target's
    value unless explicit figures exceed it), then every level of the breakdown is rounded
    as a table so rows and columns both add up.
    """
    scale = scale or _scale([*commune_totals, *_part_values(target.breakdown)])
    totals = [round(v * scale) for v in commune_totals]
    shares: list[dict[str, float]] = [{target.id: t / scale} for t in totals]
    _split_parts(target.id, target.breakdown, totals, shares, scale)
    return shares


def _part_values(parts: Sequence[QuotaPart]) -> list[float]:
    return [v for p in parts for v in (p.value, *_part_values(p.parts))]


def _split_parts(
    prefix: str, parts: Sequence[QuotaPart], totals: list[int], shares: list[dict[str, float]], scale: int
) -> None:
    if not parts:
        return
    col_sums = largest_remainder(sum(totals), [p.value for p in parts])
    table = round_table(totals, col_sums)
    for j, part in enumerate(parts):
        key = f"{prefix}/{part.label}"
        column = [row[j] for row in table]
        for share, value in zip(shares, column, strict=True):
            share[key] = value / scale
        _split_parts(key, part.parts, column, shares, scale)


def allocate(
    target: Target, weights: Sequence[float], explicit: Sequence[float | None] | None = None
) -> list[dict[str, float]]:
    """Share ``target`` among communes: explicit figures where given, the rest by weight.

    Raises :class:`QuotaError` when the target has no value, weights are negative or all
    zero, or explicit figures are negative.
    """
    if target.value is None:
        raise QuotaError(both("quota_no_weights"))
    explicit = list(explicit) if explicit is not None else [None] * len(weights)
    if any(v is not None and v < 0 for v in explicit):
        raise QuotaError(both("communes_negative"))
    fixed = [v for v in explicit if v is not None]
    scale = _scale([target.value, *fixed, *_part_values(target.breakdown)])
    rest = max(0, round(target.value * scale) - sum(round(v * scale) for v in fixed))
    open_rows = [i for i, v in enumerate(explicit) if v is None]
    shared = largest_remainder(rest, [weights[i] for i in open_rows]) if open_rows else []
    if not open_rows and rest > 0:
        raise QuotaError(both("communes_explicit_sum"))
    totals = [float(v) if v is not None else 0.0 for v in explicit]
    for i, units in zip(open_rows, shared, strict=True):
        totals[i] = units / scale
    return split_target(target, totals, scale)
