"""Recognition activities × roles, through the one `can()`: only organisers award, whether a
phase is open or not."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from cocreate.accounts.models import Person
from cocreate.spaces.models import Space, SpaceRole
from cocreate.spaces.permissions import can
from tests import factories
from tests.challenges.factories import challenge_space
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
    people = {"visitor": AnonymousUser(), "organiser": staff, "team_member": member}
    for role in ("participant", "moderator", "evaluator"):
        people[role] = factories.PersonFactory()
    people["partner"], _org = partner()
    factories.MembershipFactory(person=people["moderator"], organisation=space.organisations.get(), role="moderator")
    SpaceRole.objects.create(space=space, person=people["evaluator"], role="evaluator")
    if not phase_open:
        factories.change_phases(
            space, starts_at=timezone.now() - timedelta(days=9), ends_at=timezone.now() - timedelta(days=2)
        )
    when_open, when_closed = RECOGNITION_MATRIX[activity]
    allowed = set(when_open if phase_open else when_closed)
    for role in ROLES:
        person = people[role]
        fresh = Person.objects.get(pk=person.pk) if person.is_authenticated else person
        decision = can(fresh, activity, Space.objects.get(pk=space.pk))
        assert bool(decision) == (role in allowed), f"{activity} by {role}: {decision.reason!r}"
        if not decision:
            assert decision.reason
