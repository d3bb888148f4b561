"""Answer-time statistics: percentiles as NumPy computes them, every question counted once in the
right place, and the 30-day share only over questions whose 30 days are decided."""

from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cocreate.algorithms.answer_times import QuestionMoments, answer_times, percentile

NOW = datetime(2026, 11, 24, 12, tzinfo=UTC)
ASKED = NOW - timedelta(days=400)

values = st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=60)


@settings(max_examples=200, deadline=None)
@given(values=values, q=st.floats(0, 100))
def test_percentile_agrees_with_numpy_linear(values, q):
    assert percentile(values, q) == pytest.approx(float(np.percentile(values, q, method="linear")), rel=1e-9, abs=1e-9)


def test_percentile_of_nothing_is_none_and_out_of_range_is_refused():
    assert percentile([], 50) is None
    with pytest.raises(ValueError):
        percentile([1.0], 101)


@st.composite
def question_list(draw):
    count = draw(st.integers(0, 40))
    questions = []
    for key in range(count):
        asked = ASKED + timedelta(hours=draw(st.integers(0, 24 * 200)))
        kind = draw(st.sampled_from(["open", "waiting", "answered", "answered_unselected"]))
        selected = answered = None
        if kind in ("waiting", "answered"):
            selected = asked + timedelta(hours=draw(st.integers(0, 24 * 100)))
        if kind == "answered":
            answered = selected + timedelta(hours=draw(st.integers(0, 24 * 90)))
        if kind == "answered_unselected":
            answered = asked + timedelta(hours=draw(st.integers(0, 24 * 90)))
        questions.append(QuestionMoments(key, asked, selected, answered))
    return questions


@settings(max_examples=200, deadline=None)
@given(questions=question_list())
def test_each_question_is_counted_once_in_the_right_place(questions):
    result = answer_times(questions, now=NOW)
    answered = [q for q in questions if q.answered_at]
    waiting = [q for q in questions if q.selected_at and not q.answered_at]
    assert result.answered == len(answered)
    assert result.waiting_count == len(waiting)
    assert {w.key for w in result.waiting} == {q.key for q in waiting}
    assert [w.days for w in result.waiting] == sorted((w.days for w in result.waiting), reverse=True)
    if answered:
        assert result.median_days_from_asking <= result.p90_days_from_asking
        longest = max((q.answered_at - q.asked_at).days + 1 for q in answered)
        assert 0 <= result.median_days_from_asking <= longest
    else:
        assert result.median_days_from_asking is None and result.p90_days_from_asking is None
    if result.share_within_deadline is not None:
        assert 0 <= result.share_within_deadline <= 1


@settings(max_examples=200, deadline=None)
@given(questions=question_list())
def test_the_30_day_share_counts_only_decided_questions(questions):
    result = answer_times(questions, now=NOW)
    decided = [q for q in questions if q.selected_at and (q.answered_at or NOW - q.selected_at > timedelta(days=30))]
    quick = [q for q in decided if q.answered_at and q.answered_at - q.selected_at <= timedelta(days=30)]
    if decided:
        assert result.share_within_deadline == pytest.approx(len(quick) / len(decided))
    else:
        assert result.share_within_deadline is None


def test_a_worked_example():
    day = timedelta(days=1)
    questions = [
        QuestionMoments(1, ASKED, ASKED + 10 * day, ASKED + 12 * day),  # 2 days after selection
        QuestionMoments(2, ASKED, ASKED + 10 * day, ASKED + 50 * day),  # 40 days: late
        QuestionMoments(3, ASKED, ASKED + 10 * day, ASKED + 20 * day),  # 10 days
        QuestionMoments(4, ASKED, NOW - 5 * day),  # waiting 5 days: not decided yet
        QuestionMoments(5, ASKED, NOW - 45 * day),  # waiting 45 days: late
        QuestionMoments(6, ASKED),  # open: ignored
    ]
    result = answer_times(questions, now=NOW)
    assert result.answered == 3
    assert result.median_days_to_answer == pytest.approx(10)
    assert result.p90_days_to_answer == pytest.approx(10 + 0.8 * 30)
    assert result.median_days_from_asking == pytest.approx(20)
    assert result.share_within_deadline == pytest.approx(2 / 4)
    assert [(w.key, round(w.days)) for w in result.waiting] == [(5, 45), (4, 5)]
    assert result.longest_wait_days == pytest.approx(45)
