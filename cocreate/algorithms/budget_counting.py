"""Counting a participatory budget: which projects are funded, and why the others are not. No Django.

`count(election, rule)` is the entry point (`count_rules` counts with several rules at once,
sharing the work). An `Election` is plain arrays (from a Pabulib file, `cocreate.algorithms.pabulib`,
or from the database); an `Outcome` says which projects are funded and, for each project, a
reason code the results page turns into words.

A project's score on one ballot: approval and choose-1 → 1 if chosen; cumulative and scoring →
the points given; ordinal → the Borda score (ballot length − position − 1, as pabutools).

Rules (the `Rule` values are what `cocreate budget count --rule` accepts):
- greedy: by total score, fund each project that still fits (`greedy.py`);
- mes: Method of Equal Shares (`equal_shares.py`); satisfaction = cost for approval ballots
  (pabutools' Cost_Sat), the score for points and rankings;
- mes-add1: MES, raising every voter's share one currency unit at a time until the result is
  exhaustive or the next step would overspend;
- mes-add1-no-stop: the same, stopping only before overspending;
- mes-greedy: MES, then greedy with the money left.
Only the rule is applied: a file's own extra limits (category caps, score thresholds) are not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from cocreate.algorithms.equal_shares import Completion, equal_shares_completions, exact
from cocreate.algorithms.greedy import greedy


class VoteType(StrEnum):
    APPROVAL = "approval"
    CHOOSE_1 = "choose-1"
    CUMULATIVE = "cumulative"
    SCORING = "scoring"
    ORDINAL = "ordinal"


class Rule(StrEnum):
    GREEDY = "greedy"
    MES = "mes"
    MES_ADD1 = "mes-add1"
    MES_ADD1_NO_STOP = "mes-add1-no-stop"
    MES_GREEDY = "mes-greedy"


class Reason(StrEnum):
    """Why a project is or is not funded."""

    FUNDED = "funded"  # chosen by the rule itself (greedy's pass, or equal shares)
    FUNDED_WITH_MONEY_LEFT = "funded-with-money-left"  # chosen by the greedy completion after equal shares
    DID_NOT_FIT = "did-not-fit"  # when its turn came, it cost more than the budget left
    SUPPORTERS_RAN_OUT = "supporters-ran-out"  # equal shares: its supporters had less money left than its cost
    NO_SUPPORT = "no-support"  # no ballot gave it a positive score (equal shares never considers it)


class ElectionError(ValueError):
    """The arrays given to `count` do not describe ballots (wrong lengths, unknown projects…)."""


@dataclass(frozen=True, eq=False)
class Election:
    """The ballots of one budget. Projects are numbered 0…m-1; voter i's ballot is
    `vote_projects[vote_starts[i]:vote_starts[i + 1]]`, in the voter's order (preference order
    for ordinal ballots), with `vote_points` at the same positions for cumulative and scoring
    ballots. `project_ids` break ties: the id that comes first as a string wins."""

    project_ids: Sequence[str]
    costs: np.ndarray
    budget: float
    vote_type: VoteType
    vote_starts: np.ndarray
    vote_projects: np.ndarray
    vote_points: np.ndarray | None = None

    @property
    def num_projects(self) -> int:
        return len(self.project_ids)

    @property
    def num_voters(self) -> int:
        return len(self.vote_starts) - 1

    def check(self) -> None:
        m, starts, projects = self.num_projects, np.asarray(self.vote_starts), np.asarray(self.vote_projects)
        costs = np.asarray(self.costs, dtype=np.float64)
        if len(costs) != m:
            raise ElectionError(f"{len(costs)} costs for {m} projects")
        if not np.isfinite(costs).all() or (costs < 0).any():
            raise ElectionError("every cost must be a number, zero or more")
        if not np.isfinite(self.budget) or self.budget < 0:
            raise ElectionError("the budget must be a number, zero or more")
        if len(starts) < 1 or starts[0] != 0 or starts[-1] != len(projects) or (np.diff(starts) < 0).any():
            raise ElectionError("vote_starts must rise from 0 to the number of ballot entries")
        if len(projects) and (projects.min() < 0 or projects.max() >= m):
            raise ElectionError("a ballot names a project that does not exist")
        if self.vote_type in (VoteType.CUMULATIVE, VoteType.SCORING):
            if self.vote_points is None or len(self.vote_points) != len(projects):
                raise ElectionError(f"{self.vote_type} ballots need points for every entry")
        if len(projects):
            keys = np.sort(np.repeat(np.arange(self.num_voters, dtype=np.int64), np.diff(starts)) * m + projects)
            if (keys[1:] == keys[:-1]).any():
                raise ElectionError("a ballot names the same project twice")

    def scores(self) -> np.ndarray:
        """Each ballot entry's score (aligned with `vote_projects`)."""
        entries = len(self.vote_projects)
        if self.vote_type in (VoteType.APPROVAL, VoteType.CHOOSE_1):
            return np.ones(entries)
        if self.vote_type in (VoteType.CUMULATIVE, VoteType.SCORING):
            return np.asarray(self.vote_points, dtype=np.float64)
        lengths = np.diff(self.vote_starts)
        position = np.arange(entries) - np.repeat(self.vote_starts[:-1], lengths)
        return (np.repeat(lengths, lengths) - position - 1).astype(np.float64)

    def satisfactions(self, scores: np.ndarray | None = None) -> np.ndarray:
        """What equal shares counts as each entry's satisfaction: the cost for approval ballots
        (pabutools' Cost_Sat), the score otherwise."""
        if self.vote_type in (VoteType.APPROVAL, VoteType.CHOOSE_1):
            return np.asarray(self.costs, dtype=np.float64)[self.vote_projects]
        return self.scores() if scores is None else scores

    def tie_rank(self) -> np.ndarray:
        """Each project's place when ids are sorted as strings (0 = first, wins ties)."""
        rank = np.empty(self.num_projects, dtype=np.int64)
        rank[sorted(range(self.num_projects), key=self.project_ids.__getitem__)] = np.arange(self.num_projects)
        return rank


@dataclass(frozen=True, eq=False)
class Outcome:
    """The result of counting.

    - `selected`: project numbers in the order they were funded; `cost`: their total cost.
    - `reasons[j]`: a `Reason` for every project; `funding_order[j]`: 0 for the first funded, …,
      -1 if not funded.
    - `scores[j]`: total score (approval: number of ballots choosing it); `supporters[j]`:
      ballots giving it a positive score.
    - `money_left[j]`: greedy → budget left when its turn came; equal shares → what its
      supporters still held at the end (for the projects not funded, compare with the cost).
    - Equal shares only: `voter_budget` (each voter's share, after add1 raises), `increments`
      (one-unit raises), `payments` (what each ballot entry paid, aligned with
      `election.vote_projects`); see `paid_by_voters()` and `spent_by_voter()`.
    """

    rule: Rule
    selected: np.ndarray
    cost: float
    reasons: list[Reason]
    funding_order: np.ndarray
    scores: np.ndarray
    supporters: np.ndarray
    money_left: np.ndarray
    voter_budget: float | None = None
    increments: int = 0
    payments: np.ndarray | None = None
    vote_projects: np.ndarray | None = None
    vote_starts: np.ndarray | None = None

    def selected_ids(self, project_ids: Sequence[str]) -> list[str]:
        """Ids of the funded projects, sorted as strings."""
        return sorted(project_ids[j] for j in self.selected)

    def paid_by_voters(self) -> np.ndarray:
        """Per project, the total its voters paid under equal shares (zeros for greedy)."""
        if self.payments is None:
            return np.zeros(len(self.reasons))
        return np.bincount(self.vote_projects, weights=self.payments, minlength=len(self.reasons))

    def spent_by_voter(self) -> np.ndarray:
        """Per voter, the total they paid under equal shares (empty for greedy)."""
        if self.payments is None or self.vote_starts is None:
            return np.zeros(0)
        lengths = np.diff(self.vote_starts)
        voter_of_entry = np.repeat(np.arange(len(lengths)), lengths)
        return np.bincount(voter_of_entry, weights=self.payments, minlength=len(lengths))


def count(election: Election, rule: Rule | str) -> Outcome:
    """Count `election` with `rule`. Raises ElectionError for arrays that are not ballots and
    ValueError for an unknown rule."""
    rule = Rule(rule)
    return count_rules(election, [rule])[rule]


COMPLETIONS = {
    Rule.MES: Completion.NONE,
    Rule.MES_GREEDY: Completion.NONE,
    Rule.MES_ADD1: Completion.ADD1,
    Rule.MES_ADD1_NO_STOP: Completion.ADD1_NO_STOP,
}


def count_rules(election: Election, rules: Sequence[Rule | str]) -> dict[Rule, Outcome]:
    """Count `election` with several rules, sharing the work (one sweep of raised shares serves
    both add1 variants; equal shares is counted once for mes and mes-greedy)."""
    rules = [Rule(rule) for rule in rules]
    election.check()
    m = election.num_projects
    costs = np.asarray(election.costs, dtype=np.float64)
    projects = np.asarray(election.vote_projects, dtype=np.int64)
    entry_scores = election.scores()
    scores = np.bincount(projects, weights=entry_scores, minlength=m)
    supporters = np.bincount(projects[entry_scores > 0], minlength=m)
    tie_rank = election.tie_rank()
    outcomes: dict[Rule, Outcome] = {}

    if Rule.GREEDY in rules:
        result = greedy(costs, election.budget, scores, tie_rank=tie_rank)
        reasons = [Reason.DID_NOT_FIT] * m
        for j in result.selected:
            reasons[j] = Reason.FUNDED
        outcomes[Rule.GREEDY] = _outcome(
            Rule.GREEDY, election, result.selected, reasons, scores, supporters, result.money_left
        )

    completions = list(dict.fromkeys(COMPLETIONS[rule] for rule in rules if rule != Rule.GREEDY))
    if completions:
        counted = equal_shares_completions(
            costs,
            election.budget,
            np.asarray(election.vote_starts),
            projects,
            election.satisfactions(entry_scores),
            tie_rank=tie_rank,
            completions=completions,
        )
    for rule in rules:
        if rule == Rule.GREEDY:
            continue
        shares = counted[COMPLETIONS[rule]]
        reasons = [Reason.SUPPORTERS_RAN_OUT if shares.supported[j] else Reason.NO_SUPPORT for j in range(m)]
        for j in shares.selected:
            reasons[j] = Reason.FUNDED
        selected = shares.selected
        if rule == Rule.MES_GREEDY:
            extra = greedy(costs, election.budget, scores, tie_rank=tie_rank, already_funded=selected.tolist())
            for j in range(m):
                if reasons[j] != Reason.FUNDED:
                    reasons[j] = Reason.DID_NOT_FIT
            for j in extra.selected:
                reasons[j] = Reason.FUNDED_WITH_MONEY_LEFT
            selected = np.concatenate([selected, extra.selected])
        outcomes[rule] = _outcome(
            rule,
            election,
            selected,
            reasons,
            scores,
            supporters,
            shares.money_left,
            voter_budget=shares.voter_budget,
            increments=shares.increments,
            payments=shares.payments,
        )
    return {rule: outcomes[rule] for rule in rules}


def _outcome(rule, election, selected, reasons, scores, supporters, money_left, **shares) -> Outcome:
    order = np.full(election.num_projects, -1, dtype=np.int64)
    order[selected] = np.arange(len(selected))
    total = sum((exact(election.costs[j]) for j in selected), exact(0))
    return Outcome(
        rule=rule,
        selected=np.asarray(selected, dtype=np.int64),
        cost=float(total),
        reasons=reasons,
        funding_order=order,
        scores=scores,
        supporters=supporters,
        money_left=money_left,
        vote_projects=np.asarray(election.vote_projects) if "payments" in shares else None,
        vote_starts=np.asarray(election.vote_starts) if "payments" in shares else None,
        **shares,
    )
