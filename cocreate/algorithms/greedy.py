"""Greedy counting: projects by total score, each funded if it still fits. No Django.

The usual rule of participatory budgets ("greedy" in Pabulib). Projects are taken from the
highest total score down; one that costs more than what is left is skipped and the next one is
tried. Equal scores go to the project whose id comes first as a string, as pabutools'
lexicographic tie-breaking does. With approval ballots this is pabutools'
`greedy_utilitarian_welfare` with `Cost_Sat`; like it, projects nobody chose come last and are
still funded if they fit. Sums of costs are exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from cocreate.algorithms.equal_shares import exact


@dataclass(frozen=True, eq=False)
class GreedyResult:
    """`selected`: project numbers in the order funded. `money_left`: per project, the budget
    left when its turn came (NaN for projects funded before the greedy pass)."""

    selected: np.ndarray
    money_left: np.ndarray


def greedy(
    costs: np.ndarray,
    budget: float,
    scores: np.ndarray,
    *,
    tie_rank: np.ndarray,
    already_funded: list[int] | tuple[int, ...] = (),
) -> GreedyResult:
    """Fund projects by decreasing `scores` (ties: lowest `tie_rank`) while they fit in `budget`.
    `already_funded` (e.g. by equal shares) are kept and their cost is taken off first."""
    costs = np.asarray(costs, dtype=np.float64)
    exact_costs = [exact(c) for c in costs]
    kept = set(already_funded)
    left = exact(budget) - sum((exact_costs[j] for j in kept), Fraction(0))
    money_left = np.full(len(costs), np.nan)
    selected: list[int] = []
    for j in np.lexsort((np.asarray(tie_rank), -np.asarray(scores, dtype=np.float64))).tolist():
        if j in kept:
            continue
        money_left[j] = float(left)
        if exact_costs[j] <= left:
            selected.append(j)
            left -= exact_costs[j]
    return GreedyResult(np.array(selected, dtype=np.int64), money_left)
