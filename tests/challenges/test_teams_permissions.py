"""The teams' activities × roles (with team lead and team member) × phase open/closed, through
the one `can()`."""

import pytest
from django.utils import timezone

from cocreate.accounts.models import Person
from cocreate.challenges.models import Team
from cocreate.spaces.models import Space
from cocreate.spaces.permissions import can
from tests import factories
from tests.challenges.permission_matrix import assert_allowed_exactly, close_phases, usual_people
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
    people = usual_people(space, staff)
    for role in ("team_lead", "team_member"):
        people[role] = factories.PersonFactory()
    team = make_team(space, people["team_lead"], members=[people["team_member"]])
    return space, team, people


@pytest.mark.parametrize("phase_open", [True, False], ids=["open", "closed"])
@pytest.mark.parametrize("activity", sorted(TEAMS_MATRIX))
def test_teams_matrix(cast, activity, phase_open):
    space, team, people = cast
    if not phase_open:
        close_phases(space)

    def target():
        if activity in ON_SPACE:
            return Space.objects.get(pk=space.pk)
        return Team.objects.select_related("space").prefetch_related("members").get(pk=team.pk)

    assert_allowed_exactly(activity, people, TEAMS_MATRIX[activity][0 if phase_open else 1], target)


def test_a_disbanded_team_cannot_be_joined_or_run(cast):
    space, team, people = cast
    Team.objects.filter(pk=team.pk).update(disbanded_at=timezone.now())
    target = Team.objects.select_related("space").prefetch_related("members").get(pk=team.pk)
    assert (
        can(Person.objects.get(pk=people["participant"].pk), "join_team", target).reason == "This team has disbanded."
    )
    assert not can(Person.objects.get(pk=people["team_lead"].pk), "manage_team", target)
