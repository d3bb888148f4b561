"""What every challenge area's permission matrix test shares: the people who hold the usual
roles in a space, closing its phases, and checking one activity for every role through the
one `can()`. Each test_<area>_permissions.py keeps its own `<AREA>_MATRIX` and its own people
for the area's roles (team lead, judge, partner…)."""

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from cocreate.accounts.models import Person
from cocreate.spaces.models import Space, SpaceRole
from cocreate.spaces.permissions import can
from tests import factories


def usual_people(space: Space, organiser: Person) -> dict:
    """A visitor (not signed in), a participant with no role, the organiser, a moderator of the
    organisation running the space and an evaluator of the space."""
    people = {"visitor": AnonymousUser(), "organiser": organiser}
    for role in ("participant", "moderator", "evaluator"):
        people[role] = factories.PersonFactory()
    factories.MembershipFactory(person=people["moderator"], organisation=space.organisations.get(), role="moderator")
    SpaceRole.objects.create(space=space, person=people["evaluator"], role="evaluator")
    return people


def close_phases(space: Space) -> None:
    """Every phase of the space ended two days ago."""
    factories.change_phases(
        space, starts_at=timezone.now() - timedelta(days=9), ends_at=timezone.now() - timedelta(days=2)
    )


def assert_allowed_exactly(activity: str, people: dict, allowed, target) -> None:
    """`can()` allows `activity` to the roles in `allowed` and to no one else in `people`, and
    every refusal gives a reason. `target()` returns a fresh target for each check (so nothing
    cached on it from one person's check leaks into the next)."""
    allowed = set(allowed)
    for role, person in people.items():
        fresh = Person.objects.get(pk=person.pk) if person.is_authenticated else person
        decision = can(fresh, activity, target())
        assert bool(decision) == (role in allowed), f"{activity} by {role}: {decision.reason!r}"
        if not decision:
            assert decision.reason, f"{activity} by {role} refused without a reason"
