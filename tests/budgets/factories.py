"""Budgets for the tests, made through the services so that what the pages show is what real
use produces (a budget space with its phases, a budget, projects reviewed onto the ballot)."""

from datetime import timedelta

from django.utils import timezone

from cocreate.accounts.models import Membership, Person
from cocreate.budgets import services
from cocreate.budgets.models import Budget, Project
from cocreate.spaces.models import Phase, Resident, Space
from tests.factories import OrganisationFactory, PersonFactory, SpaceFactory

OPEN = ("propose_project", "suggest_change", "vote")
DESCRIPTION = "What the project is, in enough words to pass the checks."


def budget_space(*, activities=OPEN, **fields) -> tuple[Space, Person]:
    """A public budget space with one phase open now for `activities`, and one of its staff."""
    organisation = OrganisationFactory()
    space = SpaceFactory(kind="budget", organisations=[organisation], **fields)
    now = timezone.now()
    Phase.objects.create(
        space=space,
        title="Propose and vote",
        starts_at=now - timedelta(days=1),
        ends_at=now + timedelta(days=30),
        activities=list(activities),
    )
    staff = PersonFactory()
    Membership.objects.create(person=staff, organisation=organisation, role="staff")
    return Space.objects.get(pk=space.pk), staff


def make_budget(space: Space, staff: Person, **fields) -> Budget:
    values = {"title": "Whole city", "amount": 100_000, "currency": "EUR", **fields}
    return services.budget_create(person=staff, space=space, **values)


def proposed(budget: Budget, person: Person | None = None, *, title: str = "", cost=10_000, **fields) -> Project:
    return services.project_propose(
        person=person or PersonFactory(),
        budget=budget,
        title=title or "A project for the town",
        description=DESCRIPTION,
        cost=cost,
        **fields,
    )


def on_ballot(budget: Budget, staff: Person, *, title: str = "", cost=10_000, **fields) -> Project:
    project = proposed(budget, title=title, cost=cost, **fields)
    return services.project_review(person=staff, project=project, feasible=True)


def resident(space: Space, reference: str, person: Person | None = None, district: str = "") -> Resident:
    return Resident.objects.create(
        space=space,
        reference=reference,
        district=district,
        person=person,
        verified_at=timezone.now() if person else None,
    )
