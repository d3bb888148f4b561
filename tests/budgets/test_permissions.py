"""The budgets' activities × roles × vote open/closed, through the one `can()`."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from cocreate.accounts.models import Person
from cocreate.budgets import services
from cocreate.budgets.models import Budget, ChangeSuggestion, Project, ProjectStatus
from cocreate.spaces.models import SpaceRole
from cocreate.spaces.permissions import can
from tests import factories
from tests.budgets.factories import budget_space

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "participant", "author", "organiser", "moderator", "evaluator"]
SIGNED_IN = ROLES[1:]
STAFF = ["organiser", "evaluator"]

# activity: (target, roles allowed while the vote is open, roles allowed once it has closed)
BUDGET_MATRIX = {
    "propose_project": ("budget", SIGNED_IN, []),
    "vote": ("budget", SIGNED_IN, []),
    "manage_budget": ("budget", ["organiser"], ["organiser"]),
    "change_budget_rules": ("budget", ["organiser"], ["organiser"]),
    "enter_ballot": ("budget", ["organiser", "moderator"], []),
    "count_votes": ("budget", [], ["organiser"]),
    "suggest_change": ("project", SIGNED_IN, []),
    "withdraw_project": ("project", ["author"], ["author"]),
    "review_project": ("project", STAFF, STAFF),
    "follow_project": ("project", SIGNED_IN, SIGNED_IN),
    "post_delivery_update": ("funded", ["organiser"], ["organiser"]),
    "decide_suggestion": ("suggestion", STAFF, STAFF),
}


@pytest.fixture
def cast(db):
    space, staff = budget_space()
    organisation = space.organisations.get()
    people = {"visitor": AnonymousUser(), "organiser": staff}
    for role in ("participant", "author", "moderator", "evaluator"):
        people[role] = factories.PersonFactory()
    factories.MembershipFactory(person=people["moderator"], organisation=organisation, role="moderator")
    SpaceRole.objects.create(space=space, person=people["evaluator"], role="evaluator")
    budget = services.budget_create(person=staff, space=space, title="City", amount=1000)
    project = services.project_propose(
        person=people["author"],
        budget=budget,
        title="New benches",
        description="Benches along the river walk.",
        cost=100,
    )
    funded = services.project_propose(
        person=people["author"], budget=budget, title="More trees", description="Trees in every school yard.", cost=100
    )
    Project.objects.filter(pk=funded.pk).update(status=ProjectStatus.FUNDED)
    suggestion = services.suggestion_create(person=people["participant"], project=project, body="Add some shade.")
    return space, {"budget": budget.pk, "project": project.pk, "funded": funded.pk, "suggestion": suggestion.pk}, people


def _target(kind: str, ids: dict):
    if kind == "budget":
        return Budget.objects.select_related("space").get(pk=ids["budget"])
    if kind == "suggestion":
        return ChangeSuggestion.objects.select_related("space", "project__budget").get(pk=ids["suggestion"])
    return Project.objects.select_related("space", "budget").get(pk=ids[kind])


@pytest.mark.parametrize("vote_open", [True, False], ids=["vote-open", "vote-closed"])
@pytest.mark.parametrize("activity", sorted(BUDGET_MATRIX))
def test_budget_matrix(cast, activity, vote_open):
    space, ids, people = cast
    if not vote_open:
        factories.change_phases(
            space, starts_at=timezone.now() - timedelta(days=9), ends_at=timezone.now() - timedelta(days=2)
        )
    kind, when_open, when_closed = BUDGET_MATRIX[activity]
    allowed = set(when_open if vote_open else when_closed)
    for role, person in people.items():
        fresh = Person.objects.get(pk=person.pk) if person.is_authenticated else person
        decision = can(fresh, activity, _target(kind, ids))
        assert bool(decision) == (role in allowed), f"{activity} by {role}: {decision.reason!r}"
        if not decision:
            assert decision.reason, f"{activity} by {role} refused without a reason"


def test_counting_waits_for_a_vote_that_has_not_started(cast):
    space, ids, people = cast
    factories.change_phases(
        space, starts_at=timezone.now() + timedelta(days=2), ends_at=timezone.now() + timedelta(days=9)
    )
    decision = can(Person.objects.get(pk=people["organiser"].pk), "count_votes", _target("budget", ids))
    assert not decision and "not started" in decision.reason
