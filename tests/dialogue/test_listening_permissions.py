"""Listening activities × roles × the phase open or closed, through the one `can()`."""

import pytest

from cocreate.spaces.models import Space
from tests import factories
from tests.challenges.permission_matrix import assert_allowed_exactly, close_phases, usual_people
from tests.dialogue.listening_factories import listening_space
from tests.dialogue.questions_factories import QUESTION_ACTIVITIES

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "participant", "organiser", "moderator", "evaluator"]

# activity: (roles allowed while the phase is open, roles allowed once it has closed)
# Signals can hold people's addresses and unreviewed complaints: only the organisers, whatever the phase.
LISTENING_MATRIX = {
    "listen": (["organiser"], ["organiser"]),
    "manage_listening": (["organiser"], ["organiser"]),
}


@pytest.fixture
def cast():
    space, staff, _organisation = listening_space()
    factories.PhaseFactory(space=space, title="Ask and support", activities=list(QUESTION_ACTIVITIES))
    space = Space.objects.get(pk=space.pk)
    return space, usual_people(space, staff)


@pytest.mark.parametrize("phase_open", [True, False], ids=["open", "closed"])
@pytest.mark.parametrize("activity", sorted(LISTENING_MATRIX))
def test_listening_matrix(cast, activity, phase_open):
    space, people = cast
    if not phase_open:
        close_phases(space)
    assert set(people) == set(ROLES)
    allowed = LISTENING_MATRIX[activity][0 if phase_open else 1]
    assert_allowed_exactly(activity, people, allowed, lambda: Space.objects.get(pk=space.pk))
