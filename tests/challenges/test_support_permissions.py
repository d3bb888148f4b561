"""Support activities × roles × the phase open or closed, through the one `can()`."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from cocreate.accounts.models import Person
from cocreate.challenges.models import CheckIn, Team
from cocreate.spaces.models import Space, SpaceRole
from cocreate.spaces.permissions import can
from tests import factories
from tests.challenges.factories import challenge_space
from tests.challenges.support_factories import SUPPORT_ACTIVITIES, partner, prototype, team_with_members

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "participant", "organiser", "moderator", "evaluator", "team_member", "partner"]

# activity: (roles allowed while the phase is open, roles allowed once it has closed)
SUPPORT_MATRIX = {
    "ask_for_support": (["team_member"], []),
    "offer_support": (["organiser", "partner"], []),
    "add_support_kind": (["organiser", "partner"], ["organiser", "partner"]),
    "match_support": (["organiser"], ["organiser"]),
    "answer_check_in": (["organiser", "team_member"], ["organiser", "team_member"]),
}
# What each activity is asked about.
TARGETS = {"ask_for_support": "team", "answer_check_in": "check_in"}


@pytest.fixture
def cast(db):
    space, staff = challenge_space(activities=SUPPORT_ACTIVITIES)
    organisation = space.organisations.get()
    team, (member,) = team_with_members(space, members=1)
    people = {"visitor": AnonymousUser(), "organiser": staff, "team_member": member}
    for role in ("participant", "moderator", "evaluator"):
        people[role] = factories.PersonFactory()
    people["partner"], _org = partner()
    factories.MembershipFactory(person=people["moderator"], organisation=organisation, role="moderator")
    SpaceRole.objects.create(space=space, person=people["evaluator"], role="evaluator")
    check_in = CheckIn.objects.create(prototype=prototype(space, team), months=3, due_at=timezone.now())
    return space, {"team": team.pk, "check_in": check_in.pk}, people


def _target(kind: str, space, ids: dict):
    if kind == "team":
        return Team.objects.select_related("space").get(pk=ids["team"])
    if kind == "check_in":
        return CheckIn.objects.select_related("prototype__space").get(pk=ids["check_in"])
    return Space.objects.get(pk=space.pk)


@pytest.mark.parametrize("phase_open", [True, False], ids=["open", "closed"])
@pytest.mark.parametrize("activity", sorted(SUPPORT_MATRIX))
def test_support_matrix(cast, activity, phase_open):
    space, ids, people = cast
    if not phase_open:
        factories.change_phases(
            space, starts_at=timezone.now() - timedelta(days=9), ends_at=timezone.now() - timedelta(days=2)
        )
    when_open, when_closed = SUPPORT_MATRIX[activity]
    allowed = set(when_open if phase_open else when_closed)
    for role in ROLES:
        person = people[role]
        fresh = Person.objects.get(pk=person.pk) if person.is_authenticated else person
        decision = can(fresh, activity, _target(TARGETS.get(activity, "space"), space, ids))
        assert bool(decision) == (role in allowed), f"{activity} by {role}: {decision.reason!r}"
        if not decision:
            assert decision.reason, f"{activity} by {role} refused without a reason"
