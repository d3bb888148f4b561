"""Method of Equal Shares (Peters & Skowron), computed as pabutools 1.2.3 does. No Django.

Every voter starts with an equal share of the budget. Round after round, the project whose
supporters can pay for it at the lowest price per unit of satisfaction (its "rho") is funded,
each supporter paying rho × their satisfaction, or all they have left if that is less. Projects
whose supporters together hold less than the cost can no longer be funded. Ties in rho go to
the project whose id comes first as a string (pabutools' lexicographic tie-breaking).

Completion "add1" (pabutools' `exhaustion_by_budget_increase` with a step of one currency unit
per voter): count again with every share one unit larger, until the result is exhaustive (no
other project fits in the budget) or the next step would overspend the real budget, in which
case the previous result stands. "add1 without stop" ignores exhaustiveness and only stops
before overspending.

Satisfactions are given per ballot entry: with approval ballots pabutools' `Cost_Sat` gives a
project's cost; with points its `Additive_Cardinal_Sat` gives the points, and with rankings its
`Additive_Borda_Sat` the Borda score. Only entries with a positive satisfaction make a supporter.

Arithmetic is in floating point; pabutools uses exact fractions. Two prices within a relative
1e-9 are treated as equal (so exact ties are still broken by id, as pabutools does), and a project
counts as affordable when its supporters hold its cost within the same tolerance. Sums of costs
(feasibility, exhaustiveness) are exact.

Speed. Voters with identical ballots are counted once, with a weight. A round only prices again
the projects whose last known price is not above the best price so far (a price can only rise as
voters spend), and not at all a project none of whose supporters has paid since it was priced. A
price comes from the supporters' budgets in a few vectorised "poor/rich" passes (starting from
those already known to be poor), sorting only when those do not settle.

add1 may need thousands of countings (Budapest 2025: 26,516 one-unit steps). A counting records,
round by round, up to which share it would go exactly the same way (`_Counting`). Steps below the
share where the whole counting stays the same fund the same projects and are skipped; otherwise
the next step reuses the rounds that stay the same and counts only the rest. Where such proofs
keep failing (Toulouse 2024, whose funding order changes at almost every step), it counts plainly
for a while. A property test checks the result against counting every step.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

import numpy as np
import scipy.sparse

TOLERANCE = 1e-9
SAFETY = 1e-6  # a proven range of unchanged results is shrunk by this much before it is used


class Completion(StrEnum):
    NONE = "none"
    ADD1 = "add1"
    ADD1_NO_STOP = "add1-no-stop"


@dataclass(frozen=True, eq=False)
class EqualSharesResult:
    """`selected`: project numbers in the order funded. `payments`: what each ballot entry paid
    (aligned with the `vote_projects` given). `money_left`: per project, what its supporters
    still held at the end. `supported`: per project, whether anyone gave it a positive
    satisfaction. `voter_budget`: each voter's share in the counting that gave this result;
    `increments`: how many one-unit steps completion added to it; `countings`: how many times
    the ballots were counted (skipped steps are not)."""

    selected: np.ndarray
    payments: np.ndarray
    money_left: np.ndarray
    supported: np.ndarray
    voter_budget: float
    increments: int
    countings: int = 1


def exact(value: float) -> Fraction:
    """The decimal number a float was read from ("0.1" → 1/10), for exact sums of costs."""
    return Fraction(repr(float(value)))


class _Supporters:
    """The ballots turned around: for each project, its supporters and their satisfactions.

    Voters who gave the same satisfactions to the same projects are counted as one group with a
    weight (Łódź 2022: 90,494 voters, 23,571 groups): they start with the same share, pay the same
    and keep the same money throughout, so nothing changes but the size of the arrays."""

    def __init__(self, costs: np.ndarray, vote_starts: np.ndarray, vote_projects: np.ndarray, utilities: np.ndarray):
        self.costs = np.asarray(costs, dtype=np.float64)
        self.num_projects = m = len(self.costs)
        self.num_voters = n = len(vote_starts) - 1
        self.num_entries = len(vote_projects)
        vote_projects = np.asarray(vote_projects, dtype=np.int64)
        utilities = np.asarray(utilities, dtype=np.float64)
        voter_of_entry = np.repeat(np.arange(n, dtype=np.int64), np.diff(vote_starts))
        positive = np.flatnonzero(utilities > 0)
        key = voter_of_entry[positive] * max(m, 1) + vote_projects[positive]
        if len(key) > 1 and not (np.diff(key) > 0).all():  # each ballot's entries by project
            positive = positive[np.argsort(key, kind="stable")]
        voter, project, utility = voter_of_entry[positive], vote_projects[positive], utilities[positive]
        entries_of = np.bincount(voter, minlength=n)
        first_entry = np.cumsum(entries_of) - entries_of
        group_of, representative = _groups(voter, project, utility, entries_of, first_entry)
        self.group_of = group_of
        self.num_groups = g = len(representative)
        weight = np.bincount(group_of, minlength=g).astype(np.float64)
        # Each entry's counterpart in its group's representative ballot, and the representatives' entries.
        same = first_entry[representative[group_of[voter]]] + (np.arange(len(voter)) - first_entry[voter])
        kept = np.flatnonzero(same == np.arange(len(voter)))
        kept = kept[np.argsort(project[kept], kind="stable")]  # by project
        self.voters = group_of[voter[kept]]  # group numbers, by project
        self.utility = utility[kept]
        self.weight = weight[self.voters]
        self.weighted_utility = self.weight * self.utility
        self.project_of = project[kept]
        self.starts = np.zeros(m + 1, dtype=np.int64)
        np.cumsum(np.bincount(self.project_of, minlength=m), out=self.starts[1:])
        self.total_utility = np.bincount(self.project_of, weights=self.weighted_utility, minlength=m)
        self.supported = self.total_utility > 0
        self.free = [j for j in range(m) if self.supported[j] and self.costs[j] == 0]
        self.candidates = [j for j in range(m) if self.supported[j] and self.costs[j] > 0]
        self.initial_rho = np.full(m, np.inf)
        for j in self.candidates:
            self.initial_rho[j] = self.costs[j] / self.total_utility[j]
        # Which projects have a supporter in common (funding one changes the other's price).
        ballots = scipy.sparse.csr_array((np.ones(len(self.voters)), (self.voters, self.project_of)), shape=(g, m))
        self.shares_voters_with = (ballots.T @ ballots).toarray() > 0
        # For each supporter entry of the ballots as given, its group's entry (to report payments).
        position = np.empty(len(voter), dtype=np.int64)
        position[kept] = np.arange(len(kept))
        self.entry = positive
        self.entry_in_group = position[same]

    def of(self, project: int) -> tuple[int, int, np.ndarray]:
        a, b = self.starts[project], self.starts[project + 1]
        return a, b, self.voters[a:b]


def _groups(
    voter: np.ndarray, project: np.ndarray, utility: np.ndarray, entries_of: np.ndarray, first_entry: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Number the voters so that two voters get the same number exactly when they have the same
    (project, satisfaction) entries; and one voter of each number (its first). Entries come by
    voter, then project. Voters are grouped by a 64-bit fingerprint of their entries, then each
    voter is compared entry by entry with the first of its group; should two different ballots
    share a fingerprint, the ballots are compared whole instead."""
    with np.errstate(over="ignore"):
        mixed = (project.astype(np.uint64) + np.uint64(1)) * np.uint64(0x9E3779B97F4A7C15)
        mixed ^= utility.view(np.uint64) * np.uint64(0xC2B2AE3D27D4EB4F)
        mixed ^= mixed >> np.uint64(29)
        mixed *= np.uint64(0xBF58476D1CE4E5B9)
        fingerprint = entries_of.astype(np.uint64) * np.uint64(0x94D049BB133111EB)
        voting = np.flatnonzero(entries_of)
        if len(voting):
            fingerprint[voting] += np.add.reduceat(mixed, first_entry[voting])
    _, representative, group_of = np.unique(fingerprint, return_index=True, return_inverse=True)
    group_of = group_of.reshape(-1)
    first = representative[group_of]
    same = first_entry[first[voter]] + (np.arange(len(voter)) - first_entry[voter])
    if (entries_of[first] == entries_of).all():
        if (project[same] == project).all() and (utility[same] == utility).all():
            return group_of, representative
    return _groups_by_comparing(voter, project, utility, first_entry)


def _groups_by_comparing(
    voter: np.ndarray, project: np.ndarray, utility: np.ndarray, first_entry: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The same, comparing the ballots whole (slower: one dictionary entry per voter)."""
    records = np.empty(len(voter), dtype=[("project", "<i8"), ("utility", "<f8")])
    records["project"], records["utility"] = project, utility
    data, size = records.tobytes(), records.itemsize
    bounds = (np.concatenate([first_entry, [len(voter)]]) * size).tolist()
    numbers: dict[bytes, int] = {}
    group_of = [numbers.setdefault(data[bounds[v] : bounds[v + 1]], len(numbers)) for v in range(len(first_entry))]
    group_of = np.array(group_of, dtype=np.int64)
    return group_of, np.unique(group_of, return_index=True)[1]


def _price(
    held: np.ndarray, s: _Supporters, project: int, poor: np.ndarray | None, floor: float
) -> tuple[float, np.ndarray | None]:
    """The smallest rho such that `project`'s supporters, holding `held`, pay its cost when each
    pays min(budget, rho × satisfaction); and who is "poor" at that price (pays all they have),
    None when nobody is. Assumes they hold enough. Known to start with: who was poor when it was
    last priced in this counting (budgets only fall and prices only rise, so they still are), and
    a lower bound `floor` on the price (whoever cannot pay that is poor)."""
    a, b = s.starts[project], s.starts[project + 1]
    utility = s.utility[a:b]
    lowest = float(s.initial_rho[project])  # everyone paying: cost over total satisfaction
    below = held < max(lowest, floor) * utility
    if poor is None:
        if not below.any():
            return lowest, None
        poor = below
    else:
        poor = poor | below
    weight, weighted_utility, cost = s.weight[a:b], s.weighted_utility[a:b], s.costs[project]
    for _ in range(4):
        rich_utility = float(weighted_utility[~poor].sum())
        if rich_utility <= 0:
            break
        rho = (cost - float(held[poor] @ weight[poor])) / rich_utility
        now_poor = held < rho * utility
        if np.array_equal(now_poor, poor):
            return rho, poor
        poor = now_poor
    rho = _price_by_sorting(held, utility, weight, cost)
    return rho, held < rho * utility


def _price_by_sorting(held: np.ndarray, utility: np.ndarray, weight: np.ndarray, cost: float) -> float:
    """The same, walking the supporters from the poorest (budget per unit of satisfaction)."""
    ratio = held / utility
    order = np.argsort(ratio, kind="stable")
    ratio = ratio[order]
    money = held[order] * weight[order]
    paid_before = np.cumsum(money) - money
    utility_from = np.cumsum((utility * weight)[order][::-1])[::-1]
    rhos = (cost - paid_before) / utility_from
    fits = rhos <= ratio
    return float(rhos[np.argmax(fits)]) if fits.any() else float(ratio[-1])


@dataclass
class _Round:
    """What one round did, and how to undo it."""

    winner: int | None
    removed: list[int]  # projects that left the race this round (the winner and the unaffordable)
    share: float  # the share it was counted at (budgets, stale and fall below are for that share)
    who: np.ndarray | None = None  # the winner's supporters (groups)…
    budgets_before: np.ndarray | None = None  # …and their budgets and slopes before paying
    slopes_before: np.ndarray | None = None
    stale: np.ndarray | None = None  # price bounds after the round
    fall: np.ndarray | None = None
    valid_until: float = np.inf  # this round and all before it go the same way for shares below this


class _Counting:
    """Equal shares at one share per voter, kept so that a larger share can resume from the
    rounds that provably go the same way.

    Within a range of shares where every round funds the same project and the same supporters
    pay all they have, each budget is an affine function of the share: `budgets + slopes × extra`
    (poor supporters end at 0, slope 0; the others keep what the price leaves, and a price falls
    by `fall` × extra as its poor supporters gain money). Each round records up to which share
    this holds, checking that (1) the winner's poor supporters stay poor, (2) no other project's
    lower price bound (`stale − fall × extra`, valid however the budgets grow) meets the winner's
    price, and (3) unaffordable projects stay unaffordable. A larger share then starts after the
    last valid round, from the budgets shifted along their slopes.
    """

    def __init__(
        self, s: _Supporters, share: float, tie_rank: np.ndarray, *, keep_payments: bool = False, certify: bool = True
    ):
        self.s, self.tie_rank, self.certify = s, tie_rank, certify
        self.dirty = np.ones(s.num_projects, dtype=bool)  # projects whose price must be computed again
        self.poor_at: list[np.ndarray | None] = [None] * s.num_projects  # who was poor at its last price
        self.share = share
        self.budgets = np.full(s.num_groups, share)
        self.slopes = np.ones(s.num_groups)
        self.stale = s.initial_rho.copy()  # a lower bound on each project's current price
        self.fall = np.zeros(s.num_projects)  # how fast that bound may fall as the share grows
        self.alive = np.zeros(s.num_projects, dtype=bool)
        self.alive[s.candidates] = True
        self.selected: list[int] = list(s.free)
        self.rounds: list[_Round] = []
        self.paid = np.zeros(len(s.voters)) if keep_payments else None
        self._run()

    @property
    def unchanged_until(self) -> float:
        """The same projects are funded in the same order for every share below this."""
        return self.rounds[-1].valid_until if self.rounds else np.inf

    def raise_share(self, extra: float) -> int:
        """Count again with every share `extra` larger, reusing the rounds that stay the same.
        Returns how many rounds were reused."""
        new_share = self.share + extra
        kept = 0
        while kept < len(self.rounds) and self.rounds[kept].valid_until > new_share + SAFETY * extra:
            kept += 1
        for record in reversed(self.rounds[kept:]):
            if record.who is not None:
                self.budgets[record.who] = record.budgets_before + (self.share - record.share) * record.slopes_before
                self.slopes[record.who] = record.slopes_before
                self.selected.pop()
            self.alive[record.removed] = True
        del self.rounds[kept:]
        self.budgets += extra * self.slopes
        if kept:
            last = self.rounds[-1]
            self.stale, self.fall = last.stale.copy(), last.fall.copy()
            with np.errstate(invalid="ignore"):
                self.stale -= (new_share - last.share) * self.fall
        else:
            self.stale, self.fall = self.s.initial_rho.copy(), np.zeros(self.s.num_projects)
        self.stale[np.isnan(self.stale)] = -np.inf
        self.dirty[:] = True
        self.poor_at = [None] * self.s.num_projects  # with more money, fewer may be poor
        self.share = new_share
        self._run()
        return kept

    def _run(self) -> None:
        s, budgets, slopes, stale, fall, alive = self.s, self.budgets, self.slopes, self.stale, self.fall, self.alive
        costs, starts, voters, weight, utility = s.costs, s.starts, s.voters, s.weight, s.utility
        certify, dirty, poor_at = self.certify, self.dirty, self.poor_at
        valid = self.rounds[-1].valid_until if self.rounds else np.inf
        while alive.any():
            order = np.flatnonzero(alive)
            order = order[np.argsort(stale[order], kind="stable")].tolist()
            best = np.inf
            priced: list[int] = []
            removed: list[int] = []
            for j in order:
                if stale[j] > best * (1 + TOLERANCE):
                    break
                if not dirty[j]:  # no supporter has paid since it was priced: its price is exact
                    best = min(best, stale[j])
                    priced.append(j)
                    continue
                a, b = starts[j], starts[j + 1]
                who = voters[a:b]
                held = budgets[who]
                available = float(held @ weight[a:b])
                if available < costs[j] * (1 - TOLERANCE):
                    removed.append(j)
                    if certify:
                        growth = float(slopes[who] @ weight[a:b])
                        if growth > 0:
                            valid = min(valid, self.share + (costs[j] * (1 - TOLERANCE) - available) / growth)
                    continue
                rho, poor = _price(held, s, j, poor_at[j], stale[j])
                poor_at[j] = poor
                stale[j] = rho
                dirty[j] = False
                if certify:
                    if poor is None:
                        fall[j] = 0.0
                    else:
                        rich_utility = float(s.weighted_utility[a:b][~poor].sum())
                        gain = float(slopes[who][poor] @ weight[a:b][poor])
                        fall[j] = gain / rich_utility if rich_utility > 0 else np.inf
                best = min(best, rho)
                priced.append(j)
            alive[removed] = False
            if not priced:
                if certify:
                    final = _Round(None, removed, self.share, stale=stale.copy(), fall=fall.copy(), valid_until=valid)
                    self.rounds.append(final)
                break
            tied = [j for j in priced if stale[j] <= best * (1 + TOLERANCE)]
            winner = min(tied, key=self.tie_rank.__getitem__)
            rho = float(stale[winner])
            alive[winner] = False
            removed.append(winner)
            a, b = starts[winner], starts[winner + 1]
            who = voters[a:b]
            held = budgets[who]
            u = utility[a:b]
            pay = np.minimum(held, rho * u)
            if certify:
                poor = held < rho * u
                falls = fall[winner]
                record = _Round(winner, removed, self.share, who, held, slopes[who])
                # How far the share may grow with this round unchanged.
                if not np.isfinite(falls):
                    valid = min(valid, self.share)
                else:
                    if poor.any():
                        gap = held[poor] - rho * u[poor]  # negative: they cannot pay the price
                        closing = slopes[who][poor] + falls * u[poor]
                        moving = closing > 0
                        if moving.any():
                            valid = min(valid, self.share + float((-gap[moving] / closing[moving]).min()))
                    lead = _lead_lasts_for(winner, rho, falls, alive, stale, fall, self.tie_rank)
                    valid = min(valid, self.share + lead)
                new_slopes = slopes[who] + falls * u if np.isfinite(falls) else slopes[who].copy()
                new_slopes[poor] = 0.0
                slopes[who] = new_slopes
            budgets[who] = held - pay
            dirty |= s.shares_voters_with[winner]
            if self.paid is not None:
                self.paid[a:b] = pay
            self.selected.append(winner)
            if certify:
                record.stale, record.fall, record.valid_until = stale.copy(), fall.copy(), valid
                self.rounds.append(record)


def _lead_lasts_for(chosen: int, rho: float, falls: float, alive, stale, fall, tie_rank) -> float:
    """How much the share may grow before another project's lower price bound meets the price of
    `chosen` (which falls by `falls` per unit). A project that wins ties against it must stay
    clearly above; one that loses them may come level."""
    others = np.flatnonzero(alive)
    if not len(others):
        return np.inf
    margin = np.where(tie_rank[others] < tie_rank[chosen], 1 + 2 * TOLERANCE, 1 - TOLERANCE / 2)
    ahead = stale[others] - margin * rho
    closing = fall[others] - margin * falls
    if (ahead < 0).any() or np.isnan(closing).any():
        return 0.0
    catching = closing > 0
    if not catching.any():
        return np.inf
    return float((ahead[catching] / closing[catching]).min())


def equal_shares(
    costs: np.ndarray,
    budget: float,
    vote_starts: np.ndarray,
    vote_projects: np.ndarray,
    utilities: np.ndarray,
    *,
    tie_rank: np.ndarray,
    completion: Completion = Completion.NONE,
) -> EqualSharesResult:
    """Method of Equal Shares over ballots in compressed form: voter i's entries are
    `vote_projects[vote_starts[i]:vote_starts[i + 1]]` with satisfactions `utilities` (same
    positions). `tie_rank[j]` orders projects for ties (0 = first). See the module docstring."""
    return equal_shares_completions(
        costs, budget, vote_starts, vote_projects, utilities, tie_rank=tie_rank, completions=[completion]
    )[completion]


def equal_shares_completions(
    costs: np.ndarray,
    budget: float,
    vote_starts: np.ndarray,
    vote_projects: np.ndarray,
    utilities: np.ndarray,
    *,
    tie_rank: np.ndarray,
    completions: list[Completion],
) -> dict[Completion, EqualSharesResult]:
    """The same for several completions at once: the ballots are prepared once, and one sweep of
    raised shares serves both add1 variants (without the stop, it goes on where add1 stops)."""
    s = _Supporters(costs, vote_starts, vote_projects, utilities)
    n = s.num_voters
    tie_rank = np.asarray(tie_rank)
    results: dict[Completion, EqualSharesResult] = {}
    if n == 0:
        return {completion: _result(s, None, 0.0, 0, 0) for completion in completions}
    if Completion.NONE in completions:
        counting = _Counting(s, budget / n, tie_rank, keep_payments=True, certify=False)
        results[Completion.NONE] = _result(s, counting, budget / n, 0, 1)
    wanted = [c for c in completions if c != Completion.NONE]
    if wanted:
        steps, countings = _add1_steps(s, budget, tie_rank, go_on=Completion.ADD1_NO_STOP in wanted)
        for completion in wanted:
            step = steps[completion]
            if step is None:  # even the first counting overspent (cannot happen with exact arithmetic)
                results[completion] = _result(s, None, budget / n, 0, countings)
                continue
            share = (budget + step * n) / n
            counting = _Counting(s, share, tie_rank, keep_payments=True, certify=False)
            results[completion] = _result(s, counting, share, step, countings + 1)
    return results


def _add1_steps(s: _Supporters, budget: float, tie_rank: np.ndarray, *, go_on: bool):
    """The number of one-unit steps whose counting pabutools returns, for add1 and (with `go_on`)
    add1 without the stop at an exhaustive result; and how many countings it took."""
    n = s.num_voters
    exact_costs = [exact(c) for c in s.costs]
    limit = exact(budget)
    cheapest_first = sorted(range(s.num_projects), key=exact_costs.__getitem__)

    def exhaustive(selected: list[int], total: Fraction) -> bool:
        chosen = set(selected)
        cheapest = next((exact_costs[j] for j in cheapest_first if j not in chosen), None)
        return cheapest is None or total + cheapest > limit

    # pabutools stops once the raised budget would exceed budget × (voters + 1), i.e. after `budget` steps.
    last_step = int(np.floor(budget))
    counting = _Counting(s, budget / n, tie_rank)
    previous: int | None = None
    steps: dict[Completion, int | None] = {}
    step, countings = 0, 1
    # Proofs cost about as much as the counting itself. Where they keep failing (results change
    # at almost every step, as in Toulouse 2024), count plainly for a while, then try again.
    failures, plain_for, plain_left = 0, 4, 0
    while True:
        total = sum((exact_costs[j] for j in counting.selected), Fraction(0))
        if total > limit:
            break
        previous = step
        if Completion.ADD1 not in steps and exhaustive(counting.selected, total):
            steps[Completion.ADD1] = step
            if not go_on:
                break
        same = 0
        if counting.certify:
            # Shares that provably fund the same projects need not be counted: same cost, and
            # no more exhaustive than this one.
            room = counting.unchanged_until - counting.share
            same = last_step - step if not np.isfinite(room) else int(np.ceil(room * (1 - SAFETY))) - 1
            same = min(max(same, 0), last_step - step)
            previous = step + same
        if step + same + 1 > last_step:
            break
        step += same + 1
        countings += 1
        share = (budget + step * n) / n
        if plain_left > 1:
            plain_left -= 1
            counting = _Counting(s, share, tie_rank, certify=False)
        elif plain_left == 1:
            plain_left = 0
            counting = _Counting(s, share, tie_rank)
        else:
            rounds = len(counting.rounds)
            kept = counting.raise_share(share - counting.share)
            failures = 0 if same or kept * 2 >= rounds else failures + 1
            if failures >= 2:
                failures, plain_left, plain_for = 0, plain_for, min(2 * plain_for, 64)
            elif failures == 0:
                plain_for = 4
    steps.setdefault(Completion.ADD1, previous)
    steps[Completion.ADD1_NO_STOP] = previous
    return steps, countings


def _result(s: _Supporters, counting: _Counting | None, share, increments, countings) -> EqualSharesResult:
    payments = np.zeros(s.num_entries)
    money_left = np.zeros(s.num_projects)
    selected: list[int] = []
    if counting is not None:
        selected = counting.selected
        if counting.paid is not None and len(counting.paid):
            payments[s.entry] = counting.paid[s.entry_in_group]
        if len(s.voters):
            held = s.weight * counting.budgets[s.voters]
            money_left = np.bincount(s.project_of, weights=held, minlength=s.num_projects)
    return EqualSharesResult(
        selected=np.array(selected, dtype=np.int64),
        payments=payments,
        money_left=money_left,
        supported=s.supported,
        voter_budget=share,
        increments=increments,
        countings=countings,
    )
