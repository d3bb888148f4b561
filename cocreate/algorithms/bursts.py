"""Emerging issues: bursts of signals against each group's own baseline. No Django.

A group is whatever signals are counted together (a request type, a neighbourhood, or both);
its series holds one count per bin (a day by default). A burst is a run of bins where the group
receives clearly more signals than its own recent past predicts.

Method: the Bayes system of the R `surveillance` package (`algo.bayes`; Höhle 2007,
"surveillance: An R package for the monitoring of infectious diseases", Computational
Statistics 22), made for sparse counts. For bin t the baseline is the `window` bins before t,
leaving out the `guard` bins just before it (as the CDC's EARS C2 does), so that the start of a
burst does not lift its own baseline. With a Gamma(1/2, 0) prior on the rate (`prior_shape`)
and S signals over the n = `window` baseline bins, the rate is Gamma(S + 1/2, n) afterwards and
the count expected in bin t is negative binomial (size S + 1/2, probability n / (n + 1)): a
Poisson whose rate is itself uncertain. A burst starts in bin t when P(count ≥ observed) <
`alpha` under that prediction (algo.bayes alarms when the count reaches the 1 − alpha quantile;
requiring it to exceed the quantile keeps alpha a true bound on false alarms) and at least
`min_count` signals arrived (one report where none is usual is not an emerging issue). Each
group is judged against its own rate, so a busy group is not flagged for being busy, and a quiet
baseline (S = 0) gives a wide prediction rather than a division by zero.

Why this method: a rolling mean ± k standard deviations assumes normal counts and fails on
series that are mostly zeros; a plain Poisson test trusts a baseline of a few signals too much
(four signals in four weeks says the rate is somewhere between 0.3 and 2.4 a week); Kleinberg's
automaton (2002) needs a rate ratio and a state cost that are hard to explain to the people
reading the dashboard. The predictive test has one threshold, a probability, and its parts
(baseline rate, expected, observed) are what the dashboard shows.

Defaults, for daily bins: `window=28` (four weeks, every weekday four times), `guard=2`,
`alpha=1e-3` (strict, as hundreds of groups are tested every day: about one false start per
group in three years of flat traffic), `min_count=3`, `max_gap=1` (a quiet day inside a burst
does not cut it in two). For weekly bins, `window=26, guard=1` is a good start.

Once started, the baseline is frozen at the start bin's, so that a burst which lasts is not
absorbed into its own baseline: the burst goes on while bins still exceed that frozen baseline
at `alpha` (without the `min_count` floor), allowing `max_gap` ordinary bins in between, for at
most `window` bins. A rise that lasts longer than the baseline it is measured against is a new
level, not a burst: by then the trailing baseline holds it, and it starts no new burst.

Each burst reports its group, first and last bin, its peak bin, the baseline rate per bin, the
signals observed and expected over its length, and a score: −log10 of the probability of at
least that many signals over the whole burst under the frozen baseline (the predictive for L
bins is negative binomial with p = n / (n + L)). Bursts come sorted by score, highest first;
ties by group order then start, so the same input always gives the same list.

`count_signals(days, groups, bin_days)` bins dated signals into the per-group series.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats

LN10 = np.log(10.0)


@dataclass(frozen=True)
class CountSeries:
    """Signals per group and bin: `counts[g, b]` is the number in group `groups[g]` during the
    bin starting on `bin_starts[b]` (a `datetime64[D]` array, or plain bin numbers)."""

    groups: tuple[Hashable, ...]
    bin_starts: np.ndarray
    counts: np.ndarray

    @classmethod
    def from_counts(cls, counts: np.ndarray | Sequence[Sequence[int]]) -> CountSeries:
        """Series labelled by position: groups 0, 1, … and bins 0, 1, …"""
        counts_a = np.atleast_2d(np.asarray(counts, dtype=np.int64))
        return cls(tuple(range(counts_a.shape[0])), np.arange(counts_a.shape[1]), counts_a)


@dataclass(frozen=True)
class Burst:
    group: Hashable
    start: object  # first bin's start (a numpy datetime64 or a bin number)
    end: object  # last bin's start
    peak: object  # the bin with the most signals (the first such bin)
    peak_count: int
    baseline_rate: float  # signals per bin expected before the burst: (S + prior_shape) / window
    observed: int  # signals over the whole burst
    expected: float  # baseline_rate × number of bins in the burst
    score: float  # −log10 P(at least `observed` | baseline)


def count_signals(
    days: Sequence | np.ndarray,
    groups: Sequence[Hashable],
    *,
    bin_days: int = 1,
    first_day: np.datetime64 | str | None = None,
    last_day: np.datetime64 | str | None = None,
) -> CountSeries:
    """Bin signals into per-group counts. `days[i]` is signal i's date (anything numpy reads as
    `datetime64`; times are cut to the day), `groups[i]` its group (a label or a tuple such as
    (request type, neighbourhood)). Bins are `bin_days` long from `first_day` (default: the
    earliest signal) to `last_day` (default: the latest); empty bins count 0, signals outside are
    left out. Groups are sorted by label so that the result does not depend on the input order."""
    if bin_days < 1:
        raise ValueError("A bin must be at least one day long.")
    day_a = np.asarray(days, dtype="datetime64[D]")
    if day_a.ndim != 1 or len(day_a) != len(groups):
        raise ValueError("Give one day and one group per signal.")
    if np.isnat(day_a).any():
        raise ValueError("Every signal needs a date.")
    if not len(day_a) and (first_day is None or last_day is None):
        return CountSeries((), np.array([], dtype="datetime64[D]"), np.zeros((0, 0), dtype=np.int64))
    first = np.datetime64(first_day, "D") if first_day is not None else day_a.min()
    last = np.datetime64(last_day, "D") if last_day is not None else day_a.max()
    if last < first:
        raise ValueError("The last day comes before the first day.")
    n_bins = int((last - first).astype(int)) // bin_days + 1
    bin_starts = first + np.arange(n_bins) * np.timedelta64(bin_days, "D")

    labels = sorted(set(groups), key=lambda label: (str(type(label)), label))
    index = {label: i for i, label in enumerate(labels)}
    group_idx = np.fromiter((index[g] for g in groups), dtype=np.int64, count=len(groups))
    bin_idx = (day_a - first).astype(np.int64) // bin_days
    inside = (bin_idx >= 0) & (bin_idx < n_bins)
    counts = np.zeros((len(labels), n_bins), dtype=np.int64)
    np.add.at(counts, (group_idx[inside], bin_idx[inside]), 1)
    return CountSeries(tuple(labels), bin_starts, counts)


def _log_tail(observed: np.ndarray, shape, p: float) -> np.ndarray:
    """log P(X ≥ observed) for X negative binomial (shape, p) in scipy's parametrisation. Far out
    in the tail scipy's logsf underflows to −inf; P(X = observed) is then a close lower bound,
    and its log stays finite, so scores stay finite and comparable."""
    log_sf = stats.nbinom.logsf(observed - 1, shape, p)
    return np.maximum(log_sf, stats.nbinom.logpmf(observed, shape, p))


def find_bursts(
    series: CountSeries,
    *,
    window: int = 28,
    guard: int = 2,
    alpha: float = 1e-3,
    min_count: int = 3,
    max_gap: int = 1,
    prior_shape: float = 0.5,
) -> list[Burst]:
    """Bursts in every group of `series`, highest score first (see the module's docstring).
    The first `window + guard` bins only serve as baseline: nothing is flagged there."""
    if window < 1 or guard < 0 or max_gap < 0 or min_count < 1:
        raise ValueError("The window must be at least one bin; guard, gap and minimum count not negative.")
    if not 0 < alpha < 1:
        raise ValueError("alpha is a probability between 0 and 1.")
    if prior_shape <= 0:
        raise ValueError("The prior's shape must be positive.")
    counts = np.asarray(series.counts, dtype=np.int64)
    if counts.ndim != 2 or counts.shape != (len(series.groups), len(series.bin_starts)):
        raise ValueError("counts must be groups × bins.")
    if (counts < 0).any():
        raise ValueError("Counts cannot be negative.")

    n_groups, n_bins = counts.shape
    first_tested = window + guard
    if n_bins <= first_tested:
        return []
    log_alpha = np.log(alpha)
    # Baseline sum for bin t: bins [t - guard - window, t - guard), read off a running total.
    running = np.concatenate([np.zeros((n_groups, 1), dtype=np.int64), np.cumsum(counts, axis=1)], axis=1)
    tested = np.arange(first_tested, n_bins)
    baseline_sum = running[:, tested - guard] - running[:, tested - guard - window]
    shape = baseline_sum + prior_shape
    p_one = window / (window + 1.0)
    observed = counts[:, tested]
    # The tail probability matters only where something arrived; elsewhere it is 1 (log 0).
    some = observed > 0
    log_tail = np.zeros_like(observed, dtype=float)
    log_tail[some] = _log_tail(observed[some], shape[some], p_one)
    starts = (log_tail < log_alpha) & (observed >= min_count)

    bursts: list[Burst] = []
    for g in range(n_groups):
        row = counts[g]
        next_free = 0
        for k in np.flatnonzero(starts[g]):
            t0 = int(tested[k])
            if t0 < next_free:
                continue
            frozen_shape = float(shape[g, k])
            # The smallest count that exceeds the frozen baseline at alpha.
            threshold = max(int(stats.nbinom.isf(alpha, frozen_shape, p_one)) + 1, 1)
            end, t = t0, t0 + 1
            while t < min(n_bins, t0 + window) and t - end <= max_gap + 1:
                if row[t] >= threshold:
                    end = t
                t += 1
            length = end - t0 + 1
            total = int(row[t0 : end + 1].sum())
            rate = frozen_shape / window
            log_p = float(_log_tail(np.array([total]), frozen_shape, window / (window + length))[0])
            peak = t0 + int(np.argmax(row[t0 : end + 1]))
            bursts.append(
                Burst(
                    group=series.groups[g],
                    start=series.bin_starts[t0],
                    end=series.bin_starts[end],
                    peak=series.bin_starts[peak],
                    peak_count=int(row[peak]),
                    baseline_rate=rate,
                    observed=total,
                    expected=rate * length,
                    score=float(-log_p / LN10),
                )
            )
            next_free = end + 1
    order = {label: i for i, label in enumerate(series.groups)}
    bursts.sort(key=lambda b: (-b.score, order[b.group], b.start))
    return bursts
