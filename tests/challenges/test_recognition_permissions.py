"""Recognition activities × roles, through the one `can()`: only organisers award, whether a
phase is open or not."""

import pytest

from cocreate.spaces.models import Space
from tests.challenges.factories import challenge_space
from tests.challenges.permission_matrix import assert_allowed_exactly, close_phases, usual_people
from tests.challenges.support_factories import partner, team_with_members

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "participant", "organiser", "moderator", "evaluator", "team_member", "partner"]

# activity: (roles allowed while the phase is open, roles allowed once it has closed)
RECOGNITION_MATRIX = {
    "recognise": (["organiser"], ["organiser"]),
}


@pytest.mark.parametrize("phase_open", [True, False], ids=["open", "closed"])
@pytest.mark.parametrize("activity", sorted(RECOGNITION_MATRIX))
def test_recognition_matrix(activity, phase_open):
    space, staff = challenge_space()
    _team, (member,) = team_with_members(space, members=1)
    people = {**usual_people(space, staff), "team_member": member}
    people["partner"], _org = partner()
    if not phase_open:
        close_phases(space)
    assert set(people) == set(ROLES)
    allowed = RECOGNITION_MATRIX[activity][0 if phase_open else 1]
    assert_allowed_exactly(activity, people, allowed, lambda: Space.objects.get(pk=space.pk))
