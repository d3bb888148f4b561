"""Judging arithmetic: from judges' marks to a ranking with reasons. No Django.

Marks against a rubric
- `weighted_total(values, weights)`: a judge's mark for one entry is the weighted average of
  their criterion scores, so it stays on the rubric's own scale (1–5 stays 1–5).
- `normalise(marks, min_scores)`: strict and generous judges evened out. `marks` is a
  judges × entries array with NaN where a judge gave no mark. Each judge with at least
  `min_scores` marks gets z-scores (their mark minus their own average, over their own
  standard deviation; a judge who gave everyone the same mark gets 0 everywhere), and the
  z-scores are put back on the rubric's scale: `centre + z × spread`, where `centre` is the
  average of every raw mark and `spread` the pooled standard deviation within judges. A judge
  with fewer marks is left on the raw scale: too few marks say little about how strict they
  are, and the mapping back keeps both kinds of mark comparable (same scale, same centre).
- `trimmed_mean(values, trim)`: the `trim` highest and `trim` lowest marks are left out when
  at least one mark would remain (n > 2 × trim); otherwise the plain mean. Ties among equal
  marks are broken by judge order, so the same judges are always the ones left out.
- `judge_scores(...)` does all of it and returns, per entry, an `EntryOutcome` saying which
  judges counted, which were left out, and each judge's raw and evened-out mark.

Pairwise comparisons
- `bradley_terry(n, outcomes, prior)`: strengths by the MM algorithm (Hunter 2004). A tie counts
  as half a win for each side. Every entry also plays `prior` wins and `prior` losses against a
  fixed average opponent (strength 1): this small prior keeps the strengths finite when an
  entry won (or lost) every comparison, puts separate groups of entries that were never
  compared with each other on one scale, and gives an entry never compared the average.
  The score returned is the log-strength (0 = average).
- `next_pair(candidates, pair_counts, entry_counts)`: the pair to show a judge next.

Ranking
- `competition_ranks(scores, tolerance)`: "1, 2, 2, 4": scores within `tolerance` of the
  best score of their group share its rank; the next rank skips as many places.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

TIE = 0.5


# --- Marks against a rubric -------------------------------------------------------------------


def weighted_total(values: Sequence[float], weights: Sequence[float]) -> float:
    """The weighted average of one judge's criterion scores for one entry."""
    values_a = np.asarray(values, dtype=float)
    weights_a = np.asarray(weights, dtype=float)
    if values_a.shape != weights_a.shape or not len(values_a):
        raise ValueError("Give one score per criterion, and at least one criterion.")
    if np.any(weights_a <= 0):
        raise ValueError("Every criterion's weight must be positive.")
    return float(np.dot(values_a, weights_a) / weights_a.sum())


@dataclass(frozen=True)
class Normalised:
    marks: np.ndarray  # judges × entries, NaN where no mark, on the rubric's scale
    applied: np.ndarray  # per judge: True when their marks were evened out
    centre: float
    spread: float


def normalise(marks: np.ndarray, min_scores: int) -> Normalised:
    """Per-judge z-scores for judges with at least `min_scores` marks, mapped back to the scale
    of the raw marks (see the module's docstring). Judges with fewer marks keep their raw marks."""
    marks = np.asarray(marks, dtype=float)
    given = ~np.isnan(marks)
    counts = given.sum(axis=1)
    out = marks.copy()
    applied = counts >= max(int(min_scores), 1)
    if not given.any():
        return Normalised(out, applied & False, float("nan"), 0.0)
    centre = float(np.nanmean(marks))
    # Pooled within-judge standard deviation: the typical spread of one judge's own marks.
    squares, degrees = 0.0, 0
    means = np.zeros(len(marks))
    stds = np.zeros(len(marks))
    for j in range(len(marks)):
        row = marks[j, given[j]]
        if len(row):
            means[j] = row.mean()
            stds[j] = row.std()
        if len(row) >= 2:
            squares += float(((row - means[j]) ** 2).sum())
            degrees += len(row)
    spread = float(np.sqrt(squares / degrees)) if degrees else 0.0
    for j in np.flatnonzero(applied):
        row = marks[j, given[j]]
        z = (row - means[j]) / stds[j] if stds[j] > 0 else np.zeros_like(row)
        out[j, given[j]] = centre + z * spread
    return Normalised(out, applied, centre, spread)


@dataclass(frozen=True)
class Trimmed:
    value: float  # NaN when there are no values
    kept: tuple[int, ...]  # positions (in the input) that counted
    dropped: tuple[int, ...]  # positions left out as highest or lowest
    trimmed: bool  # False: the plain mean (trim 0, or too few values to trim)


def trimmed_mean(values: Sequence[float], trim: int) -> Trimmed:
    """Mean without the `trim` highest and lowest values, when at least one value remains."""
    values_a = np.asarray(values, dtype=float)
    n = len(values_a)
    if n == 0:
        return Trimmed(float("nan"), (), (), False)
    if trim <= 0 or n <= 2 * trim:
        return Trimmed(float(values_a.mean()), tuple(range(n)), (), False)
    order = np.argsort(values_a, kind="stable")
    dropped = tuple(sorted(int(i) for i in (*order[:trim], *order[n - trim :])))
    kept = tuple(sorted(int(i) for i in order[trim : n - trim]))
    return Trimmed(float(values_a[list(kept)].mean()), kept, dropped, True)


@dataclass(frozen=True)
class Mark:
    judge: int  # row in the marks array
    raw: float
    normalised: float
    evened_out: bool  # the judge had enough marks for normalisation
    counted: bool  # False: left out as one of the highest or lowest


@dataclass(frozen=True)
class EntryOutcome:
    entry: int  # column in the marks array
    score: float  # NaN when no judge marked it
    rank: int | None  # None when unmarked
    tied_with: tuple[int, ...]  # other entries with the same rank
    marks: tuple[Mark, ...]
    trimmed: bool  # highest and lowest marks were left out (else: plain mean)

    @property
    def counted_judges(self) -> tuple[int, ...]:
        return tuple(m.judge for m in self.marks if m.counted)

    @property
    def dropped_judges(self) -> tuple[int, ...]:
        return tuple(m.judge for m in self.marks if not m.counted)


def judge_scores(
    marks: np.ndarray,
    *,
    normalise_marks: bool = True,
    min_scores: int = 5,
    trim: int = 0,
    tolerance: float = 1e-9,
) -> list[EntryOutcome]:
    """Per entry (column of `marks`, judges × entries with NaN where no mark): the score (the
    trimmed mean of the judges' marks, evened out when asked), its rank, and the explanation."""
    marks = np.asarray(marks, dtype=float)
    if marks.ndim != 2:
        raise ValueError("Marks must be a judges × entries table.")
    if normalise_marks:
        evened = normalise(marks, min_scores)
        used, applied = evened.marks, evened.applied
    else:
        used, applied = marks, np.zeros(len(marks), dtype=bool)
    scores = np.full(marks.shape[1], np.nan)
    details = []
    for e in range(marks.shape[1]):
        judges = np.flatnonzero(~np.isnan(marks[:, e]))
        result = trimmed_mean(used[judges, e], trim)
        scores[e] = result.value
        dropped = {int(judges[i]) for i in result.dropped}
        details.append(
            (
                tuple(
                    Mark(int(j), float(marks[j, e]), float(used[j, e]), bool(applied[j]), int(j) not in dropped)
                    for j in judges
                ),
                result.trimmed,
            )
        )
    ranks = competition_ranks(scores, tolerance)
    return [
        EntryOutcome(
            entry=e,
            score=float(scores[e]),
            rank=ranks[e],
            tied_with=tuple(o for o in range(len(scores)) if o != e and ranks[e] is not None and ranks[o] == ranks[e]),
            marks=details[e][0],
            trimmed=details[e][1],
        )
        for e in range(len(scores))
    ]


# --- Ranking ---------------------------------------------------------------------------------


def competition_ranks(scores: Sequence[float], tolerance: float = 1e-9) -> list[int | None]:
    """Higher is better. Entries whose score is within `tolerance` of the best score of their
    group share a rank ("1, 2, 2, 4"); NaN scores get None. The group is measured from its best
    score, so a chain of small differences never ties the first with the last."""
    scores_a = np.asarray(scores, dtype=float)
    ranks: list[int | None] = [None] * len(scores_a)
    order = [int(i) for i in np.argsort(-np.nan_to_num(scores_a, nan=-np.inf), kind="stable")]
    order = [i for i in order if not np.isnan(scores_a[i])]
    place, group_best, group_rank = 0, None, 0
    for i in order:
        place += 1
        if group_best is None or group_best - scores_a[i] > tolerance:
            group_best, group_rank = scores_a[i], place
        ranks[i] = group_rank
    return ranks


# --- Pairwise comparisons --------------------------------------------------------------------


@dataclass(frozen=True)
class Strengths:
    scores: np.ndarray  # log-strength per entry; 0 is the average opponent
    wins: np.ndarray  # wins per entry (a tie counts a half)
    comparisons: np.ndarray  # comparisons per entry
    iterations: int


def bradley_terry(
    n: int,
    outcomes: Iterable[tuple[int, int, float]],
    *,
    prior: float = 0.5,
    tolerance: float = 1e-10,
    max_iterations: int = 10_000,
) -> Strengths:
    """Bradley–Terry strengths from `(i, j, result)` outcomes, `result` 1.0 when i was found
    better, 0.0 when j was, 0.5 for "about the same". MM updates with a prior (see the module's
    docstring); `prior` must be positive for the strengths to be finite in every case."""
    if prior <= 0:
        raise ValueError("The prior must be positive.")
    wins = np.zeros(n)
    games = np.zeros((n, n))
    for i, j, result in outcomes:
        if i == j or not (0 <= i < n and 0 <= j < n):
            raise ValueError(f"Bad pair ({i}, {j}).")
        if result not in (0.0, 0.5, 1.0):
            raise ValueError("A result is 1 (first better), 0 (second better) or 0.5 (about the same).")
        wins[i] += result
        wins[j] += 1.0 - result
        games[i, j] += 1
        games[j, i] += 1
    compared = games.sum(axis=1)
    strengths = np.ones(n)
    iterations = 0
    for iterations in range(1, max_iterations + 1):  # noqa: B007 - the count is returned
        pair_sums = strengths[:, None] + strengths[None, :]
        denominators = (games / pair_sums).sum(axis=1) + 2 * prior / (strengths + 1.0)
        updated = (wins + prior) / denominators
        change = np.max(np.abs(np.log(updated) - np.log(strengths))) if n else 0.0
        strengths = updated
        if change < tolerance:
            break
    return Strengths(np.log(strengths), wins, compared, iterations)


def next_pair(
    candidates: Iterable[tuple[int, int]],
    pair_counts: Mapping[tuple[int, int], int],
    entry_counts: Mapping[int, int],
) -> tuple[int, int] | None:
    """Among the pairs a judge may still compare (each as (smaller id, larger id)), the one
    compared least often by anyone; then the one whose entries were compared least; then the
    lowest ids, so the choice is the same every time."""
    best, best_key = None, None
    for a, b in candidates:
        pair = (min(a, b), max(a, b))
        key = (pair_counts.get(pair, 0), entry_counts.get(pair[0], 0) + entry_counts.get(pair[1], 0), pair)
        if best_key is None or key < best_key:
            best, best_key = pair, key
    return best
