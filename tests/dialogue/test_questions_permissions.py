"""Question activities × roles × the phase open or closed, through the one `can()`."""

import pytest

from cocreate.dialogue.models import Question
from cocreate.spaces.models import Space
from tests import factories
from tests.challenges.permission_matrix import assert_allowed_exactly, close_phases, usual_people
from tests.dialogue.questions_factories import ask, dialogue_space, selected

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "participant", "organiser", "moderator", "evaluator", "asker"]
SIGNED_IN = ["participant", "organiser", "moderator", "evaluator", "asker"]

# activity: (roles allowed while the phase is open, roles allowed once it has closed)
QUESTIONS_MATRIX = {
    "ask_question": (SIGNED_IN, []),
    "ask_question_for_someone": (["organiser", "moderator"], ["organiser", "moderator"]),
    "support_question": (SIGNED_IN, []),  # the service then tells the asker their support is counted
    "select_questions": (["organiser"], ["organiser"]),
    "answer_question": (["organiser"], ["organiser"]),
    "decline_question": (["organiser"], ["organiser"]),
}
# What each activity is asked about: the space, an open question or a selected one.
TARGETS = {"support_question": "open", "decline_question": "open", "answer_question": "selected"}


@pytest.fixture
def cast():
    space, staff = dialogue_space()
    asker = factories.PersonFactory()
    people = {**usual_people(space, staff), "asker": asker}
    open_question = ask(space, person=asker)
    (selected_question,) = selected(space, staff, ask(space, person=asker))
    return space, {"open": open_question.pk, "selected": selected_question.pk}, people


def _target(kind: str, space, ids: dict):
    if kind == "space":
        return Space.objects.get(pk=space.pk)
    return Question.objects.select_related("space").get(pk=ids[kind])


@pytest.mark.parametrize("phase_open", [True, False], ids=["open", "closed"])
@pytest.mark.parametrize("activity", sorted(QUESTIONS_MATRIX))
def test_questions_matrix(cast, activity, phase_open):
    space, ids, people = cast
    if not phase_open:
        close_phases(space)
    assert set(people) == set(ROLES)
    allowed = QUESTIONS_MATRIX[activity][0 if phase_open else 1]
    assert_allowed_exactly(activity, people, allowed, lambda: _target(TARGETS.get(activity, "space"), space, ids))


def test_an_answered_question_can_no_longer_be_supported_answered_or_declined(cast):
    from cocreate.dialogue.services.questions import question_answer
    from cocreate.spaces.permissions import can

    space, ids, people = cast
    question = _target("selected", space, ids)
    question_answer(
        person=people["organiser"], question=question, body="The buses return on 1 March, every 15 minutes."
    )
    question = _target("selected", space, ids)
    for activity in ("support_question", "answer_question", "decline_question"):
        decision = can(people["organiser"], activity, question)
        assert not decision and decision.reason
