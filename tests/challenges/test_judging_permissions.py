"""Judging's activities × roles × phase open/closed, through the one `can()`."""

import pytest
from django.utils import timezone

from cocreate.accounts.models import Person
from cocreate.challenges.activities.judging import JudgedEntry
from cocreate.challenges.models import Entry, Rubric
from cocreate.challenges.services import judging as services
from cocreate.spaces.models import Space
from cocreate.spaces.permissions import can
from tests import factories
from tests.challenges.judging_factories import entry, judge, judging_space, rubric, team
from tests.challenges.permission_matrix import assert_allowed_exactly, close_phases, usual_people

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "participant", "organiser", "moderator", "evaluator", "team_member", "judge"]
SIGNED_IN = ROLES[1:]

# activity: (roles allowed while the judging phase is open, roles allowed once it has closed)
JUDGING_MATRIX = {
    "submit_entry": (SIGNED_IN, []),
    "withdraw_entry": (["team_member"], ["team_member"]),
    "manage_judging": (["organiser"], ["organiser"]),
    "judge": (["judge"], []),
}
TARGETS = {"submit_entry": "space", "manage_judging": "space", "withdraw_entry": "entry", "judge": "judged"}


@pytest.fixture
def cast(db):
    space, staff = judging_space()
    people = usual_people(space, staff)
    for role in ("team_member", "judge"):
        people[role] = factories.PersonFactory()
    crew = team(space, people["team_member"])
    submitted = entry(space, person=people["team_member"], team=crew)
    made = rubric(staff, space)
    judge(staff, made, people["judge"])
    return space, {"entry": submitted.pk, "rubric": made.pk}, people


def _target(kind, space, ids):
    space = Space.objects.get(pk=space.pk)
    if kind == "space":
        return space
    submitted = Entry.objects.select_related("space").get(pk=ids["entry"])
    if kind == "entry":
        return submitted
    return JudgedEntry(Rubric.objects.select_related("space").get(pk=ids["rubric"]), submitted)


@pytest.mark.parametrize("phase_open", [True, False], ids=["open", "closed"])
@pytest.mark.parametrize("activity", sorted(JUDGING_MATRIX))
def test_judging_matrix(cast, activity, phase_open):
    space, ids, people = cast
    if not phase_open:
        close_phases(space)
    allowed = JUDGING_MATRIX[activity][0 if phase_open else 1]
    assert_allowed_exactly(activity, people, allowed, lambda: _target(TARGETS[activity], space, ids))


def test_a_judge_who_has_not_declared_is_told_to_declare_first(cast):
    space, ids, people = cast
    made = Rubric.objects.select_related("space").get(pk=ids["rubric"])
    undeclared = judge(made.created_by, made, declare=False)
    decision = can(undeclared, "judge", made)
    assert not decision and "Declare your conflicts of interest" in decision.reason


def test_judging_closes_when_the_results_are_published(cast):
    space, ids, people = cast
    made = Rubric.objects.select_related("space").get(pk=ids["rubric"])
    services.score_record(
        person=people["judge"],
        rubric=made,
        entry=Entry.objects.get(pk=ids["entry"]),
        values={c.pk: 3 for c in made.criteria.all()},
    )
    services.results_publish(person=people["organiser"], rubric=made)
    decision = can(Person.objects.get(pk=people["judge"].pk), "judge", _target("judged", space, ids))
    assert not decision and "published" in decision.reason


def test_a_withdrawn_entry_is_not_judged(cast):
    space, ids, people = cast
    Entry.objects.filter(pk=ids["entry"]).update(withdrawn_at=timezone.now())
    decision = can(Person.objects.get(pk=people["judge"].pk), "judge", _target("judged", space, ids))
    assert not decision and "withdrawn" in decision.reason
