"""Support activities × roles × the phase open or closed, through the one `can()`."""

import pytest
from django.utils import timezone

from cocreate.challenges.models import CheckIn, Team
from cocreate.spaces.models import Space
from tests.challenges.factories import challenge_space
from tests.challenges.permission_matrix import assert_allowed_exactly, close_phases, usual_people
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
    team, (member,) = team_with_members(space, members=1)
    people = {**usual_people(space, staff), "team_member": member}
    people["partner"], _org = partner()
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
        close_phases(space)
    assert set(people) == set(ROLES)
    allowed = SUPPORT_MATRIX[activity][0 if phase_open else 1]
    assert_allowed_exactly(activity, people, allowed, lambda: _target(TARGETS.get(activity, "space"), space, ids))
