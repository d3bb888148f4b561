"""Bursts against each group's own baseline: flat series stay quiet, a spike is found where it is,
the level of traffic alone creates nothing, and the same input always gives the same list."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from cocreate.algorithms.bursts import CountSeries, count_signals, find_bursts

rates = st.floats(0.05, 40.0)
seeds = st.integers(0, 2**32 - 1)


def flat(rate: float, seed: int, bins: int = 365, groups: int = 1) -> np.ndarray:
    return np.random.default_rng(seed).poisson(rate, size=(groups, bins))


@settings(max_examples=40, deadline=None)
@given(rate=rates, seed=seeds)
def test_a_flat_poisson_series_gives_few_bursts_at_a_strict_threshold(rate, seed):
    counts = flat(rate, seed, groups=4)
    bursts = find_bursts(CountSeries.from_counts(counts), alpha=1e-4)
    # 4 × 335 tested bins at 1e-4: about 0.13 expected; the predictive's wider tail makes it fewer.
    assert len(bursts) <= 2


@settings(max_examples=40, deadline=None)
@given(rate=st.floats(0.05, 10.0), seed=seeds, where=st.integers(40, 350), length=st.integers(1, 5))
def test_an_injected_spike_is_found_where_it_is(rate, seed, where, length):
    counts = flat(rate, seed)
    extra = max(10, int(8 * rate))
    counts[0, where : where + length] += extra
    bursts = find_bursts(CountSeries.from_counts(counts), alpha=1e-4)
    assert bursts, "the spike was missed"
    top = bursts[0]
    assert top.start == where
    assert where <= top.peak <= top.end <= where + length - 1 + 2  # may run on into noise briefly
    assert top.observed >= extra * length
    assert top.observed > top.expected


@settings(max_examples=30, deadline=None)
@given(rate=st.floats(0.2, 5.0), factor=st.integers(2, 50), seed=seeds)
def test_more_traffic_alone_creates_no_burst(rate, factor, seed):
    """The same flat process at `factor` times the volume: judged against its own baseline, it
    stays as quiet as the original."""
    counts = np.vstack([flat(rate, seed), flat(rate * factor, seed + 1)])
    bursts = find_bursts(CountSeries.from_counts(counts), alpha=1e-4)
    assert len([b for b in bursts if b.group == 1]) <= 1


def test_a_steady_rise_in_level_is_not_flagged_once_it_is_the_baseline():
    counts = np.full((1, 200), 5)
    counts[0, 100:] = 50
    bursts = find_bursts(CountSeries.from_counts(counts))
    assert len(bursts) == 1 and bursts[0].start == 100
    assert bursts[0].end == 100 + 28 - 1  # a burst lasts at most a baseline window; then it is the new level


@settings(max_examples=20, deadline=None)
@given(rate=rates, seed=seeds)
def test_the_same_input_gives_the_same_bursts(rate, seed):
    counts = flat(rate, seed, groups=3)
    counts[1, 100] += 30
    first = find_bursts(CountSeries.from_counts(counts))
    again = find_bursts(CountSeries.from_counts(counts.copy()))
    assert first == again
    assert [b.score for b in first] == sorted((b.score for b in first), reverse=True)


def test_a_single_report_where_none_is_usual_is_not_a_burst():
    counts = np.zeros((1, 100), dtype=int)
    counts[0, 60] = 1
    counts[0, 80] = 2
    assert find_bursts(CountSeries.from_counts(counts)) == []
    counts[0, 90] = 3
    (burst,) = find_bursts(CountSeries.from_counts(counts))
    assert (burst.start, burst.end, burst.peak_count) == (90, 90, 3)


def test_a_lasting_burst_is_measured_against_the_baseline_before_it():
    counts = np.full((1, 120), 2)
    counts[0, 60:70] = 12
    (burst,) = find_bursts(CountSeries.from_counts(counts))
    assert (burst.start, burst.end, burst.observed) == (60, 69, 120)
    assert burst.baseline_rate == pytest.approx(2.0, abs=0.05)
    assert burst.expected == pytest.approx(10 * burst.baseline_rate)


def test_series_shorter_than_the_baseline_give_nothing():
    assert find_bursts(CountSeries.from_counts([[0, 9, 50]])) == []


def test_bad_parameters_are_refused():
    series = CountSeries.from_counts([[1, 2, 3]])
    with pytest.raises(ValueError):
        find_bursts(series, alpha=0)
    with pytest.raises(ValueError):
        find_bursts(series, window=0)
    with pytest.raises(ValueError):
        find_bursts(CountSeries.from_counts([[1, -2, 3]]))


def test_signals_are_binned_per_group_and_day():
    days = ["2024-01-03T10:00", "2024-01-01", "2024-01-03", "2024-01-02T23:59"]
    groups = [("Pothole", "Canton"), ("Pothole", "Canton"), ("Rats", "Canton"), ("Pothole", "Canton")]
    series = count_signals(days, groups)
    assert series.groups == (("Pothole", "Canton"), ("Rats", "Canton"))
    assert list(series.bin_starts) == list(np.arange("2024-01-01", "2024-01-04", dtype="datetime64[D]"))
    assert series.counts.tolist() == [[1, 1, 1], [0, 0, 1]]


def test_weekly_bins_and_a_fixed_period():
    days = ["2024-01-01", "2024-01-07", "2024-01-08", "2023-12-31", "2024-02-01"]
    series = count_signals(days, ["a"] * 5, bin_days=7, first_day="2024-01-01", last_day="2024-01-14")
    assert series.counts.tolist() == [[2, 1]]
    assert series.bin_starts[1] == np.datetime64("2024-01-08")


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.sampled_from("abc")), min_size=1, max_size=50))
def test_binning_keeps_every_signal_and_ignores_order(signals):
    days = [np.datetime64("2024-01-01") + d for d, _ in signals]
    groups = [g for _, g in signals]
    series = count_signals(days, groups, bin_days=3)
    assert series.counts.sum() == len(signals)
    reversed_series = count_signals(days[::-1], groups[::-1], bin_days=3)
    assert series.groups == reversed_series.groups
    assert np.array_equal(series.counts, reversed_series.counts)


def test_binning_refuses_mismatched_or_undated_signals():
    with pytest.raises(ValueError):
        count_signals(["2024-01-01"], ["a", "b"])
    with pytest.raises(ValueError):
        count_signals(["NaT"], ["a"])


@settings(max_examples=40, deadline=None)
@given(rate=st.floats(0.05, 8.0), seed=seeds, guard=st.integers(0, 3), window=st.integers(3, 30))
def test_bursts_start_where_the_bayes_system_of_r_surveillance_alarms(rate, seed, guard, window):
    """algo.bayes: alarm when the count passes the quantile of NegBin(S + 1/2, n / (n + 1)), with S
    the signals over the n reference bins. Every such bin lies in a burst; every burst starts on one."""
    counts = flat(rate, seed, bins=150)
    counts[0, 80] += 12
    alpha = 1e-3
    row = counts[0]
    alarms = set()
    for t in range(window + guard, len(row)):
        reference = row[t - guard - window : t - guard]
        bound = stats.nbinom.ppf(1 - alpha, reference.sum() + 0.5, window / (window + 1))
        if row[t] > bound and row[t] >= 3:
            alarms.add(t)
    bursts = find_bursts(CountSeries.from_counts(counts), window=window, guard=guard, alpha=alpha)
    assert {int(b.start) for b in bursts} <= alarms
    assert all(any(b.start <= t <= b.end for b in bursts) for t in alarms)
