"""Judging arithmetic: weighted totals, evening out judges, trimmed means, Bradley–Terry, ranks."""

import itertools

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from cocreate.algorithms.judging import (
    bradley_terry,
    competition_ranks,
    judge_scores,
    next_pair,
    normalise,
    trimmed_mean,
    weighted_total,
)

marks_tables = st.integers(2, 6).flatmap(
    lambda judges: st.integers(2, 8).flatmap(
        lambda entries: arrays(float, (judges, entries), elements=st.integers(1, 5).map(float))
    )
)


def test_weighted_total_is_the_weighted_average_on_the_rubric_scale():
    assert weighted_total([5, 1], [3, 1]) == pytest.approx(4.0)
    assert weighted_total([4, 4, 4], [1, 2, 0.5]) == pytest.approx(4.0)


def test_weighted_total_refuses_a_missing_criterion():
    with pytest.raises(ValueError):
        weighted_total([3], [1, 1])


@given(
    st.lists(st.tuples(st.integers(1, 5), st.floats(0.1, 10)), min_size=1, max_size=8),
)
def test_weighted_total_lies_between_the_lowest_and_highest_criterion_score(pairs):
    values, weights = zip(*pairs, strict=True)
    assert min(values) - 1e-9 <= weighted_total(values, weights) <= max(values) + 1e-9


@given(st.lists(st.floats(-100, 100), min_size=1, max_size=12), st.integers(0, 4))
def test_trimmed_mean_lies_between_the_lowest_and_highest_mark(values, trim):
    result = trimmed_mean(values, trim)
    assert min(values) - 1e-9 <= result.value <= max(values) + 1e-9
    assert sorted(result.kept + result.dropped) == list(range(len(values)))


def test_trimmed_mean_leaves_out_the_highest_and_lowest_when_enough_marks_remain():
    result = trimmed_mean([1, 4, 4, 5, 5], 1)
    assert result.trimmed and result.value == pytest.approx(13 / 3)
    assert result.dropped == (0, 4)  # the 1, and the later of the two 5s (stable order)


def test_trimmed_mean_is_the_plain_mean_when_too_few_marks_would_remain():
    result = trimmed_mean([2, 4], 1)
    assert not result.trimmed and result.value == 3 and result.dropped == ()


def test_a_judge_with_too_few_marks_stays_on_the_raw_scale():
    marks = np.array([[5.0, 4.0, 5.0, 4.0], [2.0, np.nan, np.nan, np.nan]])
    evened = normalise(marks, min_scores=3)
    assert list(evened.applied) == [True, False]
    assert evened.marks[1, 0] == 2.0
    # The strict-looking judge's marks are centred on the average of every mark.
    assert np.nanmean(evened.marks[0]) == pytest.approx(np.nanmean(marks))


def test_a_judge_giving_everyone_the_same_mark_is_centred():
    marks = np.array([[3.0, 3.0, 3.0], [1.0, 3.0, 5.0]])
    evened = normalise(marks, min_scores=2)
    assert evened.marks[0] == pytest.approx([evened.centre] * 3)


@settings(max_examples=150)
@given(marks_tables, st.data())
def test_ranks_do_not_change_when_a_judge_adds_a_constant_to_all_their_marks(marks, data):
    judge = data.draw(st.integers(0, len(marks) - 1))
    shift = data.draw(st.sampled_from([-2.0, -0.5, 1.0, 3.0]))
    trim = data.draw(st.integers(0, 1))
    before = judge_scores(marks, min_scores=1, trim=trim, tolerance=1e-6)
    shifted = marks.copy()
    shifted[judge] += shift
    after = judge_scores(shifted, min_scores=1, trim=trim, tolerance=1e-6)
    scores = np.array([o.score for o in before])
    gaps = np.abs(scores[:, None] - scores[None, :])
    assume(np.all((gaps < 1e-9) | (gaps > 1e-4)))  # no near-tie that rounding could flip
    assert [o.rank for o in before] == [o.rank for o in after]


@given(marks_tables, st.integers(0, 2), st.booleans())
def test_every_entry_score_lies_within_its_marks(marks, trim, evened):
    outcomes = judge_scores(marks, normalise_marks=evened, min_scores=3, trim=trim)
    for outcome in outcomes:
        used = [m.normalised for m in outcome.marks]
        assert min(used) - 1e-9 <= outcome.score <= max(used) + 1e-9
        assert len(outcome.dropped_judges) == (2 * trim if outcome.trimmed else 0)


def test_an_entry_no_judge_marked_has_no_rank():
    marks = np.array([[3.0, np.nan], [4.0, np.nan]])
    outcomes = judge_scores(marks, normalise_marks=False)
    assert outcomes[1].rank is None and np.isnan(outcomes[1].score)
    assert outcomes[0].rank == 1


def test_competition_ranks_share_a_rank_and_skip_the_next():
    assert competition_ranks([9.0, 7.0, 7.0, 3.0]) == [1, 2, 2, 4]
    assert competition_ranks([1.0, float("nan"), 2.0]) == [2, None, 1]


def test_a_chain_of_small_differences_does_not_tie_first_and_last():
    assert competition_ranks([3.0, 2.99, 2.98], tolerance=0.015) == [1, 1, 3]


@given(st.lists(st.integers(0, 6).map(float), min_size=1, max_size=20))
def test_ranks_are_a_valid_competition_ranking(scores):
    ranks = competition_ranks(scores)
    for i, rank in enumerate(ranks):
        ahead = sum(1 for s in scores if s > scores[i])
        assert rank == ahead + 1


@given(st.integers(2, 8), st.integers(1, 3))
def test_bradley_terry_recovers_a_strictly_transitive_tournament(n, rounds):
    # Entry i beats every entry after it.
    outcomes = [(i, j, 1.0) for _ in range(rounds) for i, j in itertools.combinations(range(n), 2)]
    strengths = bradley_terry(n, outcomes).scores
    assert all(strengths[i] > strengths[i + 1] for i in range(n - 1))


def test_bradley_terry_counts_a_tie_as_half_a_win_each():
    strengths = bradley_terry(2, [(0, 1, 0.5), (0, 1, 0.5)])
    assert list(strengths.wins) == [1.0, 1.0]
    assert strengths.scores[0] == pytest.approx(strengths.scores[1])


def test_an_entry_never_compared_gets_the_average_and_separate_groups_stay_finite():
    # 0 beats 1; 2 beats 3; 4 never compared.
    result = bradley_terry(5, [(0, 1, 1.0), (2, 3, 1.0)])
    assert np.all(np.isfinite(result.scores))
    assert result.scores[4] == pytest.approx(0.0, abs=1e-6)
    assert result.scores[0] > result.scores[4] > result.scores[1]
    assert result.scores[0] == pytest.approx(result.scores[2])


def test_bradley_terry_refuses_an_entry_compared_with_itself():
    with pytest.raises(ValueError):
        bradley_terry(2, [(1, 1, 1.0)])


def test_next_pair_is_the_one_compared_least():
    candidates = [(1, 2), (1, 3), (2, 3)]
    assert next_pair(candidates, {(1, 2): 2, (1, 3): 1, (2, 3): 1}, {1: 3, 2: 3, 3: 2}) == (1, 3)
    assert next_pair([], {}, {}) is None


@given(
    st.integers(2, 7).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(
                st.tuples(st.integers(0, n - 1), st.integers(0, n - 1), st.sampled_from([0.0, 0.5, 1.0])).filter(
                    lambda o: o[0] != o[1]
                ),
                max_size=30,
            ),
        )
    )
)
def test_bradley_terry_strengths_are_always_finite_and_follow_wins_in_a_round_robin(case):
    n, outcomes = case
    result = bradley_terry(n, outcomes)
    assert np.all(np.isfinite(result.scores))
    assert result.wins.sum() == pytest.approx(len(outcomes))
