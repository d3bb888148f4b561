"""Starting and running a challenge × roles × phase open/closed, through the one `can()`."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from cocreate.accounts.models import Person
from cocreate.spaces.models import Space, SpaceRole
from cocreate.spaces.permissions import can
from tests import factories
from tests.challenges.factories import challenge_space

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
    organisation = space.organisations.get()
    people = {"visitor": AnonymousUser(), "organiser": staff}
    for role in ("participant", "moderator", "evaluator"):
        people[role] = factories.PersonFactory()
    factories.MembershipFactory(person=people["moderator"], organisation=organisation, role="moderator")
    SpaceRole.objects.create(space=space, person=people["evaluator"], role="evaluator")
    return space, organisation, people


@pytest.mark.parametrize("phase_open", [True, False], ids=["open", "closed"])
@pytest.mark.parametrize("activity", sorted(SETUP_MATRIX))
def test_setup_matrix(cast, activity, phase_open):
    space, organisation, people = cast
    if not phase_open:
        factories.change_phases(
            space, starts_at=timezone.now() - timedelta(days=9), ends_at=timezone.now() - timedelta(days=2)
        )
    allowed = set(SETUP_MATRIX[activity][0 if phase_open else 1])
    for role, person in people.items():
        fresh = Person.objects.get(pk=person.pk) if person.is_authenticated else person
        target = organisation if activity in ON_ORGANISATION else Space.objects.get(pk=space.pk)
        decision = can(fresh, activity, target)
        assert bool(decision) == (role in allowed), f"{activity} by {role}: {decision.reason!r}"
        if not decision:
            assert decision.reason, f"{activity} by {role} refused without a reason"
