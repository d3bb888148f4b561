"""The feedback summary of a prototype's version: counts add up, rates and shares stay between 0
and 1, the mean and median lie within the answers given, and tasks tried in several sessions
are matched by their text."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cocreate.algorithms.feedback_summary import EASE_LEVELS, WOULD_USE, Response, feedback_summary

TASK_NAMES = ["Find the page", "Book", "Cancel", "Pay", "Change the date"]


@st.composite
def responses(draw):
    tasks = draw(st.lists(st.sampled_from(TASK_NAMES), unique=True, max_size=5))
    return Response(
        tasks=tuple((task, draw(st.booleans())) for task in tasks),
        ease=draw(st.sampled_from(EASE_LEVELS)),
        would_use=draw(st.sampled_from(WOULD_USE)),
    )


@given(st.lists(responses(), max_size=60))
def test_counts_add_up_to_the_number_of_testers(answers):
    summary = feedback_summary(answers)
    assert summary.testers == len(answers)
    assert sum(summary.ease_counts.values()) == len(answers)
    assert sum(summary.would_use_counts.values()) == len(answers)
    assert list(summary.ease_counts) == list(EASE_LEVELS)
    assert list(summary.would_use_counts) == list(WOULD_USE)


@given(st.lists(responses(), min_size=1, max_size=60))
def test_mean_and_median_lie_within_the_answers(answers):
    summary = feedback_summary(answers)
    eases = [a.ease for a in answers]
    assert min(eases) <= summary.ease_mean <= max(eases)
    assert min(eases) <= summary.ease_median <= max(eases)
    assert sum(summary.would_use_shares.values()) == pytest.approx(1.0)


@given(st.lists(responses(), max_size=60))
def test_each_task_rate_is_over_the_testers_who_tried_it(answers):
    summary = feedback_summary(answers)
    for rate in summary.tasks:
        tried = [dict(a.tasks)[rate.task] for a in answers if rate.task in dict(a.tasks)]
        assert rate.tried == len(tried)
        assert rate.done == sum(tried)
        assert 0.0 <= rate.rate <= 1.0
    assert {rate.task for rate in summary.tasks} == {task for a in answers for task, _done in a.tasks}


@given(st.lists(responses(), max_size=30))
def test_order_of_answers_does_not_change_the_figures(answers):
    forward, backward = feedback_summary(answers), feedback_summary(list(reversed(answers)))
    assert (forward.testers, forward.ease_counts, forward.would_use_counts) == (
        backward.testers,
        backward.ease_counts,
        backward.would_use_counts,
    )
    assert {t.task: (t.tried, t.done) for t in forward.tasks} == {t.task: (t.tried, t.done) for t in backward.tasks}


def test_no_feedback_gives_zero_testers_and_no_averages():
    summary = feedback_summary([])
    assert (summary.testers, summary.ease_mean, summary.ease_median, summary.tasks) == (0, None, None, ())
    assert summary.would_use_share("yes") == 0.0


def test_a_worked_example():
    answers = [
        Response(tasks=(("Find", True), ("Book", True)), ease=5, would_use="yes"),
        Response(tasks=(("Find", True), ("Book", False)), ease=2, would_use="maybe"),
        Response(tasks=(("Find", False), ("Book", False), ("Pay", True)), ease=4, would_use="yes"),
        Response(tasks=(("Find", True),), ease=4, would_use="no"),
    ]
    summary = feedback_summary(answers)
    assert summary.testers == 4
    assert [(t.task, t.done, t.tried) for t in summary.tasks] == [("Find", 3, 4), ("Book", 1, 3), ("Pay", 1, 1)]
    assert summary.ease_mean == pytest.approx(3.75)
    assert summary.ease_median == 4.0
    assert summary.ease_counts == {1: 0, 2: 1, 3: 0, 4: 2, 5: 1}
    assert summary.would_use_shares == {"yes": 0.5, "maybe": 0.25, "no": 0.25}


@pytest.mark.parametrize(
    "bad", [Response(tasks=(), ease=0, would_use="yes"), Response(tasks=(), ease=3, would_use="?")]
)
def test_impossible_answers_are_refused(bad):
    with pytest.raises(ValueError):
        feedback_summary([bad])
