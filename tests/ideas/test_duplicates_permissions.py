"""Duplicate review × roles × the phase open or closed, through the one `can()`."""

import pytest

from cocreate.spaces.models import Space
from tests import factories
from tests.challenges.permission_matrix import assert_allowed_exactly, close_phases, usual_people

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "participant", "organiser", "moderator", "evaluator", "author"]

# activity: (roles allowed while the phase is open, roles allowed once it has closed)
# Writing one of the ideas that look alike gives no say on whether they are duplicates.
DUPLICATES_MATRIX = {
    "review_duplicates": (["organiser", "moderator"], ["organiser", "moderator"]),
}


@pytest.fixture
def cast():
    organisation = factories.OrganisationFactory()
    staff = factories.PersonFactory()
    factories.MembershipFactory(person=staff, organisation=organisation, role="staff")
    space = factories.open_space(organisation)
    author = factories.PersonFactory()
    for title in ("Plant more trees along the high street", "More trees on the high street please"):
        factories.IdeaFactory(space=space, author=author, title=title)
    return space, {**usual_people(space, staff), "author": author}


@pytest.mark.parametrize("phase_open", [True, False], ids=["open", "closed"])
@pytest.mark.parametrize("activity", sorted(DUPLICATES_MATRIX))
def test_duplicates_matrix(cast, activity, phase_open):
    space, people = cast
    if not phase_open:
        close_phases(space)
    assert set(people) == set(ROLES)
    allowed = DUPLICATES_MATRIX[activity][0 if phase_open else 1]
    assert_allowed_exactly(activity, people, allowed, lambda: Space.objects.get(pk=space.pk))
