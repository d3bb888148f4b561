"""Reads about questions: filters and sorts, the space page's overview, similar questions and the
answer-time statistics, each in a number of queries that does not grow with the rows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cocreate.accounts.models import Person
from cocreate.dialogue.models import Question, QuestionStatus
from cocreate.dialogue.selectors import questions as selectors
from cocreate.dialogue.services.questions import question_answer, question_decline
from tests import factories
from tests.dialogue.questions_factories import ask, dialogue_space, selected, supported

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    return dialogue_space()


def _fill(space, staff, rows: int) -> None:
    """`rows` questions of every kind: open, selected, answered, declined."""
    for i in range(rows):
        question = supported(ask(space), i % 3)
        if i % 4 == 1:
            selected(space, staff, question)
        elif i % 4 == 2:
            (question,) = selected(space, staff, question)
            question_answer(person=staff, question=question, body="The officials answer this in some detail.")
        elif i % 4 == 3:
            question_decline(person=staff, question=question, reason="Decided by the city, not the state.")


def _queries(run) -> int:
    with CaptureQueriesContext(connection) as captured:
        run()
    return len(captured)


@pytest.mark.parametrize(
    "read",
    [
        lambda space, viewer: [q.asker.public_name for q in selectors.question_list(space=space, viewer=viewer)],
        lambda space, viewer: [
            (q.supported, q.answer.body)
            for q in selectors.question_list(space=space, viewer=viewer, sort="recently_answered")
        ],
        lambda space, viewer: selectors.question_overview(space=space, viewer=viewer),
        lambda space, viewer: [q.days_waiting for q in selectors.answer_statistics(space=space).waiting],
        lambda space, viewer: [q.asker.public_name for q in selectors.selection_candidates(space=space)],
        lambda space, viewer: [r.selected_count for r in selectors.selection_round_list(space=space)],
    ],
    ids=["list", "answered", "overview", "statistics", "candidates", "rounds"],
)
def test_reads_run_the_same_number_of_queries_at_2_and_10_rows(setup, read):
    space, staff = setup
    viewer = factories.PersonFactory()
    _fill(space, staff, 2)
    fresh = Person.objects.get(pk=viewer.pk)  # nothing remembered about the viewer's roles
    few = _queries(lambda: read(space, fresh))
    _fill(space, staff, 8)
    assert Question.objects.filter(space=space).count() == 10
    fresh = Person.objects.get(pk=viewer.pk)
    assert _queries(lambda: read(space, fresh)) == few


def test_the_list_filters_by_status_and_sorts(setup):
    space, staff = setup
    low, high = supported(ask(space), 1), supported(ask(space), 3)
    (answered,) = selected(space, staff, supported(ask(space), 2))
    question_answer(person=staff, question=answered, body="The officials answer this in some detail.")
    viewer = factories.PersonFactory()
    assert list(selectors.question_list(space=space, viewer=viewer)) == [high, answered, low]
    assert list(selectors.question_list(space=space, viewer=viewer, sort="newest")) == [answered, high, low]
    assert list(selectors.question_list(space=space, viewer=viewer, status="open")) == [high, low]
    assert list(selectors.question_list(space=space, viewer=viewer, sort="recently_answered")) == [answered]
    # Nonsense is ignored: everything, most supported first.
    assert list(selectors.question_list(space=space, viewer=viewer, status="x", sort="y")) == [high, answered, low]


def test_the_list_says_which_questions_the_viewer_supports(setup):
    from cocreate.dialogue.services.questions import question_support

    space, _staff = setup
    mine, other = ask(space), ask(space)
    viewer = factories.PersonFactory()
    question_support(person=viewer, question=mine)
    flags = {q.pk: q.supported for q in selectors.question_list(space=space, viewer=viewer)}
    assert flags == {mine.pk: True, other.pk: False}


def test_no_overview_outside_a_dialogue_space():
    assert selectors.question_overview(space=factories.open_space(), viewer=None) is None


def test_the_overview_shows_the_most_supported_open_questions_and_the_latest_answers(setup):
    space, staff = setup
    top = supported(ask(space), 4)
    (answered,) = selected(space, staff, supported(ask(space), 9))
    question_answer(person=staff, question=answered, body="The officials answer this in some detail.")
    overview = selectors.question_overview(space=space, viewer=staff)
    assert overview["top"] == [top] and overview["answered"] == [answered]
    assert overview["counts"]["answered"] == 1 and overview["counts"]["open"] == 1
    assert overview["can_select"]


def test_similar_questions_are_suggested_from_the_same_space(setup):
    space, _staff = setup
    buses = ask(space, title="When will the bus lines to Canoas run again after the floods?")
    ask(space, title="Why are hospital queues in Pelotas so long?")
    elsewhere, _ = dialogue_space()
    ask(elsewhere, title="When will the bus lines to Canoas run again?")
    found = selectors.similar_questions(space=space, text="bus lines Canoas")
    assert found == [buses]
    assert selectors.similar_questions(space=space, text="bus lines Canoas", exclude_id=buses.pk) == []
    # A question asked afterwards is suggested at once.
    later = ask(space, title="Which bus lines to Canoas will be restored first?")
    assert later in selectors.similar_questions(space=space, text="bus lines Canoas")


def test_answer_statistics_count_from_selection_and_from_asking(setup):
    space, staff = setup
    (question,) = selected(space, staff, ask(space))
    Question.objects.filter(pk=question.pk).update(
        created_at=timezone.now() - timedelta(days=20), selected_at=timezone.now() - timedelta(days=10)
    )
    question.refresh_from_db()
    question_answer(person=staff, question=question, body="The officials answer this in some detail.")
    (waiting,) = selected(space, staff, ask(space))
    Question.objects.filter(pk=waiting.pk).update(selected_at=timezone.now() - timedelta(days=40))
    statistics = selectors.answer_statistics(space=space)
    assert statistics.times.answered == 1
    assert statistics.times.median_days_to_answer == pytest.approx(10, abs=0.01)
    assert statistics.times.median_days_from_asking == pytest.approx(20, abs=0.01)
    assert statistics.times.share_within_deadline == pytest.approx(0.5)
    assert [q.pk for q in statistics.waiting] == [waiting.pk]
    assert statistics.waiting[0].days_waiting == pytest.approx(40, abs=0.01)
    assert statistics.asked == 2 and statistics.declined == 0
    assert Question.objects.get(pk=question.pk).status == QuestionStatus.ANSWERED
