"""Starting and running a challenge × roles × phase open/closed, through the one `can()`."""

import pytest

from cocreate.spaces.models import Space
from tests.challenges.factories import challenge_space
from tests.challenges.permission_matrix import assert_allowed_exactly, close_phases, usual_people

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "participant", "organiser", "moderator", "evaluator"]

# activity: (roles allowed while the phase is open, roles allowed while it is closed)
SETUP_MATRIX = {
    "start_challenge": (["organiser"], ["organiser"]),
    "manage_challenge": (["organiser"], ["organiser"]),
}
# start_challenge is asked about the organisation; the others about the challenge's space.
ON_ORGANISATION = {"start_challenge"}


@pytest.fixture
def cast(db):
    space, staff = challenge_space(activities=("form_team",))
    return space, space.organisations.get(), usual_people(space, staff)


@pytest.mark.parametrize("phase_open", [True, False], ids=["open", "closed"])
@pytest.mark.parametrize("activity", sorted(SETUP_MATRIX))
def test_setup_matrix(cast, activity, phase_open):
    space, organisation, people = cast
    if not phase_open:
        close_phases(space)

    def target():
        return organisation if activity in ON_ORGANISATION else Space.objects.get(pk=space.pk)

    assert_allowed_exactly(activity, people, SETUP_MATRIX[activity][0 if phase_open else 1], target)
