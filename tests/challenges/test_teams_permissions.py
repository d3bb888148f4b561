"""The teams' activities × roles (with team lead and team member) × phase open/closed, through
the one `can()`."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from cocreate.accounts.models import Person
from cocreate.challenges.models import Team
from cocreate.spaces.models import Space, SpaceRole
from cocreate.spaces.permissions import can
from tests import factories
from tests.challenges.teams_factories import make_team, team_space

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "participant", "organiser", "moderator", "evaluator", "team_lead", "team_member"]
SIGNED_IN = ROLES[1:]

# activity: (roles allowed while the phase is open, roles allowed while it is closed)
TEAMS_MATRIX = {
    "form_team": (SIGNED_IN, []),
    "join_team": (SIGNED_IN, []),
    "manage_team": (["organiser", "team_lead"], ["organiser", "team_lead"]),
    "leave_team": (["team_lead", "team_member"], ["team_lead", "team_member"]),
    "look_for_team": (SIGNED_IN, SIGNED_IN),
}
# Asked about the space; the others about a team.
ON_SPACE = {"form_team", "look_for_team"}


@pytest.fixture
def cast(db):
    space, staff = team_space()
    organisation = space.organisations.get()
    people = {"visitor": AnonymousUser(), "organiser": staff}
    for role in ("participant", "moderator", "evaluator", "team_lead", "team_member"):
        people[role] = factories.PersonFactory()
    factories.MembershipFactory(person=people["moderator"], organisation=organisation, role="moderator")
    SpaceRole.objects.create(space=space, person=people["evaluator"], role="evaluator")
    team = make_team(space, people["team_lead"], members=[people["team_member"]])
    return space, team, people


@pytest.mark.parametrize("phase_open", [True, False], ids=["open", "closed"])
@pytest.mark.parametrize("activity", sorted(TEAMS_MATRIX))
def test_teams_matrix(cast, activity, phase_open):
    space, team, people = cast
    if not phase_open:
        factories.change_phases(
            space, starts_at=timezone.now() - timedelta(days=9), ends_at=timezone.now() - timedelta(days=2)
        )
    allowed = set(TEAMS_MATRIX[activity][0 if phase_open else 1])
    for role, person in people.items():
        fresh = Person.objects.get(pk=person.pk) if person.is_authenticated else person
        if activity in ON_SPACE:
            target = Space.objects.get(pk=space.pk)
        else:
            target = Team.objects.select_related("space").prefetch_related("members").get(pk=team.pk)
        decision = can(fresh, activity, target)
        assert bool(decision) == (role in allowed), f"{activity} by {role}: {decision.reason!r}"
        if not decision:
            assert decision.reason, f"{activity} by {role} refused without a reason"


def test_a_disbanded_team_cannot_be_joined_or_run(cast):
    space, team, people = cast
    Team.objects.filter(pk=team.pk).update(disbanded_at=timezone.now())
    target = Team.objects.select_related("space").prefetch_related("members").get(pk=team.pk)
    assert (
        can(Person.objects.get(pk=people["participant"].pk), "join_team", target).reason == "This team has disbanded."
    )
    assert not can(Person.objects.get(pk=people["team_lead"].pk), "manage_team", target)
